import type { ErrorInfo } from '../../../shared/errors.js';
import { useT } from '../../i18n/index.js';
import { errorTitle } from '../../lib/jobText.js';
import { useNavigationStore, type PageId } from '../../stores/navigationStore.js';
import { ErrorText } from '../../components/ErrorText.js';

/** Where a user can fix an error: sign in, buy credits, or set up a provider. */
const FIXES: Partial<Record<ErrorInfo['code'], { page: PageId; label: 'gen.action.signIn' | 'gen.action.credits' | 'gen.action.settings' }>> = {
  NOT_SIGNED_IN: { page: 'account', label: 'gen.action.signIn' },
  INSUFFICIENT_CREDITS: { page: 'credits', label: 'gen.action.credits' },
  PROVIDER_NOT_CONFIGURED: { page: 'settings', label: 'gen.action.settings' },
  PROVIDER_AUTH_FAILED: { page: 'settings', label: 'gen.action.settings' },
  MODEL_UNAVAILABLE: { page: 'settings', label: 'gen.action.settings' },
};

/** A generation that failed or could not start: what happened, the hint, and a link to the fix. */
export function GenerateFailure({ error, title }: { error: ErrorInfo; title: string }) {
  const t = useT();
  const go = useNavigationStore((s) => s.go);
  const fix = FIXES[error.code];
  return (
    <div className="error-panel" role="alert" data-testid="gen-error" data-code={error.code}>
      <h3 className="error-panel__title">
        {title} — {errorTitle(error, t)}
      </h3>
      <ErrorText error={error} messageTestId="gen-error-message" />
      {fix ? (
        <button type="button" className="btn btn--ghost" data-testid="gen-error-fix" onClick={() => go(fix.page)}>
          {t(fix.label)}
        </button>
      ) : null}
    </div>
  );
}
