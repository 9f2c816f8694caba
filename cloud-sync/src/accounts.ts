import { randomBytes, randomUUID } from 'node:crypto';
import type { Clock } from './clock.js';
import type { DbHandle } from './db/connect.js';
import { constraintKind, transact } from './db/connect.js';
import type { UserRow } from './db/schema.js';
import { ApiError } from './errors.js';
import { FREE_PLAN } from './billing/catalog.js';
import { Ledger } from './ledger/service.js';
import { LEDGER_REASONS } from './ledger/reasons.js';

export interface NewAccount {
  email?: string | null | undefined;
  phone?: string | null | undefined;
  passwordHash: string;
  role?: 'user' | 'admin';
  referredBy?: string | null | undefined;
  device?: string | null | undefined;
  nickname?: string | null | undefined;
}

function referralCode(): string {
  // 8 characters from an alphabet without look-alikes.
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return Array.from(randomBytes(8), (b) => alphabet[b % alphabet.length]).join('');
}

/** Creates a user and its wallet in one transaction. Unique email/phone → 409 ACCOUNT_EXISTS. */
export async function createAccount(h: DbHandle, clock: Clock, a: NewAccount): Promise<UserRow> {
  const now = clock.now();
  const user: UserRow = {
    id: randomUUID(),
    email: a.email ?? null,
    phone: a.phone ?? null,
    password_hash: a.passwordHash,
    role: a.role ?? 'user',
    referral_code: referralCode(),
    referred_by: a.referredBy ?? null,
    device: a.device ?? null,
    totp_secret: null,
    totp_enabled: 0,
    totp_last_step: null,
    failed_logins: 0,
    locked_until: null,
    created_at: now,
    totp_pending_secret: null,
    totp_changed_at: null,
    withdraw_totp_failures: 0,
    withdraw_locked_until: null,
    email_verified_at: null,
    nickname: a.nickname ?? null,
  };
  try {
    await transact(h, async (tx) => {
      await tx.insertInto('users').values(user).execute();
      await Ledger.createWallet(tx, user.id, now);
    });
  } catch (err) {
    if (constraintKind(err) === 'unique') throw new ApiError(409, 'ACCOUNT_EXISTS', 'an account with this email or phone already exists');
    throw err;
  }
  return user;
}

/**
 * The Free plan's one-time sign-up credits (PROMO), once the owner has verified the email address
 * (a throwaway address earns nothing). Idempotent: granted once per user.
 */
export async function ensureSignupGrant(h: DbHandle, ledger: Ledger, userId: string): Promise<void> {
  const id = `signup:${userId}`;
  const prior = await h.db.selectFrom('journal').select('id').where('id', '=', id).executeTakeFirst();
  if (prior) return;
  const user = await h.db.selectFrom('users').select('email_verified_at').where('id', '=', userId).executeTakeFirst();
  if (user?.email_verified_at == null) return;
  try {
    await ledger.grant(
      { id, user_id: userId, bucket: FREE_PLAN.bucket, amount: FREE_PLAN.credits, expires_at: ledger.now() + FREE_PLAN.validDays * 86_400_000, reason: LEDGER_REASONS.signupCredits() },
      'system',
      id,
    );
  } catch (err) {
    // Two logins racing: the other one granted it.
    if (err instanceof ApiError && err.code === 'IDEMPOTENCY_CONFLICT') return;
    throw err;
  }
}
