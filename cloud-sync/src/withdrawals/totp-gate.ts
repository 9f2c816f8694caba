import type { Alerter } from '../alerts/alerter.js';
import type { AttemptLimit } from '../auth/attempts.js';
import { WITHDRAW_TOTP_ATTEMPTS, claimAttempt, clearAttempts } from '../auth/attempts.js';
import { acceptTotp } from '../auth/second-factor.js';
import type { Clock } from '../clock.js';
import type { DbHandle } from '../db/connect.js';
import { ApiError } from '../errors.js';
import type { NoticeService } from '../notices/service.js';

/** Wrong withdrawal codes in a row before withdrawals lock, and for how long (as login: 5, 15 minutes). */
export const WITHDRAW_TOTP_LIMIT: AttemptLimit = { max: 5, lockMs: 15 * 60_000 };
/** Withdrawals asked for this soon after 2FA was turned on or changed wait for an admin's review. */
export const TOTP_CHANGE_REVIEW_MS = 24 * 3600_000;

const lockedError = (lockedUntil: number, now: number) =>
  new ApiError(429, 'WITHDRAWALS_LOCKED', 'too many wrong authenticator codes: withdrawals are locked for this account; try again later', {
    retry_after_seconds: Math.max(1, Math.ceil((lockedUntil - now) / 1000)),
    locked_until: lockedUntil,
  });

/**
 * The authenticator code every withdrawal needs, limited like sign-in: an attempt is claimed before
 * the code is checked (atomic, see auth/attempts.ts), a right code clears the count, and the wrong
 * code that reaches the limit locks withdrawals for the account, alerts the operators and tells
 * the owner (an in-app notice) — once per lock, since only one claim can reach the limit.
 */
export class WithdrawalTotpGate {
  constructor(
    private readonly h: DbHandle,
    private readonly clock: Clock,
    private readonly alerter: Alerter,
    private readonly notices: NoticeService,
  ) {}

  async check(userId: string, code: string): Promise<void> {
    const u = await this.h.db.selectFrom('users').select(['totp_secret', 'totp_enabled']).where('id', '=', userId).executeTakeFirstOrThrow();
    if (u.totp_enabled !== 1 || !u.totp_secret) throw new ApiError(403, 'TOTP_NOT_ENABLED', 'turn on two-factor authentication first');
    const now = this.clock.now();
    const claim = await claimAttempt(this.h.db, userId, WITHDRAW_TOTP_ATTEMPTS, WITHDRAW_TOTP_LIMIT, now);
    if (!claim.ok) throw lockedError(claim.lockedUntil, now);
    if (await acceptTotp(this.h.db, userId, u.totp_secret, code, now)) {
      await clearAttempts(this.h.db, userId, WITHDRAW_TOTP_ATTEMPTS);
      return;
    }
    if (!claim.locks) {
      throw new ApiError(401, 'INVALID_TOTP', 'wrong or already used authenticator code', { attempts_left: WITHDRAW_TOTP_LIMIT.max - claim.count });
    }
    const lockedUntil = now + WITHDRAW_TOTP_LIMIT.lockMs;
    await this.notices.withdrawalsLocked(userId, lockedUntil);
    await this.alerter.raise({
      key: `withdrawals:totp-locked:${userId}`,
      level: 'warning',
      title: 'withdrawals locked after wrong authenticator codes',
      message: `user ${userId}: ${WITHDRAW_TOTP_LIMIT.max} wrong withdrawal codes in a row; withdrawals locked until ${new Date(lockedUntil).toISOString()}`,
    });
    throw lockedError(lockedUntil, now);
  }

  /** What the withdraw form shows: until when withdrawals are locked, and until when new ones are held for review. */
  async state(userId: string): Promise<{ locked_until: number | null; review_until: number | null }> {
    const now = this.clock.now();
    const u = await this.h.db.selectFrom('users').select(['withdraw_locked_until', 'totp_changed_at']).where('id', '=', userId).executeTakeFirstOrThrow();
    const locked = u.withdraw_locked_until === null ? null : Number(u.withdraw_locked_until);
    const review = u.totp_changed_at === null ? null : Number(u.totp_changed_at) + TOTP_CHANGE_REVIEW_MS;
    return { locked_until: locked !== null && locked > now ? locked : null, review_until: review !== null && review > now ? review : null };
  }
}
