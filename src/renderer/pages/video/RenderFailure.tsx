import type { ErrorInfo } from '../../../shared/errors.js';
import { useT } from '../../i18n/index.js';
import { errorTitle } from '../../lib/jobText.js';
import { ErrorText } from '../../components/ErrorText.js';

/** A render that failed or could not start: what went wrong (e.g. the glyphs the font lacks) and what to do. */
export function RenderFailure({ error, title }: { error: ErrorInfo; title: string }) {
  const t = useT();
  return (
    <div className="error-panel" role="alert" data-testid="render-error" data-code={error.code}>
      <h3 className="error-panel__title">
        {title} — {errorTitle(error, t)}
      </h3>
      <ErrorText error={error} messageTestId="render-error-message" hintTestId="render-error-hint" />
    </div>
  );
}
