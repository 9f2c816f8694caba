import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ListingView, TradeView } from '../../src/shared/boxes/wire.js';
import { BOX_LIMITS } from '../../src/shared/boxes/wire.js';
import { marketFee } from '../../src/shared/pricing.js';
import { checkAuditChain } from '../src/audit/check.js';
import { tradeLedgerIds } from '../src/market/trades.js';
import { describeEachDb } from './support/db.js';
import type { Session, TestServer } from './support/http.js';
import { startServer, uuid } from './support/http.js';
import { fund, giveItem, ownedStatus, seedSeries } from './support/market.js';

/** Issue 18: a market purchase is an escrow on the ledger — one buyer wins, the others get their credits back. */

describeEachDb('market escrow', (kind) => {
  let s: TestServer;
  let seller: Session;
  let buyers: Session[];
  let series: { seriesId: string; itemIds: string[] };

  beforeAll(async () => {
    s = await startServer(kind);
    seller = await s.register();
    buyers = [await s.register(), await s.register(), await s.register()];
    for (const b of buyers) await fund(s.app.ledger, b.id, 1000);
    series = await seedSeries(s.db, seller.id, s.clock.now());
  });
  afterAll(async () => {
    await s.close();
  });

  const paid = async (id: string) => (await s.app.ledger.balance(id)).buckets.PAID.available;
  const list = async (price: number, who = seller): Promise<ListingView> => {
    const owned = await giveItem(s.db, who.id, series.seriesId, series.itemIds[0]!, s.clock.now());
    const r = await s.call<ListingView>('POST', '/v1/market/listings', { request_id: uuid(), owned_id: owned, price }, who.token);
    expect(r.status).toBe(200);
    return r.body;
  };
  const buy = (listingId: string, who: Session, requestId = uuid()) => s.call<TradeView & { code?: string }>('POST', `/v1/market/listings/${listingId}/buy`, { request_id: requestId }, who.token);

  it('buyers racing for one listing: exactly one wins, the others are refused with their holds released and balances restored', async () => {
    for (let round = 0; round < 3; round++) {
      const listing = await list(100 + round);
      expect(listing).toMatchObject({ status: 'listed', fee: marketFee(100 + round), mine: true });
      const before = await Promise.all(buyers.map((b) => s.app.ledger.balance(b.id)));
      const sellerBefore = await paid(seller.id);
      const requests = buyers.map(() => uuid());
      const replies = await Promise.all(buyers.map((b, i) => buy(listing.id, b, requests[i])));
      const winners = replies.flatMap((r, i) => (r.status === 200 ? [i] : []));
      expect(winners).toHaveLength(1);
      const w = winners[0]!;
      for (const [i, r] of replies.entries()) {
        const after = await s.app.ledger.balance(buyers[i]!.id);
        if (i === w) {
          expect(after.total).toBe(before[i]!.total - listing.price);
          continue;
        }
        expect(r.status).toBe(409);
        expect((r.body as unknown as { error: { code: string } }).error.code).toBe('LISTING_NOT_AVAILABLE');
        expect(after.available).toBe(before[i]!.available);
        expect(after.held).toBe(0);
        // A loser whose hold was made (it reached step 2) had it released; one refused earlier never held.
        const hold = await s.db.db.selectFrom('holds').select('status').where('id', '=', tradeLedgerIds(buyers[i]!.id, requests[i]!).hold).executeTakeFirst();
        expect(hold === undefined || hold.status === 'released').toBe(true);
      }
      const trade = replies[w]!.body;
      expect(trade).toMatchObject({ listing_id: listing.id, price: listing.price, fee: listing.fee });
      expect(await paid(seller.id)).toBe(sellerBefore + listing.price - listing.fee);
      expect(await ownedStatus(s.db, listing.owned_id)).toBe('sold');
      const got = await s.db.db.selectFrom('box_owned').selectAll().where('id', '=', trade.owned_id).executeTakeFirstOrThrow();
      expect(got).toMatchObject({ user_id: buyers[w]!.id, status: 'owned', source_kind: 'trade', source_id: trade.id, item_id: series.itemIds[0] });
      expect(await s.db.db.selectFrom('box_trades').select('id').where('listing_id', '=', listing.id).execute()).toHaveLength(1);
      const l = await s.db.db.selectFrom('box_listings').select('status').where('id', '=', listing.id).executeTakeFirstOrThrow();
      expect(l.status).toBe('sold');
    }
    expect((await s.app.ledger.check()).violations).toEqual([]);
  });

  it('a buyer whose hold is made but who loses step 2 has the hold released (the other buyer settles in between)', async () => {
    const listing = await list(70);
    const [a, b] = [await s.register(), await s.register()];
    await fund(s.app.ledger, a.id, 500);
    await fund(s.app.ledger, b.id, 500);
    const ledger = s.app.ledger;
    const [aBefore, bBefore] = [(await ledger.balance(a.id)).total, (await ledger.balance(b.id)).total];
    const hold = ledger.hold.bind(ledger);
    let aTrade: TradeView | null = null;
    // Between b's step 1 and step 2, a buys the listing outright.
    ledger.hold = async (user, input) => {
      const r = await hold(user, input);
      if (user === b.id) {
        ledger.hold = hold;
        aTrade = await s.app.market.trades.buy(a.id, listing.id, uuid());
      }
      return r;
    };
    const bReq = uuid();
    const r = await buy(listing.id, b, bReq);
    ledger.hold = hold;
    expect(aTrade).not.toBeNull();
    expect(r.status).toBe(409);
    const held = await s.db.db.selectFrom('holds').select(['status', 'amount']).where('id', '=', tradeLedgerIds(b.id, bReq).hold).executeTakeFirstOrThrow();
    expect(held).toEqual({ status: 'released', amount: 70 });
    expect(await ledger.balance(b.id)).toMatchObject({ total: bBefore, available: bBefore, held: 0 });
    expect((await ledger.balance(a.id)).total).toBe(aBefore - 70);
    // A retry of b's request is refused the same way and releases nothing twice.
    expect((await buy(listing.id, b, bReq)).status).toBe(409);
    expect(await ledger.balance(b.id)).toMatchObject({ total: bBefore, held: 0 });
    expect((await ledger.check()).violations).toEqual([]);
  });

  it('a retry whose first attempt held but never settled, after the hold ran out, is refused and releases it; the listing stays on sale', async () => {
    const listing = await list(60);
    const b = await s.register();
    await fund(s.app.ledger, b.id, 500);
    const before = await s.app.ledger.balance(b.id);
    const req = uuid();
    // The first attempt: step 1 only (the process died before step 2).
    await s.app.ledger.hold(b.id, { id: tradeLedgerIds(b.id, req).hold, amount: 60, ttl_seconds: BOX_LIMITS.escrowHoldSeconds, reason: 'market purchase' });
    expect((await s.app.ledger.balance(b.id)).held).toBe(60);
    s.clock.advance((BOX_LIMITS.escrowHoldSeconds + 1) * 1000);
    const r = await buy(listing.id, b, req);
    expect([r.status, (r.body as unknown as { error: { code: string } }).error.code]).toEqual([409, 'HOLD_EXPIRED']);
    expect(await s.app.ledger.balance(b.id)).toMatchObject({ total: before.total, held: 0 });
    expect(await ownedStatus(s.db, listing.owned_id)).toBe('listed');
    expect((await buy(listing.id, b)).status).toBe(200);
    expect((await s.app.ledger.balance(b.id)).total).toBe(before.total - 60);
    expect((await s.app.ledger.check()).violations).toEqual([]);
  });

  it('the fee is the price table market fee: the seller gets price − fee as PAID credits, the buyer pays the price', async () => {
    const listing = await list(1000);
    expect(listing.fee).toBe(marketFee(1000));
    const sellerBefore = await paid(seller.id);
    // A buyer of its own: the pair-burst rule counts trades between the same two accounts.
    const b = await s.register();
    await fund(s.app.ledger, b.id, 1000);
    const buyerBefore = (await s.app.ledger.balance(b.id)).total;
    const r = await buy(listing.id, b);
    expect(r.status).toBe(200);
    expect(r.body.fee).toBe(marketFee(1000));
    expect(await paid(seller.id)).toBe(sellerBefore + 1000 - marketFee(1000));
    expect((await s.app.ledger.balance(b.id)).total).toBe(buyerBefore - 1000);
    const row = await s.db.db.selectFrom('box_trades').select(['proceeds_id', 'capture_id']).where('id', '=', r.body.id).executeTakeFirstOrThrow();
    const proceeds = await s.db.db.selectFrom('journal').select(['kind', 'amount', 'reason']).where('id', '=', row.proceeds_id).executeTakeFirstOrThrow();
    const capture = await s.db.db.selectFrom('journal').select(['kind', 'amount']).where('id', '=', row.capture_id).executeTakeFirstOrThrow();
    expect(capture).toEqual({ kind: 'capture', amount: 1000 });
    expect(proceeds).toEqual({ kind: 'grant', amount: 1000 - marketFee(1000), reason: 'market sale' });
    expect((await s.app.ledger.check()).violations).toEqual([]);
  });

  it('a retry with the same request id answers the same trade, charged once (also when the two race)', async () => {
    const listing = await list(50);
    const b = await s.register();
    await fund(s.app.ledger, b.id, 1000);
    const before = (await s.app.ledger.balance(b.id)).total;
    const req = uuid();
    const [one, two] = await Promise.all([buy(listing.id, b, req), buy(listing.id, b, req)]);
    expect(one.status).toBe(200);
    expect(two.status).toBe(200);
    expect(two.body).toEqual(one.body);
    const three = await buy(listing.id, b, req);
    expect(three.body).toEqual(one.body);
    expect((await s.app.ledger.balance(b.id)).total).toBe(before - 50);
    expect(await s.db.db.selectFrom('box_trades').select('id').where('buyer_id', '=', b.id).where('request_id', '=', req).execute()).toHaveLength(1);
    // The same request id on another listing is a conflict, not a second purchase.
    const other = await list(50);
    const conflict = await buy(other.id, b, req);
    expect(conflict.status).toBe(409);
    expect((conflict.body as unknown as { error: { code: string } }).error.code).toBe('IDEMPOTENCY_CONFLICT');
    expect((await s.app.ledger.check()).violations).toEqual([]);
  });

  it('a seller cannot buy their own listing', async () => {
    await fund(s.app.ledger, seller.id, 500);
    const listing = await list(20);
    const before = await s.app.ledger.balance(seller.id);
    const r = await buy(listing.id, seller);
    expect(r.status).toBe(409);
    expect((r.body as unknown as { error: { code: string } }).error.code).toBe('SELF_TRADE');
    expect((await s.app.ledger.balance(seller.id)).total).toBe(before.total);
    expect(await ownedStatus(s.db, listing.owned_id)).toBe('listed');
  });

  it('a buyer without the credits is refused by the hold and the listing stays on the market', async () => {
    const poor = await s.register();
    const listing = await list(BOX_LIMITS.maxPrice);
    const r = await buy(listing.id, poor);
    expect([r.status, (r.body as unknown as { error: { code: string } }).error.code]).toEqual([402, 'INSUFFICIENT_CREDITS']);
    const l = await s.db.db.selectFrom('box_listings').select('status').where('id', '=', listing.id).executeTakeFirstOrThrow();
    expect(l.status).toBe('listed');
  });

  it('every listing and trade is in the audit log, and the chain checks out', async () => {
    const listings = await s.db.db.selectFrom('box_listings').select('id').execute();
    const trades = await s.db.db.selectFrom('box_trades').select('id').execute();
    const refs = new Set((await s.db.db.selectFrom('audit_log').select(['kind', 'ref']).execute()).map((r) => `${r.kind} ${r.ref}`));
    for (const l of listings) expect(refs.has(`listing.created listing:${l.id}`)).toBe(true);
    for (const t of trades) expect(refs.has(`trade trade:${t.id}`)).toBe(true);
    expect(trades.length).toBeGreaterThanOrEqual(5);
    expect(await checkAuditChain(s.db.db)).toMatchObject({ ok: true, failure: null });
  });
});
