import type { ErrorInfo } from '../../../shared/errors.js';
import { useT } from '../../i18n/index.js';
import { errorTitle } from '../../lib/jobText.js';
import { ErrorText } from '../../components/ErrorText.js';

/** Why a timeline did not open: main's message names the file or the field at fault. */
export function OpenError({ error }: { error: ErrorInfo }) {
  const t = useT();
  return (
    <div className="error-panel" role="alert" data-testid="video-open-error" data-code={error.code}>
      <h3 className="error-panel__title">
        {t('video.openError')} — {errorTitle(error, t)}
      </h3>
      <ErrorText error={error} messageTestId="video-open-error-message" />
      {error.field ? (
        <p className="error-panel__field" data-testid="video-open-error-field">
          {t('video.openError.field', { field: error.field })}
        </p>
      ) : null}
    </div>
  );
}
