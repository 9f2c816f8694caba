import { useEffect } from 'react';
import { EmptyState } from '../../components/EmptyState.js';
import { ErrorPanel } from '../../components/ErrorPanel.js';
import { Icon } from '../../components/Icon.js';
import { PageHeader } from '../../components/PageHeader.js';
import { SkeletonRows } from '../../components/Skeleton.js';
import { useT } from '../../i18n/index.js';
import { syncAndTell, useAccountStore } from '../../stores/accountStore.js';
import { useCreditsStore } from '../../stores/creditsStore.js';
import { useNavigationStore } from '../../stores/navigationStore.js';
import { OnlineBadge } from '../account/OnlineBadge.js';
import { BalanceSummary } from './BalanceSummary.js';
import { BucketGrid } from './BucketGrid.js';
import { DeviceAllowance } from './DeviceAllowance.js';
import { ExpiringList } from './ExpiringList.js';
import { Offers } from './Offers.js';
import { WalletHistory } from './WalletHistory.js';
import { GenerationsList } from './GenerationsList.js';

async function syncNow(): Promise<void> {
  if (await syncAndTell()) void useCreditsStore.getState().loadHistory();
}

function SyncButton() {
  const t = useT();
  const syncing = useAccountStore((s) => s.syncing);
  return (
    <button type="button" className="btn btn--ghost" disabled={syncing} data-testid="credits-sync" onClick={() => void syncNow()}>
      <Icon name="sync" />
      {syncing ? t('credits.syncing') : t('credits.sync')}
    </button>
  );
}

/** The credits wallet: balance by bucket, expiring soon, this device's allowance, history, and plans and packs to buy. */
export function CreditsPage() {
  const t = useT();
  const go = useNavigationStore((s) => s.go);
  const { account, wallet, error, load, refreshQuietly } = useAccountStore();
  const signedIn = account?.signedIn === true;

  useEffect(() => {
    // The cached wallet first (works offline), then the cloud's current figures when it answers.
    void load().then(() => refreshQuietly());
  }, [load, refreshQuietly]);

  function body() {
    if (!account || !wallet) {
      return error ? <ErrorPanel error={error} onRetry={() => void load()} /> : <SkeletonRows rows={6} testId="credits-loading" />;
    }
    if (!signedIn) {
      return (
        <EmptyState
          icon="wallet"
          title={t('credits.signedOut.title')}
          body={t('credits.signedOut.body')}
          testId="credits-signed-out"
          action={
            <button type="button" className="btn btn--primary" data-testid="credits-go-account" onClick={() => go('account')}>
              <Icon name="account" />
              {t('credits.signedOut.action')}
            </button>
          }
        />
      );
    }
    return (
      <div className="credits-grid">
        {wallet.balance ? (
          <>
            <BalanceSummary wallet={wallet} balance={wallet.balance} online={account.online} />
            <DeviceAllowance wallet={wallet} />
            <BucketGrid buckets={wallet.balance.buckets} />
            <ExpiringList expiring={wallet.balance.expiring} />
          </>
        ) : (
          <>
            <section className="card" data-testid="credits-no-balance">
              <p className="muted">{t('credits.noBalance')}</p>
            </section>
            <DeviceAllowance wallet={wallet} />
          </>
        )}
        <GenerationsList online={account.online} />
        <WalletHistory online={account.online} />
        <Offers />
      </div>
    );
  }

  return (
    <section className="page" data-testid="page-credits">
      <PageHeader
        title={t('credits.title')}
        subtitle={t('credits.subtitle')}
        actions={
          signedIn && account ? (
            <>
              {account.online ? null : <OnlineBadge online={false} testId="credits-offline" />}
              <SyncButton />
            </>
          ) : null
        }
      />
      {body()}
    </section>
  );
}
