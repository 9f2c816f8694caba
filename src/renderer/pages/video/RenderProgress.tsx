import type { JobView } from '../../../shared/jobs/model.js';
import { Icon } from '../../components/Icon.js';
import { ProgressBar } from '../../components/ProgressBar.js';
import { useLanguage, useT } from '../../i18n/index.js';
import { confirmCancelJob } from '../../lib/confirmCancel.js';
import { formatPercent } from '../../lib/format.js';
import { useVideoStore } from '../../stores/videoStore.js';
import { progressText } from '../../lib/serverText.js';

/** The render's progress bar (driven by the job's events) and its cancel button; null job = asking main to start. */
export function RenderProgress({ job }: { job: JobView | null }) {
  const t = useT();
  const language = useLanguage();
  const cancel = useVideoStore((s) => s.cancel);
  const status = job?.status ?? 'starting';
  const value = job === null ? 0 : job.status === 'succeeded' ? 1 : job.progress;
  let label: string;
  switch (status) {
    case 'starting':
      label = t('video.status.starting');
      break;
    case 'queued':
      label = job?.heldReason ? t('dashboard.held', { reason: progressText(job.heldReason, t, language) ?? '' }) : t('video.status.queued');
      break;
    case 'running':
      label = t('video.status.running', { percent: formatPercent(value) });
      break;
    case 'succeeded':
      label = t('video.status.succeeded');
      break;
    case 'canceled':
      label = t('video.status.canceled');
      break;
    case 'failed':
      label = t('video.failed');
      break;
  }
  const active = status === 'starting' || status === 'queued' || status === 'running';
  return (
    <div className={`render-progress render-progress--${status}`} data-testid="render-progress" data-status={status}>
      <div className="render-progress__top">
        <span className="render-progress__label" aria-live="polite" data-testid="render-progress-label">
          {label}
        </span>
        {active ? (
          <button
            type="button"
            className="btn btn--ghost btn--small"
            disabled={job === null}
            data-testid="render-cancel"
            onClick={() => void confirmCancelJob().then((ok) => (ok ? cancel() : undefined))}
          >
            <Icon name="stop" size={14} />
            {t('video.cancel')}
          </button>
        ) : null}
      </div>
      <ProgressBar value={value} label={t('video.progress')} testId="render-progress-bar" />
    </div>
  );
}
