import { randomInt, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../clock.js';
import type { DbHandle } from '../db/connect.js';
import { ApiError } from '../errors.js';
import type { Hasher } from '../fraud/hash.js';
import type { SmsProvider } from './sms.js';

/** Seed §7.1: a 6-digit SMS code valid 5 minutes; a few tries, then a lockout; a pause between sends. */
export const OTP_RULES = { ttlMs: 5 * 60_000, maxAttempts: 5, lockoutMs: 15 * 60_000, resendCooldownMs: 60_000, sendsPerHour: 5 } as const;

export class PhoneVerification {
  constructor(
    private readonly h: DbHandle,
    private readonly clock: Clock,
    private readonly hasher: Hasher,
    private readonly sms: SmsProvider,
  ) {}

  private codeHash(userId: string, code: string): string {
    return this.hasher.hash('otp', `${userId}:${code}`);
  }

  /** Texts a code to `phone` (already E.164, see phone-number.ts); the answer says the number it went to. */
  async send(userId: string, phone: string): Promise<{ sent: true; phone: string; expires_in: number; resend_after: number }> {
    const now = this.clock.now();
    const taken = await this.h.db.selectFrom('phone_verifications').select('user_id').where('phone', '=', phone).where('verified_at', 'is not', null).where('user_id', '<>', userId).executeTakeFirst();
    if (taken) throw new ApiError(409, 'PHONE_IN_USE', 'this phone number is verified on another account');
    const row = await this.h.db.selectFrom('phone_verifications').selectAll().where('user_id', '=', userId).executeTakeFirst();
    if (row?.locked_until && row.locked_until > now) throw new ApiError(429, 'OTP_LOCKED', 'too many wrong codes; try again later', { retry_after_seconds: Math.ceil((row.locked_until - now) / 1000) });
    if (row?.sent_at && now - row.sent_at < OTP_RULES.resendCooldownMs) {
      throw new ApiError(429, 'OTP_RESEND_COOLDOWN', 'a code was sent moments ago', { retry_after_seconds: Math.ceil((row.sent_at + OTP_RULES.resendCooldownMs - now) / 1000) });
    }
    const windowFresh = !row?.sends_window_start || now - row.sends_window_start >= 3600_000;
    const sends = windowFresh ? 1 : (row?.sends_in_window ?? 0) + 1;
    if (sends > OTP_RULES.sendsPerHour) throw new ApiError(429, 'OTP_SEND_LIMIT', 'too many codes sent this hour');
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const values = {
      phone,
      code_hash: this.codeHash(userId, code),
      expires_at: now + OTP_RULES.ttlMs,
      attempts: 0,
      sent_at: now,
      sends_window_start: windowFresh ? now : (row?.sends_window_start ?? now),
      sends_in_window: sends,
      locked_until: null,
      verified_at: null,
    };
    await this.h.db
      .insertInto('phone_verifications')
      .values({ user_id: userId, ...values })
      .onConflict((oc) => oc.column('user_id').doUpdateSet(values))
      .execute();
    await this.sms.send(phone, `KingJam 驗證碼 ${code}（5 分鐘內有效）/ verification code ${code}`);
    return { sent: true, phone, expires_in: OTP_RULES.ttlMs / 1000, resend_after: OTP_RULES.resendCooldownMs / 1000 };
  }

  async confirm(userId: string, code: string): Promise<{ verified: true; phone: string }> {
    const now = this.clock.now();
    const row = await this.h.db.selectFrom('phone_verifications').selectAll().where('user_id', '=', userId).executeTakeFirst();
    if (row?.locked_until && row.locked_until > now) throw new ApiError(429, 'OTP_LOCKED', 'too many wrong codes; try again later', { retry_after_seconds: Math.ceil((row.locked_until - now) / 1000) });
    if (!row?.code_hash || row.expires_at === null) throw new ApiError(409, 'OTP_NOT_SENT', 'ask for a code first');
    if (row.expires_at <= now) throw new ApiError(410, 'OTP_EXPIRED', 'the code expired; ask for a new one');
    // Count the attempt before comparing, atomically, so parallel guesses cannot exceed the limit.
    const counted = await this.h.db
      .updateTable('phone_verifications')
      .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
      .where('user_id', '=', userId)
      .where('code_hash', '=', row.code_hash)
      .where('attempts', '<', OTP_RULES.maxAttempts)
      .returning('attempts')
      .executeTakeFirst();
    if (!counted) return this.lock(userId, now);
    const a = Buffer.from(this.codeHash(userId, code));
    const b = Buffer.from(row.code_hash);
    if (a.length !== b.length || !timingSafeEqual(a, b)) {
      if (counted.attempts >= OTP_RULES.maxAttempts) return this.lock(userId, now);
      throw new ApiError(400, 'INVALID_OTP', 'wrong code', { attempts_left: OTP_RULES.maxAttempts - counted.attempts });
    }
    await this.h.db.updateTable('phone_verifications').set({ verified_at: now, code_hash: null, expires_at: null }).where('user_id', '=', userId).execute();
    return { verified: true, phone: row.phone };
  }

  private async lock(userId: string, now: number): Promise<never> {
    // The code dies with the lockout: after it, only a new code can verify.
    await this.h.db.updateTable('phone_verifications').set({ locked_until: now + OTP_RULES.lockoutMs, code_hash: null, expires_at: null }).where('user_id', '=', userId).execute();
    throw new ApiError(429, 'OTP_LOCKED', 'too many wrong codes; try again later', { retry_after_seconds: OTP_RULES.lockoutMs / 1000 });
  }

  async status(userId: string): Promise<{ verified: boolean; phone: string | null }> {
    const row = await this.h.db.selectFrom('phone_verifications').select(['phone', 'verified_at']).where('user_id', '=', userId).executeTakeFirst();
    return { verified: row?.verified_at != null, phone: row?.verified_at != null ? row.phone : null };
  }
}
