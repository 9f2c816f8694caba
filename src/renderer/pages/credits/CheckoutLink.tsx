import { useRef } from 'react';
import { Icon } from '../../components/Icon.js';
import { t as translate, useT } from '../../i18n/index.js';
import { toastSuccess } from '../../stores/toastStore.js';

export interface Checkout {
  name: string;
  url: string;
}

/**
 * The checkout URL, to finish the payment in a browser. The Electron window
 * cannot open it (no navigation, no new windows), so the link is shown to
 * copy; in a browser it can also be opened in a new tab.
 */
export function CheckoutLink({ checkout, canOpen, onClose }: { checkout: Checkout; canOpen: boolean; onClose: () => void }) {
  const t = useT();
  const input = useRef<HTMLInputElement>(null);

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
    <div className="checkout-link" role="status" data-testid="checkout-link">
      <div className="checkout-link__head">
        <h3 className="checkout-link__title">{t('credits.checkout.title')}</h3>
        <button type="button" className="icon-btn" aria-label={t('common.close')} onClick={onClose}>
          <Icon name="close" />
        </button>
      </div>
      <p className="muted">{t('credits.checkout.body', { name: checkout.name })}</p>
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
        <button type="button" className="btn btn--primary" data-testid="checkout-copy" onClick={() => void copy()}>
          <Icon name="copy" />
          {t('credits.checkout.copy')}
        </button>
        {canOpen ? (
          <a className="btn btn--ghost" href={checkout.url} target="_blank" rel="noopener noreferrer" data-testid="checkout-open">
            <Icon name="external" />
            {t('credits.checkout.open')}
          </a>
        ) : null}
      </div>
    </div>
  );
}
