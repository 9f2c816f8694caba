import { useEffect, useState } from 'react';
import type { JobView } from '../../../shared/jobs/model.js';
import type { AssetView } from '../../../shared/library.js';
import { api } from '../../api/index.js';
import { useT } from '../../i18n/index.js';
import { jobTitle } from '../../lib/jobText.js';
import { projectPageOf } from '../../lib/outputPage.js';
import { useNavigationStore } from '../../stores/navigationStore.js';
import { ORIGIN_KEYS } from './OriginFilter.js';

/** Where an item came from: imported, or the job that made it, with the way to it in History and on its project's page. */
export function AssetSource({ asset }: { asset: AssetView }) {
  const t = useT();
  const go = useNavigationStore((s) => s.go);
  const [job, setJob] = useState<JobView | null | 'gone'>(null);
  useEffect(() => {
    setJob(null);
    if (!asset.sourceJobId) return;
    let live = true;
    api()
      .call('jobs.get', { id: asset.sourceJobId })
      .then((j) => live && setJob(j))
      .catch(() => live && setJob('gone'));
    return () => {
      live = false;
    };
  }, [asset.sourceJobId]);
  const page = job && job !== 'gone' ? projectPageOf(job) : null;
  return (
    <div className="asset-source" data-testid="asset-source" data-origin={asset.origin}>
      <span>{t(ORIGIN_KEYS[asset.origin])}</span>
      {asset.sourceJobId ? (
        <div className="asset-source__job">
          {job === 'gone' ? (
            <span className="muted">{t('outputs.source.jobGone')}</span>
          ) : job ? (
            <span data-testid="asset-source-job">{t('outputs.source.madeBy', { title: jobTitle(job, t) })}</span>
          ) : null}
          <div className="asset-source__links">
            <button type="button" className="btn btn--ghost btn--small" data-testid="asset-source-history" onClick={() => go('history')}>
              {t('outputs.source.openHistory')}
            </button>
            {page ? (
              <button type="button" className="btn btn--ghost btn--small" data-testid="asset-source-project" onClick={() => go(page)}>
                {t('outputs.source.openProject')}
              </button>
            ) : null}
          </div>
        </div>
      ) : null}
    </div>
  );
}
