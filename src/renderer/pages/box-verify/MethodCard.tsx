import { useT } from '../../i18n/index.js';

const STEPS = ['verify.method.1', 'verify.method.2', 'verify.method.3', 'verify.method.4'] as const;

/** How an opening is drawn and checked (the method published in src/shared/boxes/fair.ts), in the user's language. */
export function MethodCard() {
  const t = useT();
  return (
    <section className="card" data-testid="verify-method">
      <h2 className="card__title">{t('verify.method.title')}</h2>
      <ol className="verify-method">
        {STEPS.map((key) => (
          <li key={key}>{t(key)}</li>
        ))}
      </ol>
      <p className="muted">{t('verify.method.outside')}</p>
    </section>
  );
}
