import type { ErrorInfo } from '../../../shared/errors.js';
import { useT } from '../../i18n/index.js';
import { errorTitle } from '../../lib/jobText.js';

/** A render that failed or could not start: main's message (e.g. the glyphs the font lacks) and its hint. */
export function RenderFailure({ error, title }: { error: ErrorInfo; title: string }) {
  const t = useT();
  return (
    <div className="error-panel" role="alert" data-testid="render-error" data-code={error.code}>
      <h3 className="error-panel__title">
        {title} — {errorTitle(error, t)}
      </h3>
      <p className="error-panel__message render-error__message" data-testid="render-error-message">
        {error.message}
      </p>
      {error.hint ? (
        <p className="error-panel__hint" data-testid="render-error-hint">
          {t('error.hint', { hint: error.hint })}
        </p>
      ) : null}
    </div>
  );
}
