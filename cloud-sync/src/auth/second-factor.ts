import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { verifyTotp } from './totp.js';

/**
 * Accepts an authenticator code at most once: it must match `secret` now, and its time step is
 * burned in the same conditional UPDATE (a step not newer than the last one used is refused), so
 * a code seen once — or raced in twice — cannot be replayed. Login and withdrawals share it.
 */
export async function acceptTotp(db: Kysely<Database>, userId: string, secret: string, code: string, now: number): Promise<boolean> {
  const step = verifyTotp(secret, code, now);
  if (step === null) return false;
  const burned = await db
    .updateTable('users')
    .set({ totp_last_step: step })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(burned.numUpdatedRows) === 1;
}
