import { randomInt, timingSafeEqual } from 'node:crypto';
import { createAccount } from '../accounts.js';
import { hashPassword } from '../auth/passwords.js';
import type { AuthService, Session } from '../auth/service.js';
import type { Clock } from '../clock.js';
import type { DbHandle } from '../db/connect.js';
import type { UserRow } from '../db/schema.js';
import { ApiError } from '../errors.js';
import type { Hasher } from '../fraud/hash.js';
import type { Mail, Mailer } from '../mail/mailer.js';
import type { Locale } from './mails.js';
import { signupMail } from './mails.js';
import type { EmailCodePurpose } from './tables.js';

/** Mailed codes: 6 digits, single use, a few tries; verification lasts a day, a reset half an hour. */
export const EMAIL_CODE_RULES = { verifyTtlMs: 24 * 3600_000, resetTtlMs: 30 * 60_000, maxAttempts: 5, resendCooldownMs: 60_000, existsNoticeCooldownMs: 15 * 60_000 } as const;

/** What the service tells the rest of the cloud. */
export interface SignupHooks {
  /** A new account (fraud signals: IP, device). */
  onSignup(userId: string, ip: string, device: string | null): Promise<void>;
  /** The address was proved for the first time: the sign-up credits and the referrer's bonus. */
  onVerified(userId: string): Promise<void>;
  /** A sign-in by code (fraud signals, like a login). */
  onLogin(userId: string, ip: string, device: string | null): Promise<void>;
  /** Mail (and a sign-up's follow-up work) happens after the answer; a failure is logged, never shown to the caller. */
  onBackgroundError(err: unknown): void;
}

export interface RegisterInput {
  email: string;
  password: string;
  referral_code?: string | undefined;
  nickname?: string | undefined;
  locale: Locale;
  device?: string | undefined;
}

/** The one answer every request of this service gives that might reveal whether an account exists. */
export const ACCEPTED = { status: 'sent' } as const;

const invalidCode = () => new ApiError(400, 'INVALID_EMAIL_CODE', 'wrong or expired code; after 5 wrong tries the code stops working: ask for a new one');

/**
 * Sign-up by email, verification and password reset (issue 11). Registering an address that
 * already has an account answers exactly as a new one does — the mail tells the owner what
 * happened — and the sign-up credits and the referrer's bonus wait for the mailed code.
 */
export class SignupService {
  constructor(
    private readonly h: DbHandle,
    private readonly clock: Clock,
    private readonly auth: AuthService,
    private readonly hasher: Hasher,
    private readonly mailer: Mailer,
    private readonly hooks: SignupHooks,
  ) {}

  private byEmail(email: string): Promise<UserRow | undefined> {
    return this.h.db.selectFrom('users').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
  }

  private codeHash(userId: string, purpose: EmailCodePurpose, code: string): string {
    return this.hasher.hash('email-code', `${purpose}:${userId}:${code}`);
  }

  /** Sent after the answer, so its time and its failures say nothing about the account. */
  private deliver(mail: Mail): void {
    this.mailer.send(mail).catch((err: unknown) => this.hooks.onBackgroundError(err));
  }

  async register(input: RegisterInput, ip: string): Promise<typeof ACCEPTED> {
    const email = input.email.toLowerCase();
    let referredBy: string | null = null;
    if (input.referral_code) {
      const ref = await this.h.db.selectFrom('users').select('id').where('referral_code', '=', input.referral_code.toUpperCase()).executeTakeFirst();
      if (!ref) throw new ApiError(400, 'INVALID_REFERRAL_CODE', 'no such referral code');
      referredBy = ref.id;
    }
    // Hashed either way, and the rest (fraud signals, codes, mail) done after the answer: an
    // existing address must take as long as a new one.
    const passwordHash = await hashPassword(input.password);
    const existing = await this.byEmail(email);
    if (existing) {
      this.afterAnswer(() => this.existing(existing, input.locale));
      return ACCEPTED;
    }
    let user: UserRow;
    try {
      user = await createAccount(this.h, this.clock, { email, passwordHash, referredBy, device: input.device, nickname: input.nickname });
    } catch (err) {
      if (!(err instanceof ApiError && err.code === 'ACCOUNT_EXISTS')) throw err;
      // Another registration of the same address won the race.
      this.afterAnswer(async () => {
        const winner = await this.byEmail(email);
        if (winner) await this.existing(winner, input.locale);
      });
      return ACCEPTED;
    }
    this.afterAnswer(async () => {
      await this.hooks.onSignup(user.id, ip, input.device ?? null);
      const code = await this.issue(user.id, 'verify');
      if (code) this.deliver(signupMail('verify', input.locale, email, code));
    });
    return ACCEPTED;
  }

  private afterAnswer(work: () => Promise<void>): void {
    work().catch((err: unknown) => this.hooks.onBackgroundError(err));
  }

  /**
   * The owner learns someone tried; an account still unverified gets a fresh code with it. Repeats
   * within the cooldowns send nothing, so registering someone's address over and over cannot flood them.
   */
  private async existing(user: UserRow, locale: Locale): Promise<void> {
    if (user.email_verified_at === null) {
      const code = await this.issue(user.id, 'verify');
      if (code) this.deliver(signupMail('exists', locale, user.email ?? '', code));
    } else if (await this.claimNotice(user.id)) {
      this.deliver(signupMail('exists', locale, user.email ?? '', null));
    }
  }

  /** True when no notice went out within the cooldown (and records this one). */
  private async claimNotice(userId: string): Promise<boolean> {
    const now = this.clock.now();
    const row = await this.h.db.selectFrom('email_codes').select('sent_at').where('user_id', '=', userId).where('purpose', '=', 'exists_notice').executeTakeFirst();
    if (row && now - row.sent_at < EMAIL_CODE_RULES.existsNoticeCooldownMs) return false;
    const values = { code_hash: null, expires_at: now, attempts: 0, sent_at: now, used_at: null };
    await this.h.db
      .insertInto('email_codes')
      .values({ user_id: userId, purpose: 'exists_notice', ...values })
      .onConflict((oc) => oc.columns(['user_id', 'purpose']).doUpdateSet(values))
      .execute();
    return true;
  }

  /** A fresh code replacing the old one; null while the last one is under a minute old (no mail flood). */
  private async issue(userId: string, purpose: EmailCodePurpose): Promise<string | null> {
    const now = this.clock.now();
    const row = await this.h.db.selectFrom('email_codes').select('sent_at').where('user_id', '=', userId).where('purpose', '=', purpose).executeTakeFirst();
    if (row && now - row.sent_at < EMAIL_CODE_RULES.resendCooldownMs) return null;
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const values = {
      code_hash: this.codeHash(userId, purpose, code),
      expires_at: now + (purpose === 'verify' ? EMAIL_CODE_RULES.verifyTtlMs : EMAIL_CODE_RULES.resetTtlMs),
      attempts: 0,
      sent_at: now,
      used_at: null,
    };
    await this.h.db
      .insertInto('email_codes')
      .values({ user_id: userId, purpose, ...values })
      .onConflict((oc) => oc.columns(['user_id', 'purpose']).doUpdateSet(values))
      .execute();
    return code;
  }

  /** Spends the code, or throws INVALID_EMAIL_CODE. Attempts are counted before comparing, in one statement. */
  private async spend(userId: string, purpose: EmailCodePurpose, code: string): Promise<void> {
    const now = this.clock.now();
    const row = await this.h.db.selectFrom('email_codes').selectAll().where('user_id', '=', userId).where('purpose', '=', purpose).executeTakeFirst();
    if (!row?.code_hash || row.expires_at <= now) throw invalidCode();
    const counted = await this.h.db
      .updateTable('email_codes')
      .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
      .where('user_id', '=', userId)
      .where('purpose', '=', purpose)
      .where('code_hash', '=', row.code_hash)
      .where('attempts', '<', EMAIL_CODE_RULES.maxAttempts)
      .returning('attempts')
      .executeTakeFirst();
    if (!counted) throw invalidCode();
    const a = Buffer.from(this.codeHash(userId, purpose, code));
    const b = Buffer.from(row.code_hash);
    if (a.length !== b.length || !timingSafeEqual(a, b)) throw invalidCode();
    // Single use even when two requests carry the right code at once: only one clears it.
    const spent = await this.h.db
      .updateTable('email_codes')
      .set({ code_hash: null, used_at: now })
      .where('user_id', '=', userId)
      .where('purpose', '=', purpose)
      .where('code_hash', '=', row.code_hash)
      .executeTakeFirst();
    if (Number(spent.numUpdatedRows) !== 1) throw invalidCode();
  }

  /** Marks the address proved; true the first time. */
  private async markVerified(userId: string): Promise<boolean> {
    const r = await this.h.db.updateTable('users').set({ email_verified_at: this.clock.now() }).where('id', '=', userId).where('email_verified_at', 'is', null).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** The mailed code proves the address: the account is verified, its rewards granted, and the caller signed in. */
  async verifyEmail(input: { email: string; code: string; device?: string | undefined }, ip: string): Promise<Session> {
    const user = await this.byEmail(input.email);
    if (!user) throw invalidCode();
    await this.spend(user.id, 'verify', input.code);
    await this.markVerified(user.id);
    // Idempotent, so a retry after a crash between the two steps completes the grants.
    await this.hooks.onVerified(user.id);
    await this.hooks.onLogin(user.id, ip, input.device ?? null);
    const fresh = await this.h.db.selectFrom('users').selectAll().where('id', '=', user.id).executeTakeFirstOrThrow();
    return this.auth.startSession(fresh, input.device ?? null);
  }

  async resendVerification(input: { email: string; locale: Locale }): Promise<typeof ACCEPTED> {
    const user = await this.byEmail(input.email);
    if (user?.email && user.email_verified_at === null) {
      const code = await this.issue(user.id, 'verify');
      if (code) this.deliver(signupMail('verify', input.locale, user.email, code));
    }
    return ACCEPTED;
  }

  async requestPasswordReset(input: { email: string; locale: Locale }): Promise<typeof ACCEPTED> {
    const user = await this.byEmail(input.email);
    if (user?.email) {
      const code = await this.issue(user.id, 'reset');
      if (code) this.deliver(signupMail('reset', input.locale, user.email, code));
    }
    return ACCEPTED;
  }

  /** A new password by the mailed code: every session ends, a lockout lifts, and the address counts as proved. */
  async confirmPasswordReset(input: { email: string; code: string; password: string }): Promise<{ ok: true }> {
    const user = await this.byEmail(input.email);
    if (!user) throw invalidCode();
    await this.spend(user.id, 'reset', input.code);
    const passwordHash = await hashPassword(input.password);
    await this.h.db.updateTable('users').set({ password_hash: passwordHash, failed_logins: 0, locked_until: null }).where('id', '=', user.id).execute();
    await this.auth.revokeAllSessions(user.id);
    if (await this.markVerified(user.id)) await this.hooks.onVerified(user.id);
    return { ok: true };
  }
}
