import type { ErrorInfo } from '../../../shared/errors.js';
import { useT } from '../../i18n/index.js';
import { errorTitle } from '../../lib/jobText.js';

/** Why the sign-in failed, in words the user can act on (the cloud's own message included). */
export function LoginError({ error }: { error: ErrorInfo }) {
  const t = useT();
  return (
    <div className="error-panel login-error" role="alert" data-testid="login-error" data-code={error.code}>
      <h3 className="error-panel__title">
        {t('account.signInFailed')} — {errorTitle(error, t)}
      </h3>
      <p className="error-panel__message">{error.message}</p>
      {/* "Sign in again on the Account page" is no help on the Account page. */}
      {error.hint && error.code !== 'NOT_SIGNED_IN' ? <p className="error-panel__hint">{t('error.hint', { hint: error.hint })}</p> : null}
    </div>
  );
}
