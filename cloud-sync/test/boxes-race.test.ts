import { afterAll, beforeAll, expect, it } from 'vitest';
import type { OpeningView, SeriesView } from '../../src/shared/boxes/wire.js';
import { describeEachDb } from './support/db.js';
import type { Session, TestServer } from './support/http.js';
import { startServer } from './support/http.js';
import { adultBuyer, available, openBox, openSeries, seriesBody } from './support/boxes.js';

/**
 * 32 buyers race for the last 5 of a limited item (the only item that can be drawn): exactly 5 are
 * granted, the other 27 recorded sold out and charged nothing; balances, stock and the ledger agree
 * — on SQLite and on PostgreSQL.
 */
const BUYERS = 32;
const STOCK = 5;
const PRICE = 40;

describeEachDb('blind-box stock race', (kind) => {
  let s: TestServer;
  let buyers: Session[];
  let series: SeriesView;

  beforeAll(async () => {
    s = await startServer(kind);
    const admin = await s.admin();
    const creator = await s.register();
    const body = seriesBody({ price: PRICE });
    body.items = [
      { ...body.items[0]!, name: 'Last figures', odds_ppm: 1_000_000, stock: STOCK },
      { ...body.items[1]!, odds_ppm: 0, stock: null },
    ];
    series = await openSeries(s, creator, body);
    buyers = await Promise.all(Array.from({ length: BUYERS }, () => adultBuyer(s, admin, 100)));
  }, 120_000);
  afterAll(async () => s?.close());

  it('grants exactly the 5 left; the rest are sold out and not charged', async () => {
    const before = await Promise.all(buyers.map((b) => available(s, b)));
    const replies = await Promise.all(buyers.map((b) => openBox(s, b, series.id)));
    expect(replies.map((r) => r.status)).toEqual(buyers.map(() => 201));
    const views = replies.map((r) => r.body as unknown as OpeningView);
    const granted = views.filter((v) => v.outcome === 'granted');
    expect(granted).toHaveLength(STOCK);
    expect(views.filter((v) => v.outcome === 'sold_out')).toHaveLength(BUYERS - STOCK);
    expect(views.filter((v) => v.outcome === 'sold_out').every((v) => v.credits === 0 && v.owned_id === null)).toBe(true);
    expect(granted.every((v) => v.credits === PRICE && v.owned_id !== null)).toBe(true);

    const after = await Promise.all(buyers.map((b) => available(s, b)));
    const spent = before.map((b, i) => b - after[i]!);
    expect(spent.filter((x) => x === PRICE)).toHaveLength(STOCK);
    expect(spent.filter((x) => x === 0)).toHaveLength(BUYERS - STOCK);
    expect(spent.reduce((a, b) => a + b, 0)).toBe(STOCK * PRICE);
    // Nothing is left held: the sold-out draws' holds were released in their own transactions.
    const held = await s.db.db.selectFrom('holds').select('id').where('status', '=', 'open').execute();
    expect(held).toHaveLength(0);

    const item = await s.db.db.selectFrom('box_items').select(['remaining', 'stock']).where('series_id', '=', series.id).where('position', '=', 0).executeTakeFirstOrThrow();
    expect([Number(item.stock), Number(item.remaining)]).toEqual([STOCK, 0]);
    const owned = await s.db.db.selectFrom('box_owned').select('id').where('series_id', '=', series.id).execute();
    expect(owned).toHaveLength(STOCK);
    expect((await s.app.ledger.check()).ok).toBe(true);
    const view = await s.call<SeriesView>('GET', `/v1/boxes/series/${series.id}`);
    expect(view.body.items[0]!.remaining).toBe(0);
    expect(view.body.seeds[0]!.openings).toBe(BUYERS);
  }, 60_000);
});
