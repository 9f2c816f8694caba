import type { ScoreCheck } from '../../../shared/kol/scores.js';
import type { KolPostView } from '../../../shared/kol/post-record.js';
import { Icon } from '../../components/Icon.js';
import { useLanguage, useT } from '../../i18n/index.js';
import { reasonText, riskLabel } from './reviewText.js';

function Checks({ checks, testId }: { checks: ScoreCheck[]; testId: string }) {
  const t = useT();
  const language = useLanguage();
  return (
    <ul className="score-checks" data-testid={testId}>
      {checks.map((c) => (
        <li key={c.id} className={c.passed ? 'score-check score-check--passed' : 'score-check score-check--failed'} data-check={c.id} data-passed={c.passed}>
          <Icon name={c.passed ? 'check' : 'warning'} size={14} />
          <span className="visually-hidden">{c.passed ? t('kol.review.checkPassed') : t('kol.review.checkFailed')}</span>
          {reasonText(c.reason, t, language)}
        </li>
      ))}
    </ul>
  );
}

/** The three scores with the reasons behind each; AI-likeness says it is an estimate. */
export function ScoresPanel({ post }: { post: KolPostView }) {
  const t = useT();
  const language = useLanguage();
  const scores = post.scores;
  if (!scores) return <p className="muted" data-testid="review-scores-none">{t('kol.review.notScored')}</p>;
  return (
    <div className="review-scores" data-testid="review-scores">
      <section className="review-score" aria-labelledby="review-score-quality">
        <h3 className="gen-subtitle" id="review-score-quality">
          {t('kol.review.score.quality')} <strong data-testid="review-quality">{Math.round(scores.quality.score)}</strong> / 100
        </h3>
        <Checks checks={scores.quality.checks} testId="review-quality-checks" />
      </section>
      <section className="review-score" aria-labelledby="review-score-risk">
        <h3 className="gen-subtitle" id="review-score-risk">
          {t('kol.review.score.risk')}{' '}
          <span className={`risk-badge risk-badge--${scores.risk.level}`} data-testid="review-risk">
            {riskLabel(scores.risk.level, t)}
          </span>
        </h3>
        <ul className="score-checks" data-testid="review-risk-reasons">
          {scores.risk.reasons.map((r, i) => (
            <li key={i} className="score-check">
              {reasonText(r, t, language)}
            </li>
          ))}
        </ul>
        {scores.risk.matches.length > 0 ? (
          <ul className="review-risk-matches" aria-label={t('kol.review.matches')}>
            {scores.risk.matches.map((m, i) => (
              <li key={`${m.ruleId}-${i}`}>
                <mark className={`risk-${m.category}`}>{m.phrase}</mark> {t(`kolscore.category.${m.category}`)} · {riskLabel(m.level, t)}
              </li>
            ))}
          </ul>
        ) : null}
      </section>
      <section className="review-score" aria-labelledby="review-score-ai">
        <h3 className="gen-subtitle" id="review-score-ai">
          {t('kol.review.score.ai')} <strong data-testid="review-ai">{Math.round(scores.aiLikeness.score)}</strong> / 100 <span className="badge" data-testid="review-ai-estimate">{t('kol.review.estimate')}</span>
        </h3>
        <Checks checks={scores.aiLikeness.signals} testId="review-ai-signals" />
      </section>
    </div>
  );
}
