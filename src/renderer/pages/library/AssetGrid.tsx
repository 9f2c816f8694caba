import type { AssetView } from '../../../shared/library.js';
import { Skeleton } from '../../components/Skeleton.js';
import { AssetCard } from './AssetCard.js';

export function AssetGrid({ assets, selectedId, onSelect }: { assets: AssetView[]; selectedId: string | null; onSelect: (id: string) => void }) {
  return (
    <ul className="asset-grid" data-testid="asset-grid">
      {assets.map((asset) => (
        <AssetCard
          key={asset.id}
          asset={asset}
          selected={asset.id === selectedId}
          onSelect={() => onSelect(asset.id)}
        />
      ))}
    </ul>
  );
}

export function AssetGridSkeleton({ count = 8 }: { count?: number }) {
  return (
    <ul className="asset-grid" data-testid="library-loading" aria-busy="true">
      {Array.from({ length: count }, (_, i) => (
        <li key={i} className="asset-card asset-card--skeleton">
          <Skeleton className="thumb" />
          <Skeleton className="skeleton--line" />
        </li>
      ))}
    </ul>
  );
}
