import type { Localized } from '../../../shared/messages.js';
import type { DraftScores, RiskLevel, ScoreCheck } from '../../../shared/kol/scores.js';
import type { Language } from '../../../shared/settings.js';
import { Icon } from '../../components/Icon.js';
import { useLanguage, useT, type MessageKey, type Translate } from '../../i18n/index.js';
import { errorDetail, errorHint } from '../../lib/serverText.js';

/**
 * A draft's three scores with every reason, in the user's language: the Risk
 * rules page's test box shows it, and so can the review queue.
 */

function said(reason: Localized, t: Translate, language: Language): { text: string; hint: string | null } {
  const info = { code: 'BAD_INPUT' as const, message: '', key: reason.key, ...(reason.params ? { params: reason.params } : {}) };
  return { text: errorDetail(info, t, language) ?? reason.key, hint: errorHint(info, t, language) };
}

const LEVEL_BADGE: Record<RiskLevel, string> = { low: 'badge--succeeded', medium: 'badge--queued', high: 'badge--failed' };

export function RiskBadge({ level }: { level: RiskLevel }) {
  const t = useT();
  return (
    <span className={`badge ${LEVEL_BADGE[level]}`} data-testid="risk-level" data-level={level}>
      {t(`kolscore.level.${level}` satisfies MessageKey)}
    </span>
  );
}

function CheckRow({ check }: { check: ScoreCheck }) {
  const t = useT();
  const language = useLanguage();
  const { text, hint } = said(check.reason, t, language);
  const measured = check.weight > 0;
  const state = !measured ? t('kolscore.score.notMeasured') : check.passed ? t('kolscore.score.passed') : t('kolscore.score.failed');
  return (
    <li className={`score-check ${measured ? (check.passed ? 'score-check--passed' : 'score-check--failed') : 'score-check--skipped'}`} data-testid={`score-check-${check.id}`} data-passed={check.passed}>
      <Icon name={!measured ? 'stop' : check.passed ? 'check' : 'warning'} />
      <div>
        <strong>{t(`kolscore.check.${check.id}` as MessageKey)}</strong>
        <span className="visually-hidden"> ({state})</span>
        <p className="score-check__reason">{text}</p>
        {hint && measured && !check.passed ? <p className="muted small">{hint}</p> : null}
      </div>
    </li>
  );
}

export function DraftScoresView({ scores }: { scores: DraftScores }) {
  const t = useT();
  const language = useLanguage();
  return (
    <div className="score-grid" data-testid="draft-scores">
      <section className="score-card" aria-labelledby="score-quality">
        <h3 id="score-quality" className="score-card__title">
          {t('kolscore.score.quality')}
          <span className="score-card__value" data-testid="score-quality">
            {t('kolscore.score.outOf', { score: scores.quality.score })}
          </span>
        </h3>
        <ul className="score-checks">
          {scores.quality.checks.map((c) => (
            <CheckRow key={c.id} check={c} />
          ))}
        </ul>
      </section>
      <section className="score-card" aria-labelledby="score-risk">
        <h3 id="score-risk" className="score-card__title">
          {t('kolscore.score.risk')}
          <RiskBadge level={scores.risk.level} />
        </h3>
        <ul className="score-checks">
          {scores.risk.reasons.map((reason, i) => {
            const { text, hint } = said(reason, t, language);
            return (
              <li key={`${reason.key}-${i}`} className="score-check" data-testid="risk-reason">
                <Icon name={reason.key === 'kol.score.risk.none' ? 'check' : 'warning'} />
                <div>
                  <p className="score-check__reason">{text}</p>
                  {hint ? <p className="muted small">{hint}</p> : null}
                </div>
              </li>
            );
          })}
        </ul>
      </section>
      <section className="score-card" aria-labelledby="score-ai">
        <h3 id="score-ai" className="score-card__title">
          {t('kolscore.score.ai')}
          <span className="score-card__value" data-testid="score-ai">
            {t('kolscore.score.outOf', { score: scores.aiLikeness.score })}
          </span>
        </h3>
        <p className="muted small">{t('kolscore.score.aiNote')}</p>
        <ul className="score-checks">
          {scores.aiLikeness.signals.map((c) => (
            <CheckRow key={c.id} check={c} />
          ))}
        </ul>
      </section>
    </div>
  );
}
