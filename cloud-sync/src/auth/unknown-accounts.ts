import { createHmac } from 'node:crypto';
import type { DbHandle } from '../db/connect.js';
import { ApiError } from '../errors.js';

/**
 * Failed sign-ins against an address or number that has no account, counted and locked exactly
 * like a real account's, so that the answers (401, then 429 ACCOUNT_LOCKED with the same wait)
 * do not tell an attacker which accounts exist. Keyed by a keyed hash of the identifier.
 */
export class UnknownAccountThrottle {
  constructor(
    private readonly h: DbHandle,
    private readonly hashKey: string,
    private readonly maxFailures: number,
    private readonly lockoutMs: number,
  ) {}

  private key(identifier: string): string {
    return createHmac('sha256', this.hashKey).update(`login\u0000${identifier}`).digest('hex');
  }

  /** A sign-in for `identifier` that cannot succeed: answers as a wrong password on a real account would. */
  async refuse(identifier: string, now: number, burnPasswordCheck: () => Promise<void>): Promise<never> {
    const key = this.key(identifier);
    const row = await this.h.db.selectFrom('login_throttle').selectAll().where('key', '=', key).executeTakeFirst();
    if (row?.locked_until != null && row.locked_until > now) {
      throw new ApiError(429, 'ACCOUNT_LOCKED', 'too many failed logins; try again later', { retry_after_seconds: Math.ceil((row.locked_until - now) / 1000) });
    }
    await burnPasswordCheck();
    // Counted in one statement, so parallel guesses cannot pass the limit.
    const counted = await this.h.db
      .insertInto('login_throttle')
      .values({ key, failures: 1, locked_until: null, updated_at: now })
      .onConflict((oc) => oc.column('key').doUpdateSet((eb) => ({ failures: eb('login_throttle.failures', '+', 1), updated_at: now })))
      .returning('failures')
      .executeTakeFirstOrThrow();
    if (counted.failures >= this.maxFailures) {
      await this.h.db.updateTable('login_throttle').set({ failures: 0, locked_until: now + this.lockoutMs }).where('key', '=', key).execute();
    }
    throw new ApiError(401, 'INVALID_CREDENTIALS', 'wrong email/phone or password');
  }
}
