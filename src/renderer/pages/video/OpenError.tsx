import type { ErrorInfo } from '../../../shared/errors.js';
import { useT } from '../../i18n/index.js';
import { errorTitle } from '../../lib/jobText.js';

/** Why a timeline did not open: main's message names the file or the field at fault. */
export function OpenError({ error }: { error: ErrorInfo }) {
  const t = useT();
  return (
    <div className="error-panel" role="alert" data-testid="video-open-error" data-code={error.code}>
      <h3 className="error-panel__title">
        {t('video.openError')} — {errorTitle(error, t)}
      </h3>
      <p className="error-panel__message" data-testid="video-open-error-message">
        {error.message}
      </p>
      {error.field ? (
        <p className="error-panel__field" data-testid="video-open-error-field">
          {t('video.openError.field', { field: error.field })}
        </p>
      ) : null}
      {error.hint ? <p className="error-panel__hint">{t('error.hint', { hint: error.hint })}</p> : null}
    </div>
  );
}
