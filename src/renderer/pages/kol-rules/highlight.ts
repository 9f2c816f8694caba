import type { RiskCategory, RiskLevel, RiskMatch } from '../../../shared/kol/scores.js';

/** A run of the scored text: plain, or a matched phrase to mark. */
export interface Segment {
  text: string;
  match: { category: RiskCategory; level: RiskLevel; ruleId: string } | null;
}

/**
 * The text cut into plain and matched runs, in order. Matches arrive without
 * one inside another (scoring drops those); where two still overlap, the one
 * that starts first is marked and the rest of the other is left plain.
 */
export function highlightSegments(text: string, matches: readonly RiskMatch[]): Segment[] {
  const sorted = [...matches].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Segment[] = [];
  let at = 0;
  for (const m of sorted) {
    if (m.start < at || m.end > text.length) continue;
    if (m.start > at) out.push({ text: text.slice(at, m.start), match: null });
    out.push({ text: text.slice(m.start, m.end), match: { category: m.category, level: m.level, ruleId: m.ruleId } });
    at = m.end;
  }
  if (at < text.length) out.push({ text: text.slice(at), match: null });
  return out;
}
