import { describe, expect, it } from 'vitest';
import { highlightSegments } from '../../src/renderer/pages/kol-rules/highlight.js';
import { BUNDLED_RULES, scoreDraft } from '../../src/shared/kol/score/index.js';
import type { RiskMatch } from '../../src/shared/kol/scores.js';

/** The test box's marking: the scored text cut into plain runs and matched phrases, nothing lost or repeated. */
describe('highlightSegments', () => {
  it('marks each matched phrase where it was written and keeps the rest as it was', () => {
    const text = '這次合作的茶能降血壓，保證獲利！';
    const { risk } = scoreDraft({ text, platform: null, language: 'zh-TW', recentTexts: [], rules: BUNDLED_RULES, regions: ['TW'], now: 0 });
    const segments = highlightSegments(text, risk.matches);
    expect(segments.map((s) => s.text).join('')).toBe(text);
    expect(segments.filter((s) => s.match).map((s) => [s.text, s.match!.category])).toEqual([
      ['合作', 'disclosure'],
      ['降血壓', 'medical'],
      ['保證獲利', 'investment'],
    ]);
  });

  it('marks the first of two overlapping matches and never marks the overlap twice', () => {
    const m = (start: number, end: number): RiskMatch => ({ ruleId: `r${start}`, category: 'custom', level: 'medium', phrase: 'abcdef'.slice(start, end), start, end });
    const segments = highlightSegments('abcdef', [m(3, 5), m(1, 4)]);
    expect(segments.map((s) => [s.text, s.match?.ruleId ?? null])).toEqual([
      ['a', null],
      ['bcd', 'r1'],
      ['ef', null],
    ]);
  });
});
