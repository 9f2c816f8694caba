/**
 * On PostgreSQL the hot path plans a hold or a capture from what its process last knew of the
 * wallet (src/ledger/wallet-snapshots.ts) and writes once, guarded by the wallet row's version.
 * Here: the snapshot's own bookkeeping; one statement per operation once a wallet is known; and
 * two servers on one database, each with its own (soon stale) knowledge of one wallet, giving
 * exactly the answers one server with no snapshot would. The two-server cases run on SQLite too,
 * as two connections to one file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClock } from '../src/clock.js';
import type { DbHandle } from '../src/db/connect.js';
import type { LotRow } from '../src/db/schema.js';
import { effectsOf } from '../src/ledger/plan.js';
import { Ledger } from '../src/ledger/service.js';
import { WalletSnapshot, WalletSnapshots } from '../src/ledger/wallet-snapshots.js';
import type { FreshDb } from './support/db.js';
import { describeEachDb, freshDb } from './support/db.js';
import { createUserWithWallet, outcomeCode as code } from './support/ledger.js';
import { Rng } from './support/rng.js';

const NOW = 1_700_000_000_000;
const HOUR = 3_600_000;

function lot(id: string, amount: number, over: Partial<LotRow> = {}): LotRow {
  return { id, user_id: 'u', bucket: 'PAID', rank: 2, amount, consumed: 0, held: 0, expired: 0, paid_out: 0, expires_at: null, created_at: NOW, source_ref: id, journal_id: id, ...over };
}

describe('WalletSnapshot', () => {
  it('offers the lots that are live and have credit left', () => {
    const snap = new WalletSnapshot('1', [lot('a', 10), lot('b', 10, { expires_at: NOW + HOUR }), lot('c', 10, { held: 10 })]);
    expect(snap.liveLots(NOW).map((l) => l.id)).toEqual(['a', 'b']);
    expect(snap.liveLots(NOW + HOUR).map((l) => l.id)).toEqual(['a']);
  });

  it('moves forward by a write’s effects, forgetting lots used up with nothing held', () => {
    const a = lot('a', 10);
    const b = lot('b', 10);
    const snap = new WalletSnapshot('1', [a, b]);
    const effects = effectsOf([
      { lot: a, from: 'available', to: 'held', amount: 10 },
      { lot: b, from: 'available', to: 'consumed', amount: 10 },
    ]);
    expect(snap.advance(effects, '2')).toBe(true);
    expect(snap.version).toBe('2');
    expect(snap.liveLots(NOW)).toEqual([]);
    // a is wholly held (kept: a capture may give some back); b is gone for good.
    const back = effectsOf([{ lot: a, from: 'held', to: 'available', amount: 4 }]);
    expect(snap.advance(back, '3')).toBe(true);
    expect(snap.liveLots(NOW)).toEqual([{ ...a, held: 6 }]);
    expect(snap.advance(effectsOf([{ lot: b, from: 'consumed', to: 'available', amount: 1 }]), '4')).toBe(false);
  });

  it('remembers at most 1,000 open holds, forgetting the oldest', () => {
    const snap = new WalletSnapshot('1', []);
    for (let i = 0; i < 1_001; i++) {
      snap.rememberHold({ hold: { id: `h${i}`, user_id: 'u', amount: 1, status: 'open', expires_at: NOW, reason: 'r', job_ref: null, created_at: NOW, resolved_at: null, resolution_id: null }, parts: [] });
    }
    expect(snap.holds.size).toBe(1_000);
    expect(snap.holds.has('h0')).toBe(false);
    expect(snap.holds.has('h1000')).toBe(true);
  });
});

describe('WalletSnapshots', () => {
  it('forgets the least recently used wallet beyond its size', () => {
    const all = new WalletSnapshots(2);
    all.fromRead('a', '1', []);
    all.fromRead('b', '1', []);
    all.get('a');
    all.fromRead('c', '1', []);
    expect([all.get('a'), all.get('b'), all.get('c')].map((s) => s?.version)).toEqual(['1', undefined, '1']);
  });

  it('trusts a snapshot for a minute after the database last confirmed it', () => {
    let t = 0;
    const all = new WalletSnapshots(10, 60_000, () => t);
    const a = lot('a', 10);
    const snap = all.fromRead('u', '1', [a]);
    t = 50_000;
    expect(all.advance('u', snap, '1', effectsOf([{ lot: a, from: 'available', to: 'held', amount: 1 }]), '2')).toBe(true);
    t = 110_000;
    expect(all.get('u')).toBe(snap);
    t = 110_001;
    expect(all.get('u')).toBeUndefined();
  });

  it('moves a snapshot forward only from the version the write was made against', () => {
    const all = new WalletSnapshots();
    const a = lot('a', 10);
    const snap = all.fromRead('u', '1', [a]);
    const effects = effectsOf([{ lot: a, from: 'available', to: 'held', amount: 3 }]);
    expect(all.advance('u', snap, '0', effects, '2')).toBe(false);
    expect(all.advance('u', snap, '1', effects, '2')).toBe(true);
    expect(all.get('u')?.liveLots(NOW)).toEqual([{ ...a, held: 3 }]);
    // A write against a snapshot that a newer read has replaced leaves the newer one alone.
    const newer = all.fromRead('u', '5', [a]);
    expect(all.advance('u', snap, '2', effects, '3')).toBe(false);
    all.drop('u', snap);
    expect(all.get('u')).toBe(newer);
    all.drop('u', newer);
    expect(all.get('u')).toBeUndefined();
  });

  it('keeps the open holds a read at the same version confirms, and only those', () => {
    const all = new WalletSnapshots();
    const hold = { id: 'h', user_id: 'u', amount: 1, status: 'open' as const, expires_at: NOW, reason: 'r', job_ref: null, created_at: NOW, resolved_at: null, resolution_id: null };
    all.fromRead('u', '1', []).rememberHold({ hold, parts: [] });
    expect(all.fromRead('u', '1', []).holds.has('h')).toBe(true);
    expect(all.fromRead('u', '2', []).holds.has('h')).toBe(false);
  });
});

const USER = '0a0a0a0a-0000-4000-8000-0000000000aa';

describeEachDb('two servers writing one wallet', (kind) => {
  let db: FreshDb;
  let h1: DbHandle;
  let h2: DbHandle;
  const clock = new TestClock(NOW);
  let one: Ledger;
  let two: Ledger;
  beforeAll(async () => {
    db = await freshDb(kind);
    h1 = await db.open();
    h2 = await db.open();
    one = new Ledger(h1, clock);
    two = new Ledger(h2, clock);
    await createUserWithWallet(h1, USER, 'two00001', NOW);
    await one.grant({ id: 'paid', user_id: USER, bucket: 'PAID', amount: 100, reason: 'test' }, 'test');
  });
  afterAll(async () => {
    await h1.close();
    await h2.close();
    await db.drop();
  });

  const balance = async () => {
    const b = await one.balance(USER);
    return { available: b.available, held: b.held };
  };

  it('refuses on the wallet as it is, not as one server last knew it', async () => {
    // Server one learns the wallet (100 available) and holds 60 of it.
    expect(await code(one.hold(USER, { id: 'h1', amount: 60, ttl_seconds: 600, reason: 'job' }))).toBe('OK');
    // Server two holds 30: one still believes 40 are available.
    expect(await code(two.hold(USER, { id: 'h2', amount: 30, ttl_seconds: 600, reason: 'job' }))).toBe('OK');
    expect(await code(one.hold(USER, { id: 'h3', amount: 30, ttl_seconds: 600, reason: 'job' }))).toBe('INSUFFICIENT_CREDITS');
    expect(await balance()).toEqual({ available: 10, held: 90 });
    // And a refusal one would plan from what it knows is not final: two grants meanwhile.
    await two.grant({ id: 'more', user_id: USER, bucket: 'PAID', amount: 50, reason: 'test' }, 'test');
    expect(await code(one.hold(USER, { id: 'h4', amount: 55, ttl_seconds: 600, reason: 'job' }))).toBe('OK');
    expect(await balance()).toEqual({ available: 5, held: 145 });
  });

  it('answers a retry, and refuses a reused id, whichever server knows the wallet', async () => {
    const first = await one.hold(USER, { id: 'h5', amount: 5, ttl_seconds: 600, reason: 'job' });
    expect(await one.hold(USER, { id: 'h5', amount: 5, ttl_seconds: 600, reason: 'job' })).toEqual(first);
    expect(await two.hold(USER, { id: 'h5', amount: 5, ttl_seconds: 600, reason: 'job' })).toEqual(first);
    expect(await code(one.hold(USER, { id: 'h5', amount: 4, ttl_seconds: 600, reason: 'job' }))).toBe('IDEMPOTENCY_CONFLICT');
    const captured = await one.capture(USER, 'h5', { id: 'c5', amount: 2 });
    expect(await one.capture(USER, 'h5', { id: 'c5', amount: 2 })).toEqual(captured);
    expect(await code(one.capture(USER, 'h5', { id: 'c5', amount: 1 }))).toBe('IDEMPOTENCY_CONFLICT');
    // The id of an entry that is not a capture, sent as a capture's.
    expect(await code(one.capture(USER, 'h4', { id: 'h1', amount: 1 }))).toBe('IDEMPOTENCY_CONFLICT');
    expect(await balance()).toEqual({ available: 3, held: 145 });
  });

  it('does not capture a hold the other server has released, nor one past its expiry', async () => {
    await two.release(USER, 'h1', { id: 'r1' });
    expect(await code(one.capture(USER, 'h1', { id: 'c1', amount: 10 }))).toBe('HOLD_NOT_OPEN');
    expect(await balance()).toEqual({ available: 63, held: 85 });
    expect(await code(one.hold(USER, { id: 'h6', amount: 3, ttl_seconds: 60, reason: 'job' }))).toBe('OK');
    clock.advance(61_000);
    expect(await code(one.capture(USER, 'h6', { id: 'c6', amount: 3 }))).toBe('HOLD_EXPIRED');
    expect(await balance()).toEqual({ available: 60, held: 88 });
  });

  it('agrees with a model when both servers hold and capture on the wallet at once', async () => {
    // Settle what the cases above left open, then start from a known balance.
    for (const id of ['h2', 'h4', 'h6']) await one.release(USER, id, { id: `settle-${id}` });
    const start = (await balance()).available;
    expect((await balance()).held).toBe(0);
    const rng = new Rng(20_261_203);
    let captured = 0;
    const client = async (ledger: Ledger, n: number) => {
      for (let i = 0; i < 40; i++) {
        const id = `m${n}-${i}`;
        const amount = rng.int(1, 6);
        if ((await code(ledger.hold(USER, { id, amount, ttl_seconds: 600, reason: 'job' }))) !== 'OK') continue;
        // Captured by the same server or by the other, sometimes released.
        const by = rng.chance(0.5) ? one : two;
        if (rng.chance(0.8)) {
          const take = rng.int(1, amount);
          expect(await code(by.capture(USER, id, { id: `${id}-c`, amount: take }))).toBe('OK');
          captured += take;
        } else {
          await by.release(USER, id, { id: `${id}-r` });
        }
      }
    };
    await Promise.all([client(one, 1), client(one, 2), client(two, 3), client(two, 4)]);
    expect(await balance()).toEqual({ available: start - captured, held: 0 });
    expect((await one.check()).violations).toEqual([]);
  });

  // PostgreSQL only: SQLite's hot path has no snapshots (its transaction runs without a round trip).
  if (kind === 'postgres') it('writes a hold and its capture in one statement each once it knows the wallet, and reads again when that is stale', async () => {
    await two.grant({ id: 'last', user_id: USER, bucket: 'PAID', amount: 10, reason: 'test' }, 'test');
    // This server knows the wallet after a hold of its own; then the other grants, and what it knows is stale.
    await one.hold(USER, { id: 'prime', amount: 1, ttl_seconds: 600, reason: 'job' });
    await two.grant({ id: 'stale', user_id: USER, bucket: 'PAID', amount: 10, reason: 'test' }, 'test');
    const pool = h1.pgPool!;
    const names: string[] = [];
    const query = pool.query.bind(pool) as (...args: unknown[]) => unknown;
    pool.query = ((config: unknown, ...rest: unknown[]) => {
      names.push(typeof config === 'object' && config !== null && 'name' in config ? String(config.name) : 'other');
      return query(config, ...rest);
    }) as typeof pool.query;
    try {
      await one.hold(USER, { id: 'learn', amount: 1, ttl_seconds: 600, reason: 'job' });
      // The write planned from the stale snapshot writes nothing; the hold then reads and writes.
      expect(names).toEqual(['ledger_write_hold', 'ledger_read_hold', 'ledger_write_hold']);
      names.length = 0;
      await one.capture(USER, 'learn', { id: 'learn-c', amount: 1 });
      await one.hold(USER, { id: 'again', amount: 2, ttl_seconds: 600, reason: 'job' });
      await one.capture(USER, 'again', { id: 'again-c', amount: 1 });
      expect(names).toEqual(['ledger_write_capture', 'ledger_write_hold', 'ledger_write_capture']);
    } finally {
      pool.query = query as typeof pool.query;
    }
    expect((await one.check()).violations).toEqual([]);
  });
});
