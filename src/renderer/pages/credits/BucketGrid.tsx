import { BUCKETS, type WalletView } from '../../../shared/wallet.js';
import { useLanguage, useT } from '../../i18n/index.js';
import { formatCount } from '../../lib/format.js';
import { BUCKET_KEYS } from '../../lib/wallet.js';

/** The four kinds of credits in the order they are spent, with what each is and how long it lasts. */
export function BucketGrid({ buckets }: { buckets: NonNullable<WalletView['balance']>['buckets'] }) {
  const t = useT();
  const language = useLanguage();
  return (
    <section className="card buckets" data-testid="credits-buckets">
      <h2 className="card__title">{t('credits.buckets')}</h2>
      <p className="muted">{t('credits.bucketOrder')}</p>
      <ol className="buckets__list">
        {BUCKETS.map((bucket) => {
          const figures = buckets[bucket] ?? { available: 0, held: 0 };
          const total = figures.available + figures.held;
          return (
            <li
              key={bucket}
              className={`bucket bucket--${bucket.toLowerCase()}`}
              data-testid={`bucket-${bucket}`}
              data-total={total}
              data-available={figures.available}
              data-held={figures.held}
            >
              <div className="bucket__head">
                <span className="bucket__name">{t(BUCKET_KEYS[bucket].name)}</span>
                <code className="bucket__code">{bucket}</code>
              </div>
              <div className="bucket__value" data-testid="bucket-total">
                {formatCount(total, language)}
              </div>
              <div className="bucket__split">
                {t('credits.bucketTotal', { available: formatCount(figures.available, language), held: formatCount(figures.held, language) })}
              </div>
              <p className="bucket__help">{t(BUCKET_KEYS[bucket].help)}</p>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
