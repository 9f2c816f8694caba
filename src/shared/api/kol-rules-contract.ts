import { z } from 'zod';
import type { CallSpec } from './contract.js';
import { PUBLISH_PLATFORMS } from '../publish/platforms.js';
import { LANGUAGES } from '../settings.js';
import { RISK_CATEGORIES, RISK_LEVELS, RISK_REGIONS, type DraftScores, type RiskRule } from '../kol/scores.js';

/** The agency's risk rules and the live score preview (issue 14); spread into the contract. */
function call<O>() {
  return <I extends z.ZodType>(input: I): CallSpec<I, O> => ({ input });
}

const empty = z.object({}).strict();
const id = z.string().min(1).max(300);

/**
 * An agency rule as the editor sends it: without `id` a new rule, with one an
 * update. The pattern's length and a regular expression's safety are checked
 * by main (src/shared/kol/score/regex-guard.ts) so the refusal says why in
 * the user's language; the schema only bounds the size.
 */
export const riskRuleInputSchema = z
  .object({
    id: id.optional(),
    region: z.enum(RISK_REGIONS),
    category: z.enum(RISK_CATEGORIES),
    match: z.enum(['phrase', 'regex']),
    pattern: z.string().trim().min(1).max(2000),
    level: z.enum(RISK_LEVELS),
    enabled: z.boolean().default(true),
  })
  .strict();
export type RiskRuleInput = z.output<typeof riskRuleInputSchema>;

/** What a reset puts back: only the bundled rules' switches, or everything (the agency's rules are deleted). */
export const RULE_RESET_SCOPES = ['switches', 'all'] as const;

export const scoreTestSchema = z
  .object({
    text: z.string().max(100_000),
    title: z.string().max(500).optional(),
    platform: z.enum(PUBLISH_PLATFORMS).nullable().default(null),
    language: z.enum(LANGUAGES).default('zh-TW'),
    /** The markets the post is for; by default those of the language (zh-TW: Taiwan, zh-CN: the mainland, en: both). */
    regions: z.array(z.enum(RISK_REGIONS)).min(1).max(RISK_REGIONS.length).optional(),
    /** Earlier posts, newest first, for the duplication check. */
    recentTexts: z.array(z.string().max(100_000)).max(50).default([]),
  })
  .strict();
export type ScoreTestInput = z.output<typeof scoreTestSchema>;

export const kolRulesCalls = {
  /** Every rule in force: the bundled ones with their on/off state, then the agency's own. */
  'kol.rules.list': call<RiskRule[]>()(empty),
  'kol.rules.save': call<RiskRule>()(riskRuleInputSchema),
  /** Deletes an agency rule (a bundled one can only be switched off). */
  'kol.rules.delete': call<{ id: string }>()(z.object({ id }).strict()),
  'kol.rules.toggle': call<RiskRule>()(z.object({ id, enabled: z.boolean() }).strict()),
  'kol.rules.reset': call<RiskRule[]>()(z.object({ scope: z.enum(RULE_RESET_SCOPES).default('switches') }).strict()),
  /** Scores a text against the rules as they are now, saving nothing (the editor's live preview). */
  'kol.rules.test': call<DraftScores>()(scoreTestSchema),
} as const;
