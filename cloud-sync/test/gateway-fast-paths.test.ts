/**
 * The gateway's per-call shortcuts answer exactly as the slow paths did:
 * - a generation token's verification is cached, but a cached token is still refused once its
 *   session is signed out or it expires, and a forged one never rides on the genuine one's entry;
 * - the gen_calls statements run straight on SQLite only outside a transaction: a call's row
 *   written while a Kysely transaction is open (a grant, a refund) is not swallowed by its rollback;
 * - the Idempotency-Key is claimed by inserting: a second claim with the same request replays the
 *   first call, with another request it is refused, and a key freed by a released call runs anew.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createAccount } from '../src/accounts.js';
import { signAccessToken } from '../src/auth/jwt.js';
import { RevokedFamilies } from '../src/auth/revocations.js';
import { systemClock } from '../src/clock.js';
import type { DbHandle } from '../src/db/connect.js';
import { transact } from '../src/db/connect.js';
import { Ledger } from '../src/ledger/service.js';
import { Metering, requestHashOf, type CallSpec, type GenCaller } from '../src/gateway/metering.js';
import { GenTokenVerifier, signGenToken } from '../src/gateway/tokens.js';
import { describeEachDb, freshDb, type FreshDb } from './support/db.js';
import { outcomeCode } from './support/ledger.js';

const SECRET = 'g'.repeat(40);
const HOUR = 3_600_000;

describeEachDb('gateway fast paths', (kind) => {
  let fresh: FreshDb;
  let h: DbHandle;
  let userId: string;

  beforeEach(async () => {
    fresh = await freshDb(kind);
    h = await fresh.open();
    userId = (await createAccount(h, systemClock, { email: `fast-${randomUUID()}@example.test`, passwordHash: 'x' })).id;
  });
  afterEach(async () => {
    await h.close();
    await fresh.drop();
  });

  it('a cached generation token is refused once its session is signed out, once it expires, and when forged', async () => {
    const revoked = new RevokedFamilies(h.db, systemClock, { accessTtlMs: HOUR, pollMs: 0 });
    const v = new GenTokenVerifier(SECRET, revoked);
    const now = Date.now();
    const { token } = signGenToken(SECRET, { sub: userId, role: 'user', fam: 'family-1' }, 'blog', null, now, HOUR);
    expect((await v.verify(token, now)).sub).toBe(userId);
    expect((await v.verify(token, now + 1000)).purpose).toBe('blog');
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const forged = `${header}.${payload}.${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
    expect(await outcomeCode(v.verify(forged, now))).toBe('GEN_TOKEN_REQUIRED');
    // An access token is never a generation token, cached or not.
    expect(await outcomeCode(v.verify(signAccessToken(SECRET, userId, 'user', 'family-1', now, HOUR), now))).toBe('GEN_TOKEN_REQUIRED');
    expect(await outcomeCode(v.verify(token, now + HOUR))).toBe('TOKEN_EXPIRED');
    const { token: second } = signGenToken(SECRET, { sub: userId, role: 'user', fam: 'family-2' }, 'blog', null, now, HOUR);
    expect(await outcomeCode(v.verify(second, now))).toBe('OK');
    await revoked.revoke(userId, ['family-2']);
    expect(await outcomeCode(v.verify(second, now))).toBe('TOKEN_REVOKED');
  });

  it("a call's row written while a transaction is open stays when that transaction rolls back", async () => {
    const metering = new Metering(h, new Ledger(h, systemClock), systemClock);
    const caller: GenCaller = { userId, purpose: 'blog', jobRef: null };
    let inside!: () => void;
    const opened = new Promise<void>((r) => (inside = r));
    let finish!: () => void;
    const held = new Promise<void>((r) => (finish = r));
    const tx = transact(h, async (t) => {
      await sql`select 1`.execute(t);
      inside();
      await held;
      throw new Error('rolled back on purpose');
    });
    await opened;
    const callId = randomUUID();
    // The hold fails (no credits): the row is written, then ended as failed — both while the transaction is open.
    // Its refusal is caught at once: it may come while the test is still waiting below.
    const refusal = outcomeCode(metering.begin(callId, caller, spec('k-1', 'a')));
    // Let the writes reach the database (or queue for the connection) before the transaction ends.
    await new Promise((r) => setTimeout(r, 50));
    finish();
    await expect(tx).rejects.toThrow('rolled back on purpose');
    expect(await refusal).toBe('INSUFFICIENT_CREDITS');
    const row = await metering.get(callId);
    expect(row).toMatchObject({ id: callId, user_id: userId, status: 'failed', error_code: 'INSUFFICIENT_CREDITS', idempotency_key: null });
  });

  it('claims an Idempotency-Key by inserting: the same request replays, another is refused, a freed key runs again', async () => {
    const ledger = new Ledger(h, systemClock);
    await ledger.grant({ id: randomUUID(), user_id: userId, bucket: 'PAID', amount: 1_000, reason: 'test' }, userId);
    const metering = new Metering(h, ledger, systemClock);
    const caller: GenCaller = { userId, purpose: 'blog', jobRef: null };
    const first = await metering.begin(randomUUID(), caller, spec('k-2', 'a'));
    if (first.kind !== 'started') throw new Error('the first call must start');
    const again = await metering.begin(randomUUID(), caller, spec('k-2', 'a'));
    expect(again).toMatchObject({ kind: 'replay', row: { id: first.call.id, status: 'running' } });
    expect(await outcomeCode(metering.begin(randomUUID(), caller, spec('k-2', 'b')))).toBe('IDEMPOTENCY_CONFLICT');
    await first.call.abandon('GEN_UPSTREAM_ERROR');
    const retry = await metering.begin(randomUUID(), caller, spec('k-2', 'a'));
    expect(retry.kind).toBe('started');
    if (retry.kind === 'started') await retry.call.settle(3, { input_tokens: 1, output_tokens: 1 });
    expect(await ledger.balance(userId, 0)).toMatchObject({ available: 997, held: 0 });
    const rows = await h.db.selectFrom('gen_calls').select(['status', 'credits', 'idempotency_key']).where('user_id', '=', userId).orderBy('created_at').execute();
    expect(rows.map((r) => r.status).sort()).toEqual(['released', 'succeeded']);
    expect(rows.find((r) => r.status === 'succeeded')).toMatchObject({ credits: 3, idempotency_key: 'k-2' });
  });

  it('calls begun in the same instant: one Idempotency-Key starts one call, a short wallet beside them is refused alone', async () => {
    const ledger = new Ledger(h, systemClock);
    await ledger.grant({ id: randomUUID(), user_id: userId, bucket: 'PAID', amount: 1_000, reason: 'test' }, userId);
    const poor = (await createAccount(h, systemClock, { email: `poor-${randomUUID()}@example.test`, passwordHash: 'x' })).id;
    const metering = new Metering(h, ledger, systemClock);
    const caller: GenCaller = { userId, purpose: 'blog', jobRef: null };
    // On SQLite these share one group commit: the collisions and the 402 must not undo the others.
    const [same, others, refused] = await Promise.all([
      Promise.all(Array.from({ length: 6 }, () => metering.begin(randomUUID(), caller, spec('k-3', 'a')))),
      Promise.all(Array.from({ length: 3 }, (_, i) => metering.begin(randomUUID(), caller, spec(`k-other-${i}`, 'a')))),
      outcomeCode(metering.begin(randomUUID(), { userId: poor, purpose: 'blog', jobRef: null }, spec('k-poor', 'a'))),
    ]);
    const started = same.filter((b) => b.kind === 'started');
    expect(started).toHaveLength(1);
    const winner = started[0]!.kind === 'started' ? started[0]!.call.id : '';
    for (const b of same) if (b.kind === 'replay') expect(b.row.id).toBe(winner);
    expect(others.map((b) => b.kind)).toEqual(['started', 'started', 'started']);
    expect(refused).toBe('INSUFFICIENT_CREDITS');
    // One hold per started call, nothing for the replays or the refusal.
    expect(await ledger.balance(userId, 0)).toMatchObject({ available: 960, held: 40 });
    const rows = await h.db.selectFrom('gen_calls').select(['user_id', 'status', 'error_code', 'held']).execute();
    expect(rows.filter((r) => r.user_id === userId).map((r) => r.status)).toEqual(['running', 'running', 'running', 'running']);
    expect(rows.filter((r) => r.user_id === poor)).toEqual([{ user_id: poor, status: 'failed', error_code: 'INSUFFICIENT_CREDITS', held: 0 }]);
    // Settled in the same instant too: each capture and its row's end commit together.
    await Promise.all([...same, ...others].map((b) => (b.kind === 'started' ? b.call.settle(4, { input_tokens: 1, output_tokens: 1 }) : null)));
    expect(await ledger.balance(userId, 0)).toMatchObject({ available: 984, held: 0 });
    const ended = await h.db.selectFrom('gen_calls').select(['status', 'credits']).where('user_id', '=', userId).execute();
    expect(ended).toEqual(Array.from({ length: 4 }, () => ({ status: 'succeeded', credits: 4 })));
    expect((await ledger.check()).ok).toBe(true);
  });
});

function spec(key: string, body: string): CallSpec {
  return { upstream: 'gemini', model: 'gemini-3.5-flash', operation: 'stream', hold: 10, idempotencyKey: key, requestHash: requestHashOf({ upstream: 'gemini', model: 'gemini-3.5-flash', operation: 'stream', body }) };
}
