import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { ensureSignupGrant } from '../accounts.js';
import type { Clock } from '../clock.js';
import type { DbHandle } from '../db/connect.js';
import type { UserRow } from '../db/schema.js';
import { ApiError } from '../errors.js';
import type { Ledger } from '../ledger/service.js';
import { LOGIN_ATTEMPTS, claimAttempt, clearAttempts } from './attempts.js';
import type { AccessClaims } from './jwt.js';
import { AccessTokenVerifier, signAccessToken } from './jwt.js';
import { burnPasswordCheck, hashPassword, verifyPassword } from './passwords.js';
import { RevokedFamilies } from './revocations.js';
import { acceptTotp } from './second-factor.js';
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

/** Told when 2FA was turned on or its authenticator changed (the owner is notified). */
export type TotpChangeListener = (change: { userId: string; email: string | null; at: number; first: boolean }) => Promise<void>;

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
  readonly revoked: RevokedFamilies;
  onTotpChanged: TotpChangeListener = () => Promise.resolve();
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
    this.revoked = new RevokedFamilies(h.db, clock, { accessTtlMs: this.accessTtlMs });
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
    await this.checkPassword(user, input.password, now);
    if (user.totp_enabled === 1 && user.totp_secret) {
      // The attempt stays counted until the code is right too: a known password does not open the code to guessing.
      if (!input.totp) throw new ApiError(401, 'TOTP_REQUIRED', 'this account needs its authenticator code (totp)');
      await this.burnTotp(user.id, user.totp_secret, input.totp, now);
    }
    await clearAttempts(this.h.db, user.id, LOGIN_ATTEMPTS);
    await ensureSignupGrant(this.h, this.ledger, user.id);
    return this.issue(user, randomUUID(), input.device ?? null);
  }

  /**
   * Claims a login attempt, then checks the password (the claim first, so parallel guesses cannot
   * outrun the lock). A wrong password leaves the attempt counted; the caller clears the count once
   * everything it asks for (the code too) was right.
   */
  private async checkPassword(user: UserRow, password: string, now: number): Promise<void> {
    const claim = await claimAttempt(this.h.db, user.id, LOGIN_ATTEMPTS, { max: this.maxFailures, lockMs: this.lockoutMs }, now);
    if (!claim.ok) {
      throw new ApiError(429, 'ACCOUNT_LOCKED', 'too many failed logins; try again later', { retry_after_seconds: Math.max(1, Math.ceil((claim.lockedUntil - now) / 1000)) });
    }
    if (!(await verifyPassword(user.password_hash, password))) throw new ApiError(401, 'INVALID_CREDENTIALS', 'wrong email/phone or password');
  }

  private async burnTotp(userId: string, secret: string, code: string, now: number): Promise<void> {
    if (!(await acceptTotp(this.h.db, userId, secret, code, now))) throw new ApiError(401, 'INVALID_TOTP', 'wrong or already used authenticator code');
  }

  /** Rotates a refresh token. A token used twice revokes its whole family (RFC 6819 §5.2.2.3). */
  async refresh(token: string): Promise<Session> {
    const now = this.clock.now();
    const row = await this.h.db.selectFrom('refresh_tokens').selectAll().where('token_hash', '=', hashToken(token)).executeTakeFirst();
    if (!row) throw new ApiError(401, 'INVALID_REFRESH_TOKEN', 'unknown refresh token');
    if (row.revoked_at !== null) throw new ApiError(401, 'REFRESH_TOKEN_REVOKED', 'this session was signed out');
    if (row.used_at !== null) {
      await this.revokeFamily(row.user_id, row.family_id, now);
      throw new ApiError(401, 'REFRESH_TOKEN_REUSED', 'refresh token reused: the session has been revoked; sign in again');
    }
    if (row.expires_at <= now) throw new ApiError(401, 'REFRESH_TOKEN_EXPIRED', 'refresh token expired; sign in again');
    const claimed = await this.h.db.updateTable('refresh_tokens').set({ used_at: now }).where('id', '=', row.id).where('used_at', 'is', null).executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) {
      await this.revokeFamily(row.user_id, row.family_id, now);
      throw new ApiError(401, 'REFRESH_TOKEN_REUSED', 'refresh token reused: the session has been revoked; sign in again');
    }
    const user = await this.h.db.selectFrom('users').selectAll().where('id', '=', row.user_id).executeTakeFirstOrThrow();
    return this.issue(user, row.family_id, row.device);
  }

  /** A new session for a user who proved who they are another way (the code mailed at sign-up). */
  startSession(user: UserRow, device: string | null): Promise<Session> {
    return this.issue(user, randomUUID(), device);
  }

  async logout(userId: string, token: string): Promise<void> {
    const row = await this.h.db.selectFrom('refresh_tokens').select(['family_id', 'user_id']).where('token_hash', '=', hashToken(token)).executeTakeFirst();
    if (!row || row.user_id !== userId) throw new ApiError(404, 'SESSION_NOT_FOUND', 'no such session for this user');
    await this.revokeFamily(userId, row.family_id, this.clock.now());
  }

  /** Ends a session: its refresh tokens, and (deny-list) the access tokens issued to it. */
  private async revokeFamily(userId: string, familyId: string, now: number): Promise<void> {
    await this.h.db.updateTable('refresh_tokens').set({ revoked_at: now }).where('family_id', '=', familyId).where('revoked_at', 'is', null).execute();
    await this.revoked.revoke(userId, [familyId]);
  }

  /**
   * Ends every session of a user (a password change or reset). The access tokens still alive are
   * those of families that issued one within the token lifetime; their families go on the deny-list.
   */
  async revokeAllSessions(userId: string): Promise<void> {
    const now = this.clock.now();
    const live = await this.h.db.selectFrom('refresh_tokens').select('family_id').distinct().where('user_id', '=', userId).where('created_at', '>', now - this.accessTtlMs).execute();
    await this.h.db.updateTable('refresh_tokens').set({ revoked_at: now }).where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
    await this.revoked.revoke(userId, live.map((r) => r.family_id));
  }

  /** The user's row for a change they must prove with the password (and the current code when 2FA is on). */
  private async reauthenticate(userId: string, password: string, totp: string | undefined, now: number): Promise<UserRow> {
    const user = await this.h.db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
    if (!user) throw new ApiError(404, 'USER_NOT_FOUND', 'no such user');
    await this.checkPassword(user, password, now);
    if (user.totp_enabled === 1 && user.totp_secret) {
      if (!totp) throw new ApiError(401, 'TOTP_REQUIRED', 'two-factor authentication is on: give the current authenticator code (totp)');
      await this.burnTotp(user.id, user.totp_secret, totp, now);
    }
    await clearAttempts(this.h.db, user.id, LOGIN_ATTEMPTS);
    return user;
  }

  /** A new password; every session ends (their access tokens too) and a fresh one is returned. */
  async changePassword(userId: string, input: { current_password: string; new_password: string; totp?: string | undefined }): Promise<Session> {
    const user = await this.reauthenticate(userId, input.current_password, input.totp, this.clock.now());
    await this.h.db.updateTable('users').set({ password_hash: await hashPassword(input.new_password) }).where('id', '=', userId).execute();
    await this.revokeAllSessions(userId);
    return this.issue(user, randomUUID(), null);
  }

  /**
   * Starts enrolment, or a change of authenticator when 2FA is on: a new secret waits beside the
   * current one (which keeps working) until totpVerify gets its first code.
   */
  async totpEnroll(userId: string, input: { password: string; totp?: string | undefined }): Promise<{ secret: string; otpauth_url: string }> {
    const user = await this.reauthenticate(userId, input.password, input.totp, this.clock.now());
    const secret = newTotpSecret();
    await this.h.db.updateTable('users').set({ totp_pending_secret: secret }).where('id', '=', userId).execute();
    return { secret, otpauth_url: otpauthUrl(secret, user.email ?? user.phone ?? user.id) };
  }

  /** Turns the waiting secret on with its first code (and the password again); the owner is told. */
  async totpVerify(userId: string, input: { code: string; password: string }): Promise<{ totp_enabled: true }> {
    const now = this.clock.now();
    const user = await this.h.db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
    if (!user?.totp_pending_secret) throw new ApiError(409, 'TOTP_NOT_ENROLLED', 'call /v1/auth/totp/enroll first');
    await this.checkPassword(user, input.password, now);
    const step = verifyTotp(user.totp_pending_secret, input.code, now);
    if (step === null) throw new ApiError(401, 'INVALID_TOTP', 'wrong authenticator code');
    // Only the secret that was enrolled is turned on (a second enrolment meanwhile replaced it: start again).
    const changed = await this.h.db
      .updateTable('users')
      .set({ totp_secret: user.totp_pending_secret, totp_pending_secret: null, totp_enabled: 1, totp_last_step: step, totp_changed_at: now })
      .where('id', '=', userId)
      .where('totp_pending_secret', '=', user.totp_pending_secret)
      .executeTakeFirst();
    if (Number(changed.numUpdatedRows) !== 1) throw new ApiError(409, 'TOTP_NOT_ENROLLED', 'the enrolment changed meanwhile; call /v1/auth/totp/enroll again');
    await clearAttempts(this.h.db, userId, LOGIN_ATTEMPTS);
    await this.onTotpChanged({ userId, email: user.email, at: now, first: user.totp_enabled !== 1 });
    return { totp_enabled: true };
  }

  /** An access token's claims; 401 TOKEN_REVOKED once its session was ended (logout, password change, reuse). */
  async verify(token: string): Promise<AccessClaims> {
    const claims = this.tokens.verify(token, this.clock.now());
    if (await this.revoked.isRevoked(claims.fam)) throw new ApiError(401, 'TOKEN_REVOKED', 'this session was signed out (logout, a password change or a revoked session); sign in again');
    return claims;
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
      access_token: signAccessToken(this.opts.jwtSecret, user.id, user.role, familyId, now, this.accessTtlMs),
      token_type: 'Bearer',
      expires_in: Math.floor(this.accessTtlMs / 1000),
      refresh_token: refresh,
    };
  }
}
