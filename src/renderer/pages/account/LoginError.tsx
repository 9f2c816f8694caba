import type { ErrorInfo } from '../../../shared/errors.js';
import { useT } from '../../i18n/index.js';
import { errorTitle } from '../../lib/jobText.js';
import { ErrorText } from '../../components/ErrorText.js';

/** Why the sign-in failed, in words the user can act on (the cloud's reason by its code). */
export function LoginError({ error }: { error: ErrorInfo }) {
  const t = useT();
  return (
    <div className="error-panel login-error" role="alert" data-testid="login-error" data-code={error.code}>
      <h3 className="error-panel__title">
        {t('account.signInFailed')} — {errorTitle(error, t)}
      </h3>
      {/* "Sign in again on the Account page" is no help on the Account page. */}
      <ErrorText error={error} hideHint={error.code === 'NOT_SIGNED_IN'} />
    </div>
  );
}
