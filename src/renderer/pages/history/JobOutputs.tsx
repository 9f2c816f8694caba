import { useEffect, useState } from 'react';
import type { AssetView } from '../../../shared/library.js';
import { api } from '../../api/index.js';
import { AssetThumb } from '../../components/AssetThumb.js';
import { useT } from '../../i18n/index.js';
import { useLibraryStore } from '../../stores/libraryStore.js';
import { useNavigationStore } from '../../stores/navigationStore.js';

/** A finished job's outputs as library thumbnails; a click opens the item in the Library. */
export function JobOutputs({ jobId }: { jobId: string }) {
  const t = useT();
  const go = useNavigationStore((s) => s.go);
  const select = useLibraryStore((s) => s.select);
  const [assets, setAssets] = useState<AssetView[]>([]);
  useEffect(() => {
    let live = true;
    const load = () =>
      api()
        .call('library.outputsOf', { jobId })
        .then((a) => live && setAssets(a))
        .catch(() => undefined);
    void load();
    // Outputs are registered as the job settles, and their thumbnails follow their probe.
    const off = api().on('library.changed', () => void load());
    return () => {
      live = false;
      off();
    };
  }, [jobId]);
  if (assets.length === 0) return null;
  return (
    <ul className="recent-outputs job-outputs" aria-label={t('outputs.history.outputs')} data-testid="history-outputs">
      {assets.map((asset) => (
        <li key={asset.id}>
          <button
            type="button"
            className="recent-outputs__item"
            title={asset.name}
            data-testid="history-output"
            data-asset-id={asset.id}
            onClick={() => {
              select(asset.id);
              go('library');
            }}
          >
            <AssetThumb asset={asset} />
          </button>
        </li>
      ))}
    </ul>
  );
}
