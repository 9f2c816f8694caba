import { useState } from 'react';
import type { TimelineOverview } from '../../../shared/api/contract.js';
import { isFinished } from '../../../shared/jobs/model.js';
import { Icon } from '../../components/Icon.js';
import { useT } from '../../i18n/index.js';
import { useVideoStore } from '../../stores/videoStore.js';
import { QualityPicker } from './QualityPicker.js';
import { RenderEstimateDialog } from './RenderEstimateDialog.js';
import { RenderFailure } from './RenderFailure.js';
import { RenderProgress } from './RenderProgress.js';
import { RenderResult } from './RenderResult.js';

/** Quality, the Render button (which shows the estimate first), then the job's progress and outcome. */
export function RenderPanel({ overview }: { overview: TimelineOverview }) {
  const t = useT();
  const [confirming, setConfirming] = useState(false);
  const quality = useVideoStore((s) => s.quality);
  const setQuality = useVideoStore((s) => s.setQuality);
  const job = useVideoStore((s) => s.job);
  const starting = useVideoStore((s) => s.starting);
  const renderError = useVideoStore((s) => s.renderError);
  const render = useVideoStore((s) => s.render);
  const busy = starting || (job !== null && !isFinished(job.status));
  const blocked = overview.scenes.some((s) => s.assetId === null);

  return (
    <section className="card render-panel" data-testid="render-panel" aria-label={t('video.render')}>
      <div className="render-panel__controls">
        <QualityPicker value={quality} disabled={busy} onChange={setQuality} />
        <button
          type="button"
          className="btn btn--primary"
          disabled={busy || blocked}
          data-testid="render-start"
          onClick={() => setConfirming(true)}
        >
          <Icon name="play" />
          {t('video.render')}
        </button>
      </div>
      {blocked ? (
        <p className="render-panel__blocked" data-testid="render-blocked">
          {t('video.renderBlocked')}
        </p>
      ) : null}
      {renderError ? <RenderFailure error={renderError} title={t('video.startFailed')} /> : null}
      {starting || job ? <RenderProgress job={job} /> : null}
      {job?.status === 'failed' && job.error ? <RenderFailure error={job.error} title={t('video.failed')} /> : null}
      {job?.status === 'succeeded' ? <RenderResult job={job} /> : null}
      {confirming ? (
        <RenderEstimateDialog
          overview={overview}
          quality={quality}
          onCancel={() => setConfirming(false)}
          onStart={() => {
            setConfirming(false);
            void render();
          }}
        />
      ) : null}
    </section>
  );
}
