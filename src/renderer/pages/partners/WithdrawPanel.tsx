import { useState, type FormEvent } from 'react';
import type { WithdrawalSummary } from '../../../shared/partners.js';
import { api } from '../../api/index.js';
import { ErrorPanel } from '../../components/ErrorPanel.js';
import { Icon } from '../../components/Icon.js';
import { SkeletonRows } from '../../components/Skeleton.js';
import { t as translate, useLanguage, useT } from '../../i18n/index.js';
import { formatCount, formatDateTime } from '../../lib/format.js';
import { useNavigationStore } from '../../stores/navigationStore.js';
import { toastSuccess } from '../../stores/toastStore.js';
import { TextField } from '../account/TextField.js';
import { FormError, twd } from './common.js';
import { useAction, useLoad } from './useCall.js';
import { checkWithdraw, type WithdrawErrors, type WithdrawFields } from './withdrawForm.js';

const EMPTY: WithdrawFields = { amount: '', bankCode: '', accountNumber: '', accountName: '', totp: '' };

function Requirements({ s }: { s: WithdrawalSummary }) {
  const t = useT();
  const go = useNavigationStore((st) => st.go);
  const items = [
    { id: 'phone', ok: s.requirements.phoneVerified, label: t('withdraw.req.phone') },
    {
      id: 'identity',
      ok: s.requirements.identityStatus === 'approved',
      label: s.requirements.identityStatus === 'pending' ? t('withdraw.req.identityPending') : t('withdraw.req.identity'),
    },
    { id: 'totp', ok: s.requirements.totpEnabled, label: t('withdraw.req.totp') },
  ];
  const allOk = items.every((i) => i.ok);
  return (
    <div className="requirements" data-testid="withdraw-requirements">
      <h3 className="card__subtitle">{t('withdraw.requirements')}</h3>
      <ul className="checklist">
        {items.map((i) => (
          <li key={i.id} className={i.ok ? 'checklist__item checklist__item--ok' : 'checklist__item'} data-testid={`req-${i.id}`} data-ok={i.ok}>
            <span aria-hidden="true">{i.ok ? '✓' : '○'}</span> {i.label}
          </li>
        ))}
      </ul>
      {allOk ? null : (
        <button type="button" className="btn btn--ghost btn--small" data-testid="withdraw-go-profile" onClick={() => go('profile')}>
          <Icon name="account" />
          {t('withdraw.req.goProfile')}
        </button>
      )}
    </div>
  );
}

/** Withdrawals locked by wrong codes (minutes left), and the 24 hours after a 2FA change in which they are held for review. */
function SecurityNotices({ s }: { s: WithdrawalSummary }) {
  const t = useT();
  const language = useLanguage();
  const minutes = s.lockedUntil === null ? 0 : Math.max(1, Math.ceil((s.lockedUntil - Date.now()) / 60_000));
  return (
    <>
      {s.lockedUntil !== null ? (
        <div className="notice" role="status" data-testid="withdraw-locked" data-minutes={minutes}>
          <Icon name="warning" />
          <p className="notice__body">{t('withdraw.lockedNotice', { minutes })}</p>
        </div>
      ) : null}
      {s.reviewUntil !== null ? (
        <div className="notice" role="status" data-testid="withdraw-review">
          <Icon name="warning" />
          <p className="notice__body">{t('withdraw.reviewNotice', { time: formatDateTime(s.reviewUntil, language) })}</p>
        </div>
      ) : null}
    </>
  );
}

function WithdrawForm({ s, onDone }: { s: WithdrawalSummary; onDone: () => void }) {
  const t = useT();
  const language = useLanguage();
  const [f, setF] = useState<WithdrawFields>(EMPTY);
  const [errors, setErrors] = useState<WithdrawErrors>({});
  const [tried, setTried] = useState(false);
  const action = useAction();
  const set = (k: keyof WithdrawFields) => (v: string) => {
    const next = { ...f, [k]: v };
    setF(next);
    if (tried) setErrors(checkWithdraw(next, s));
  };
  const msg = (k: keyof WithdrawFields) => (errors[k] ? t(errors[k].key, errors[k].vars) : undefined);
  const amount = Number(f.amount) || 0;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setTried(true);
    const found = checkWithdraw(f, s);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const w = await action.run(() =>
      api().call('withdrawals.create', { amount, totp: f.totp, payout: { bankCode: f.bankCode, accountNumber: f.accountNumber, accountName: f.accountName.trim() } }),
    );
    if (w) {
      toastSuccess(translate('withdraw.done', { amount: formatCount(w.amountTwd, language) }));
      setF(EMPTY);
      setTried(false);
      onDone();
    } else setF({ ...f, totp: '' });
  }

  return (
    <form className="withdraw-form" noValidate onSubmit={(e) => void submit(e)} data-testid="withdraw-form">
      <div className="field-grid">
        <TextField label={t('withdraw.amount')} value={f.amount} testId="withdraw-amount" inputMode="numeric" error={msg('amount')} help={t('withdraw.amountTwd', { amount: formatCount(twd(amount), language) })} onChange={set('amount')} />
        <TextField label={t('withdraw.bankCode')} value={f.bankCode} testId="withdraw-bank-code" inputMode="numeric" maxLength={3} error={msg('bankCode')} help={t('withdraw.bankCode.help')} onChange={set('bankCode')} />
        <TextField label={t('withdraw.accountNumber')} value={f.accountNumber} testId="withdraw-account-number" inputMode="numeric" maxLength={16} error={msg('accountNumber')} onChange={set('accountNumber')} />
        <TextField label={t('withdraw.accountName')} value={f.accountName} testId="withdraw-account-name" error={msg('accountName')} onChange={set('accountName')} />
        <TextField label={t('withdraw.totp')} value={f.totp} testId="withdraw-totp" inputMode="numeric" maxLength={6} autoComplete="one-time-code" error={msg('totp')} onChange={set('totp')} />
      </div>
      {action.error ? <FormError error={action.error} title={t('withdraw.failed')} testId="withdraw-error" /> : null}
      <button type="submit" className="btn btn--primary" disabled={action.busy} data-testid="withdraw-submit">
        <Icon name="wallet" />
        {action.busy ? t('withdraw.submitting') : t('withdraw.submit')}
      </button>
    </form>
  );
}

/** Withdrawing BONUS credits as cash: the rules and this month's use, the requirements, the form, past withdrawals. */
export function WithdrawPanel() {
  const t = useT();
  const language = useLanguage();
  const summary = useLoad(() => api().call('withdrawals.summary', {}));
  const s = summary.data;
  return (
    <section className="card card--full withdraw" data-testid="withdraw-panel">
      <h2 className="card__title">{t('withdraw.title')}</h2>
      {summary.error && !s ? (
        <ErrorPanel error={summary.error} onRetry={() => void summary.reload()} testId="withdraw-load-error" />
      ) : !s ? (
        <SkeletonRows rows={4} testId="withdraw-loading" />
      ) : (
        <>
          <p className="muted">{t('withdraw.rules', { min: formatCount(s.rules.min, language), max: formatCount(s.rules.maxPerRequest, language), month: formatCount(s.rules.maxPerMonth, language) })}</p>
          <dl className="meta-list withdraw__figures">
            <div data-testid="withdraw-available" data-value={s.bonusAvailable}>
              <dt>{t('withdraw.available')}</dt>
              <dd>
                {t('referrals.credits', { count: formatCount(s.bonusAvailable, language) })} <span className="muted">{t('referrals.twd', { amount: formatCount(twd(s.bonusAvailable, s.rules.creditsPerTwd), language) })}</span>
              </dd>
            </div>
            <div data-testid="withdraw-used">
              <dt>{t('withdraw.usedThisMonth')}</dt>
              <dd>{t('referrals.credits', { count: formatCount(s.usedThisMonth, language) })}</dd>
            </div>
            <div data-testid="withdraw-remaining">
              <dt>{t('withdraw.remainingThisMonth')}</dt>
              <dd>{t('referrals.credits', { count: formatCount(s.remainingThisMonth, language) })}</dd>
            </div>
          </dl>
          <Requirements s={s} />
          <SecurityNotices s={s} />
          <WithdrawForm s={s} onDone={() => void summary.reload()} />
          <h3 className="card__subtitle">{t('withdraw.history')}</h3>
          {s.withdrawals.length === 0 ? (
            <p className="muted" data-testid="withdrawals-empty">
              {t('withdraw.history.empty')}
            </p>
          ) : (
            <ul className="withdrawals">
              {s.withdrawals.map((w) => (
                <li key={w.id} className="withdrawals__row" data-testid="withdrawal-row" data-status={w.status}>
                  <span>{formatDateTime(w.createdAt, language)}</span>
                  <span>
                    {t('referrals.credits', { count: formatCount(w.amount, language) })} · NT$ {formatCount(w.amountTwd, language)}
                  </span>
                  <span className={`badge badge--withdraw-${w.status}`}>{t(`withdraw.status.${w.status}`)}</span>
                  <span className="muted">
                    {w.payout.bankCode} ···{w.payout.accountLast4}
                    {w.note ? ` · ${w.note}` : ''}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
