import type { AssetView } from '../../../shared/library.js';
import { AssetThumb } from '../../components/AssetThumb.js';
import { useLibraryStore } from '../../stores/libraryStore.js';
import { useNavigationStore } from '../../stores/navigationStore.js';

export function RecentOutputs({ assets }: { assets: AssetView[] }) {
  const go = useNavigationStore((s) => s.go);
  const select = useLibraryStore((s) => s.select);
  return (
    <ul className="recent-outputs" data-testid="dashboard-recent">
      {assets.map((asset) => (
        <li key={asset.id}>
          <button
            type="button"
            className="recent-outputs__item"
            title={asset.name}
            onClick={() => {
              select(asset.id);
              go('library');
            }}
          >
            <AssetThumb asset={asset} />
            <span className="recent-outputs__name">{asset.name}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
