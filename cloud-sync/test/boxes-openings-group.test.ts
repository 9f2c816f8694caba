import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { OpeningView, SeriesView } from '../../src/shared/boxes/wire.js';
import { checkAuditChain } from '../src/audit/check.js';
import { ApiError } from '../src/errors.js';
import { describeEachDb } from './support/db.js';
import type { Session, TestServer } from './support/http.js';
import { startServer } from './support/http.js';
import { adultBuyer, available, openSeries, seriesBody } from './support/boxes.js';

/**
 * Many openings at once (on SQLite they are queued in one turn of the event loop, so they run as
 * operations of one group commit; on PostgreSQL as concurrent transactions whose audit entries are
 * sealed after their commits): every buyer's nonces are distinct and consecutive, the daily limit
 * refuses exactly the openings past it, the last limited items go to exactly as many buyers as
 * there are, a buyer who cannot pay gets 402 and leaves nothing behind, a request id reused with
 * another body is refused without touching the first — and balances, stock, the ledger and the
 * audit chain all agree afterwards.
 */
const BUYERS = 8;
const DAILY = 2;
const STOCK = 5;

describeEachDb('openings together', (kind) => {
  let s: TestServer;
  let buyers: Session[];
  let poor: Session;
  let extra: Session;
  let a: SeriesView;
  let b: SeriesView;
  // Set above what the poor buyer has (a new account may come with sign-up credits).
  let PRICE_A: number;
  let PRICE_B: number;

  beforeAll(async () => {
    s = await startServer(kind);
    const admin = await s.admin();
    const creator = await s.register();
    buyers = await Promise.all(Array.from({ length: BUYERS }, () => adultBuyer(s, admin, 1000)));
    poor = await adultBuyer(s, admin, 0);
    extra = await adultBuyer(s, admin, 1000);
    PRICE_A = (await available(s, poor)) + 1;
    PRICE_B = PRICE_A + 15;
    const base = seriesBody();
    a = await openSeries(s, creator, seriesBody({ title: 'Daily two', price: PRICE_A, daily_limit: DAILY, items: base.items.map((i) => ({ ...i, stock: null })) }));
    b = await openSeries(s, creator, seriesBody({ title: 'Last five', price: PRICE_B, items: [{ ...base.items[0]!, odds_ppm: 1_000_000, stock: STOCK }, { ...base.items[1]!, odds_ppm: 0, stock: null }] }));
    // Eligibility and the series' frozen facts are read once and kept: read them now, so that the
    // openings below reach the ledger in the same turn of the event loop.
    for (const u of [...buyers, poor, extra]) await s.app.boxes.compliance.assertMayBuy(u.id);
    await expect(s.app.boxes.openings.open(poor.id, b.id, { request_id: randomUUID(), notice_acknowledged: true })).rejects.toMatchObject({ status: 402 });
    await expect(s.app.boxes.openings.open(poor.id, a.id, { request_id: randomUUID(), notice_acknowledged: true })).rejects.toMatchObject({ status: 402 });
  }, 120_000);
  afterAll(async () => s?.close());

  it('gives distinct nonces, exact stock and one audit chain, and refuses only what it must', async () => {
    const before = await Promise.all(buyers.map((u) => available(s, u)));
    const open = (u: Session, seriesId: string, body: { request_id?: string; client_seed?: string } = {}) =>
      s.app.boxes.openings.open(u.id, seriesId, { request_id: body.request_id ?? randomUUID(), notice_acknowledged: true, ...(body.client_seed ? { client_seed: body.client_seed } : {}) });
    const reused = randomUUID();
    const calls: { who: Session; series: string; p: Promise<OpeningView> }[] = [];
    for (const u of buyers) {
      for (let i = 0; i < DAILY + 1; i++) calls.push({ who: u, series: a.id, p: open(u, a.id) });
      calls.push({ who: u, series: b.id, p: open(u, b.id) });
    }
    calls.push({ who: poor, series: a.id, p: open(poor, a.id) });
    for (const seed of ['first', 'second', 'first']) calls.push({ who: extra, series: a.id, p: open(extra, a.id, { request_id: reused, client_seed: seed }) });
    const settled = await Promise.allSettled(calls.map((c) => c.p));
    const code = (r: PromiseSettledResult<OpeningView>) => (r.status === 'rejected' ? (r.reason instanceof ApiError ? r.reason.code : String(r.reason)) : 'ok');

    for (const u of buyers) {
      const onA = settled.filter((_, i) => calls[i]!.who === u && calls[i]!.series === a.id);
      expect(onA.map(code).sort()).toEqual(['DAILY_BOX_LIMIT', 'ok', 'ok']);
    }
    expect(code(settled[calls.findIndex((c) => c.who === poor)]!)).toBe('INSUFFICIENT_CREDITS');
    // One request id, two bodies: the first to run wins; a retry of it answers the same opening, the other body is refused.
    const reuse = settled.slice(-3);
    const won = reuse.filter((r) => r.status === 'fulfilled').map((r) => (r as PromiseFulfilledResult<OpeningView>).value);
    expect(new Set(won.map((v) => v.id)).size).toBe(1);
    expect(reuse.filter((r) => code(r) === 'IDEMPOTENCY_CONFLICT').length).toBe(3 - won.length);
    expect(won.length).toBeGreaterThanOrEqual(1);

    const rows = await s.db.db.selectFrom('box_openings').select(['user_id', 'series_id', 'nonce', 'outcome', 'id']).execute();
    for (const u of [...buyers, extra]) {
      const mine = (series: string) =>
        rows
          .filter((r) => r.user_id === u.id && r.series_id === series)
          .map((r) => Number(r.nonce))
          .sort((x, y) => x - y);
      expect(mine(a.id)).toEqual(u === extra ? [0] : [0, 1]);
      if (u !== extra) expect(mine(b.id)).toEqual([0]);
    }
    expect(rows.filter((r) => r.user_id === poor.id)).toHaveLength(0);
    const onB = rows.filter((r) => r.series_id === b.id);
    expect(onB.filter((r) => r.outcome === 'granted')).toHaveLength(STOCK);
    expect(onB.filter((r) => r.outcome === 'sold_out')).toHaveLength(BUYERS - STOCK);
    const item = await s.db.db.selectFrom('box_items').select('remaining').where('series_id', '=', b.id).where('position', '=', 0).executeTakeFirstOrThrow();
    expect(Number(item.remaining)).toBe(0);
    expect(await s.db.db.selectFrom('box_owned').select('id').where('series_id', '=', b.id).execute()).toHaveLength(STOCK);

    // Each buyer paid for two boxes of A and, if they got one, a box of B; nothing stays held; the poor buyer kept everything.
    const after = await Promise.all(buyers.map((u) => available(s, u)));
    const gotB = new Set(onB.filter((r) => r.outcome === 'granted').map((r) => r.user_id));
    buyers.forEach((u, i) => expect(before[i]! - after[i]!).toBe(DAILY * PRICE_A + (gotB.has(u.id) ? PRICE_B : 0)));
    expect(await available(s, poor)).toBe(PRICE_A - 1);
    expect(await s.db.db.selectFrom('journal').select('id').where('user_id', '=', poor.id).where('kind', '=', 'hold').execute()).toHaveLength(0);
    expect(await s.db.db.selectFrom('holds').select('id').where('status', '=', 'open').execute()).toHaveLength(0);
    expect((await s.app.ledger.check()).ok).toBe(true);

    // Every opening has exactly one entry in the chain once what waits is sealed (PostgreSQL seals
    // in the background after each commit), and the chain verifies.
    await s.app.boxes.sealer.seal();
    const audit = await s.db.db.selectFrom('audit_log').select('ref').where('kind', '=', 'opening').execute();
    expect(audit.map((e) => e.ref).sort()).toEqual(rows.map((r) => `opening:${r.id}`).sort());
    expect(await s.db.db.selectFrom('audit_pending').select('id').execute()).toHaveLength(0);
    expect(await checkAuditChain(s.db.db)).toMatchObject({ ok: true, failure: null });
  }, 60_000);
});
