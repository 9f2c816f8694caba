import type { PaidPlanId } from '../billing/catalog.js';
import type { Tier } from '../partners/tables.js';

/** One row per partner tier: the only place the programme's numbers live (seed §5.1, §5.2). */
export interface TierRule {
  tier: Tier;
  /** Qualified referrals (referees who have paid at least once) needed to reach the tier. */
  minReferrals: number;
  /** Revenue the referees have paid, in NT$, needed to reach the tier. */
  minRevenueTwd: number;
  commissionPct: number;
  /** PROMO credits to the referrer the moment a referee signs up with the code. */
  signupBonus: number;
  /**
   * BONUS credits per calendar month while at the tier. The seed says "monthly bonus" without an
   * amount: these figures are ours, kept here so product can change them in one place.
   */
  monthlyBonus: number;
  /** BONUS credits per paid plan payment of a referee. */
  planBonus: Record<PaidPlanId, number>;
}

export const TIER_RULES: readonly TierRule[] = [
  { tier: 'bronze', minReferrals: 0, minRevenueTwd: 0, commissionPct: 10, signupBonus: 200, monthlyBonus: 0, planBonus: { starter: 300, pro: 700, enterprise: 3700 } },
  { tier: 'silver', minReferrals: 10, minRevenueTwd: 5000, commissionPct: 15, signupBonus: 300, monthlyBonus: 500, planBonus: { starter: 450, pro: 1050, enterprise: 5550 } },
  { tier: 'gold', minReferrals: 30, minRevenueTwd: 20000, commissionPct: 20, signupBonus: 500, monthlyBonus: 1500, planBonus: { starter: 600, pro: 1400, enterprise: 7400 } },
];

/** PROMO sign-up bonuses expire like other campaign credits (ledger.md: 7–30 days). */
export const SIGNUP_BONUS_VALID_MS = 30 * 86_400_000;

const RANK: Record<Tier, number> = { bronze: 0, silver: 1, gold: 2 };

export function ruleFor(tier: Tier): TierRule {
  const r = TIER_RULES.find((t) => t.tier === tier);
  if (!r) throw new Error(`unknown tier ${tier}`);
  return r;
}

/** The highest tier whose thresholds are both met. */
export function tierFor(referrals: number, revenueTwd: number): Tier {
  let best: Tier = 'bronze';
  for (const r of TIER_RULES) if (referrals >= r.minReferrals && revenueTwd >= r.minRevenueTwd && RANK[r.tier] > RANK[best]) best = r.tier;
  return best;
}

/** Tiers only go up: a partner keeps a tier once earned. */
export function higherTier(a: Tier, b: Tier): Tier {
  return RANK[a] >= RANK[b] ? a : b;
}

export function planBonus(tier: Tier, plan: PaidPlanId): number {
  return ruleFor(tier).planBonus[plan];
}

export interface TierProgress {
  next_tier: Tier | null;
  referrals_needed: number;
  revenue_needed_twd: number;
}

export function progressToNext(tier: Tier, referrals: number, revenueTwd: number): TierProgress {
  const next = TIER_RULES.find((r) => RANK[r.tier] === RANK[tier] + 1);
  if (!next) return { next_tier: null, referrals_needed: 0, revenue_needed_twd: 0 };
  return { next_tier: next.tier, referrals_needed: Math.max(0, next.minReferrals - referrals), revenue_needed_twd: Math.max(0, next.minRevenueTwd - revenueTwd) };
}

/** The calendar month in Taiwan time (UTC+8, no daylight saving): withdrawal caps and monthly bonuses count per this month. */
export function taipeiMonth(ms: number): string {
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 7);
}
