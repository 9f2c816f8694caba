import { useRef } from 'react';
import type { ReferralView, Tier } from '../../../shared/partners.js';
import { api } from '../../api/index.js';
import { EmptyState } from '../../components/EmptyState.js';
import { ErrorPanel } from '../../components/ErrorPanel.js';
import { Icon } from '../../components/Icon.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QrCode } from '../../components/QrCode.js';
import { SkeletonRows } from '../../components/Skeleton.js';
import { t as translate, useLanguage, useT } from '../../i18n/index.js';
import { formatCount, formatDateTime } from '../../lib/format.js';
import { toastSuccess } from '../../stores/toastStore.js';
import { copyText, SignedInOnly, twd } from './common.js';
import { useLoad } from './useCall.js';
import { WithdrawPanel } from './WithdrawPanel.js';

const SIGNUP_BONUS: Record<Tier, number> = { bronze: 200, silver: 300, gold: 500 };
const NEXT_NEEDS: Record<Tier, { referrals: number; revenue: number }> = { bronze: { referrals: 0, revenue: 0 }, silver: { referrals: 10, revenue: 5000 }, gold: { referrals: 30, revenue: 20000 } };

function CodeCard({ r }: { r: ReferralView }) {
  const t = useT();
  const input = useRef<HTMLInputElement>(null);
  async function copy(text: string) {
    if (await copyText(text, input.current)) toastSuccess(translate('partners.copied'));
  }
  return (
    <section className="card referral-code" data-testid="referral-code-card">
      <h2 className="card__title">{t('referrals.code')}</h2>
      <div className="referral-code__body">
        <div className="referral-code__text">
          <div className="referral-code__code" data-testid="referral-code">
            {r.code}
          </div>
          <button type="button" className="btn btn--ghost btn--small" data-testid="referral-copy-code" onClick={() => void copy(r.code)}>
            <Icon name="copy" />
            {t('partners.copy')}
          </button>
          <label className="field">
            <span className="field__label">{t('referrals.link')}</span>
            <span className="copy-row">
              <input ref={input} className="input" readOnly value={r.link} data-testid="referral-link" onFocus={(e) => e.target.select()} />
              <button type="button" className="btn btn--primary" data-testid="referral-copy-link" onClick={() => void copy(r.link)}>
                <Icon name="copy" />
                {t('partners.copy')}
              </button>
            </span>
          </label>
          <p className="muted">{t('referrals.shareHint', { bonus: SIGNUP_BONUS[r.tier] })}</p>
        </div>
        <QrCode text={r.link} label={t('referrals.qr')} testId="referral-qr" />
      </div>
    </section>
  );
}

function Bar({ value, max, label, testId }: { value: number; max: number; label: string; testId: string }) {
  const pct = max <= 0 ? 100 : Math.min(100, Math.round((value / max) * 100));
  return (
    <div className="tier-progress" data-testid={testId}>
      <div className="tier-progress__label">{label}</div>
      <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} aria-label={label}>
        <div className="progress__bar" style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}

function TierCard({ r }: { r: ReferralView }) {
  const t = useT();
  const language = useLanguage();
  const next = r.progress;
  return (
    <section className="card" data-testid="referral-tier-card">
      <h2 className="card__title">{t('referrals.tier')}</h2>
      <div className={`tier-badge tier-badge--${r.tier}`} data-testid="referral-tier" data-tier={r.tier}>
        {t(`referrals.tier.${r.tier}`)}
      </div>
      <p className="muted">{t('referrals.commission', { pct: r.commissionPct })}</p>
      {next ? (
        <>
          <h3 className="card__subtitle">{t('referrals.progress', { tier: t(`referrals.tier.${next.nextTier}`) })}</h3>
          <Bar
            testId="referral-progress-referrals"
            value={r.qualifiedReferrals}
            max={NEXT_NEEDS[next.nextTier].referrals}
            label={t('referrals.progress.referrals', { have: formatCount(r.qualifiedReferrals, language), need: formatCount(NEXT_NEEDS[next.nextTier].referrals, language) })}
          />
          <Bar
            testId="referral-progress-revenue"
            value={r.referredRevenueTwd}
            max={NEXT_NEEDS[next.nextTier].revenue}
            label={t('referrals.progress.revenue', {
              have: `NT$ ${formatCount(r.referredRevenueTwd, language)}`,
              need: `NT$ ${formatCount(NEXT_NEEDS[next.nextTier].revenue, language)}`,
            })}
          />
        </>
      ) : (
        <p data-testid="referral-top-tier">{t('referrals.topTier')}</p>
      )}
    </section>
  );
}

function EarningsCard({ r }: { r: ReferralView }) {
  const t = useT();
  const language = useLanguage();
  const rows: { key: 'referrals.earnings.promo' | 'referrals.earnings.bonus' | 'referrals.earnings.pending' | 'referrals.earnings.held'; value: number; cash: boolean; id: string }[] = [
    { key: 'referrals.earnings.promo', value: r.earnings.promoGranted, cash: false, id: 'promo' },
    { key: 'referrals.earnings.bonus', value: r.earnings.bonusGranted, cash: true, id: 'bonus' },
    { key: 'referrals.earnings.pending', value: r.earnings.bonusPending, cash: true, id: 'pending' },
    { key: 'referrals.earnings.held', value: r.earnings.bonusHeld, cash: true, id: 'held' },
  ];
  return (
    <section className="card" data-testid="referral-earnings">
      <h2 className="card__title">{t('referrals.earnings')}</h2>
      <dl className="meta-list">
        {rows.map((row) => (
          <div key={row.id} data-testid={`earnings-${row.id}`} data-value={row.value}>
            <dt>{t(row.key)}</dt>
            <dd>
              {t('referrals.credits', { count: formatCount(row.value, language) })}
              {row.cash ? <span className="muted"> {t('referrals.twd', { amount: formatCount(twd(row.value), language) })}</span> : null}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function RefereesCard({ r }: { r: ReferralView }) {
  const t = useT();
  const language = useLanguage();
  return (
    <section className="card card--full" data-testid="referral-referees">
      <h2 className="card__title">{t('referrals.referees')}</h2>
      {r.referees.length === 0 ? (
        <EmptyState icon="account" title={t('referrals.referees.empty')} body={t('referrals.referees.emptyBody')} testId="referees-empty" />
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th>{t('referrals.referees.who')}</th>
                <th>{t('referrals.referees.joined')}</th>
                <th>{t('referrals.referees.paid')}</th>
              </tr>
            </thead>
            <tbody>
              {r.referees.map((x, i) => (
                <tr key={`${x.joinedAt}:${i}`} data-testid="referee-row">
                  <td>{x.name}</td>
                  <td>{formatDateTime(x.joinedAt, language)}</td>
                  <td>NT$ {formatCount(x.paidTwd, language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Referrals() {
  const t = useT();
  const referral = useLoad(() => api().call('partners.referral', {}));
  return (
    <>
      <div className="page-header__actions partners-refresh">
        <button type="button" className="btn btn--ghost" data-testid="referrals-refresh" disabled={referral.loading} onClick={() => void referral.reload()}>
          <Icon name="sync" />
          {t('partners.refresh')}
        </button>
      </div>
      {referral.error && !referral.data ? (
        <ErrorPanel error={referral.error} onRetry={() => void referral.reload()} testId="referrals-error" />
      ) : !referral.data ? (
        <SkeletonRows rows={6} testId="referrals-loading" />
      ) : (
        <div className="partners-grid">
          <CodeCard r={referral.data} />
          <TierCard r={referral.data} />
          <EarningsCard r={referral.data} />
          <RefereesCard r={referral.data} />
        </div>
      )}
      <WithdrawPanel />
    </>
  );
}

/** The Referral center: code, link and QR code, tier and progress, referrals, earnings, and withdrawing BONUS credits. */
export function ReferralPage() {
  const t = useT();
  return (
    <section className="page" data-testid="page-referrals">
      <PageHeader title={t('referrals.title')} subtitle={t('referrals.subtitle')} />
      <SignedInOnly testId="referrals">
        <Referrals />
      </SignedInOnly>
    </section>
  );
}
