import type { WalletView } from '../../../shared/wallet.js';
import { ProgressBar } from '../../components/ProgressBar.js';
import { useLanguage, useT } from '../../i18n/index.js';
import { formatCount, formatDateTime } from '../../lib/format.js';

/** The offline allowance: credits reserved on this device, what is left, until when, and what is not settled yet. */
export function DeviceAllowance({ wallet }: { wallet: WalletView }) {
  const t = useT();
  const language = useLanguage();
  const { allowance, unsettled } = wallet;
  return (
    <section className="card card--accent-cyan" data-testid="credits-allowance">
      <h2 className="card__title">{t('credits.device')}</h2>
      <p className="muted">{t('credits.deviceHelp')}</p>
      {allowance ? (
        <>
          <ProgressBar value={allowance.amount > 0 ? allowance.remaining / allowance.amount : 0} label={t('credits.allowance.remaining')} />
          <dl className="meta-list">
            <div className="meta-list__row">
              <dt>{t('credits.allowance.reserved')}</dt>
              <dd data-testid="allowance-amount">{formatCount(allowance.amount, language)}</dd>
            </div>
            <div className="meta-list__row">
              <dt>{t('credits.allowance.remaining')}</dt>
              <dd data-testid="allowance-remaining">{formatCount(allowance.remaining, language)}</dd>
            </div>
            <div className="meta-list__row">
              <dt>{t('credits.allowance.expires')}</dt>
              <dd data-testid="allowance-expires">{allowance.expiresAt > 0 ? formatDateTime(allowance.expiresAt, language) : t('common.none')}</dd>
            </div>
          </dl>
        </>
      ) : (
        <p className="muted" data-testid="allowance-none">
          {t('credits.allowance.none')}
        </p>
      )}
      {unsettled > 0 ? (
        <p className="allowance__unsettled" data-testid="credits-unsettled">
          <strong>{t('credits.unsettled')}: {formatCount(unsettled, language)}</strong> — {t('credits.unsettledHelp')}
        </p>
      ) : null}
    </section>
  );
}
