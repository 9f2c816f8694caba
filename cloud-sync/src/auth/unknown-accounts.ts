import { createHmac } from 'node:crypto';
import { sql } from 'kysely';
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

  /**
   * A sign-in for `identifier` that cannot succeed: answers as a wrong password on a real account
   * would — the attempt claimed before the (burned) password check, by the same conditional update as
   * a real account's (auth/attempts.ts), so parallel guesses lock after the same count there and here.
   */
  async refuse(identifier: string, now: number, burnPasswordCheck: () => Promise<void>): Promise<never> {
    const key = this.key(identifier);
    await this.h.db.insertInto('login_throttle').values({ key, failures: 0, locked_until: null, updated_at: now }).onConflict((oc) => oc.column('key').doNothing()).execute();
    const lockedUntil = sql.ref('locked_until');
    // A lock that has run out starts a fresh count; on the right-hand side of SET both databases read the row as it was.
    const next = sql<number>`case when ${lockedUntil} is not null and ${lockedUntil} <= ${now} then 1 else failures + 1 end`;
    const claimed = await this.h.db
      .updateTable('login_throttle')
      .set({ failures: next, locked_until: sql<number | null>`case when ${next} >= ${this.maxFailures} then cast(${now + this.lockoutMs} as bigint) else null end`, updated_at: now })
      .where('key', '=', key)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
      .returning('failures')
      .executeTakeFirst();
    if (!claimed) {
      const row = await this.h.db.selectFrom('login_throttle').select('locked_until').where('key', '=', key).executeTakeFirst();
      const until = Number(row?.locked_until ?? now);
      throw new ApiError(429, 'ACCOUNT_LOCKED', 'too many failed logins; try again later', { retry_after_seconds: Math.max(1, Math.ceil((until - now) / 1000)) });
    }
    await burnPasswordCheck();
    throw new ApiError(401, 'INVALID_CREDENTIALS', 'wrong email/phone or password');
  }
}
