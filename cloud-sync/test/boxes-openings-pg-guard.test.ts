import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import type { App } from '../src/app.js';
import type { DbHandle } from '../src/db/connect.js';
import type { OpeningView, ProofView, SeriesView } from '../../src/shared/boxes/wire.js';
import { verifySeries } from '../src/boxes/verify.js';
import { describePostgres } from './support/db.js';
import type { Session, TestServer } from './support/http.js';
import { JWT_SECRET, startServer } from './support/http.js';
import { adultBuyer, available, openBox, openSeries, seriesBody } from './support/boxes.js';

/**
 * The optimistic opening on PostgreSQL (boxes/opening-pg.ts: one read, then one write guarded by
 * the wallet row's version, the seed still active and the stock left). Each case makes something
 * change between an opening's read and its write — the test runs the change just before the
 * write statement goes out — and then reads back rows and balances: the stale write wrote
 * nothing, the opening was made again from a fresh read, charged once, with consecutive nonces,
 * and stock never below zero. A buyer's next opening is planned from what the process knew
 * (opening-pg-snapshots.ts): a second app on the same database (another server process) makes
 * that knowledge stale in each way it can be. Then a storm of one buyer's openings, the guarantee
 * and the daily limit, and every draw recomputed from the revealed seeds.
 */
const PRICE = 25;

describePostgres('optimistic openings whose guard fails', () => {
  let s: TestServer;
  let admin: Session;
  let creator: Session;
  /** Run, one each, just before the next optimistic writes of an opening (shifted before it runs, so an opening inside one meets the next). */
  let beforeWrite: (() => Promise<void>)[] = [];
  /** Optimistic writes sent (the locked way's write goes on a client of its own, not counted). */
  let writes = 0;
  /** A second server process's app on the same database: its openings are unknown to the first. */
  let other: { app: App; db: DbHandle };

  beforeAll(async () => {
    s = await startServer('postgres');
    const db = await s.fresh.open();
    other = { db, app: await buildApp({ db, jwtSecret: JWT_SECRET, clock: s.clock, testClock: true, authRateLimit: 10_000 }) };
    admin = await s.admin();
    creator = await s.register();
    const pool = s.db.pgPool!;
    const query = pool.query.bind(pool) as (...args: unknown[]) => Promise<unknown>;
    (pool as unknown as { query: (...args: unknown[]) => Promise<unknown> }).query = async (...args: unknown[]) => {
      const config = args[0];
      if (typeof config === 'object' && config !== null && (config as { name?: string }).name === 'box_open_write') {
        writes++;
        const hook = beforeWrite.shift();
        if (hook) await hook();
      }
      return query(...args);
    };
  }, 120_000);
  afterAll(async () => {
    await other?.app.server.close();
    await other?.db.close();
    await s?.close();
  });

  const unlimited = () => openSeries(s, creator, seriesBody({ price: PRICE, items: seriesBody().items.map((i) => ({ ...i, stock: null })) }));
  const ok = async (r: Promise<{ status: number; body: Record<string, unknown> }>): Promise<OpeningView> => {
    const reply = await r;
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    return reply.body as unknown as OpeningView;
  };
  /** A hold and its capture through the ledger's HTTP API: the buyer's lots and wallet row change. */
  const spend = async (u: Session, amount: number) => {
    const id = randomUUID();
    expect((await s.call('POST', '/v1/ledger/holds', { id, amount, ttl_seconds: 60, reason: 'test job' }, u.token)).status).toBe(200);
    expect((await s.call('POST', `/v1/ledger/holds/${id}/capture`, { id: randomUUID(), amount }, u.token)).status).toBe(200);
  };
  const rows = (userId: string, seriesId: string) =>
    s.db.db.selectFrom('box_openings').select(['id', 'nonce', 'outcome', 'credits', 'seed_id']).where('user_id', '=', userId).where('series_id', '=', seriesId).orderBy('nonce').execute();
  const journalOf = (openingId: string) =>
    s.db.db.selectFrom('journal').select(['id', 'kind']).where('id', 'like', `box:${openingId}:%`).orderBy('id').execute();
  const openHolds = async (userId: string) => (await s.db.db.selectFrom('holds').select('id').where('user_id', '=', userId).where('status', '=', 'open').execute()).length;

  it('a change to the buyer’s lots between read and write: the write is stale, the opening is made again and charged once', async () => {
    const series = await unlimited();
    const u = await adultBuyer(s, admin, 500);
    const before = await available(s, u);
    writes = 0;
    beforeWrite = [() => spend(u, 7)];
    const v = await ok(openBox(s, u, series.id));
    expect(writes).toBe(2);
    expect(v).toMatchObject({ outcome: 'granted', credits: PRICE, nonce: 0 });
    expect(await available(s, u)).toBe(before - 7 - PRICE);
    expect((await rows(u.id, series.id)).map((r) => r.nonce)).toEqual([0]);
    expect((await journalOf(v.id)).map((j) => j.kind)).toEqual(['capture', 'hold']);
    expect(await openHolds(u.id)).toBe(0);
  });

  it('two openings of one buyer racing for the same nonce: the later write misses and takes the next nonce', async () => {
    const series = await unlimited();
    const u = await adultBuyer(s, admin, 500);
    const before = await available(s, u);
    let inner: OpeningView | undefined;
    writes = 0;
    beforeWrite = [
      async () => {
        inner = await ok(openBox(s, u, series.id));
      },
    ];
    const outer = await ok(openBox(s, u, series.id));
    expect(writes).toBe(3);
    expect(inner!.nonce).toBe(0);
    expect(outer.nonce).toBe(1);
    expect(await available(s, u)).toBe(before - 2 * PRICE);
    const r = await rows(u.id, series.id);
    expect(r.map((x) => [x.id, x.nonce])).toEqual([
      [inner!.id, 0],
      [outer.id, 1],
    ]);
    for (const id of [inner!.id, outer.id]) expect((await journalOf(id)).map((j) => j.kind)).toEqual(['capture', 'hold']);
  });

  it('the last one sold between read and write: the opening is recorded sold out and charged nothing; stock stays at zero', async () => {
    const base = seriesBody().items;
    const series = await openSeries(s, creator, seriesBody({ price: PRICE, items: [{ ...base[0]!, odds_ppm: 1_000_000, stock: 1 }, { ...base[1]!, odds_ppm: 0, stock: null }] }));
    const [a, b] = [await adultBuyer(s, admin, 500), await adultBuyer(s, admin, 500)];
    const [aBefore, bBefore] = [await available(s, a), await available(s, b)];
    let won: OpeningView | undefined;
    writes = 0;
    beforeWrite = [
      async () => {
        won = await ok(openBox(s, b, series.id));
      },
    ];
    const lost = await ok(openBox(s, a, series.id));
    // a's first write matched its wallet, then found none left: undone whole, and made again.
    expect(writes).toBe(3);
    expect(won).toMatchObject({ outcome: 'granted', credits: PRICE });
    expect(lost).toMatchObject({ outcome: 'sold_out', credits: 0, owned_id: null, nonce: 0 });
    expect(await available(s, a)).toBe(aBefore);
    expect(await available(s, b)).toBe(bBefore - PRICE);
    expect((await journalOf(lost.id)).map((j) => j.kind)).toEqual(['hold', 'release']);
    expect(await openHolds(a.id)).toBe(0);
    const item = await s.db.db.selectFrom('box_items').select(['remaining']).where('series_id', '=', series.id).where('position', '=', 0).executeTakeFirstOrThrow();
    expect(Number(item.remaining)).toBe(0);
    expect(await s.db.db.selectFrom('box_owned').select('id').where('series_id', '=', series.id).execute()).toHaveLength(1);
  });

  it('the seed rotated between read and write: the opening draws with the new seed, never the revealed one', async () => {
    const series = await unlimited();
    const u = await adultBuyer(s, admin, 500);
    const before = await available(s, u);
    const old = series.seeds[0]!.id;
    writes = 0;
    beforeWrite = [async () => void expect((await s.call('POST', `/v1/boxes/series/${series.id}/rotate-seed`, {}, creator.token)).status).toBe(200)];
    const v = await ok(openBox(s, u, series.id));
    expect(writes).toBe(2);
    const seeds = await s.db.db.selectFrom('box_seeds').select(['id', 'active']).where('series_id', '=', series.id).execute();
    const active = seeds.find((x) => x.active === 1)!.id;
    expect(active).not.toBe(old);
    expect(v.seed_id).toBe(active);
    expect((await rows(u.id, series.id)).map((r) => r.seed_id)).toEqual([active]);
    expect(await available(s, u)).toBe(before - PRICE);
  });

  it('the series closed between read and write: refused, and nothing is written or charged', async () => {
    const series = await unlimited();
    const u = await adultBuyer(s, admin, 500);
    const before = await available(s, u);
    const journalBefore = (await s.db.db.selectFrom('journal').select('id').where('user_id', '=', u.id).execute()).length;
    beforeWrite = [async () => void expect((await s.call('POST', `/v1/boxes/series/${series.id}/close`, {}, creator.token)).status).toBe(200)];
    const r = await openBox(s, u, series.id);
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({ error: { code: 'SERIES_NOT_ON_SALE' } });
    expect(await available(s, u)).toBe(before);
    expect(await rows(u.id, series.id)).toHaveLength(0);
    expect((await s.db.db.selectFrom('journal').select('id').where('user_id', '=', u.id).execute()).length).toBe(journalBefore);
  });

  it('three misses in a row: the opening runs under the locks and is still charged once', async () => {
    const series = await unlimited();
    const u = await adultBuyer(s, admin, 500);
    const before = await available(s, u);
    writes = 0;
    beforeWrite = [() => spend(u, 1), () => spend(u, 1), () => spend(u, 1)];
    const v = await ok(openBox(s, u, series.id));
    expect(writes).toBe(3);
    expect(beforeWrite).toHaveLength(0);
    expect(v).toMatchObject({ outcome: 'granted', credits: PRICE, nonce: 0 });
    expect(await available(s, u)).toBe(before - 3 - PRICE);
    expect((await journalOf(v.id)).map((j) => j.kind)).toEqual(['capture', 'hold']);
  });

  const openThere = (u: Session, seriesId: string) => other.app.boxes.openings.open(u.id, seriesId, { request_id: randomUUID(), notice_acknowledged: true });

  it('an opening made by another process: what this one knew is stale, and its next opening takes the next nonce', async () => {
    const x = await unlimited();
    const y = await unlimited();
    const u = await adultBuyer(s, admin, 1000);
    const before = await available(s, u);
    await ok(openBox(s, u, x.id)); // x: nonce 0 here; known here
    await ok(openBox(s, u, y.id)); // y: nonce 0; the wallet known here
    expect((await openThere(u, x.id)).nonce).toBe(1); // there: nonce 1 of x, the wallet moves
    writes = 0;
    // y: the wallet known here is stale (a write that writes nothing, then the read and the write).
    expect((await ok(openBox(s, u, y.id))).nonce).toBe(1);
    expect(writes).toBe(2);
    // x: the wallet is known again, but x's nonce 1 was taken there: the key breaks, the write undoes itself, x is read.
    writes = 0;
    expect((await ok(openBox(s, u, x.id))).nonce).toBe(2);
    expect(writes).toBe(2);
    // Known and right now: one write.
    writes = 0;
    expect((await ok(openBox(s, u, x.id))).nonce).toBe(3);
    expect(writes).toBe(1);
    expect((await rows(u.id, x.id)).map((r) => r.nonce)).toEqual([0, 1, 2, 3]);
    expect((await rows(u.id, y.id)).map((r) => r.nonce)).toEqual([0, 1]);
    expect(await available(s, u)).toBe(before - 6 * PRICE);
    expect(await openHolds(u.id)).toBe(0);
  });

  it('the stock and the seed known here moved there: sold out and the new seed are found by the guards', async () => {
    const base = seriesBody().items;
    const series = await openSeries(s, creator, seriesBody({ price: PRICE, items: [{ ...base[0]!, odds_ppm: 1_000_000, stock: 2 }, { ...base[1]!, odds_ppm: 0, stock: null }] }));
    const [u, v] = [await adultBuyer(s, admin, 500), await adultBuyer(s, admin, 500)];
    const uBefore = await available(s, u);
    expect(await ok(openBox(s, u, series.id))).toMatchObject({ outcome: 'granted', nonce: 0 }); // here: 1 left
    expect(await openThere(v, series.id)).toMatchObject({ outcome: 'granted' }); // there: the last one
    writes = 0;
    expect(await ok(openBox(s, u, series.id))).toMatchObject({ outcome: 'sold_out', credits: 0, nonce: 1 });
    expect(writes).toBe(2);
    expect(await available(s, u)).toBe(uBefore - PRICE);
    expect(Number((await s.db.db.selectFrom('box_items').select('remaining').where('series_id', '=', series.id).where('position', '=', 0).executeTakeFirstOrThrow()).remaining)).toBe(0);

    const plain = await unlimited();
    await ok(openBox(s, u, plain.id));
    expect((await s.call('POST', `/v1/boxes/series/${plain.id}/rotate-seed`, {}, creator.token)).status).toBe(200);
    const fresh = (await s.db.db.selectFrom('box_seeds').select('id').where('series_id', '=', plain.id).where('active', '=', 1).executeTakeFirstOrThrow()).id;
    expect((await ok(openBox(s, u, plain.id))).seed_id).toBe(fresh);
    expect((await s.call('POST', `/v1/boxes/series/${plain.id}/close`, {}, creator.token)).status).toBe(200);
    expect((await openBox(s, u, plain.id)).status).toBe(409);
    expect((await rows(u.id, plain.id)).map((r) => r.nonce)).toEqual([0, 1]);
  });

  it('a retry of a request whose opening the server knows: the key refuses the write, the read answers the same opening, charged once', async () => {
    const series = await unlimited();
    const u = await adultBuyer(s, admin, 500);
    const before = await available(s, u);
    const request_id = randomUUID();
    const first = await ok(openBox(s, u, series.id, { request_id, client_seed: 'mine' }));
    writes = 0;
    const again = await ok(openBox(s, u, series.id, { request_id, client_seed: 'mine' }));
    expect(writes).toBe(1);
    expect(again).toEqual(first);
    const other = await openBox(s, u, series.id, { request_id, client_seed: 'another' });
    expect(other.status).toBe(409);
    expect(other.body).toMatchObject({ error: { code: 'IDEMPOTENCY_CONFLICT' } });
    expect((await ok(openBox(s, u, series.id))).nonce).toBe(1);
    expect(await available(s, u)).toBe(before - 2 * PRICE);
    expect(await rows(u.id, series.id)).toHaveLength(2);
  });

  it('the guarantee and the daily limit hold over openings planned from what was known', async () => {
    const items = seriesBody().items.map((i) => ({ ...i, stock: null }));
    // The guarantee comes often: regular 99 %, rare 1 %, a rare or better at the latest every third opening
    // (whether each draw was under it is recomputed by verifySeries in the last test).
    items[0] = { ...items[0]!, odds_ppm: 990_000 };
    items[1] = { ...items[1]!, odds_ppm: 0 };
    items[2] = { ...items[2]!, odds_ppm: 10_000 };
    items[3] = { ...items[3]!, odds_ppm: 0 };
    const series = await openSeries(s, creator, seriesBody({ price: PRICE, daily_limit: 7, guarantee: { after: 3, tier: 'rare' }, items }));
    const u = await adultBuyer(s, admin, 1000);
    const before = await available(s, u);
    const views: OpeningView[] = [];
    for (let i = 0; i < 7; i++) views.push(await ok(openBox(s, u, series.id)));
    expect(views.map((x) => x.nonce)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(views.some((x) => x.guaranteed)).toBe(true);
    const refused = await openBox(s, u, series.id);
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ error: { code: 'DAILY_BOX_LIMIT' } });
    expect(await available(s, u)).toBe(before - 7 * PRICE);
    expect(await rows(u.id, series.id)).toHaveLength(7);
  });

  it('a storm of one buyer’s openings (a request sent twice among them): nonces 0..n-1, each charged once, stock exact; every draw recomputes', async () => {
    const base = seriesBody().items;
    const series = await openSeries(s, creator, seriesBody({ price: PRICE, items: [{ ...base[0]!, odds_ppm: 500_000, stock: 3 }, { ...base[1]!, odds_ppm: 500_000, stock: null }] }));
    const u = await adultBuyer(s, admin, 2000);
    const before = await available(s, u);
    const N = 16;
    const twice = randomUUID();
    beforeWrite = [];
    const replies = await Promise.all([...Array.from({ length: N - 1 }, () => ok(openBox(s, u, series.id))), ok(openBox(s, u, series.id, { request_id: twice })), ok(openBox(s, u, series.id, { request_id: twice }))]);
    const a = replies[N - 1]!;
    const b = replies[N]!;
    expect(b.id).toBe(a.id);
    expect(b.nonce).toBe(a.nonce);
    const r = await rows(u.id, series.id);
    expect(r.map((x) => x.nonce)).toEqual(Array.from({ length: N }, (_, i) => i));
    const charged = r.reduce((sum, x) => sum + Number(x.credits), 0);
    expect(charged).toBe(r.filter((x) => x.outcome === 'granted').length * PRICE);
    expect(await available(s, u)).toBe(before - charged);
    const journal = await s.db.db.selectFrom('journal').select(['kind']).where('id', 'like', 'box:%').where('user_id', '=', u.id).execute();
    expect(journal.filter((j) => j.kind === 'hold')).toHaveLength(N);
    expect(journal.filter((j) => j.kind === 'capture')).toHaveLength(r.filter((x) => x.outcome === 'granted').length);
    expect(journal.filter((j) => j.kind === 'release')).toHaveLength(r.filter((x) => x.outcome === 'sold_out').length);
    expect(await openHolds(u.id)).toBe(0);
    const limited = await s.db.db.selectFrom('box_items').select(['id', 'remaining']).where('series_id', '=', series.id).where('position', '=', 0).executeTakeFirstOrThrow();
    const owned = await s.db.db.selectFrom('box_owned').select('id').where('item_id', '=', limited.id).execute();
    expect(Number(limited.remaining)).toBeGreaterThanOrEqual(0);
    expect(owned.length + Number(limited.remaining)).toBe(3);
    expect((await s.app.ledger.check()).ok).toBe(true);

    // Every opening of this file, recomputed from the revealed seeds.
    const all = await s.db.db.selectFrom('box_series').select('id').where('status', '=', 'open').execute();
    for (const { id } of all) expect((await s.call('POST', `/v1/boxes/series/${id}/close`, {}, creator.token)).status).toBe(200);
    const mine = (await s.db.db.selectFrom('box_series').select('id').execute()).map((x) => x.id);
    for (const id of mine) {
      const published = (await s.call<SeriesView>('GET', `/v1/boxes/series/${id}`)).body;
      const proofs = (await s.call<ProofView[]>('GET', `/v1/boxes/series/${id}/proofs`)).body;
      const check = verifySeries(published, proofs);
      expect(check, JSON.stringify(check)).toMatchObject({ ok: true, unrevealed: 0 });
      expect(check.verified).toBe(proofs.length);
    }
  }, 60_000);
});
