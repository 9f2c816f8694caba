import { useState } from 'react';
import type { SeriesView } from '../../../shared/boxes/wire.js';
import { api } from '../../api/index.js';
import { BoxItemImage } from '../../components/BoxItemImage.js';
import { EmptyState } from '../../components/EmptyState.js';
import { ErrorPanel } from '../../components/ErrorPanel.js';
import { Icon } from '../../components/Icon.js';
import { PageHeader } from '../../components/PageHeader.js';
import { SkeletonRows } from '../../components/Skeleton.js';
import { useLanguage, useT } from '../../i18n/index.js';
import { formatCount } from '../../lib/format.js';
import { SignedInOnly } from '../partners/common.js';
import { useLoad } from '../partners/useCall.js';
import { OddsDialog } from './OddsTable.js';
import { SeriesDetail } from './SeriesDetail.js';

/** A series on sale: its picture (the first item that has one), title, price, creator and what the buyer may still open today. */
function SeriesCard({ series, onOpen, onOdds }: { series: SeriesView; onOpen: () => void; onOdds: () => void }) {
  const t = useT();
  const language = useLanguage();
  const cover = series.items.find((i) => i.image_url !== null) ?? series.items[0];
  return (
    <article className="card box-card" data-testid="shop-card" data-series-id={series.id} data-title={series.title}>
      {cover ? <BoxItemImage itemId={cover.id} hasImage={cover.image_url !== null} alt={series.title} className="box-card__image" /> : null}
      <h3 className="box-card__title" data-testid="shop-card-title">
        {series.title}
      </h3>
      <div className="box-card__meta">
        <span data-testid="shop-card-price" data-value={series.price}>
          {t('boxes.credits', { count: formatCount(series.price, language) })}
        </span>
        <span className="muted" data-testid="shop-card-creator">
          {t('shop.by', { creator: series.creator })}
        </span>
      </div>
      <div className="muted" data-testid="shop-card-remaining" data-value={series.mine?.remaining_today ?? ''}>
        {series.mine ? t('shop.remainingToday', { count: series.mine.remaining_today, limit: series.daily_limit }) : t('shop.dailyLimit', { limit: series.daily_limit })}
      </div>
      <div className="box-card__actions">
        <button type="button" className="btn btn--ghost btn--small" data-testid="shop-card-odds" onClick={onOdds}>
          {t('shop.oddsButton')}
        </button>
        <button type="button" className="btn btn--primary btn--small" data-testid="shop-card-view" onClick={onOpen}>
          <Icon name="cube" />
          {t('shop.view')}
        </button>
      </div>
    </article>
  );
}

function Shop() {
  const t = useT();
  const shop = useLoad(() => api().call('boxes.shop', {}));
  const [selected, setSelected] = useState<string | null>(null);
  const [oddsOf, setOddsOf] = useState<SeriesView | null>(null);

  if (selected) {
    return (
      <SeriesDetail
        seriesId={selected}
        onBack={() => {
          setSelected(null);
          void shop.reload();
        }}
      />
    );
  }
  if (shop.error && !shop.data) return <ErrorPanel error={shop.error} onRetry={() => void shop.reload()} testId="shop-error" />;
  if (!shop.data) return <SkeletonRows rows={6} testId="shop-loading" />;
  if (shop.data.length === 0) return <EmptyState icon="cube" title={t('shop.empty')} body={t('shop.emptyBody')} testId="shop-empty" />;
  return (
    <>
      <div className="box-grid" data-testid="shop-list">
        {shop.data.map((s) => (
          <SeriesCard key={s.id} series={s} onOpen={() => setSelected(s.id)} onOdds={() => setOddsOf(s)} />
        ))}
      </div>
      {oddsOf ? <OddsDialog series={oddsOf} onClose={() => setOddsOf(null)} /> : null}
    </>
  );
}

/** The blind-box shop (issue 18): series on sale, each with its odds one click away, and opening a box. */
export function ShopPage() {
  const t = useT();
  return (
    <section className="page" data-testid="page-box-shop">
      <PageHeader title={t('shop.title')} subtitle={t('shop.subtitle')} />
      <SignedInOnly testId="shop">
        <Shop />
      </SignedInOnly>
    </section>
  );
}
