import { useState } from 'react';
import type { SeriesView } from '../../../shared/boxes/wire.js';
import { BOX_LIMITS } from '../../../shared/boxes/wire.js';
import { api } from '../../api/index.js';
import { ErrorPanel } from '../../components/ErrorPanel.js';
import { Icon } from '../../components/Icon.js';
import { SkeletonRows } from '../../components/Skeleton.js';
import { useLanguage, useT } from '../../i18n/index.js';
import { onSale, randomClientSeed } from '../../lib/boxes.js';
import { formatCount, formatDateTime } from '../../lib/format.js';
import { useAccountStore } from '../../stores/accountStore.js';
import { useLoad } from '../partners/useCall.js';
import { EligibilityBanner } from './EligibilityBanner.js';
import { OddsTable } from './OddsTable.js';
import { OpenBox } from './OpenBox.js';

/** The buyer's own seed for the next opening: optional (the server picks one), or a fresh random one. */
function ClientSeedField({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const t = useT();
  return (
    <label className="field">
      <span className="field__label">{t('shop.clientSeed')}</span>
      <span className="copy-row">
        <input className="input mono" data-testid="client-seed" value={value} maxLength={BOX_LIMITS.clientSeedMaxLength} placeholder={t('shop.clientSeed.placeholder')} onChange={(e) => onChange(e.target.value)} />
        <button type="button" className="btn btn--ghost" data-testid="client-seed-random" onClick={() => onChange(randomClientSeed())}>
          <Icon name="sync" />
          {t('shop.clientSeed.random')}
        </button>
      </span>
      <span className="muted">{t('shop.clientSeed.help')}</span>
    </label>
  );
}

function Facts({ series }: { series: SeriesView }) {
  const t = useT();
  const language = useLanguage();
  return (
    <dl className="meta-list box-facts">
      <div className="meta-list__row">
        <dt>{t('shop.price')}</dt>
        <dd data-testid="series-price" data-value={series.price}>
          {t('boxes.credits', { count: formatCount(series.price, language) })}
        </dd>
      </div>
      <div className="meta-list__row">
        <dt>{t('shop.creator')}</dt>
        <dd data-testid="series-creator">{series.creator}</dd>
      </div>
      <div className="meta-list__row">
        <dt>{t('shop.remainingTodayLabel')}</dt>
        <dd data-testid="series-remaining-today" data-value={series.mine?.remaining_today ?? ''}>
          {series.mine ? t('shop.remainingToday', { count: series.mine.remaining_today, limit: series.daily_limit }) : t('shop.dailyLimit', { limit: series.daily_limit })}
        </dd>
      </div>
      <div className="meta-list__row">
        <dt>{t('shop.sales')}</dt>
        <dd data-testid="series-window">
          {series.ends_at === null
            ? t('shop.salesFrom', { start: formatDateTime(series.starts_at, language) })
            : t('shop.salesBetween', { start: formatDateTime(series.starts_at, language), end: formatDateTime(series.ends_at, language) })}
        </dd>
      </div>
    </dl>
  );
}

/** One series for the buyer: its facts, the odds table, eligibility, the client seed and "Open a box". */
export function SeriesDetail({ seriesId, onBack }: { seriesId: string; onBack: () => void }) {
  const t = useT();
  const series = useLoad(() => api().call('boxes.series', { id: seriesId }));
  const eligibility = useLoad(() => api().call('boxes.eligibility', {}));
  const [clientSeed, setClientSeed] = useState('');

  const back = (
    <button type="button" className="btn btn--ghost" data-testid="series-back" onClick={onBack}>
      {t('shop.back')}
    </button>
  );
  if (series.error && !series.data) {
    return (
      <>
        {back}
        <ErrorPanel error={series.error} onRetry={() => void series.reload()} testId="series-error" />
      </>
    );
  }
  if (!series.data) return <SkeletonRows rows={6} testId="series-loading" />;
  const s = series.data;
  const selling = onSale(s, Date.now());
  const canBuy = selling && eligibility.data?.status === 'ok' && (s.mine?.remaining_today ?? 0) > 0;

  function opened() {
    void series.reload();
    void useAccountStore.getState().refreshQuietly();
  }

  return (
    <div className="box-series" data-testid="series-detail" data-series-id={s.id} data-status={s.status}>
      <div className="box-series__head">
        {back}
        <h2 className="card__title" data-testid="series-title">
          {s.title}
        </h2>
      </div>
      {s.description ? <p className="box-series__description">{s.description}</p> : null}
      <Facts series={s} />
      <section className="card" data-testid="series-odds">
        <h3 className="card__title">{t('shop.odds.heading')}</h3>
        <OddsTable series={s} />
      </section>
      <section className="card box-buy" data-testid="series-buy">
        {eligibility.error ? <ErrorPanel error={eligibility.error} onRetry={() => void eligibility.reload()} testId="eligibility-error" /> : null}
        {eligibility.data ? <EligibilityBanner eligibility={eligibility.data} onChange={eligibility.set} /> : null}
        {!selling ? (
          <p className="muted" data-testid="series-not-on-sale">
            {t('shop.notOnSale')}
          </p>
        ) : null}
        {selling && s.mine?.remaining_today === 0 ? (
          <p className="muted" data-testid="series-limit-reached">
            {t('shop.limitReached', { limit: s.daily_limit })}
          </p>
        ) : null}
        <ClientSeedField value={clientSeed} onChange={setClientSeed} />
        <OpenBox series={s} clientSeed={clientSeed} disabled={!canBuy} onOpened={opened} />
      </section>
    </div>
  );
}
