import { useEffect } from 'react';
import { ErrorPanel } from '../../components/ErrorPanel.js';
import { PageHeader } from '../../components/PageHeader.js';
import { SkeletonRows } from '../../components/Skeleton.js';
import { useT } from '../../i18n/index.js';
import { useAccountStore } from '../../stores/accountStore.js';
import { AccountDetails } from './AccountDetails.js';
import { SignedOut } from './SignedOut.js';
import { VerifyEmailForm } from './VerifyEmailForm.js';

/** Sign in to the KingJam cloud, or see and end the session on this device. */
export function AccountPage() {
  const t = useT();
  const account = useAccountStore((s) => s.account);
  const error = useAccountStore((s) => s.error);
  const load = useAccountStore((s) => s.load);

  useEffect(() => {
    void load();
  }, [load]);

  function body() {
    if (!account) {
      return error ? <ErrorPanel error={error} onRetry={() => void load()} /> : <SkeletonRows rows={4} testId="account-loading" />;
    }
    if (account.signedIn) {
      return (
        <>
          {account.emailVerified === false && account.email ? <VerifyEmailForm email={account.email} signedIn /> : null}
          <AccountDetails account={account} />
        </>
      );
    }
    return <SignedOut account={account} />;
  }

  return (
    <section className="page" data-testid="page-account">
      <PageHeader title={t('account.title')} subtitle={t('account.subtitle')} />
      <div className="account-page">{body()}</div>
    </section>
  );
}
