import type { PlanOffer } from '../../../shared/wallet.js';
import { Icon } from '../../components/Icon.js';
import { useLanguage, useT } from '../../i18n/index.js';
import { formatCount } from '../../lib/format.js';
import { formatTwd } from '../../lib/wallet.js';
import { offerName } from '../../lib/serverText.js';

/** One plan or pack: its NT$ price, the credits it gives, and Buy. */
export function OfferCard({ offer, busy, disabled, onBuy }: { offer: PlanOffer; busy: boolean; disabled: boolean; onBuy: () => void }) {
  const t = useT();
  const language = useLanguage();
  const price = formatTwd(offer.priceTwd, language);
  const credits = formatCount(offer.credits, language);
  return (
    <li className={`offer offer--${offer.kind}`} data-testid={`offer-${offer.kind}`} data-id={offer.id}>
      <div className="offer__name" data-testid="offer-name">{offerName(offer, t)}</div>
      <div className="offer__price" data-testid="offer-price">
        {offer.kind === 'plan' ? t('credits.perMonth', { price }) : price}
      </div>
      <div className="offer__credits">{offer.kind === 'plan' ? t('credits.planCredits', { count: credits }) : t('credits.packCredits', { count: credits })}</div>
      {offer.priority ? <div className="offer__perk">{t('credits.priority')}</div> : null}
      <button type="button" className="btn btn--primary btn--small offer__buy" disabled={disabled} data-testid="offer-buy" onClick={onBuy}>
        <Icon name="wallet" />
        {busy ? t('credits.opening') : t('credits.buyButton')}
      </button>
    </li>
  );
}
