import { useT } from './i18n/index.js';

/** Shown in a browser opened without the token `kingjam serve` put in its URL, or whose token was refused. */
export function NotConnected({ refused = false }: { refused?: boolean }) {
  const t = useT();
  return (
    <div className="not-connected" data-testid="not-connected">
      <div className="card">
        <h1 className="page-header__title">{t('auth.title')}</h1>
        <p>{refused ? t('auth.expired') : t('auth.body')}</p>
      </div>
    </div>
  );
}
