import type { RiskMatch } from '../../../shared/kol/scores.js';
import { useT, type MessageKey } from '../../i18n/index.js';
import { highlightSegments } from './highlight.js';

/** The scored text with every matched phrase in a <mark> whose class is its category (and its level, for colour). */
export function HighlightedText({ text, matches }: { text: string; matches: readonly RiskMatch[] }) {
  const t = useT();
  return (
    <p className="risk-text" data-testid="risk-text">
      {highlightSegments(text, matches).map((s, i) =>
        s.match ? (
          <mark key={i} className={`${s.match.category} risk-mark risk-mark--${s.match.level}`} title={`${t(`kolscore.category.${s.match.category}` satisfies MessageKey)} · ${t(`kolscore.level.${s.match.level}` satisfies MessageKey)}`} data-rule={s.match.ruleId}>
            {s.text}
          </mark>
        ) : (
          <span key={i}>{s.text}</span>
        ),
      )}
    </p>
  );
}
