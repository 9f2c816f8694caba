import type { JobStatus } from '../../shared/jobs/model.js';
import type { MessageKey } from '../i18n/index.js';
import { useT } from '../i18n/index.js';

const STATUS_KEYS: Record<JobStatus, MessageKey> = {
  queued: 'status.queued',
  running: 'status.running',
  succeeded: 'status.succeeded',
  failed: 'status.failed',
  canceled: 'status.canceled',
};

export function statusKey(status: JobStatus): MessageKey {
  return STATUS_KEYS[status];
}

export function StatusBadge({ status }: { status: JobStatus }) {
  const t = useT();
  return (
    <span className={`badge badge--${status}`} data-testid="job-status" data-status={status}>
      {t(STATUS_KEYS[status])}
    </span>
  );
}
