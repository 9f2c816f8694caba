import { api } from '../../api/index.js';
import { ErrorPanel } from '../../components/ErrorPanel.js';
import { PageHeader } from '../../components/PageHeader.js';
import { SkeletonRows } from '../../components/Skeleton.js';
import { useT } from '../../i18n/index.js';
import { SignedInOnly } from '../partners/common.js';
import { useLoad } from '../partners/useCall.js';
import { IdentityCard } from './IdentityCard.js';
import { PhoneCard } from './PhoneCard.js';
import { TotpCard } from './TotpCard.js';

function Profile() {
  const v = useLoad(() => api().call('profile.get', {}));
  if (v.error && !v.data) return <ErrorPanel error={v.error} onRetry={() => void v.reload()} testId="profile-error" />;
  if (!v.data) return <SkeletonRows rows={6} testId="profile-loading" />;
  return (
    <div className="partners-grid">
      <PhoneCard v={v.data} onChange={v.set} />
      <TotpCard v={v.data} onChange={v.set} />
      <IdentityCard v={v.data} onChange={v.set} />
    </div>
  );
}

/** Profile: phone verification, identity for withdrawals, two-factor authentication. */
export function ProfilePage() {
  const t = useT();
  return (
    <section className="page" data-testid="page-profile">
      <PageHeader title={t('profile.title')} subtitle={t('profile.subtitle')} />
      <SignedInOnly testId="profile">
        <Profile />
      </SignedInOnly>
    </section>
  );
}
