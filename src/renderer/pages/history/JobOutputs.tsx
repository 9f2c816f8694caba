import { useEffect, useState } from 'react';
import type { AssetView } from '../../../shared/library.js';
import { api } from '../../api/index.js';
import { OutputThumbs } from '../../components/OutputThumbs.js';
import { useT } from '../../i18n/index.js';

/** A finished job's outputs as library thumbnails; a click opens the item in the Library. */
export function JobOutputs({ jobId }: { jobId: string }) {
  const t = useT();
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
  return <OutputThumbs assets={assets} className="job-outputs" label={t('outputs.history.outputs')} testId="history-outputs" itemTestId="history-output" />;
}
