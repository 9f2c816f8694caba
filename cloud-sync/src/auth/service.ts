import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { ensureSignupGrant } from '../accounts.js';
import type { Clock } from '../clock.js';
import type { DbHandle } from '../db/connect.js';
import type { UserRow } from '../db/schema.js';
import { ApiError } from '../errors.js';
import type { Ledger } from '../ledger/service.js';
import type { AccessClaims } from './jwt.js';
import { AccessTokenVerifier, signAccessToken } from './jwt.js';
import { burnPasswordCheck, verifyPassword } from './passwords.js';
import { newTotpSecret, otpauthUrl, verifyTotp } from './totp.js';
import { UnknownAccountThrottle } from './unknown-accounts.js';

export interface AuthOptions {
  jwtSecret: string;
  /** Access tokens: 24 h (seed §7.1). */
  accessTtlMs?: number;
  refreshTtlMs?: number;
  /** Failed logins in a row before the account locks. */
  maxFailures?: number;
  lockoutMs?: number;
}

export interface Session {
  user: PublicUser;
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  refresh_token: string;
}

export interface PublicUser {
  id: string;
  email: string | null;
  phone: string | null;
  role: 'user' | 'admin';
  referral_code: string;
  totp_enabled: boolean;
  email_verified: boolean;
}

const hashToken = (t: string) => createHash('sha256').update(t).digest('hex');

export function publicUser(u: UserRow): PublicUser {
  return { id: u.id, email: u.email, phone: u.phone, role: u.role, referral_code: u.referral_code, totp_enabled: u.totp_enabled === 1, email_verified: u.email_verified_at !== null };
}

export class AuthService {
  readonly accessTtlMs: number;
  private readonly refreshTtlMs: number;
  private readonly maxFailures: number;
  private readonly lockoutMs: number;
  private readonly tokens: AccessTokenVerifier;
  private readonly unknownAccounts: UnknownAccountThrottle;

  constructor(
    private readonly h: DbHandle,
    private readonly ledger: Ledger,
    private readonly clock: Clock,
    private readonly opts: AuthOptions,
  ) {
    this.accessTtlMs = opts.accessTtlMs ?? 24 * 3600 * 1000;
    this.refreshTtlMs = opts.refreshTtlMs ?? 30 * 24 * 3600 * 1000;
    this.maxFailures = opts.maxFailures ?? 5;
    this.lockoutMs = opts.lockoutMs ?? 15 * 60 * 1000;
    this.tokens = new AccessTokenVerifier(opts.jwtSecret);
    this.unknownAccounts = new UnknownAccountThrottle(h, createHash('sha256').update(`kingjam-unknown-logins\u0000${opts.jwtSecret}`).digest('hex'), this.maxFailures, this.lockoutMs);
  }

  async login(input: { email?: string | undefined; phone?: string | undefined; password: string; totp?: string | undefined; device?: string | undefined }): Promise<Session> {
    const now = this.clock.now();
    const user = await this.h.db
      .selectFrom('users')
      .selectAll()
      .$if(input.email !== undefined, (qb) => qb.where('email', '=', input.email?.toLowerCase() ?? ''))
      .$if(input.email === undefined, (qb) => qb.where('phone', '=', input.phone ?? ''))
      .executeTakeFirst();
    if (!user) {
      return this.unknownAccounts.refuse(input.email?.toLowerCase() ?? `phone:${input.phone ?? ''}`, now, () => burnPasswordCheck(input.password));
    }
    if (user.locked_until !== null && user.locked_until > now) {
      throw new ApiError(429, 'ACCOUNT_LOCKED', 'too many failed logins; try again later', { retry_after_seconds: Math.ceil((user.locked_until - now) / 1000) });
    }
    if (!(await verifyPassword(user.password_hash, input.password))) {
      await this.failure(user.id, now);
      throw new ApiError(401, 'INVALID_CREDENTIALS', 'wrong email/phone or password');
    }
    if (user.totp_enabled === 1 && user.totp_secret) {
      if (!input.totp) throw new ApiError(401, 'TOTP_REQUIRED', 'this account needs its authenticator code (totp)');
      const step = verifyTotp(user.totp_secret, input.totp, now);
      if (step === null || (user.totp_last_step !== null && step <= user.totp_last_step)) {
        await this.failure(user.id, now);
        throw new ApiError(401, 'INVALID_TOTP', 'wrong or already used authenticator code');
      }
      await this.h.db.updateTable('users').set({ totp_last_step: step }).where('id', '=', user.id).execute();
    }
    await this.h.db.updateTable('users').set({ failed_logins: 0, locked_until: null }).where('id', '=', user.id).execute();
    await ensureSignupGrant(this.h, this.ledger, user.id);
    return this.issue(user, randomUUID(), input.device ?? null);
  }

  private async failure(userId: string, now: number): Promise<void> {
    const row = await this.h.db
      .updateTable('users')
      .set((eb) => ({ failed_logins: eb('failed_logins', '+', 1) }))
      .where('id', '=', userId)
      .returning('failed_logins')
      .executeTakeFirst();
    if (row && row.failed_logins >= this.maxFailures) {
      await this.h.db.updateTable('users').set({ failed_logins: 0, locked_until: now + this.lockoutMs }).where('id', '=', userId).execute();
    }
  }

  /** Rotates a refresh token. A token used twice revokes its whole family (RFC 6819 §5.2.2.3). */
  async refresh(token: string): Promise<Session> {
    const now = this.clock.now();
    const row = await this.h.db.selectFrom('refresh_tokens').selectAll().where('token_hash', '=', hashToken(token)).executeTakeFirst();
    if (!row) throw new ApiError(401, 'INVALID_REFRESH_TOKEN', 'unknown refresh token');
    if (row.revoked_at !== null) throw new ApiError(401, 'REFRESH_TOKEN_REVOKED', 'this session was signed out');
    if (row.used_at !== null) {
      await this.revokeFamily(row.family_id, now);
      throw new ApiError(401, 'REFRESH_TOKEN_REUSED', 'refresh token reused: the session has been revoked; sign in again');
    }
    if (row.expires_at <= now) throw new ApiError(401, 'REFRESH_TOKEN_EXPIRED', 'refresh token expired; sign in again');
    const claimed = await this.h.db.updateTable('refresh_tokens').set({ used_at: now }).where('id', '=', row.id).where('used_at', 'is', null).executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) {
      await this.revokeFamily(row.family_id, now);
      throw new ApiError(401, 'REFRESH_TOKEN_REUSED', 'refresh token reused: the session has been revoked; sign in again');
    }
    const user = await this.h.db.selectFrom('users').selectAll().where('id', '=', row.user_id).executeTakeFirstOrThrow();
    return this.issue(user, row.family_id, row.device);
  }

  /** A new session for a user who proved who they are another way (the code mailed at sign-up). */
  startSession(user: UserRow, device: string | null): Promise<Session> {
    return this.issue(user, randomUUID(), device);
  }

  /** Signs out every session of the user (a password reset). */
  async revokeAllSessions(userId: string): Promise<void> {
    await this.h.db.updateTable('refresh_tokens').set({ revoked_at: this.clock.now() }).where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
  }

  async logout(userId: string, token: string): Promise<void> {
    const row = await this.h.db.selectFrom('refresh_tokens').select(['family_id', 'user_id']).where('token_hash', '=', hashToken(token)).executeTakeFirst();
    if (!row || row.user_id !== userId) throw new ApiError(404, 'SESSION_NOT_FOUND', 'no such session for this user');
    await this.revokeFamily(row.family_id, this.clock.now());
  }

  private async revokeFamily(familyId: string, now: number): Promise<void> {
    await this.h.db.updateTable('refresh_tokens').set({ revoked_at: now }).where('family_id', '=', familyId).where('revoked_at', 'is', null).execute();
  }

  async totpEnroll(userId: string): Promise<{ secret: string; otpauth_url: string }> {
    const user = await this.h.db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
    if (!user) throw new ApiError(404, 'USER_NOT_FOUND', 'no such user');
    if (user.totp_enabled === 1) throw new ApiError(409, 'TOTP_ALREADY_ENABLED', 'two-factor authentication is already on');
    const secret = newTotpSecret();
    await this.h.db.updateTable('users').set({ totp_secret: secret }).where('id', '=', userId).execute();
    return { secret, otpauth_url: otpauthUrl(secret, user.email ?? user.phone ?? user.id) };
  }

  async totpVerify(userId: string, code: string): Promise<{ totp_enabled: true }> {
    const user = await this.h.db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
    if (!user?.totp_secret) throw new ApiError(409, 'TOTP_NOT_ENROLLED', 'call /v1/auth/totp/enroll first');
    const step = verifyTotp(user.totp_secret, code, this.clock.now());
    if (step === null || (user.totp_last_step !== null && step <= user.totp_last_step)) throw new ApiError(401, 'INVALID_TOTP', 'wrong authenticator code');
    await this.h.db.updateTable('users').set({ totp_enabled: 1, totp_last_step: step }).where('id', '=', userId).execute();
    return { totp_enabled: true };
  }

  verify(token: string): AccessClaims {
    return this.tokens.verify(token, this.clock.now());
  }

  private async issue(user: UserRow, familyId: string, device: string | null): Promise<Session> {
    const now = this.clock.now();
    const id = randomUUID();
    const refresh = `${id}.${randomBytes(32).toString('base64url')}`;
    await this.h.db
      .insertInto('refresh_tokens')
      .values({ id, family_id: familyId, user_id: user.id, token_hash: hashToken(refresh), expires_at: now + this.refreshTtlMs, used_at: null, revoked_at: null, created_at: now, device })
      .execute();
    return {
      user: publicUser(user),
      access_token: signAccessToken(this.opts.jwtSecret, user.id, user.role, now, this.accessTtlMs),
      token_type: 'Bearer',
      expires_in: Math.floor(this.accessTtlMs / 1000),
      refresh_token: refresh,
    };
  }
}
