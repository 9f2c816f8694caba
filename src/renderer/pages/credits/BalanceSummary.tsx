import type { WalletView } from '../../../shared/wallet.js';
import { Icon } from '../../components/Icon.js';
import { useLanguage, useT } from '../../i18n/index.js';
import { formatCount, formatDateTime } from '../../lib/format.js';
import { usableCredits } from '../../stores/accountStore.js';

/** Credits usable now, the cloud's total / free / held figures, and how fresh they are. */
export function BalanceSummary({ wallet, balance, online }: { wallet: WalletView; balance: NonNullable<WalletView['balance']>; online: boolean }) {
  const t = useT();
  const language = useLanguage();
  const time = formatDateTime(balance.fetchedAt, language);
  return (
    <section className="card card--accent-pink balance-summary" data-testid="credits-balance">
      <div className="balance-summary__main">
        <div className="balance-summary__label">{t('credits.available')}</div>
        <div className="balance-summary__value" data-testid="credits-available">
          {formatCount(usableCredits(wallet) ?? 0, language)}
        </div>
        <p className="muted balance-summary__help">{t('credits.usableHelp')}</p>
      </div>
      <dl className="balance-summary__figures">
        <div>
          <dt>{t('credits.total')}</dt>
          <dd data-testid="credits-total">{formatCount(balance.total, language)}</dd>
        </div>
        <div>
          <dt>{t('credits.unreserved')}</dt>
          <dd data-testid="credits-unreserved">{formatCount(balance.available, language)}</dd>
        </div>
        <div>
          <dt>{t('credits.held')}</dt>
          <dd data-testid="credits-held">{formatCount(balance.held, language)}</dd>
        </div>
      </dl>
      <p className={online ? 'muted balance-summary__time' : 'balance-summary__time balance-summary__time--stale'} data-testid="credits-fetched-at">
        {online ? null : <Icon name="cloudOff" size={14} />}
        {online ? t('credits.updatedAt', { time }) : t('credits.cachedAt', { time })}
      </p>
    </section>
  );
}
