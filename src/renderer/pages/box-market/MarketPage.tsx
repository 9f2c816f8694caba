import { useEffect, useMemo, useRef, useState } from 'react';
import type { ListingView } from '../../../shared/boxes/wire.js';
import { api } from '../../api/index.js';
import { EmptyState } from '../../components/EmptyState.js';
import { ErrorPanel } from '../../components/ErrorPanel.js';
import { Icon } from '../../components/Icon.js';
import { PageHeader } from '../../components/PageHeader.js';
import { SkeletonRows } from '../../components/Skeleton.js';
import { t as translate, useT } from '../../i18n/index.js';
import { useAccountStore } from '../../stores/accountStore.js';
import { confirm } from '../../stores/confirmStore.js';
import { toastSuccess } from '../../stores/toastStore.js';
import { FormError, SignedInOnly } from '../partners/common.js';
import { useAction, useLoad } from '../partners/useCall.js';
import { BuyDialog } from './BuyDialog.js';
import { ListingsTable } from './ListingsTable.js';

/** The series a filter can pick: every one seen in a listing so far (the unfiltered load lists them all). */
function useSeriesOptions(listings: ListingView[] | null): { id: string; title: string }[] {
  const [seen, setSeen] = useState<Record<string, string>>({});
  useEffect(() => {
    if (!listings) return;
    setSeen((before) => {
      const missing = listings.filter((l) => before[l.series_id] !== l.series_title);
      if (missing.length === 0) return before;
      const next = { ...before };
      for (const l of missing) next[l.series_id] = l.series_title;
      return next;
    });
  }, [listings]);
  return useMemo(() => Object.entries(seen).map(([id, title]) => ({ id, title })).sort((a, b) => a.title.localeCompare(b.title)), [seen]);
}

function Market() {
  const t = useT();
  const [seriesId, setSeriesId] = useState('');
  const live = useLoad(() => api().call('market.listings', seriesId ? { seriesId } : {}));
  const mine = useLoad(() => api().call('market.listings', { mine: true }));
  const options = useSeriesOptions(live.data);
  const [buying, setBuying] = useState<ListingView | null>(null);
  const cancel = useAction();
  const [canceling, setCanceling] = useState<string | null>(null);
  const reloadLive = live.reload;
  const filtered = useRef(seriesId);

  // The first load is useLoad's own; a new filter loads again.
  useEffect(() => {
    if (filtered.current === seriesId) return;
    filtered.current = seriesId;
    void reloadLive();
  }, [seriesId, reloadLive]);

  const others = useMemo(() => (live.data ? live.data.filter((l) => l.status === 'listed') : null), [live.data]);
  const myListings = mine.data;

  async function cancelListing(l: ListingView) {
    const ok = await confirm({ title: translate('market.cancel.title'), body: translate('market.cancel.body', { name: l.item_name }), confirmLabel: translate('market.cancel'), dismissLabel: translate('market.cancel.keep'), danger: true });
    if (!ok) return;
    setCanceling(l.id);
    const done = await cancel.run(() => api().call('market.cancel', { listingId: l.id }));
    setCanceling(null);
    if (done) {
      toastSuccess(translate('market.cancel.done'));
      void live.reload();
      void mine.reload();
    }
  }

  return (
    <>
      <section className="card card--full" data-testid="market-live">
        <div className="card__head">
          <h2 className="card__title">{t('market.live')}</h2>
          <label className="field-inline">
            <span className="field__label">{t('market.filter')}</span>
            <select className="select select--compact" data-testid="market-filter" value={seriesId} onChange={(e) => setSeriesId(e.target.value)}>
              <option value="">{t('market.filter.all')}</option>
              {options.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.title}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="btn btn--ghost btn--small" data-testid="market-refresh" disabled={live.loading} onClick={() => void Promise.all([live.reload(), mine.reload()])}>
            <Icon name="sync" />
            {t('verify.refresh')}
          </button>
        </div>
        {live.error && !others ? (
          <ErrorPanel error={live.error} onRetry={() => void live.reload()} testId="market-error" />
        ) : !others ? (
          <SkeletonRows rows={4} testId="market-loading" />
        ) : others.length === 0 ? (
          <EmptyState icon="wallet" title={t('market.empty')} body={t('market.emptyBody')} testId="market-empty" />
        ) : (
          <ListingsTable listings={others} testId="market-listings" onBuy={setBuying} busyId={null} />
        )}
      </section>
      <section className="card card--full" data-testid="market-mine">
        <h2 className="card__title">{t('market.mine')}</h2>
        {cancel.error ? <FormError error={cancel.error} title={t('market.cancel.failed')} testId="market-cancel-error" /> : null}
        {mine.error && !myListings ? (
          <ErrorPanel error={mine.error} onRetry={() => void mine.reload()} testId="market-mine-error" />
        ) : !myListings ? (
          <SkeletonRows rows={2} testId="market-mine-loading" />
        ) : myListings.length === 0 ? (
          <EmptyState icon="wallet" title={t('market.mine.empty')} body={t('market.mine.emptyBody')} testId="market-mine-empty" />
        ) : (
          <ListingsTable listings={myListings} testId="market-my-listings" onCancel={(l) => void cancelListing(l)} busyId={canceling} />
        )}
      </section>
      {buying ? (
        <BuyDialog
          listing={buying}
          onClose={() => setBuying(null)}
          onRefused={() => {
            void live.reload();
            void useAccountStore.getState().refreshQuietly();
          }}
          onBought={() => {
            setBuying(null);
            toastSuccess(translate('market.buy.done'), translate('market.buy.doneBody'));
            void live.reload();
            void mine.reload();
            void useAccountStore.getState().refreshQuietly();
          }}
        />
      ) : null}
    </>
  );
}

/** The resale market (issue 18): live listings to buy through an escrow, and my own listings to cancel. */
export function MarketPage() {
  const t = useT();
  return (
    <section className="page" data-testid="page-box-market">
      <PageHeader title={t('market.title')} subtitle={t('market.subtitle')} />
      <SignedInOnly testId="market">
        <Market />
      </SignedInOnly>
    </section>
  );
}
