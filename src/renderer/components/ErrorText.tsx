import type { ErrorInfo } from '../../shared/errors.js';
import { useLanguage, useT } from '../i18n/index.js';
import { errorDetail, errorHint } from '../lib/serverText.js';

/** An error's sentence and what to do, in the user's language (under a panel's title). */
export function ErrorText({ error, messageTestId, hintTestId, hideHint = false }: { error: ErrorInfo; messageTestId?: string; hintTestId?: string; hideHint?: boolean }) {
  const t = useT();
  const language = useLanguage();
  const detail = errorDetail(error, t, language);
  const hint = hideHint ? null : errorHint(error, t, language);
  return (
    <>
      {detail ? (
        <p className="error-panel__message" data-testid={messageTestId}>
          {detail}
        </p>
      ) : null}
      {hint ? (
        <p className="error-panel__hint" data-testid={hintTestId}>
          {t('error.hint', { hint })}
        </p>
      ) : null}
    </>
  );
}
