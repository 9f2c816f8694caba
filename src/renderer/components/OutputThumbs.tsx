import type { AssetView } from '../../shared/library.js';
import { useLibraryStore } from '../stores/libraryStore.js';
import { useNavigationStore } from '../stores/navigationStore.js';
import { AssetThumb } from './AssetThumb.js';

/** Library items as a strip of thumbnails (with names on the Dashboard); a click opens the item in the Library. */
export function OutputThumbs({ assets, testId, itemTestId, label, withNames = false, className = '' }: { assets: AssetView[]; testId: string; itemTestId?: string; label?: string; withNames?: boolean; className?: string }) {
  const go = useNavigationStore((s) => s.go);
  const select = useLibraryStore((s) => s.select);
  return (
    <ul className={`recent-outputs ${className}`.trim()} aria-label={label} data-testid={testId}>
      {assets.map((asset) => (
        <li key={asset.id}>
          <button
            type="button"
            className="recent-outputs__item"
            title={asset.name}
            data-testid={itemTestId}
            data-asset-id={asset.id}
            onClick={() => {
              select(asset.id);
              go('library');
            }}
          >
            <AssetThumb asset={asset} />
            {withNames ? <span className="recent-outputs__name">{asset.name}</span> : null}
          </button>
        </li>
      ))}
    </ul>
  );
}
