import { afterAll, beforeAll, expect, it } from 'vitest';
import { totpAt } from '../src/auth/totp.js';
import { describeEachDb } from './support/db.js';
import type { Session, TestServer } from './support/http.js';
import { startServer, uuid } from './support/http.js';

describeEachDb('cloud-sync HTTP API', (kind) => {
  let s: TestServer;
  let adminS: Session;
  beforeAll(async () => {
    s = await startServer(kind, { maxFailedLogins: 5 });
    adminS = await s.admin();
  });
  afterAll(async () => s?.close());

  /** What must not change when a request is refused: balance, journal, consistency. */
  const snapshot = async (u: Session) => {
    const b = await s.call('GET', '/v1/ledger/balance', undefined, u.token);
    const e = await s.call<{ entries: unknown[] }>('GET', '/v1/ledger/entries?limit=200', undefined, u.token);
    const c = await s.call<{ ok: boolean }>('GET', '/v1/admin/ledger/check', undefined, adminS.token);
    expect(c.body.ok).toBe(true);
    const { as_of: _ignored, ...balance } = b.body;
    return { balance, entries: e.body.entries.length };
  };
  const grant = async (u: Session, amount: number, bucket = 'PAID', expires_at?: number) => {
    const r = await s.call('POST', '/v1/admin/grants', { id: uuid(), user_id: u.id, bucket, amount, reason: 'test', ...(expires_at ? { expires_at } : {}) }, adminS.token);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  };

  it('serves /healthz and /readyz', async () => {
    expect((await s.call('GET', '/healthz')).body).toEqual({ ok: true });
    expect((await s.call('GET', '/readyz')).body).toEqual({ ok: true, database: kind });
  });

  it('registers with the Free plan: 200 PROMO credits once, expiring in 30 days', async () => {
    const u = await s.register();
    const b = await s.call<{ total: number; buckets: { PROMO: { available: number } }; expiring: { bucket: string; amount: number; expires_at: number }[] }>(
      'GET',
      '/v1/ledger/balance',
      undefined,
      u.token,
    );
    expect(b.body.total).toBe(200);
    expect(b.body.buckets.PROMO.available).toBe(200);
    expect(b.body.expiring).toEqual([{ bucket: 'PROMO', amount: 200, expires_at: expect.any(Number) }]);
    expect(Math.round((b.body.expiring[0]!.expires_at - s.clock.now()) / 86_400_000)).toBe(30);
    // Logging in again does not grant it again.
    await s.call('POST', '/v1/auth/login', { email: u.email, password: u.password });
    expect((await s.call('GET', '/v1/ledger/balance', undefined, u.token)).body.total).toBe(200);
    // Registering the address again answers as a new sign-up would (signup.test.ts) and grants nothing.
    const dup = await s.call('POST', '/v1/auth/register', { email: u.email, password: 'another password' });
    expect(dup.status).toBe(202);
    expect((await s.call('GET', '/v1/ledger/balance', undefined, u.token)).body.total).toBe(200);
  });

  it('holds, captures partially, releases the rest, refunds once; idempotent on every id', async () => {
    const u = await s.register();
    await grant(u, 1000, 'PAID');
    const holdId = uuid();
    const hold = { id: holdId, amount: 300, ttl_seconds: 600, reason: 'video job', job_ref: 'job-1' };
    const h1 = await s.call('POST', '/v1/ledger/holds', hold, u.token);
    expect(h1.status).toBe(200);
    expect(h1.body).toMatchObject({ id: holdId, status: 'open', amount: 300, buckets: { PROMO: 200, SUB: 0, PAID: 100, BONUS: 0 } });
    expect((await s.call('POST', '/v1/ledger/holds', hold, u.token)).body).toEqual(h1.body);
    const conflict = await s.call('POST', '/v1/ledger/holds', { ...hold, amount: 301 }, u.token);
    expect(conflict.status).toBe(409);
    expect(conflict.body).toMatchObject({ error: { code: 'IDEMPOTENCY_CONFLICT' } });

    const bal = await s.call<{ available: number; held: number; total: number }>('GET', '/v1/ledger/balance', undefined, u.token);
    expect([bal.body.available, bal.body.held, bal.body.total]).toEqual([900, 300, 1200]);

    const capId = uuid();
    const cap = await s.call('POST', `/v1/ledger/holds/${holdId}/capture`, { id: capId, amount: 250 }, u.token);
    expect(cap.body).toEqual({ id: capId, kind: 'capture', hold_id: holdId, captured: 250, released: 50, buckets: { PROMO: 200, SUB: 0, PAID: 50, BONUS: 0 } });
    expect((await s.call('POST', `/v1/ledger/holds/${holdId}/capture`, { id: capId, amount: 250 }, u.token)).body).toEqual(cap.body);
    const after = await s.call<{ available: number; held: number }>('GET', '/v1/ledger/balance', undefined, u.token);
    expect([after.body.available, after.body.held]).toEqual([950, 0]);

    const before = await snapshot(u);
    const again = await s.call('POST', `/v1/ledger/holds/${holdId}/release`, { id: uuid() }, u.token);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: { code: 'HOLD_NOT_OPEN' } });
    expect(await snapshot(u)).toEqual(before);

    const refundId = uuid();
    const ref = await s.call('POST', `/v1/ledger/captures/${capId}/refund`, { id: refundId }, u.token);
    expect(ref.body).toMatchObject({ refunded: 250, buckets: { PROMO: 200, PAID: 50 }, regranted: 0 });
    const second = await s.call('POST', `/v1/ledger/captures/${capId}/refund`, { id: uuid() }, u.token);
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ error: { code: 'ALREADY_REFUNDED' } });
    expect((await s.call<{ total: number }>('GET', '/v1/ledger/balance', undefined, u.token)).body.total).toBe(1200);
  });

  it('refuses an overdraft with 402 INSUFFICIENT_CREDITS and changes nothing', async () => {
    const u = await s.register();
    const before = await snapshot(u);
    const r = await s.call('POST', '/v1/ledger/holds', { id: uuid(), amount: 201, ttl_seconds: 60, reason: 'too big' }, u.token);
    expect(r.status).toBe(402);
    expect(r.body).toEqual({ error: { code: 'INSUFFICIENT_CREDITS', message: expect.any(String) } });
    expect(await snapshot(u)).toEqual(before);
  });

  it('rejects bad input with a clear 4xx and changes nothing', async () => {
    const u = await s.register();
    const other = await s.register();
    const holdId = uuid();
    expect((await s.call('POST', '/v1/ledger/holds', { id: holdId, amount: 100, ttl_seconds: 600, reason: 'job' }, u.token)).status).toBe(200);
    const otherHold = uuid();
    expect((await s.call('POST', '/v1/ledger/holds', { id: otherHold, amount: 10, ttl_seconds: 600, reason: 'job' }, other.token)).status).toBe(200);
    const before = await snapshot(u);
    const beforeOther = await snapshot(other);
    const cases: [string, string, unknown, number, string][] = [
      ['zero amount', '/v1/ledger/holds', { id: uuid(), amount: 0, ttl_seconds: 60, reason: 'x' }, 400, 'VALIDATION_ERROR'],
      ['negative amount', '/v1/ledger/holds', { id: uuid(), amount: -5, ttl_seconds: 60, reason: 'x' }, 400, 'VALIDATION_ERROR'],
      ['fractional amount', '/v1/ledger/holds', { id: uuid(), amount: 1.5, ttl_seconds: 60, reason: 'x' }, 400, 'VALIDATION_ERROR'],
      ['huge amount', '/v1/ledger/holds', { id: uuid(), amount: 1e20, ttl_seconds: 60, reason: 'x' }, 400, 'VALIDATION_ERROR'],
      ['amount as a string', '/v1/ledger/holds', { id: uuid(), amount: '10', ttl_seconds: 60, reason: 'x' }, 400, 'VALIDATION_ERROR'],
      ['id not a uuid', '/v1/ledger/holds', { id: 'abc', amount: 1, ttl_seconds: 60, reason: 'x' }, 400, 'VALIDATION_ERROR'],
      ['unknown field', '/v1/ledger/holds', { id: uuid(), amount: 1, ttl_seconds: 60, reason: 'x', user_id: other.id }, 400, 'VALIDATION_ERROR'],
      ['broken JSON', '/v1/ledger/holds', '{"id":', 400, 'INVALID_JSON'],
      ['zero capture', `/v1/ledger/holds/${holdId}/capture`, { id: uuid(), amount: 0 }, 400, 'VALIDATION_ERROR'],
      ['negative capture', `/v1/ledger/holds/${holdId}/capture`, { id: uuid(), amount: -1 }, 400, 'VALIDATION_ERROR'],
      ['fractional capture', `/v1/ledger/holds/${holdId}/capture`, { id: uuid(), amount: 0.5 }, 400, 'VALIDATION_ERROR'],
      ['capture larger than its hold', `/v1/ledger/holds/${holdId}/capture`, { id: uuid(), amount: 101 }, 422, 'CAPTURE_EXCEEDS_HOLD'],
      ["another user's hold: capture", `/v1/ledger/holds/${otherHold}/capture`, { id: uuid(), amount: 1 }, 404, 'HOLD_NOT_FOUND'],
      ["another user's hold: release", `/v1/ledger/holds/${otherHold}/release`, { id: uuid() }, 404, 'HOLD_NOT_FOUND'],
      ['hold id not a uuid', `/v1/ledger/holds/nope/release`, { id: uuid() }, 400, 'VALIDATION_ERROR'],
      ['refund of a hold id', `/v1/ledger/captures/${holdId}/refund`, { id: uuid() }, 404, 'CAPTURE_NOT_FOUND'],
      ['reusing a hold id for a capture', `/v1/ledger/holds/${holdId}/capture`, { id: holdId, amount: 1 }, 409, 'IDEMPOTENCY_CONFLICT'],
      ['batch with a bad op', '/v1/ledger/batch', { ops: [{ op: 'hold', id: uuid(), amount: 1, ttl_seconds: 60, reason: 'x' }, { op: 'hold', id: uuid(), amount: -1, ttl_seconds: 60, reason: 'x' }] }, 400, 'VALIDATION_ERROR'],
      ['empty batch', '/v1/ledger/batch', { ops: [] }, 400, 'VALIDATION_ERROR'],
      ['ttl too long', '/v1/ledger/holds', { id: uuid(), amount: 1, ttl_seconds: 31 * 86400, reason: 'x' }, 400, 'VALIDATION_ERROR'],
    ];
    for (const [name, path, body, status, code] of cases) {
      const r = await s.call('POST', path, body, u.token);
      expect([name, r.status, (r.body as { error?: { code?: string } }).error?.code], JSON.stringify(r.body)).toEqual([name, status, code]);
      expect(typeof (r.body as { error: { message: unknown } }).error.message).toBe('string');
    }
    // Using another user's hold id as a new hold id is a conflict, not a takeover.
    const steal = await s.call('POST', '/v1/ledger/holds', { id: otherHold, amount: 10, ttl_seconds: 600, reason: 'job' }, u.token);
    expect(steal.status).toBe(409);
    expect(await snapshot(u)).toEqual(before);
    expect(await snapshot(other)).toEqual(beforeOther);
  });

  it('authenticates and authorises every endpoint', async () => {
    const u = await s.register();
    const routes: [string, string][] = [
      ['GET', '/v1/ledger/balance'],
      ['GET', '/v1/ledger/entries'],
      ['POST', '/v1/ledger/holds'],
      ['POST', `/v1/ledger/holds/${uuid()}/capture`],
      ['POST', `/v1/ledger/holds/${uuid()}/release`],
      ['POST', `/v1/ledger/captures/${uuid()}/refund`],
      ['POST', '/v1/ledger/batch'],
      ['POST', '/v1/auth/logout'],
      ['POST', '/v1/auth/password'],
      ['POST', '/v1/auth/totp/enroll'],
      ['POST', '/v1/auth/totp/verify'],
      ['GET', '/v1/plans'],
      ['POST', '/v1/billing/checkout'],
      ['POST', '/v1/admin/grants'],
      ['GET', '/v1/admin/ledger/check'],
      ['GET', `/v1/admin/users/${u.id}/ledger`],
      ['POST', '/v1/admin/clock'],
    ];
    const [h, p, sig] = u.token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>;
    const forgedAdmin = `${h}.${Buffer.from(JSON.stringify({ ...claims, role: 'admin' })).toString('base64url')}.${sig}`;
    const noneAlg = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${p}.`;
    const tamperedSig = `${h}.${p}.${sig.slice(0, -2)}${sig.endsWith('AA') ? 'BB' : 'AA'}`;
    for (const [method, path] of routes) {
      const body = method === 'POST' ? {} : undefined;
      const none = await s.call(method, path, body);
      expect([path, none.status, (none.body as { error: { code: string } }).error.code]).toEqual([path, 401, 'UNAUTHENTICATED']);
      for (const bad of [forgedAdmin, noneAlg, tamperedSig, 'garbage']) {
        const r = await s.call(method, path, body, bad);
        expect([path, r.status, (r.body as { error: { code: string } }).error.code]).toEqual([path, 401, 'INVALID_TOKEN']);
      }
      if (path.startsWith('/v1/admin/')) {
        const r = await s.call(method, path, body, u.token);
        expect([path, r.status]).toEqual([path, 403]);
      }
    }
    const unknown = await s.call('GET', '/v1/nothing', undefined, u.token);
    expect(unknown.body).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('rotates refresh tokens and revokes the family when one is reused', async () => {
    const u = await s.register();
    const r1 = await s.call<{ refresh_token: string; access_token: string }>('POST', '/v1/auth/refresh', { refresh_token: u.refresh });
    expect(r1.status).toBe(200);
    expect(r1.body.refresh_token).not.toBe(u.refresh);
    const reused = await s.call('POST', '/v1/auth/refresh', { refresh_token: u.refresh });
    expect(reused.status).toBe(401);
    expect(reused.body).toMatchObject({ error: { code: 'REFRESH_TOKEN_REUSED' } });
    // The thief's (or the victim's) newer token is dead too.
    const newer = await s.call('POST', '/v1/auth/refresh', { refresh_token: r1.body.refresh_token });
    expect(newer.status).toBe(401);
    expect(newer.body).toMatchObject({ error: { code: 'REFRESH_TOKEN_REVOKED' } });
    // Logout revokes a session's family.
    const fresh = await s.call<{ refresh_token: string; access_token: string }>('POST', '/v1/auth/login', { email: u.email, password: u.password });
    const other = await s.register();
    expect((await s.call('POST', '/v1/auth/logout', { refresh_token: fresh.body.refresh_token }, other.token)).status).toBe(404);
    expect((await s.call('POST', '/v1/auth/logout', { refresh_token: fresh.body.refresh_token }, fresh.body.access_token)).status).toBe(200);
    expect((await s.call('POST', '/v1/auth/refresh', { refresh_token: fresh.body.refresh_token })).status).toBe(401);
  });

  it('locks an account after 5 failed logins', async () => {
    const u = await s.register();
    for (let i = 0; i < 5; i++) {
      const r = await s.call('POST', '/v1/auth/login', { email: u.email, password: 'wrong password' });
      expect(r.status).toBe(401);
      expect(r.body).toMatchObject({ error: { code: 'INVALID_CREDENTIALS' } });
    }
    const locked = await s.call('POST', '/v1/auth/login', { email: u.email, password: u.password });
    expect(locked.status).toBe(429);
    expect(locked.body).toMatchObject({ error: { code: 'ACCOUNT_LOCKED' } });
    const nobody = await s.call('POST', '/v1/auth/login', { email: 'nobody@example.test', password: 'whatever1' });
    expect(nobody.body).toMatchObject({ error: { code: 'INVALID_CREDENTIALS' } });
  });

  it('enrolls TOTP, then requires the code to log in', async () => {
    const u = await s.register();
    const e = await s.call<{ secret: string; otpauth_url: string }>('POST', '/v1/auth/totp/enroll', { password: u.password }, u.token);
    expect(e.body.otpauth_url).toMatch(/^otpauth:\/\/totp\/.+secret=[A-Z2-7]+/);
    expect((await s.call('POST', '/v1/auth/totp/verify', { code: '000000' === totpAt(e.body.secret, Date.now()) ? '111111' : '000000', password: u.password }, u.token)).status).toBe(401);
    expect((await s.call('POST', '/v1/auth/totp/verify', { code: totpAt(e.body.secret, Date.now()), password: u.password }, u.token)).body).toEqual({ totp_enabled: true });
    const noCode = await s.call('POST', '/v1/auth/login', { email: u.email, password: u.password });
    expect(noCode.body).toMatchObject({ error: { code: 'TOTP_REQUIRED' } });
    const next = totpAt(e.body.secret, Date.now() + 30_000);
    const ok = await s.call('POST', '/v1/auth/login', { email: u.email, password: u.password, totp: next });
    expect(ok.status).toBe(200);
    const replay = await s.call('POST', '/v1/auth/login', { email: u.email, password: u.password, totp: next });
    expect(replay.body).toMatchObject({ error: { code: 'INVALID_TOTP' } });
  });

  it('settles an offline batch with results per op; a replay gives the same answers', async () => {
    const u = await s.register();
    const allowance = uuid();
    const capture = uuid();
    const ops = [
      { op: 'hold', id: allowance, amount: 150, ttl_seconds: 72 * 3600, reason: 'offline allowance' },
      { op: 'capture', id: capture, hold_id: allowance, amount: 120 },
      { op: 'release', id: uuid(), hold_id: allowance },
      { op: 'hold', id: uuid(), amount: 5000, ttl_seconds: 60, reason: 'too much' },
      { op: 'refund', id: uuid(), capture_id: capture },
    ];
    const r = await s.call<{ results: { ok: boolean; status: number; error?: { code: string } }[] }>('POST', '/v1/ledger/batch', { ops }, u.token);
    expect(r.body.results.map((x) => [x.status, x.error?.code])).toEqual([
      [200, undefined],
      [200, undefined],
      [409, 'HOLD_NOT_OPEN'],
      [402, 'INSUFFICIENT_CREDITS'],
      [200, undefined],
    ]);
    // Successful ops answer their first answer; refused ones are not recorded and are decided again.
    const again = await s.call<typeof r.body>('POST', '/v1/ledger/batch', { ops }, u.token);
    const shape = (b: typeof r.body) => b.results.map((x) => (x.ok ? x : [x.status, x.error?.code]));
    expect(shape(again.body)).toEqual(shape(r.body));
    expect((await s.call<{ total: number }>('GET', '/v1/ledger/balance', undefined, u.token)).body.total).toBe(200);
  });

  it('pages the journal with a cursor', async () => {
    const u = await s.register();
    for (let i = 0; i < 5; i++) await s.call('POST', '/v1/ledger/holds', { id: uuid(), amount: 1, ttl_seconds: 60, reason: `j${i}` }, u.token);
    const p1 = await s.call<{ entries: { kind: string; reason: string }[]; next_cursor: string }>('GET', '/v1/ledger/entries?limit=4', undefined, u.token);
    expect(p1.body.entries.map((e) => e.reason)).toEqual(['j4', 'j3', 'j2', 'j1']);
    const p2 = await s.call<{ entries: { kind: string }[]; next_cursor: string | null }>('GET', `/v1/ledger/entries?limit=4&cursor=${p1.body.next_cursor}`, undefined, u.token);
    expect(p2.body.entries.map((e) => e.kind)).toEqual(['hold', 'grant']);
    expect(p2.body.next_cursor).toBeNull();
    expect((await s.call('GET', '/v1/ledger/entries?cursor=abc', undefined, u.token)).status).toBe(400);
  });

  it('expires holds and lots on the test clock; admin sees the user ledger; the check stays clean', async () => {
    const u = await s.register();
    const holdId = uuid();
    await s.call('POST', '/v1/ledger/holds', { id: holdId, amount: 50, ttl_seconds: 3600, reason: 'job' }, u.token);
    await grant(u, 70, 'SUB', s.clock.now() + 2 * 86_400_000);
    const jump = await s.call<{ swept: { holds_expired: number; credits_expired: number } }>('POST', '/v1/admin/clock', { now: s.clock.now() + 31 * 86_400_000 }, adminS.token);
    expect(jump.status).toBe(200);
    expect(jump.body.swept.holds_expired).toBeGreaterThanOrEqual(1);
    const late = await s.call('POST', `/v1/ledger/holds/${holdId}/capture`, { id: uuid(), amount: 10 }, u.token);
    expect(late.body).toMatchObject({ error: { code: 'HOLD_NOT_OPEN' } });
    const b = await s.call<{ total: number }>('GET', '/v1/ledger/balance', undefined, u.token);
    expect(b.body.total).toBe(0);
    const view = await s.call<{ balance: { total: number }; entries: { kind: string }[]; lots: unknown[] }>('GET', `/v1/admin/users/${u.id}/ledger`, undefined, adminS.token);
    expect(view.body.entries.map((e) => e.kind)).toEqual(['expire', 'release', 'grant', 'hold', 'grant']);
    expect(view.body.lots).toHaveLength(2);
    const check = await s.call('GET', '/v1/admin/ledger/check', undefined, adminS.token);
    expect(check.body).toMatchObject({ ok: true, violations: [] });
    const pastGrant = await s.call('POST', '/v1/admin/grants', { id: uuid(), user_id: u.id, bucket: 'PROMO', amount: 5, reason: 'late', expires_at: s.clock.now() - 1 }, adminS.token);
    expect(pastGrant.body).toMatchObject({ error: { code: 'ALREADY_EXPIRED' } });
  });

  it('lists the plans and packs at the seed prices', async () => {
    const u = await s.register();
    const r = await s.call<{ plans: { id: string; price_twd: number; monthly_credits: number }[]; packs: { credits: number; price_twd: number }[] }>('GET', '/v1/plans', undefined, u.token);
    expect(r.body.plans.map((p) => [p.id, p.price_twd, p.monthly_credits])).toEqual([
      ['free', 0, 200],
      ['starter', 299, 500],
      ['pro', 699, 1500],
      ['enterprise', 3699, 10000],
    ]);
    expect(r.body.packs.map((p) => [p.credits, p.price_twd])).toEqual([
      [500, 150],
      [1000, 250],
      [3000, 600],
      [10000, 1500],
    ]);
    const noPayments = await s.call('POST', '/v1/billing/checkout', { pack: 'pack_500' }, u.token);
    expect(noPayments.status).toBe(503);
  });
});
