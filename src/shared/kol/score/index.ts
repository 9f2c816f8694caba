import type { PublishPlatform } from '../../publish/platforms.js';
import type { DraftScores, RiskRegion, RiskRule } from '../scores.js';
import { aiLikenessScore } from './ai-likeness.js';
import { qualityScore } from './quality.js';
import { findRiskMatches, riskFromMatches } from './risk.js';
import { scriptOf } from './text.js';

/**
 * The three scores of a draft (issue 14): pure, so main, a worker and the
 * renderer compute the same numbers.
 */
export interface ScoreInput {
  text: string;
  title?: string | undefined;
  platform: PublishPlatform | null;
  language: 'zh-TW' | 'zh-CN' | 'en';
  /** The persona's last posts, newest first (up to 50): duplication names a match by its 1-based position here. */
  recentTexts: readonly string[];
  /** The rules in force (bundled and agency, with their on/off state); switched-off ones are skipped. */
  rules: readonly RiskRule[];
  /** The markets the post is for: rules of other regions are skipped ('all' in the list: every rule applies). */
  regions: readonly RiskRegion[];
  now: number;
}

/**
 * The text risk matches index into: the title and the text joined by a blank
 * line when there is a title, else the text. Highlight this same string.
 */
export function scoredText(input: { text: string; title?: string | undefined }): string {
  const title = input.title?.trim();
  return title ? `${title}\n\n${input.text}` : input.text;
}

/** The regions a persona's language points at when nothing else says: Taiwan for zh-TW, the mainland for zh-CN, both for English. */
export function defaultRegions(language: ScoreInput['language']): RiskRegion[] {
  if (language === 'zh-TW') return ['TW'];
  if (language === 'zh-CN') return ['CN'];
  return ['TW', 'CN'];
}

export function scoreDraft(input: ScoreInput): DraftScores {
  const script = scriptOf(input.text, input.language);
  const matches = findRiskMatches(scoredText(input), input.rules, input.regions);
  return {
    quality: qualityScore({ text: input.text, platform: input.platform, script, recentTexts: input.recentTexts }),
    risk: riskFromMatches(matches),
    aiLikeness: aiLikenessScore(input.text, script),
    scoredAt: input.now,
  };
}

export { BUNDLED_RULES, bundledRuleId, DISCLOSURE_TAGS } from './bundled-rules.js';
export { MAX_PATTERN_LENGTH, nestedQuantifier, patternProblem } from './regex-guard.js';
export { ESCALATE_AT_MEDIUM_RULES, findRiskMatches, ruleApplies } from './risk.js';
export { fold } from './variants.js';
