import type { WalletView } from '../../../shared/wallet.js';
import { useLanguage, useT } from '../../i18n/index.js';
import { formatCount, formatDateTime } from '../../lib/format.js';
import { bucketNameKey } from '../../lib/wallet.js';

/** Credits that expire soon, soonest first (spent first too, so they are rarely lost). */
export function ExpiringList({ expiring }: { expiring: NonNullable<WalletView['balance']>['expiring'] }) {
  const t = useT();
  const language = useLanguage();
  const rows = [...expiring].sort((a, b) => a.expiresAt - b.expiresAt);
  return (
    <section className="card" data-testid="credits-expiring">
      <h2 className="card__title">{t('credits.expiring')}</h2>
      {rows.length === 0 ? (
        <p className="muted">{t('credits.expiringNone')}</p>
      ) : (
        <ul className="expiring-list">
          {rows.map((row) => {
            const key = bucketNameKey(row.bucket);
            return (
              <li key={`${row.bucket}-${row.expiresAt}`} className="expiring-list__row" data-testid="expiring-row" data-bucket={row.bucket}>
                {t('credits.expiringRow', {
                  amount: formatCount(row.amount, language),
                  bucket: key ? t(key) : row.bucket,
                  time: formatDateTime(row.expiresAt, language),
                })}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
