import { useState } from 'react';
import type { ListingView, TradeView } from '../../../shared/boxes/wire.js';
import { api } from '../../api/index.js';
import { Dialog } from '../../components/Dialog.js';
import { TierBadge } from '../../components/TierBadge.js';
import { useLanguage, useT } from '../../i18n/index.js';
import { formatCount } from '../../lib/format.js';
import { useAccountStore } from '../../stores/accountStore.js';
import { FormError } from '../partners/common.js';
import { useAction } from '../partners/useCall.js';

/** The buyer's confirmation: the price against the balance; the purchase is an escrow on the ledger, one request id per dialog. */
export function BuyDialog({ listing, onClose, onBought, onRefused }: { listing: ListingView; onClose: () => void; onBought: (trade: TradeView) => void; onRefused: () => void }) {
  const t = useT();
  const language = useLanguage();
  // Made once when the dialog opens: a retried Buy is the same purchase, charged once.
  const [requestId] = useState(() => crypto.randomUUID());
  const wallet = useAccountStore((s) => s.wallet);
  // Market credits come from the cloud wallet; this device's offline allowance is not spendable here.
  const balance = wallet?.balance?.available ?? null;
  const action = useAction();
  const short = balance !== null && balance < listing.price;

  async function buy() {
    const trade = await action.run(() => api().call('market.buy', { listingId: listing.id, requestId }));
    if (trade) onBought(trade);
    // A refusal may mean the listing is gone or the balance moved: the page reads both again behind the dialog.
    else onRefused();
  }

  return (
    <Dialog
      title={t('market.buy.title', { name: listing.item_name })}
      onClose={onClose}
      testId="buy-dialog"
      footer={
        <>
          <button type="button" className="btn btn--ghost" data-testid="buy-cancel" data-autofocus="" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="button" className="btn btn--primary" data-testid="buy-confirm" disabled={action.busy} onClick={() => void buy()}>
            {t('market.buy.confirm', { price: formatCount(listing.price, language) })}
          </button>
        </>
      }
    >
      <p>
        <TierBadge tier={listing.tier} /> {listing.item_name} · {listing.series_title} · {t('market.seller', { seller: listing.seller })}
      </p>
      <dl className="meta-list">
        <div className="meta-list__row">
          <dt>{t('market.price')}</dt>
          <dd data-testid="buy-price" data-value={listing.price}>
            {t('boxes.credits', { count: formatCount(listing.price, language) })}
          </dd>
        </div>
        <div className="meta-list__row">
          <dt>{t('market.buy.balance')}</dt>
          <dd data-testid="buy-balance" data-value={balance ?? ''}>
            {balance === null ? '—' : t('boxes.credits', { count: formatCount(balance, language) })}
          </dd>
        </div>
        {balance !== null ? (
          <div className="meta-list__row">
            <dt>{t('market.buy.after')}</dt>
            <dd data-testid="buy-after">{t('boxes.credits', { count: formatCount(balance - listing.price, language) })}</dd>
          </div>
        ) : null}
      </dl>
      {short ? (
        <p className="field__error" data-testid="buy-short">
          {t('market.buy.short')}
        </p>
      ) : null}
      <p className="muted">{t('market.buy.help')}</p>
      {action.error ? <FormError error={action.error} title={t('market.buy.failed')} testId="buy-error" /> : null}
    </Dialog>
  );
}
