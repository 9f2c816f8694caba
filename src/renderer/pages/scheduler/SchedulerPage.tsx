import { useEffect, useMemo, useState } from 'react';
import type { PublishAccountView } from '../../../shared/publish/post.js';
import { ErrorPanel } from '../../components/ErrorPanel.js';
import { Icon } from '../../components/Icon.js';
import { PageHeader } from '../../components/PageHeader.js';
import { SkeletonRows } from '../../components/Skeleton.js';
import { useT } from '../../i18n/index.js';
import { useComposerStore } from '../../stores/composerStore.js';
import { useSchedulerStore } from '../../stores/schedulerStore.js';
import { AccountsPanel } from './AccountsPanel.js';
import { BulkPanel } from './BulkPanel.js';
import { CalendarBody } from './CalendarViews.js';
import { ListView } from './ListView.js';
import { PostDialog } from './PostDialog.js';
import { SchedulerToolbar, StatusLegend } from './SchedulerToolbar.js';

/**
 * 排程 / Scheduler: every post across clients and accounts on a month, week
 * or list calendar, kept live by `publish.updated`; posts are moved by drag or
 * Alt+arrows, and a failed one says why with Retry / Edit / Cancel.
 */
export function SchedulerPage() {
  const t = useT();
  const { view, anchor, weekStart, posts, drafts, accounts, accountsError, loading, error, load, loadAccounts } = useSchedulerStore();
  const openComposer = useComposerStore((s) => s.openComposer);
  const [openId, setOpenId] = useState<string | null>(null);
  const [bulk, setBulk] = useState(false);
  const [accountsOpen, setAccountsOpen] = useState(false);
  const byId = useMemo(() => new Map<string, PublishAccountView>((accounts ?? []).map((a) => [a.id, a])), [accounts]);

  useEffect(() => {
    void loadAccounts();
    void load();
  }, [load, loadAccounts]);

  // The dialog shows the post as it is now (events replace it while open).
  const opened = openId ? (posts.find((p) => p.id === openId) ?? drafts.find((p) => p.id === openId) ?? null) : null;

  function body() {
    if (error && posts.length === 0) return <ErrorPanel error={error} onRetry={() => void load()} testId="scheduler-error" />;
    if (loading && posts.length === 0) return <SkeletonRows rows={6} testId="scheduler-loading" />;
    if (view === 'list') return <ListView posts={posts} drafts={drafts} accounts={byId} onOpen={(p) => setOpenId(p.id)} />;
    return <CalendarBody view={view} posts={posts} accounts={byId} anchor={anchor} weekStart={weekStart} onOpen={(p) => setOpenId(p.id)} />;
  }

  return (
    <section className="page" data-testid="page-scheduler">
      <PageHeader
        title={t('scheduler.title')}
        subtitle={t('scheduler.subtitle')}
        actions={
          <>
            <button type="button" className="btn btn--ghost" aria-expanded={accountsOpen} aria-controls="scheduler-accounts" data-testid="scheduler-accounts-toggle" onClick={() => setAccountsOpen(!accountsOpen)}>
              <Icon name="globe" />
              {t('scheduler.accounts')}
            </button>
            <button type="button" className="btn btn--ghost" aria-expanded={bulk} aria-controls="scheduler-bulk" data-testid="scheduler-bulk-toggle" onClick={() => setBulk(!bulk)}>
              <Icon name="upload" />
              {t('scheduler.bulk')}
            </button>
            <button type="button" className="btn btn--primary" data-testid="scheduler-new" onClick={() => openComposer()}>
              <Icon name="plus" />
              {t('scheduler.newPost')}
            </button>
          </>
        }
      />
      {accountsError ? <ErrorPanel error={accountsError} onRetry={() => void loadAccounts(true)} testId="scheduler-accounts-error" /> : null}
      {accountsOpen ? <AccountsPanel /> : null}
      {bulk ? <BulkPanel /> : null}
      <SchedulerToolbar />
      <StatusLegend />
      {view !== 'list' ? <p className="muted small">{t('scheduler.dragHint')}</p> : null}
      {body()}
      {opened ? <PostDialog post={opened} account={byId.get(opened.accountId)} onClose={() => setOpenId(null)} /> : null}
    </section>
  );
}
