import { useT } from './i18n/index.js';

/** Shown in a browser opened without the token `kingjam serve` put in its URL. */
export function NotConnected() {
  const t = useT();
  return (
    <div className="not-connected" data-testid="not-connected">
      <div className="card">
        <h1 className="page-header__title">{t('auth.title')}</h1>
        <p>{t('auth.body')}</p>
      </div>
    </div>
  );
}
