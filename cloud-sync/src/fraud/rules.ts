import type { RiskLevel } from '../partners/tables.js';

/** One fired rule: `key` identifies the evidence, so an admin's clearance covers exactly what was reviewed. */
export interface FiredRule {
  code: 'shared_ip' | 'shared_device' | 'self_referral' | 'signup_burst' | 'quick_withdrawal' | 'trade_shared_device' | 'trade_burst';
  level: Exclude<RiskLevel, 'low' | 'blocked'>;
  reason: string;
  key: string;
}

/** Thresholds of the rules (seed §7.2). */
export const FRAUD_RULES = {
  /** Other accounts seen on the same IP within the window: medium / high. */
  sharedIp: { medium: 3, high: 10, windowMs: 30 * 86_400_000 },
  /** Other accounts seen on the same device fingerprint: medium / high. */
  sharedDevice: { medium: 1, high: 3 },
  /** Sign-ups on one referral code within the window: medium / high. */
  signupBurst: { medium: 5, high: 20, windowMs: 3600_000 },
  /** A withdrawal this soon after sign-up. */
  quickWithdrawalMs: 7 * 86_400_000,
} as const;

/** Rules fired by an event (not recomputed from fingerprints): they stay on the profile until an admin clears them. */
export const EVENT_RULE_CODES: readonly FiredRule['code'][] = ['quick_withdrawal', 'trade_shared_device', 'trade_burst'];

const RANK: Record<RiskLevel, number> = { low: 0, medium: 1, high: 2, blocked: 3 };

export function maxLevel(a: RiskLevel, b: RiskLevel): RiskLevel {
  return RANK[a] >= RANK[b] ? a : b;
}

export function atLeast(level: RiskLevel, floor: RiskLevel): boolean {
  return RANK[level] >= RANK[floor];
}

/** The score from the rules still standing: the highest level; two different high rules together block. */
export function levelOf(rules: readonly FiredRule[]): RiskLevel {
  let level: RiskLevel = 'low';
  for (const r of rules) level = maxLevel(level, r.level);
  const highCodes = new Set(rules.filter((r) => r.level === 'high').map((r) => r.code));
  return highCodes.size >= 2 ? 'blocked' : level;
}

/** A count against a medium/high threshold pair. */
export function thresholdLevel(count: number, t: { medium: number; high: number }): FiredRule['level'] | null {
  if (count >= t.high) return 'high';
  if (count >= t.medium) return 'medium';
  return null;
}
