import { useState } from 'react';
import { BOX_LIMITS, type ListingView, type OwnedItemView } from '../../../shared/boxes/wire.js';
import { MARKET_PRICES } from '../../../shared/pricing.js';
import { api } from '../../api/index.js';
import { Dialog } from '../../components/Dialog.js';
import { TierBadge } from '../../components/TierBadge.js';
import { useLanguage, useT } from '../../i18n/index.js';
import { sellerReceives } from '../../lib/boxes.js';
import { formatCount } from '../../lib/format.js';
import { FormError } from '../partners/common.js';
import { useAction } from '../partners/useCall.js';

const DEFAULT_DAYS = 7;

/** "List on market": a price and how long, the platform's fee and what the seller receives (as PAID credits). */
export function ListDialog({ item, onClose, onListed }: { item: OwnedItemView; onClose: () => void; onListed: (l: ListingView) => void }) {
  const t = useT();
  const language = useLanguage();
  // One request id for this dialog: a retried submit lists the item once.
  const [requestId] = useState(() => crypto.randomUUID());
  const [price, setPrice] = useState('');
  const [days, setDays] = useState(DEFAULT_DAYS);
  const action = useAction();
  const value = Number.parseInt(price, 10);
  const valid = Number.isInteger(value) && value >= MARKET_PRICES.minPrice && value <= BOX_LIMITS.maxPrice && String(value) === price.trim();
  const money = valid ? sellerReceives(value) : null;

  async function submit() {
    if (!valid) return;
    const listing = await action.run(() => api().call('market.list', { ownedId: item.id, price: value, days, requestId }));
    if (listing) onListed(listing);
  }

  return (
    <Dialog
      title={t('collection.list.title', { name: item.item_name })}
      onClose={onClose}
      testId="list-dialog"
      footer={
        <>
          <button type="button" className="btn btn--ghost" data-testid="list-cancel" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="button" className="btn btn--primary" data-testid="list-submit" disabled={!valid || action.busy} onClick={() => void submit()}>
            {t('collection.list.submit')}
          </button>
        </>
      }
    >
      <p>
        <TierBadge tier={item.tier} /> {item.item_name} · {item.series_title}
      </p>
      <div className="field-grid">
        <label className="field">
          <span className="field__label">{t('collection.list.price')}</span>
          <input
            className={price && !valid ? 'input input--number input--invalid' : 'input input--number'}
            type="number"
            inputMode="numeric"
            min={MARKET_PRICES.minPrice}
            max={BOX_LIMITS.maxPrice}
            data-testid="list-price"
            data-autofocus=""
            value={price}
            onChange={(e) => setPrice(e.target.value)}
          />
          {price && !valid ? <span className="field__error">{t('collection.list.priceRange', { min: MARKET_PRICES.minPrice, max: formatCount(BOX_LIMITS.maxPrice, language) })}</span> : null}
        </label>
        <label className="field">
          <span className="field__label">{t('collection.list.days')}</span>
          <select className="select" data-testid="list-days" value={days} onChange={(e) => setDays(Number(e.target.value))}>
            {[1, 3, 7, 14, BOX_LIMITS.listingMaxDays].map((d) => (
              <option key={d} value={d}>
                {t('collection.list.daysOption', { count: d })}
              </option>
            ))}
          </select>
        </label>
      </div>
      <dl className="meta-list">
        <div className="meta-list__row">
          <dt>{t('collection.list.fee', { pct: MARKET_PRICES.feePercent })}</dt>
          <dd data-testid="list-fee" data-value={money?.fee ?? ''}>
            {money ? t('boxes.credits', { count: formatCount(money.fee, language) }) : '—'}
          </dd>
        </div>
        <div className="meta-list__row">
          <dt>{t('collection.list.receive')}</dt>
          <dd data-testid="list-receive" data-value={money?.receives ?? ''}>
            {money ? t('boxes.credits', { count: formatCount(money.receives, language) }) : '—'}
          </dd>
        </div>
      </dl>
      <p className="muted">{t('collection.list.help')}</p>
      {action.error ? <FormError error={action.error} title={t('collection.list.failed')} testId="list-error" /> : null}
    </Dialog>
  );
}
