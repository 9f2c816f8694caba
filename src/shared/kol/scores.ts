import type { Localized } from '../messages.js';

/**
 * The three scores every draft gets, each with the reasons behind it
 * (issue 14). Computed by src/shared/kol/score/; stored on the post record.
 */
export const RISK_LEVELS = ['low', 'medium', 'high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const RISK_CATEGORIES = ['investment', 'medical', 'political', 'competitor', 'disclosure', 'custom'] as const;
export type RiskCategory = (typeof RISK_CATEGORIES)[number];

/** Where a bundled rule applies: Taiwan, mainland China, or both. */
export const RISK_REGIONS = ['TW', 'CN', 'all'] as const;
export type RiskRegion = (typeof RISK_REGIONS)[number];

export interface RiskRule {
  id: string;
  region: RiskRegion;
  category: RiskCategory;
  /** A literal phrase (matched in Traditional and Simplified forms) or a regular expression. */
  match: 'phrase' | 'regex';
  pattern: string;
  level: RiskLevel;
  enabled: boolean;
  /** Shipped with the app (can be switched off, not deleted) or written by the agency. */
  builtin: boolean;
}

export interface RiskMatch {
  ruleId: string;
  category: RiskCategory;
  level: RiskLevel;
  /** The text matched and where (UTF-16 offsets into the scored text), for highlighting. */
  phrase: string;
  start: number;
  end: number;
}

export interface ScoreCheck {
  id: string;
  passed: boolean;
  /** 0–1: how much this check counts in its score. */
  weight: number;
  reason: Localized;
}

export interface DraftScores {
  /** 0–100. */
  quality: { score: number; checks: ScoreCheck[] };
  risk: { level: RiskLevel; matches: RiskMatch[]; reasons: Localized[] };
  /** 0–100, an estimate from measurable signals, labelled as such in the UI. */
  aiLikeness: { score: number; signals: ScoreCheck[] };
  scoredAt: number;
}
