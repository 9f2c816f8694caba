import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

/**
 * Counters of guesses at a secret (password, authenticator code) with a lock after too many.
 *
 * An attempt is claimed BEFORE the secret is checked, in one conditional UPDATE … RETURNING (atomic
 * on SQLite and PostgreSQL alike: PostgreSQL re-checks the WHERE on the row a concurrent writer left),
 * so parallel guesses cannot all pass a "not locked yet" read: the claim that reaches `max` sets the
 * lock itself, and any claim while it holds is refused — at most `max` secrets are checked per lock
 * period. A right secret clears the counter (`clearAttempts`); a wrong one leaves its claim counted.
 */
export type AttemptCounter = { count: 'failed_logins'; until: 'locked_until' } | { count: 'withdraw_totp_failures'; until: 'withdraw_locked_until' };

export const LOGIN_ATTEMPTS = { count: 'failed_logins', until: 'locked_until' } as const satisfies AttemptCounter;
export const WITHDRAW_TOTP_ATTEMPTS = { count: 'withdraw_totp_failures', until: 'withdraw_locked_until' } as const satisfies AttemptCounter;

export interface AttemptLimit {
  max: number;
  lockMs: number;
}

/** `count`: this attempt's number since the last success (it locked when `count >= max`); else the lock's end. */
export type Claim = { ok: true; count: number; locks: boolean } | { ok: false; lockedUntil: number };

export async function claimAttempt(db: Kysely<Database>, userId: string, c: AttemptCounter, limit: AttemptLimit, now: number): Promise<Claim> {
  const count = sql.ref(c.count);
  const until = sql.ref(c.until);
  // A lock that has run out starts a fresh count. On the right-hand side of SET both databases read the row as it was.
  const next = sql<number>`case when ${until} is not null and ${until} <= ${now} then 1 else ${count} + 1 end`;
  const row = await db
    .updateTable('users')
    .set(c.count, next)
    .set(c.until, sql<number | null>`case when ${next} >= ${limit.max} then cast(${now + limit.lockMs} as bigint) else null end`)
    .where('id', '=', userId)
    .where((eb) => eb.or([eb(c.until, 'is', null), eb(c.until, '<=', now)]))
    .returning(sql<number>`${count}`.as('count'))
    .executeTakeFirst();
  if (row) return { ok: true, count: Number(row.count), locks: Number(row.count) >= limit.max };
  const locked = await db.selectFrom('users').select(sql<number | null>`${until}`.as('until')).where('id', '=', userId).executeTakeFirst();
  return { ok: false, lockedUntil: Number(locked?.until ?? now) };
}

/** The secret was right: the count starts over and any lock this attempt's claim set is lifted. */
export async function clearAttempts(db: Kysely<Database>, userId: string, c: AttemptCounter): Promise<void> {
  await db.updateTable('users').set(c.count, 0).set(c.until, null).where('id', '=', userId).execute();
}
