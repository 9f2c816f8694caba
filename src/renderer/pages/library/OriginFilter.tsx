import { ASSET_ORIGINS, type AssetOrigin } from '../../../shared/library.js';
import { useT, type MessageKey } from '../../i18n/index.js';
import { useLibraryStore } from '../../stores/libraryStore.js';

export const ORIGIN_KEYS: Record<AssetOrigin, MessageKey> = { import: 'outputs.origin.import', generated: 'outputs.origin.generated', batch: 'outputs.origin.batch' };

/** All / Imported / Generated / Batch: where the Library's items came from (issue 17). */
export function OriginFilter() {
  const t = useT();
  const origin = useLibraryStore((s) => s.query.origin);
  const setQuery = useLibraryStore((s) => s.setQuery);
  const item = (value: AssetOrigin | null, label: string) => (
    <button
      key={value ?? 'all'}
      type="button"
      className={origin === value ? 'segmented__item segmented__item--active' : 'segmented__item'}
      aria-pressed={origin === value}
      data-testid={`origin-${value ?? 'all'}`}
      onClick={() => setQuery({ origin: value })}
    >
      {label}
    </button>
  );
  return (
    <div className="segmented" role="group" aria-label={t('outputs.originFilter')} data-testid="library-origin-filter">
      {item(null, t('common.all'))}
      {ASSET_ORIGINS.map((o) => item(o, t(ORIGIN_KEYS[o])))}
    </div>
  );
}
