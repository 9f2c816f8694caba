import type { Billing, CostLine } from '../../../shared/pricing.js';
import type { Language } from '../../../shared/settings.js';
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

/** Who pays a line: credits unless main said otherwise (lines priced before billing modes existed). */
const billingOfLine = (line: CostLine): Billing => line.billing ?? 'credits';

/** A line's cost as its billing reads: credits as a ceiling, an own key's provider, or free. */
function lineCost(line: CostLine, t: Translate, language: Language, payer: string): string {
  const billing = billingOfLine(line);
  if (billing === 'own-key') return t('choices.estimate.lineOwnKey', { provider: payer });
  if (billing === 'free') return t('choices.estimate.lineFree');
  return t('choices.estimate.lineCredits', { count: formatCount(line.credits, language) });
}

/**
 * The cost shown before Generate, line by line as each is paid: credits
 * (the most that can be taken; the charge follows actual use), the user's
 * own key (billed by the provider, no credits), or free.
 */
export function EstimatePanel({ state, testId = 'estimate', payer }: { state: EstimateState; testId?: string; payer?: (line: CostLine) => string | undefined }) {
  const t = useT();
  const language = useLanguage();
  const { estimate, error, loading } = state;
  const credits = estimate ? estimate.lines.filter((l) => billingOfLine(l) === 'credits').reduce((sum, l) => sum + l.credits, 0) : 0;
  const ownKey = estimate ? estimate.lines.some((l) => billingOfLine(l) === 'own-key') : false;
  return (
    <div className="estimate" data-testid={testId} data-loading={loading ? 'true' : 'false'} aria-live="polite">
      <span className="estimate__title">{t('gen.estimate.title')}</span>
      {error ? (
        <span className="estimate__error">{t('gen.estimate.failed', { message: errorDetail(error, t, language) ?? errorTitle(error, t) })}</span>
      ) : !estimate ? (
        <Skeleton className="skeleton--short" />
      ) : credits === 0 && !ownKey ? (
        <span>
          <strong className="estimate__total estimate__total--free" data-testid={`${testId}-total`}>
            {t('gen.estimate.free')}
          </strong>{' '}
          <span className="muted">{t('gen.estimate.freeBody')}</span>
        </span>
      ) : (
        <span>
          <strong className={credits === 0 ? 'estimate__total estimate__total--free' : 'estimate__total'} data-testid={`${testId}-total`}>
            {credits === 0 ? t('choices.estimate.noCredits') : t('choices.estimate.upTo', { count: formatCount(credits, language) })}
          </strong>
          {credits === 0 ? <span className="muted"> {t('choices.estimate.noCreditsBody')}</span> : null}
          <ul className="estimate__lines">
            {estimate.lines.map((line) => (
              <li key={line.label} data-testid={`${testId}-line`} data-billing={billingOfLine(line)}>
                {t('choices.estimate.line', { label: costLineLabel(line, t), cost: lineCost(line, t, language, payer?.(line) ?? t('choices.payer.provider')) })}
              </li>
            ))}
          </ul>
        </span>
      )}
    </div>
  );
}
