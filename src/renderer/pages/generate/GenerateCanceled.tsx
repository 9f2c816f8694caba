import { useT } from '../../i18n/index.js';

/** A generation the user canceled: not an error — nothing was charged, and it can be started again. */
export function GenerateCanceled() {
  const t = useT();
  return (
    <div className="card gen-canceled" role="status" data-testid="gen-canceled">
      <h3 className="card__title">
        <span className="badge badge--canceled">{t('gen.status.canceled')}</span> {t('uifix.canceled.title')}
      </h3>
      <p className="muted">{t('uifix.canceled.body')}</p>
    </div>
  );
}
