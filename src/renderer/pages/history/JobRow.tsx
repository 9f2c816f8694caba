import type { JobView } from '../../../shared/jobs/model.js';
import { Icon } from '../../components/Icon.js';
import { ProgressBar } from '../../components/ProgressBar.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { useLanguage, useT } from '../../i18n/index.js';
import { formatDateTime, formatDuration, formatPercent } from '../../lib/format.js';
import { errorTitle, jobTitle } from '../../lib/jobText.js';
import { errorDetail, errorHint, progressText } from '../../lib/serverText.js';
import { JobOutputs } from './JobOutputs.js';

interface JobRowProps {
  job: JobView;
  now: number;
  busy: boolean;
  onRetry: () => void;
  onCancel: () => void;
}

function durationMs(job: JobView, now: number): number | null {
  if (job.startedAt === null) return null;
  return (job.finishedAt ?? now) - job.startedAt;
}

export function JobRow({ job, now, busy, onRetry, onCancel }: JobRowProps) {
  const t = useT();
  const language = useLanguage();
  const detail = job.error ? errorDetail(job.error, t, language) : null;
  const hint = job.error ? errorHint(job.error, t, language) : null;
  const duration = durationMs(job, now);
  const canCancel = job.status === 'queued' || job.status === 'running';
  const canRetry = job.status === 'failed' || job.status === 'canceled';
  return (
    <tr className="job-row" data-testid="history-row" data-job-id={job.id} data-status={job.status} data-kind={job.kind}>
      <td className="job-row__title">
        <span>{jobTitle(job, t)}</span>
        {job.attempts > 1 || job.status === 'failed' ? (
          <span className="muted job-row__attempts">{t('history.attempts', { n: job.attempts, max: job.maxAttempts })}</span>
        ) : null}
        {job.error && job.status !== 'succeeded' ? (
          <div className="job-row__error" data-testid="history-error">
            <strong>{errorTitle(job.error, t)}</strong>
            {detail ? <span>: {detail}</span> : null}
            {hint ? <p className="job-row__hint">{t('error.hint', { hint })}</p> : null}
          </div>
        ) : null}
        {job.status === 'queued' && job.heldReason ? (
          <p className="job-row__hint">{t('dashboard.held', { reason: progressText(job.heldReason, t, language) ?? '' })}</p>
        ) : null}
        {job.status === 'succeeded' ? <JobOutputs jobId={job.id} /> : null}
      </td>
      <td>
        <StatusBadge status={job.status} />
      </td>
      <td className="job-row__progress">
        <ProgressBar value={job.status === 'succeeded' ? 1 : job.progress} label={jobTitle(job, t)} />
        <span className="muted">{formatPercent(job.status === 'succeeded' ? 1 : job.progress)}</span>
      </td>
      <td data-testid="history-duration">{duration === null ? t('common.none') : formatDuration(duration, t)}</td>
      <td className="muted">{formatDateTime(job.createdAt, language)}</td>
      <td className="job-row__actions">
        {canRetry ? (
          <button type="button" className="btn btn--ghost btn--small" data-testid="history-retry" disabled={busy} onClick={onRetry}>
            <Icon name="retry" size={14} />
            {t('history.retry')}
          </button>
        ) : null}
        {canCancel ? (
          <button type="button" className="btn btn--ghost btn--small" data-testid="history-cancel" disabled={busy} onClick={onCancel}>
            <Icon name="stop" size={14} />
            {t('history.cancel')}
          </button>
        ) : null}
      </td>
    </tr>
  );
}
