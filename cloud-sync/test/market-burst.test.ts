import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ListingView, TradeView } from '../../src/shared/boxes/wire.js';
import { tradeLedgerIds } from '../src/market/trades.js';
import { describeEachDb } from './support/db.js';
import type { Session, TestServer } from './support/http.js';
import { startServer, uuid } from './support/http.js';
import { fund, giveItem, ownedStatus, seedSeries } from './support/market.js';

/**
 * Issue 18, the "burst of trades" rule under concurrency: one buyer's simultaneous purchases are
 * counted one after the other inside the settling transaction (the buyer's wallet is locked), so a
 * limit of K lets exactly K through — never K + 1 — on SQLite and on PostgreSQL.
 */

const K = 3;
const N = 10;
const HOUR = 3_600_000;

type Err = { error: { code: string; details?: { rule?: string } } };

describeEachDb('market burst limit under concurrency', (kind) => {
  let s: TestServer;
  let sellers: Session[];
  let buyer: Session;
  let series: { seriesId: string; itemIds: string[] };

  beforeAll(async () => {
    // The pair limit is out of the way (each seller's own limit would otherwise decide first).
    s = await startServer(kind, { marketFraud: { buyerBurst: { max: K, windowMs: HOUR }, pairBurst: { max: 1000, windowMs: 24 * HOUR } } });
    sellers = [await s.register(), await s.register()];
    buyer = await s.register();
    await fund(s.app.ledger, buyer.id, 10_000);
    series = await seedSeries(s.db, sellers[0]!.id, s.clock.now());
  });
  afterAll(async () => {
    await s.close();
  });

  const list = async (who: Session, price: number): Promise<ListingView> => {
    const owned = await giveItem(s.db, who.id, series.seriesId, series.itemIds[0]!, s.clock.now());
    const r = await s.call<ListingView>('POST', '/v1/market/listings', { request_id: uuid(), owned_id: owned, price }, who.token);
    expect(r.status).toBe(200);
    return r.body;
  };

  it(`${N} simultaneous purchases by one buyer against a limit of ${K}: exactly ${K} settle, the rest are TRADE_BLOCKED with their holds released`, async () => {
    const listings: ListingView[] = [];
    for (let i = 0; i < N; i++) listings.push(await list(sellers[i % 2]!, 20 + i));
    const before = await s.app.ledger.balance(buyer.id);
    const requests = listings.map(() => uuid());
    // A barrier after step 1: no purchase settles before all N have passed the early check and made
    // their hold, so the early check cannot decide — only the count inside the transaction can.
    const ledger = s.app.ledger;
    const hold = ledger.hold.bind(ledger);
    let held = 0;
    let open = (): void => undefined;
    const gate = new Promise<void>((resolve) => (open = resolve));
    ledger.hold = async (user, input) => {
      const r = await hold(user, input);
      if (++held === N) open();
      await gate;
      return r;
    };
    const replies = await Promise.all(listings.map((l, i) => s.call<TradeView>('POST', `/v1/market/listings/${l.id}/buy`, { request_id: requests[i] }, buyer.token)));

    ledger.hold = hold;
    expect(held).toBe(N);
    const won = replies.flatMap((r, i) => (r.status === 200 ? [i] : []));
    expect(won).toHaveLength(K);
    let spent = 0;
    for (const [i, r] of replies.entries()) {
      const l = listings[i]!;
      if (won.includes(i)) {
        spent += l.price;
        expect(await ownedStatus(s.db, l.owned_id)).toBe('sold');
        continue;
      }
      expect([r.status, (r.body as unknown as Err).error.code, (r.body as unknown as Err).error.details?.rule]).toEqual([403, 'TRADE_BLOCKED', 'trade_burst']);
      // Refused inside the settling transaction: the hold made in step 1 is released.
      const h = await s.db.db.selectFrom('holds').select('status').where('id', '=', tradeLedgerIds(buyer.id, requests[i]!).hold).executeTakeFirstOrThrow();
      expect(h.status).toBe('released');
      expect(await ownedStatus(s.db, l.owned_id)).toBe('listed');
      const row = await s.db.db.selectFrom('box_listings').select('status').where('id', '=', l.id).executeTakeFirstOrThrow();
      expect(row.status).toBe('listed');
    }
    expect(await s.db.db.selectFrom('box_trades').select('id').where('buyer_id', '=', buyer.id).execute()).toHaveLength(K);
    const after = await s.app.ledger.balance(buyer.id);
    expect(after).toMatchObject({ total: before.total - spent, available: before.available - spent, held: 0 });
    expect((await s.app.ledger.check()).violations).toEqual([]);

    // The refusal is a fraud signal on the buyer's profile, and once the window has passed the buyer may trade again.
    const risk = await s.app.partners.fraud.view(buyer.id);
    expect(JSON.stringify(risk)).toContain('trade_burst');
    s.clock.advance(HOUR + 1000);
    const again = await s.call<TradeView>('POST', `/v1/market/listings/${listings[replies.findIndex((r) => r.status !== 200)]!.id}/buy`, { request_id: uuid() }, buyer.token);
    expect(again.status).toBe(200);
    expect((await s.app.ledger.check()).violations).toEqual([]);
  });
});
