/**
 * Sign-in lockout under concurrency and access tokens cut short (issue 11 §2.3, §2.7), over real
 * HTTP on loopback against the real app, SQLite (and PostgreSQL with KINGJAM_TEST_PG_URL).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import type * as Passwords from '../src/auth/passwords.js';
import { verifyPassword } from '../src/auth/passwords.js';
import { RevokedFamilies } from '../src/auth/revocations.js';
import { totpAt } from '../src/auth/totp.js';
import { TestClock } from '../src/clock.js';
import { describeEachDb } from './support/db.js';
import type { Session, TestServer } from './support/http.js';
import { startServer } from './support/http.js';

// The real argon2 check, counted: how many passwords the server actually verified.
vi.mock('../src/auth/passwords.js', async (importOriginal) => {
  const real = await importOriginal<typeof Passwords>();
  return { ...real, verifyPassword: vi.fn(real.verifyPassword) };
});

type ErrorReply = { error?: { code: string; details?: { retry_after_seconds?: number } } };

describeEachDb('account security', (kind) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer(kind);
  });
  afterAll(async () => {
    await s?.close();
  });

  const login = (u: Session, password: string, totp?: string) =>
    s.call<ErrorReply & { access_token?: string; refresh_token?: string }>('POST', '/v1/auth/login', { email: u.email, password, ...(totp ? { totp } : {}) });
  const balance = (token: string) => s.call<ErrorReply>('GET', '/v1/ledger/balance', undefined, token);

  it('50 parallel wrong passwords: exactly 5 are checked, the rest find the account locked', async () => {
    const u = await s.register();
    vi.mocked(verifyPassword).mockClear();
    const answers = await Promise.all(Array.from({ length: 50 }, () => login(u, 'wrong password')));
    expect(vi.mocked(verifyPassword)).toHaveBeenCalledTimes(5);
    const codes = answers.map((a) => a.body.error?.code);
    expect(codes.filter((c) => c === 'INVALID_CREDENTIALS')).toHaveLength(5);
    expect(codes.filter((c) => c === 'ACCOUNT_LOCKED')).toHaveLength(45);
    expect(answers.filter((a) => a.status === 429).every((a) => (a.body.error?.details?.retry_after_seconds ?? 0) > 14 * 60)).toBe(true);
    // The right password is refused while the lock holds.
    expect((await login(u, u.password)).body).toMatchObject({ error: { code: 'ACCOUNT_LOCKED' } });
    const row = await s.db.db.selectFrom('users').select(['failed_logins', 'locked_until']).where('id', '=', u.id).executeTakeFirstOrThrow();
    expect(row.failed_logins).toBe(5);
    expect(Number(row.locked_until)).toBeGreaterThan(Date.now() + 14 * 60_000);
  });

  it('a right password resets the count', async () => {
    const u = await s.register();
    for (let i = 0; i < 4; i++) expect((await login(u, 'wrong password')).body).toMatchObject({ error: { code: 'INVALID_CREDENTIALS' } });
    expect((await login(u, u.password)).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await login(u, 'wrong password')).body).toMatchObject({ error: { code: 'INVALID_CREDENTIALS' } });
    expect((await login(u, u.password)).status).toBe(200);
    const row = await s.db.db.selectFrom('users').select(['failed_logins', 'locked_until']).where('id', '=', u.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ failed_logins: 0, locked_until: null });
  });

  it('with 2FA on, a wrong code keeps the attempt counted: parallel code guesses stop at the lock too', async () => {
    const u = await s.register();
    const e = await s.call<{ secret: string }>('POST', '/v1/auth/totp/enroll', { password: u.password }, u.token);
    await s.call('POST', '/v1/auth/totp/verify', { code: totpAt(e.body.secret, Date.now()), password: u.password }, u.token);
    const right = totpAt(e.body.secret, Date.now() + 30_000);
    const wrong = right === '000000' ? '111111' : '000000';
    const answers = await Promise.all(Array.from({ length: 20 }, () => login(u, u.password, wrong)));
    expect(answers.filter((a) => a.body.error?.code === 'INVALID_TOTP')).toHaveLength(5);
    expect((await login(u, u.password, right)).body).toMatchObject({ error: { code: 'ACCOUNT_LOCKED' } });
  });

  it('logout cuts its access tokens short: 401 TOKEN_REVOKED; other sessions keep working', async () => {
    const u = await s.register();
    const other = await login(u, u.password);
    expect((await balance(u.token)).status).toBe(200);
    expect((await s.call('POST', '/v1/auth/logout', { refresh_token: u.refresh }, u.token)).status).toBe(200);
    const after = await balance(u.token);
    expect(after.status).toBe(401);
    expect(after.body).toMatchObject({ error: { code: 'TOKEN_REVOKED' } });
    expect((await balance(other.body.access_token!)).status).toBe(200);
    const row = await s.db.db.selectFrom('revoked_token_families').selectAll().execute();
    const mine = row.filter((r) => r.user_id === u.id);
    expect(mine).toHaveLength(1);
    // Kept exactly as long as the family's last access token could live (24 hours).
    expect(Number(mine[0]!.expires_at) - Number(mine[0]!.revoked_at)).toBe(24 * 3600_000);
  });

  it('a reused refresh token revokes its family, access tokens included', async () => {
    const u = await s.register();
    const rotated = await s.call<{ access_token: string; refresh_token: string }>('POST', '/v1/auth/refresh', { refresh_token: u.refresh });
    expect((await balance(rotated.body.access_token)).status).toBe(200);
    expect((await s.call('POST', '/v1/auth/refresh', { refresh_token: u.refresh })).body).toMatchObject({ error: { code: 'REFRESH_TOKEN_REUSED' } });
    for (const token of [u.token, rotated.body.access_token]) expect((await balance(token)).body).toMatchObject({ error: { code: 'TOKEN_REVOKED' } });
  });

  it('a password change ends every session, access tokens included, and answers a fresh one', async () => {
    const u = await s.register();
    const second = await login(u, u.password);
    const bad = await s.call('POST', '/v1/auth/password', { current_password: 'not my password', new_password: 'a brand new password' }, u.token);
    expect(bad.body).toMatchObject({ error: { code: 'INVALID_CREDENTIALS' } });
    expect((await s.call('POST', '/v1/auth/password', { current_password: u.password, new_password: 'short' }, u.token)).status).toBe(400);
    const changed = await s.call<{ access_token: string; refresh_token: string }>('POST', '/v1/auth/password', { current_password: u.password, new_password: 'a brand new password' }, u.token);
    expect(changed.status).toBe(200);
    for (const token of [u.token, second.body.access_token!]) expect((await balance(token)).body).toMatchObject({ error: { code: 'TOKEN_REVOKED' } });
    expect((await s.call('POST', '/v1/auth/refresh', { refresh_token: second.body.refresh_token })).body).toMatchObject({ error: { code: 'REFRESH_TOKEN_REVOKED' } });
    expect((await balance(changed.body.access_token)).status).toBe(200);
    expect((await login(u, u.password)).body).toMatchObject({ error: { code: 'INVALID_CREDENTIALS' } });
    expect((await login(u, 'a brand new password')).status).toBe(200);
  });

  it('the deny-list: another instance learns of a revocation within its poll; entries are purged once the tokens would have expired', async () => {
    const clock = new TestClock(1_800_000_000_000);
    const ttl = 24 * 3600_000;
    const here = new RevokedFamilies(s.db.db, clock, { accessTtlMs: ttl, pollMs: 2_000, purgeMs: 60_000 });
    const there = new RevokedFamilies(s.db.db, clock, { accessTtlMs: ttl, pollMs: 2_000, purgeMs: 60_000 });
    const u = await s.register();
    const family = randomUUID();
    expect(await there.isRevoked(family)).toBe(false);
    await here.revoke(u.id, [family]);
    expect(await here.isRevoked(family)).toBe(true);
    // The other instance read the table a moment ago: it answers from memory until its poll is due.
    expect(await there.isRevoked(family)).toBe(false);
    clock.advance(2_000);
    expect(await there.isRevoked(family)).toBe(true);
    clock.advance(ttl - 2_000 - 1);
    expect(await there.isRevoked(family)).toBe(true);
    clock.advance(1);
    expect(await there.isRevoked(family)).toBe(false);
    // The next read after the purge period deletes the row.
    clock.advance(60_000);
    await there.isRevoked(family);
    expect(await s.db.db.selectFrom('revoked_token_families').select('family_id').where('family_id', '=', family).execute()).toEqual([]);
    expect(there.size).toBe(0);
  });
});
