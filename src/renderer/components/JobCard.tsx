import type { JobView } from '../../shared/jobs/model.js';
import { useLanguage, useT, type MessageKey } from '../i18n/index.js';
import { formatPercent } from '../lib/format.js';
import { jobTitle } from '../lib/jobText.js';
import { ProgressBar } from './ProgressBar.js';
import { StatusBadge } from './StatusBadge.js';
import { progressText } from '../lib/serverText.js';

const QUEUE_KEYS: Record<JobView['queue'], MessageKey> = { high: 'queue.high', default: 'queue.default', video: 'queue.video', mesh: 'queue.mesh' };

/** A running or queued job with its live progress (and why it waits, if it does). */
export function JobCard({ job }: { job: JobView }) {
  const t = useT();
  const language = useLanguage();
  const message = progressText(job.progressMessage, t, language);
  return (
    <li className="job-card" data-testid="job-card" data-job-id={job.id} data-status={job.status}>
      <div className="job-card__top">
        <span className="job-card__title">{jobTitle(job, t)}</span>
        <StatusBadge status={job.status} />
      </div>
      <ProgressBar value={job.progress} label={jobTitle(job, t)} testId="job-progress" />
      <div className="job-card__meta">
        <span>{t(QUEUE_KEYS[job.queue])}</span>
        <span>{job.status === 'running' ? formatPercent(job.progress) : null}</span>
        {message ? <span className="job-card__message">{message}</span> : null}
      </div>
      {job.status === 'queued' && job.heldReason ? (
        <p className="job-card__held" data-testid="job-held">
          {t('dashboard.held', { reason: progressText(job.heldReason, t, language) ?? '' })}
        </p>
      ) : null}
    </li>
  );
}

export function queueKey(queue: JobView['queue']): MessageKey {
  return QUEUE_KEYS[queue];
}
