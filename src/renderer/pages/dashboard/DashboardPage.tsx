import { useEffect } from 'react';
import { useT } from '../../i18n/index.js';
import { useDashboardStore } from '../../stores/dashboardStore.js';
import { useNavigationStore } from '../../stores/navigationStore.js';
import { EmptyState } from '../../components/EmptyState.js';
import { ErrorPanel } from '../../components/ErrorPanel.js';
import { PageHeader } from '../../components/PageHeader.js';
import { SkeletonRows } from '../../components/Skeleton.js';
import { JobList } from './JobList.js';
import { LibraryStatsCard } from './LibraryStatsCard.js';
import { JobCountsCard } from './JobCountsCard.js';
import { OutputThumbs } from '../../components/OutputThumbs.js';
import { DiskUsageCard } from './DiskUsageCard.js';

export function DashboardPage() {
  const t = useT();
  const { summary, loading, error, load } = useDashboardStore();
  const go = useNavigationStore((s) => s.go);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <section className="page" data-testid="page-dashboard">
      <PageHeader title={t('dashboard.title')} subtitle={t('dashboard.subtitle')} />
      {error && !summary ? <ErrorPanel error={error} onRetry={() => void load()} /> : null}
      {loading || !summary ? (
        error ? null : (
          <div className="dashboard-grid" data-testid="dashboard-loading">
            <div className="card">
              <SkeletonRows rows={2} />
            </div>
            <div className="card">
              <SkeletonRows rows={2} />
            </div>
            <div className="card card--wide">
              <SkeletonRows rows={3} />
            </div>
          </div>
        )
      ) : (
        <div className="dashboard-grid">
          <LibraryStatsCard stats={summary.library} />
          <JobCountsCard counts={summary.counts} />
          <DiskUsageCard version={summary} />
          <div className="card card--wide">
            <h2 className="card__title">{t('dashboard.running')}</h2>
            <JobList jobs={summary.running} empty={t('dashboard.noRunning')} testId="dashboard-running" />
          </div>
          <div className="card card--wide">
            <h2 className="card__title">{t('dashboard.queued')}</h2>
            <JobList jobs={summary.queued} empty={t('dashboard.noQueued')} testId="dashboard-queued" />
          </div>
          <div className="card card--full">
            <h2 className="card__title">{t('dashboard.recentOutputs')}</h2>
            {summary.recentOutputs.length === 0 ? (
              <EmptyState
                icon="image"
                title={t('dashboard.noOutputs')}
                testId="dashboard-no-outputs"
                action={
                  <button type="button" className="btn btn--primary" onClick={() => go('library')}>
                    {t('dashboard.openLibrary')}
                  </button>
                }
              />
            ) : (
              <OutputThumbs assets={summary.recentOutputs} testId="dashboard-recent" withNames />
            )}
          </div>
        </div>
      )}
    </section>
  );
}
