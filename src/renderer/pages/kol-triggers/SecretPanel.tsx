import type { WebhookSecret } from '../../../shared/kol/triggers.js';
import { useT } from '../../i18n/index.js';
import { toastInfo } from '../../stores/toastStore.js';

/** A webhook's address and secret, shown once (at creation or after a rotation) with copy buttons. */
export function SecretPanel({ webhook, onDone }: { webhook: WebhookSecret; onDone: () => void }) {
  const t = useT();
  const address = window.studio ? webhook.path : `${window.location.origin}${webhook.path}`;
  const copy = (text: string) => {
    void navigator.clipboard.writeText(text).then(() => toastInfo(t('koltrig.secret.copied')));
  };
  return (
    <section className="card" role="alert" data-testid="trig-secret" aria-labelledby="trig-secret-title">
      <h2 className="card__title" id="trig-secret-title">
        {t('koltrig.secret.title')}
      </h2>
      <p className="muted">{t('koltrig.secret.once')}</p>
      <dl>
        <dt>{t('koltrig.secret.address')}</dt>
        <dd>
          <code data-testid="trig-secret-path">POST {address}</code>{' '}
          <button type="button" className="btn btn--ghost" onClick={() => copy(address)}>
            {t('koltrig.secret.copy')}
          </button>
        </dd>
        <dt>{t('koltrig.secret.secret')}</dt>
        <dd>
          <code data-testid="trig-secret-value">{webhook.secret}</code>{' '}
          <button type="button" className="btn btn--ghost" data-testid="trig-secret-copy" onClick={() => copy(webhook.secret)}>
            {t('koltrig.secret.copy')}
          </button>
        </dd>
      </dl>
      <p className="muted small">{t('koltrig.secret.how')}</p>
      <button type="button" className="btn btn--primary" data-testid="trig-secret-done" onClick={onDone}>
        {t('koltrig.secret.done')}
      </button>
    </section>
  );
}
