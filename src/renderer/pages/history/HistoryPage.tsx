import { useEffect } from 'react';
import { JOB_STATUSES } from '../../../shared/jobs/model.js';
import { errorInfoOf } from '../../api/index.js';
import { EmptyState } from '../../components/EmptyState.js';
import { ErrorPanel } from '../../components/ErrorPanel.js';
import { PageHeader } from '../../components/PageHeader.js';
import { SkeletonRows } from '../../components/Skeleton.js';
import { statusKey } from '../../components/StatusBadge.js';
import { useNow } from '../../hooks/useNow.js';
import { t as translate, useT } from '../../i18n/index.js';
import { useHistoryStore } from '../../stores/historyStore.js';
import { toastError, toastInfo } from '../../stores/toastStore.js';
import { JobRow } from './JobRow.js';
import { LoadMore } from '../../components/LoadMore.js';
import { confirmCancelJob } from '../../lib/confirmCancel.js';

async function runAction(action: () => Promise<void>, done: string): Promise<void> {
  try {
    await action();
    toastInfo(done);
  } catch (err) {
    toastError(errorInfoOf(err));
  }
}

export function HistoryPage() {
  const t = useT();
  const { status, items, nextBefore, loading, loadingMore, error, busy, load, setStatus, loadMore, retry, cancel } = useHistoryStore();
  const now = useNow(items.some((j) => j.status === 'running'));

  useEffect(() => {
    void load();
  }, [load]);

  function body() {
    if (error && items.length === 0) return <ErrorPanel error={error} onRetry={() => void load()} />;
    if (loading && items.length === 0) return <SkeletonRows rows={6} testId="history-loading" />;
    if (items.length === 0) {
      return status ? (
        <EmptyState icon="history" title={t('history.emptyFiltered.title')} body={t('history.emptyFiltered.body')} testId="history-empty" />
      ) : (
        <EmptyState icon="history" title={t('history.empty.title')} body={t('history.empty.body')} testId="history-empty" />
      );
    }
    return (
      <>
        <div className="table-wrap">
          <table className="table" data-testid="history-table">
            <thead>
              <tr>
                <th>{t('history.col.job')}</th>
                <th>{t('history.col.status')}</th>
                <th>{t('history.col.progress')}</th>
                <th>{t('history.col.duration')}</th>
                <th>{t('history.col.created')}</th>
                <th>
                  <span className="visually-hidden">{t('history.col.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((job) => (
                <JobRow
                  key={job.id}
                  job={job}
                  now={now}
                  busy={busy[job.id] === true}
                  onRetry={() => void runAction(() => retry(job.id), translate('job.retried'))}
                  onCancel={() =>
                    void confirmCancelJob().then((ok) => (ok ? runAction(() => cancel(job.id), translate('job.canceled')) : undefined))
                  }
                />
              ))}
            </tbody>
          </table>
        </div>
        {nextBefore ? <LoadMore testId="history-load-more" loading={loadingMore} onLoad={() => void loadMore()} /> : null}
      </>
    );
  }

  return (
    <section className="page" data-testid="page-history">
      <PageHeader
        title={t('history.title')}
        subtitle={t('history.subtitle')}
        actions={
          <label className="field-inline">
            <span>{t('history.statusFilter')}</span>
            <select
              className="select"
              value={status ?? ''}
              data-testid="history-status-filter"
              onChange={(event) => setStatus(JOB_STATUSES.find((s) => s === event.target.value) ?? null)}
            >
              <option value="">{t('history.allStatuses')}</option>
              {JOB_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(statusKey(s))}
                </option>
              ))}
            </select>
          </label>
        }
      />
      {body()}
    </section>
  );
}
