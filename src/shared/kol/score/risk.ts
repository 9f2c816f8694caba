import { say, type Localized } from '../../messages.js';
import { RISK_CATEGORIES, RISK_LEVELS, type DraftScores, type RiskLevel, type RiskMatch, type RiskRegion, type RiskRule } from '../scores.js';
import { DISCLOSURE_TAGS } from './bundled-rules.js';
import { findPhrase } from './find.js';
import { RULE_FLAGS } from './regex-guard.js';
import { fold, foldPattern } from './variants.js';

/**
 * The risk level of a draft from the rules in force: every match with where
 * it is (for highlighting), the highest matched level, and one sentence per
 * category saying what was found and what to do.
 *
 * Escalation: three or more different medium rules matched in one post make
 * it high. One or two borderline words are everyday copy; three distinct ones
 * (a discount code, 排毒 and 翻倍 together) are the pattern reviewers are
 * asked to stop, and no single one of them would.
 */
export const ESCALATE_AT_MEDIUM_RULES = 3;

const rank = (level: RiskLevel): number => RISK_LEVELS.indexOf(level);

/** Whether a rule applies to a post aimed at these regions ('all' in the list: every rule). */
export function ruleApplies(rule: RiskRule, regions: readonly RiskRegion[]): boolean {
  return rule.region === 'all' || regions.includes('all') || regions.includes(rule.region);
}

/** Whether the post says it is paid: a disclosure hashtag (#廣告, #合作, #ad …). */
export function hasDisclosureTag(foldedText: string): boolean {
  for (const m of foldedText.matchAll(/#([\p{L}\p{N}_]+)/gu)) {
    const tag = m[1]!;
    if (DISCLOSURE_TAGS.chinese.some((t) => tag.startsWith(fold(t)))) return true;
    if ((DISCLOSURE_TAGS.english as readonly string[]).includes(tag)) return true;
  }
  return false;
}

function regexMatches(foldedText: string, pattern: string): { start: number; end: number }[] {
  let re: RegExp;
  try {
    re = new RegExp(foldPattern(pattern), RULE_FLAGS);
  } catch {
    // Saved patterns were checked when saved (regex-guard.ts); one that no longer compiles matches nothing rather than stopping the score.
    return [];
  }
  const out: { start: number; end: number }[] = [];
  for (const m of foldedText.matchAll(re)) {
    if (m[0].length > 0) out.push({ start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** Drops a match that lies inside another of at least its level (穩賺 inside 穩賺不賠), so one phrase is highlighted once. */
function withoutContained(matches: RiskMatch[]): RiskMatch[] {
  const sorted = [...matches].sort((a, b) => a.start - b.start || b.end - a.end || rank(b.level) - rank(a.level));
  // Every kept match starts at or before the current one, so it contains it when it ends at or after it:
  // the furthest end kept at each level answers that in constant time (a post may have thousands of matches).
  const furthestEnd = RISK_LEVELS.map(() => -1);
  const kept: RiskMatch[] = [];
  for (const m of sorted) {
    if (furthestEnd.some((end, level) => level >= rank(m.level) && end >= m.end)) continue;
    kept.push(m);
    furthestEnd[rank(m.level)] = Math.max(furthestEnd[rank(m.level)]!, m.end);
  }
  return kept;
}

export function findRiskMatches(text: string, rules: readonly RiskRule[], regions: readonly RiskRegion[]): RiskMatch[] {
  const folded = fold(text);
  const disclosed = hasDisclosureTag(folded);
  const matches: RiskMatch[] = [];
  for (const rule of rules) {
    if (!rule.enabled || !ruleApplies(rule, regions)) continue;
    if (rule.category === 'disclosure' && disclosed) continue;
    const spans = rule.match === 'phrase' ? findPhrase(folded, rule.pattern) : regexMatches(folded, rule.pattern);
    for (const { start, end } of spans) matches.push({ ruleId: rule.id, category: rule.category, level: rule.level, phrase: text.slice(start, end), start, end });
  }
  return withoutContained(matches);
}

export function riskFromMatches(matches: RiskMatch[]): DraftScores['risk'] {
  const mediumRules = new Set(matches.filter((m) => m.level === 'medium').map((m) => m.ruleId)).size;
  let level: RiskLevel = matches.reduce<RiskLevel>((top, m) => (rank(m.level) > rank(top) ? m.level : top), 'low');
  const escalated = level === 'medium' && mediumRules >= ESCALATE_AT_MEDIUM_RULES;
  if (escalated) level = 'high';
  const reasons: Localized[] = [];
  for (const category of RISK_CATEGORIES) {
    const found = [...new Set(matches.filter((m) => m.category === category).map((m) => m.phrase))];
    if (found.length > 0) reasons.push(say(`kol.score.risk.${category}`, { phrases: found.join('、') }));
  }
  if (escalated) reasons.push(say('kol.score.risk.escalated', { count: mediumRules }));
  if (reasons.length === 0) reasons.push(say('kol.score.risk.none'));
  return { level, matches, reasons };
}
