import type { ErrorInfo } from '../../shared/errors.js';
import { useT } from '../i18n/index.js';
import { errorTitle } from '../lib/jobText.js';
import { ErrorText } from './ErrorText.js';

/** A load that failed: what happened, what to do, and a button to try again. */
export function ErrorPanel({ error, onRetry, testId }: { error: ErrorInfo; onRetry?: () => void; testId?: string }) {
  const t = useT();
  return (
    <div className="error-panel" role="alert" data-testid={testId ?? 'error-panel'}>
      <h3 className="error-panel__title">
        {t('common.loadFailed')} — {errorTitle(error, t)}
      </h3>
      <ErrorText error={error} />
      {onRetry ? (
        <button type="button" className="btn btn--ghost" onClick={onRetry}>
          {t('common.reload')}
        </button>
      ) : null}
    </div>
  );
}
