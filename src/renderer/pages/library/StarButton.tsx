import { useState } from 'react';
import type { AssetView } from '../../../shared/library.js';
import { useT } from '../../i18n/index.js';
import { useCleanupStore } from '../../stores/cleanupStore.js';
import { useLibraryStore } from '../../stores/libraryStore.js';

/** Star (keep) toggle of a library item: a starred item is never cleaned up. */
export function StarButton({ asset, testId = 'star-toggle' }: { asset: Pick<AssetView, 'id' | 'name' | 'starred'>; testId?: string }) {
  const t = useT();
  const star = useCleanupStore((s) => s.star);
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      className={asset.starred ? 'star-toggle star-toggle--on' : 'star-toggle'}
      aria-pressed={asset.starred}
      aria-label={t('lifecycle.star.label', { name: asset.name })}
      title={t('lifecycle.star.title')}
      data-testid={testId}
      data-asset-id={asset.id}
      disabled={busy}
      onClick={() => {
        setBusy(true);
        void star(asset.id, !asset.starred)
          .then(() => useLibraryStore.getState().load())
          .finally(() => setBusy(false));
      }}
    >
      <span aria-hidden="true">{asset.starred ? '★' : '☆'}</span>
    </button>
  );
}
