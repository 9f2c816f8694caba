import { useCallback, useEffect, useState } from 'react';
import type { PlanOffer } from '../../../shared/wallet.js';
import { api, errorInfoOf } from '../../api/index.js';
import { openTarget } from '../../api/open.js';
import { ErrorPanel } from '../../components/ErrorPanel.js';
import { SkeletonRows } from '../../components/Skeleton.js';
import { t as translate, useLanguage, useT } from '../../i18n/index.js';
import { formatCount } from '../../lib/format.js';
import { isWebUrl } from '../../lib/wallet.js';
import { useCreditsStore } from '../../stores/creditsStore.js';
import { toastError, toastInfo, toastSuccess } from '../../stores/toastStore.js';
import { CheckoutLink, type Checkout } from './CheckoutLink.js';
import { OfferCard } from './OfferCard.js';
import { bucketCredits, usePurchaseWatch } from './usePurchaseWatch.js';
import { offerName } from '../../lib/serverText.js';

/** Opens the checkout: the system browser on the desktop, a new tab (noopener) in a browser. */
async function openInBrowser(url: string): Promise<void> {
  if ((await openTarget({ kind: 'url', url })) === 'shell') return;
  toastInfo(translate('credits.checkout.opened'));
}

/** Gets a checkout URL from the cloud, notes the bucket's credits before paying, and opens the checkout. */
async function startCheckout(offer: PlanOffer): Promise<Checkout> {
  const bucket = offer.kind === 'plan' ? 'SUB' : 'PAID';
  // The current balance, so the credits the payment adds can be told apart (it also updates the page, through account.changed).
  const wallet = await api().call('wallet.refresh', {});
  const { url } = await api().call('wallet.checkout', offer.kind === 'plan' ? { plan: offer.id } : { pack: offer.id });
  if (!isWebUrl(url)) throw new Error(`The cloud sent a checkout address that is not a web link: ${url}`);
  await openInBrowser(url);
  // wallet.refresh answered, so the balance is there; a wallet never fetched counts from zero.
  return { name: offerName(offer, translate), url, bucket, before: bucketCredits(wallet, bucket) ?? 0, added: null };
}

/** Plans and credit packs with NT$ prices (wallet.offers), and the purchase in progress after Buy. */
export function Offers() {
  const t = useT();
  const { offers, offersError, loadOffers, loadHistory } = useCreditsStore();
  const [buying, setBuying] = useState<string | null>(null);
  const [checkout, setCheckout] = useState<Checkout | null>(null);
  const language = useLanguage();

  useEffect(() => {
    if (!offers) void loadOffers();
  }, [offers, loadOffers]);

  const paid = useCallback(
    (added: number) => {
      setCheckout((c) => (c && c.added === null ? { ...c, added } : c));
      toastSuccess(translate('credits.checkout.paidToast', { count: formatCount(added, language) }));
      void loadHistory();
    },
    [loadHistory, language],
  );
  usePurchaseWatch(checkout?.added === null ? checkout : null, paid);

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

  function reopen(url: string) {
    openInBrowser(url).catch((err: unknown) => toastError(errorInfoOf(err)));
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
      {checkout ? <CheckoutLink checkout={checkout} onOpen={() => reopen(checkout.url)} onClose={() => setCheckout(null)} /> : null}
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
