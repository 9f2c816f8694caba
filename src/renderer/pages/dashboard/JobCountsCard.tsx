import type { DashboardSummary } from '../../../shared/api/contract.js';
import { JOB_STATUSES } from '../../../shared/jobs/model.js';
import { statusKey } from '../../components/StatusBadge.js';
import { useLanguage, useT } from '../../i18n/index.js';
import { formatCount } from '../../lib/format.js';

export function JobCountsCard({ counts }: { counts: DashboardSummary['counts'] }) {
  const t = useT();
  const language = useLanguage();
  return (
    <div className="card card--accent-cyan" data-testid="dashboard-jobs">
      <h2 className="card__title">{t('dashboard.jobs')}</h2>
      <ul className="status-counts">
        {JOB_STATUSES.map((status) => (
          <li key={status} className={`status-counts__item status-counts__item--${status}`}>
            <span className="status-counts__value">{formatCount(counts[status] ?? 0, language)}</span>
            <span className="status-counts__label">{t(statusKey(status))}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
