import type { ListingView } from '../../../shared/boxes/wire.js';
import { BoxItemImage } from '../../components/BoxItemImage.js';
import { TierBadge } from '../../components/TierBadge.js';
import { useLanguage, useT } from '../../i18n/index.js';
import { formatCount, formatDateTime } from '../../lib/format.js';

/** Listings as a table: item, series, price, fee, seller, expiry, and the one action that fits (Buy, or Cancel on one's own). */
export function ListingsTable({ listings, testId, onBuy, onCancel, busyId }: { listings: ListingView[]; testId: string; onBuy?: (l: ListingView) => void; onCancel?: (l: ListingView) => void; busyId: string | null }) {
  const t = useT();
  const language = useLanguage();
  return (
    <div className="table-wrap">
      <table className="table" data-testid={testId}>
        <thead>
          <tr>
            <th>{t('shop.odds.item')}</th>
            <th>{t('market.series')}</th>
            <th className="num">{t('market.price')}</th>
            <th className="num">{t('market.fee')}</th>
            <th>{t('market.sellerLabel')}</th>
            <th>{t('market.expires')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {listings.map((l) => (
            <tr key={l.id} data-testid="listing-row" data-listing-id={l.id} data-item-id={l.item_id} data-status={l.status} data-mine={l.mine ? 'true' : 'false'} data-price={l.price}>
              <td>
                <span className="box-listing-item">
                  <BoxItemImage itemId={l.item_id} hasImage={l.image_url !== null} alt={l.item_name} className="box-image--small" />
                  <span data-testid="listing-name">{l.item_name}</span>
                  <TierBadge tier={l.tier} />
                </span>
              </td>
              <td>{l.series_title}</td>
              <td className="num" data-testid="listing-price">
                {formatCount(l.price, language)}
              </td>
              <td className="num" data-testid="listing-fee" data-value={l.fee}>
                {formatCount(l.fee, language)}
              </td>
              <td>{l.mine ? t('market.you') : l.seller}</td>
              <td>{l.status === 'listed' ? formatDateTime(l.expires_at, language) : t(`market.status.${l.status}`)}</td>
              <td className="table__actions">
                {l.status === 'listed' && l.mine && onCancel ? (
                  <button type="button" className="btn btn--ghost btn--small" data-testid="listing-cancel" disabled={busyId === l.id} onClick={() => onCancel(l)}>
                    {t('market.cancel')}
                  </button>
                ) : null}
                {l.status === 'listed' && !l.mine && onBuy ? (
                  <button type="button" className="btn btn--primary btn--small" data-testid="listing-buy" onClick={() => onBuy(l)}>
                    {t('market.buy')}
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
