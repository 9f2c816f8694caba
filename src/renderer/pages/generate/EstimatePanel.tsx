import type { CostLine } from '../../../shared/pricing.js';
import { Skeleton } from '../../components/Skeleton.js';
import { useLanguage, useT, type Translate } from '../../i18n/index.js';
import { formatCount } from '../../lib/format.js';
import type { EstimateState } from './useEstimate.js';
import { errorDetail } from '../../lib/serverText.js';
import { errorTitle } from '../../lib/jobText.js';

const LINE_KEYS = {
  article: 'gen.line.article',
  cover: 'gen.line.cover',
  captions: 'gen.line.captions',
  image: 'gen.line.image',
  script: 'gen.line.script',
  'voice-over': 'gen.line.voice',
} as const;

/** A cost line's label in the user's language (main sends them in English). */
export function costLineLabel(line: CostLine, t: Translate): string {
  if (line.label in LINE_KEYS) return t(LINE_KEYS[line.label as keyof typeof LINE_KEYS]);
  const scene = /^scene (\d+) \((.+)\)$/.exec(line.label);
  if (scene) return t('gen.line.scene', { n: scene[1]!, backend: scene[2]! });
  return line.label;
}

/** The cost shown before Generate: free, or the credits with what they pay for. */
export function EstimatePanel({ state, testId = 'estimate' }: { state: EstimateState; testId?: string }) {
  const t = useT();
  const language = useLanguage();
  const { estimate, error, loading } = state;
  return (
    <div className="estimate" data-testid={testId} data-loading={loading ? 'true' : 'false'} aria-live="polite">
      <span className="estimate__title">{t('gen.estimate.title')}</span>
      {error ? (
        <span className="estimate__error">{t('gen.estimate.failed', { message: errorDetail(error, t, language) ?? errorTitle(error, t) })}</span>
      ) : !estimate ? (
        <Skeleton className="skeleton--short" />
      ) : estimate.total === 0 ? (
        <span>
          <strong className="estimate__total estimate__total--free" data-testid={`${testId}-total`}>
            {t('gen.estimate.free')}
          </strong>{' '}
          <span className="muted">{t('gen.estimate.freeBody')}</span>
        </span>
      ) : (
        <span>
          <strong className="estimate__total" data-testid={`${testId}-total`}>
            {t('gen.estimate.credits', { count: formatCount(estimate.total, language) })}
          </strong>
          <ul className="estimate__lines">
            {estimate.lines.map((line) => (
              <li key={line.label}>
                {costLineLabel(line, t)}: {formatCount(line.credits, language)}
              </li>
            ))}
          </ul>
        </span>
      )}
    </div>
  );
}
