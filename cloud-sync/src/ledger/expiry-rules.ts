import type { Bucket } from '../db/schema.js';
import { ApiError } from '../errors.js';

const DAY_MS = 86_400_000;

/**
 * ledger.md's bucket table: PROMO lives 7–30 days, SUB until its period ends (a month at most), PAID
 * and BONUS never expire. The 7-day floor allows 5 minutes: a caller that computed "now + 7 days"
 * a moment before the grant ran is not refused for the milliseconds between.
 */
export const PROMO_MIN_MS = 7 * DAY_MS - 5 * 60_000;
export const PROMO_MAX_MS = 30 * DAY_MS;
/** The longest monthly billing period (31 days): a SUB grant expiring later is not "this period". */
export const SUB_MAX_MS = 31 * DAY_MS;

/**
 * Why a grant's expiry breaks its bucket's rule, or null. Checked by the ledger on every grant (so
 * every caller is covered) and, for new lots, by the database itself (migration 005). `now` is the
 * grant's own time.
 */
export function expiryRuleBroken(bucket: Bucket, expiresAt: number | null, now: number): string | null {
  switch (bucket) {
    case 'PROMO':
      if (expiresAt === null) return 'PROMO credits must expire (in 7 to 30 days)';
      if (expiresAt - now < PROMO_MIN_MS || expiresAt - now > PROMO_MAX_MS) return 'PROMO credits must expire in 7 to 30 days';
      return null;
    case 'SUB':
      if (expiresAt === null || expiresAt - now > SUB_MAX_MS) return 'SUB credits must expire at the end of their billing period (at most 31 days away)';
      return null;
    case 'PAID':
    case 'BONUS':
      return expiresAt === null ? null : `${bucket} credits never expire: expires_at must be null`;
  }
}

export function assertExpiryRule(bucket: Bucket, expiresAt: number | null, now: number): void {
  const broken = expiryRuleBroken(bucket, expiresAt, now);
  if (broken) throw new ApiError(422, 'GRANT_EXPIRY_OUT_OF_RULE', broken, { bucket, expires_at: expiresAt });
}
