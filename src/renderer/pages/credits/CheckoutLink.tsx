import { useRef } from 'react';
import { Icon } from '../../components/Icon.js';
import { t as translate, useLanguage, useT } from '../../i18n/index.js';
import { formatCount } from '../../lib/format.js';
import { BUCKET_KEYS } from '../../lib/wallet.js';
import { toastSuccess } from '../../stores/toastStore.js';
import type { PendingPurchase } from './usePurchaseWatch.js';

export interface Checkout extends PendingPurchase {
  name: string;
  url: string;
  /** Credits the payment added, once the balance shows them; null while waiting. */
  added: number | null;
}

/**
 * A purchase in progress: the checkout opens in the browser, and this panel
 * waits for the payment (the balance is refreshed meanwhile) and then says
 * what arrived. The link can be opened again or copied, e.g. to pay on a
 * phone; closing the panel stops waiting.
 */
export function CheckoutLink({ checkout, onOpen, onClose }: { checkout: Checkout; onOpen: () => void; onClose: () => void }) {
  const t = useT();
  const language = useLanguage();
  const input = useRef<HTMLInputElement>(null);
  const paid = checkout.added !== null;

  async function copy() {
    try {
      await navigator.clipboard.writeText(checkout.url);
      toastSuccess(translate('credits.checkout.copied'));
    } catch {
      // No clipboard access: select the link so the user can copy it.
      input.current?.focus();
      input.current?.select();
    }
  }

  return (
    <div className="checkout-link" role="status" data-testid="checkout-link" data-state={paid ? 'paid' : 'waiting'}>
      <div className="checkout-link__head">
        <h3 className="checkout-link__title">{paid ? t('credits.checkout.paidTitle') : t('credits.checkout.title')}</h3>
        <button type="button" className="icon-btn" aria-label={t('common.close')} data-testid="checkout-close" onClick={onClose}>
          <Icon name="close" />
        </button>
      </div>
      {paid ? (
        <p data-testid="checkout-paid">
          {t('credits.checkout.paidBody', { count: formatCount(checkout.added ?? 0, language), bucket: t(BUCKET_KEYS[checkout.bucket].name) })}
        </p>
      ) : (
        <>
          <p className="muted">{t('credits.checkout.body', { name: checkout.name })}</p>
          <p className="checkout-link__waiting" data-testid="checkout-waiting">
            <span className="spinner" aria-hidden="true" />
            {t('credits.checkout.waiting')}
          </p>
          <input
            ref={input}
            className="input checkout-link__url"
            readOnly
            value={checkout.url}
            aria-label={t('credits.checkout.title')}
            data-testid="checkout-url"
            onFocus={(event) => event.target.select()}
          />
          <div className="checkout-link__actions">
            <button type="button" className="btn btn--primary" data-testid="checkout-open" onClick={onOpen}>
              <Icon name="external" />
              {t('credits.checkout.open')}
            </button>
            <button type="button" className="btn btn--ghost" data-testid="checkout-copy" onClick={() => void copy()}>
              <Icon name="copy" />
              {t('credits.checkout.copy')}
            </button>
          </div>
        </>
      )}
    </div>
  );
}
