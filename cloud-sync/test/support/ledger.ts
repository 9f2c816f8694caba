import type { DbHandle } from '../../src/db/connect.js';
import { transact } from '../../src/db/connect.js';
import { ApiError } from '../../src/errors.js';
import { Ledger } from '../../src/ledger/service.js';

/** A user and an empty wallet, written straight to the database (no sign-up grant). `tag` makes the email and referral code unique. */
export async function createUserWithWallet(h: DbHandle, id: string, tag: string, now: number): Promise<void> {
  await transact(h, async (tx) => {
    await tx
      .insertInto('users')
      .values({ id, email: `${tag.toLowerCase()}@example.test`, phone: null, password_hash: 'x', role: 'user', referral_code: tag.toUpperCase(), referred_by: null, device: null, totp_secret: null, totp_enabled: 0, totp_last_step: null, failed_logins: 0, locked_until: null, created_at: now })
      .execute();
    await Ledger.createWallet(tx, id, now);
  });
}

/** 'OK', or the code of the API error the call was refused with (anything else is thrown). */
export async function outcomeCode(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'OK';
  } catch (err) {
    if (err instanceof ApiError) return err.code;
    throw err;
  }
}
