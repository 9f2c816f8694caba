import { useEffect, useState } from 'react';
import type { PlanOffer } from '../../../shared/wallet.js';
import { api, errorInfoOf } from '../../api/index.js';
import { ErrorPanel } from '../../components/ErrorPanel.js';
import { SkeletonRows } from '../../components/Skeleton.js';
import { t as translate, useT } from '../../i18n/index.js';
import { isWebUrl } from '../../lib/wallet.js';
import { useCreditsStore } from '../../stores/creditsStore.js';
import { toastError, toastInfo } from '../../stores/toastStore.js';
import { CheckoutLink, type Checkout } from './CheckoutLink.js';
import { OfferCard } from './OfferCard.js';

/** Gets a checkout URL from the cloud; in a browser also opens it in a new tab (noopener). */
async function startCheckout(offer: PlanOffer): Promise<Checkout | null> {
  const { url } = await api().call('wallet.checkout', offer.kind === 'plan' ? { plan: offer.id } : { pack: offer.id });
  if (!isWebUrl(url)) throw new Error(`The cloud sent a checkout address that is not a web link: ${url}`);
  if (api().shell === 'web') {
    window.open(url, '_blank', 'noopener,noreferrer');
    toastInfo(translate('credits.checkout.opened'));
  }
  return { name: offer.name, url };
}

/** Plans and credit packs with NT$ prices (wallet.offers), and the checkout link after Buy. */
export function Offers() {
  const t = useT();
  const { offers, offersError, loadOffers } = useCreditsStore();
  const [buying, setBuying] = useState<string | null>(null);
  const [checkout, setCheckout] = useState<Checkout | null>(null);

  useEffect(() => {
    if (!offers) void loadOffers();
  }, [offers, loadOffers]);

  async function buy(offer: PlanOffer) {
    setBuying(offer.id);
    try {
      setCheckout(await startCheckout(offer));
    } catch (err) {
      toastError(errorInfoOf(err), translate('credits.checkoutFailed'));
    } finally {
      setBuying(null);
    }
  }

  function group(kind: PlanOffer['kind']) {
    const items = (offers ?? []).filter((o) => o.kind === kind);
    if (items.length === 0) return null;
    return (
      <div className="offers__group">
        <h3 className="offers__heading">{kind === 'plan' ? t('credits.plans') : t('credits.packs')}</h3>
        <ul className="offers__list">
          {items.map((offer) => (
            <OfferCard key={offer.id} offer={offer} busy={buying === offer.id} disabled={buying !== null} onBuy={() => void buy(offer)} />
          ))}
        </ul>
      </div>
    );
  }

  return (
    <section className="card card--full offers" data-testid="credits-offers">
      <h2 className="card__title">{t('credits.buy')}</h2>
      {checkout ? <CheckoutLink checkout={checkout} canOpen={api().shell === 'web'} onClose={() => setCheckout(null)} /> : null}
      {offersError && !offers ? (
        <ErrorPanel error={offersError} onRetry={() => void loadOffers()} testId="offers-error" />
      ) : offers ? (
        <>
          {group('plan')}
          {group('pack')}
        </>
      ) : (
        <SkeletonRows rows={3} testId="offers-loading" />
      )}
    </section>
  );
}
