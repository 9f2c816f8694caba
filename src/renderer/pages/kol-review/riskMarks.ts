import type { RiskMatch } from '../../../shared/kol/scores.js';

export interface TextSegment {
  text: string;
  match: RiskMatch | null;
}

/**
 * The text cut into plain runs and matched risky phrases, for <mark>. A
 * match's offsets (UTF-16) are used when they still point at its phrase;
 * after an edit moved it, the phrase is looked for again; overlaps keep the
 * earlier match.
 */
export function riskSegments(text: string, matches: RiskMatch[]): TextSegment[] {
  const placed: { start: number; end: number; match: RiskMatch }[] = [];
  for (const m of matches) {
    let start = text.slice(m.start, m.end) === m.phrase ? m.start : -1;
    if (start === -1 && m.phrase) start = text.indexOf(m.phrase);
    if (start === -1) continue;
    placed.push({ start, end: start + m.phrase.length, match: m });
  }
  placed.sort((a, b) => a.start - b.start || b.end - a.end);
  const segments: TextSegment[] = [];
  let at = 0;
  for (const p of placed) {
    if (p.start < at) continue;
    if (p.start > at) segments.push({ text: text.slice(at, p.start), match: null });
    segments.push({ text: text.slice(p.start, p.end), match: p.match });
    at = p.end;
  }
  if (at < text.length) segments.push({ text: text.slice(at), match: null });
  return segments;
}
