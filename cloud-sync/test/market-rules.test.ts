import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ListingView, TradeView } from '../../src/shared/boxes/wire.js';
import { MARKET_PRICES } from '../../src/shared/pricing.js';
import { checkAuditChain } from '../src/audit/check.js';
import type { RiskView } from '../src/fraud/service.js';
import { MARKET_FRAUD } from '../src/market/fraud.js';
import { describeEachDb } from './support/db.js';
import type { Session, TestServer } from './support/http.js';
import { startServer, uuid } from './support/http.js';
import { fund, giveItem, ownedStatus, seedSeries } from './support/market.js';

/** Issue 18: listings expire and can be canceled; shared devices and bursts of trades are refused and reported. */

type Err = { error: { code: string } };
const DAY = 86_400_000;

describeEachDb('market listings and fraud rules', (kind) => {
  let s: TestServer;
  let seller: Session;
  let buyer: Session;
  let series: { seriesId: string; itemIds: string[] };

  beforeAll(async () => {
    s = await startServer(kind);
    seller = await s.register();
    buyer = await s.register();
    await fund(s.app.ledger, buyer.id, 5000);
    series = await seedSeries(s.db, seller.id, s.clock.now());
  });
  afterAll(async () => {
    await s.close();
  });

  const item = (who = seller, i = 0) => giveItem(s.db, who.id, series.seriesId, series.itemIds[i]!, s.clock.now());
  const list = (owned: string, price: number, extra: Record<string, unknown> = {}, who = seller) =>
    s.call<ListingView>('POST', '/v1/market/listings', { request_id: uuid(), owned_id: owned, price, ...extra }, who.token);
  const buy = (listingId: string, who: Session) => s.call<TradeView>('POST', `/v1/market/listings/${listingId}/buy`, { request_id: uuid() }, who.token);
  const code = (r: { body: unknown }) => (r.body as Err).error.code;

  it('listing is idempotent per request id; the item is locked while listed; bad prices are refused', async () => {
    const owned = await item();
    const req = uuid();
    const one = await s.call<ListingView>('POST', '/v1/market/listings', { request_id: req, owned_id: owned, price: 40, days: 3 }, seller.token);
    const two = await s.call<ListingView>('POST', '/v1/market/listings', { request_id: req, owned_id: owned, price: 40, days: 3 }, seller.token);
    expect(one.status).toBe(200);
    expect(two.body.id).toBe(one.body.id);
    expect(one.body).toMatchObject({ owned_id: owned, price: 40, status: 'listed', series_id: series.seriesId, item_name: 'Regular cat', tier: 'regular', seller: 'u***@example.test', mine: true });
    expect(one.body.expires_at - one.body.created_at).toBe(3 * DAY);
    expect(await ownedStatus(s.db, owned)).toBe('listed');
    const again = await list(owned, 40);
    expect([again.status, code(again)]).toEqual([409, 'ITEM_NOT_AVAILABLE']);
    expect(code(await s.call('POST', '/v1/market/listings', { request_id: req, owned_id: owned, price: 41 }, seller.token))).toBe('IDEMPOTENCY_CONFLICT');
    expect((await list(await item(), MARKET_PRICES.minPrice - 1)).status).toBe(400);
    expect((await list(await item(), 10, { days: 31 })).status).toBe(400);
    // Someone else's item is not yours to list.
    expect(code(await list(await item(), 10, {}, buyer))).toBe('ITEM_NOT_FOUND');
  });

  it('GET listings answers live listings (by series), and mine answers all of mine', async () => {
    const other = await seedSeries(s.db, seller.id, s.clock.now());
    const inOther = await giveItem(s.db, seller.id, other.seriesId, other.itemIds[1]!, s.clock.now());
    const l = (await list(inOther, 25)).body;
    const bySeries = await s.call<ListingView[]>('GET', `/v1/market/listings?series_id=${other.seriesId}`, undefined, buyer.token);
    expect(bySeries.body.map((x) => x.id)).toEqual([l.id]);
    expect(bySeries.body[0]).toMatchObject({ mine: false, tier: 'secret', fee: 2 });
    await s.call('POST', `/v1/market/listings/${l.id}/cancel`, {}, seller.token);
    expect((await s.call<ListingView[]>('GET', `/v1/market/listings?series_id=${other.seriesId}`, undefined, buyer.token)).body).toEqual([]);
    const mine = await s.call<ListingView[]>('GET', '/v1/market/listings?mine=1', undefined, seller.token);
    expect(mine.body.find((x) => x.id === l.id)).toMatchObject({ status: 'canceled', mine: true });
    expect(mine.body.every((x) => x.mine && !x.seller.includes(seller.id))).toBe(true);
    expect((await s.call('GET', '/v1/market/listings')).status).toBe(401);
  });

  it('only the seller cancels; the item is owned again and a canceled listing cannot be bought', async () => {
    const owned = await item();
    const l = (await list(owned, 30)).body;
    const byOther = await s.call('POST', `/v1/market/listings/${l.id}/cancel`, {}, buyer.token);
    expect(byOther.status).toBe(403);
    const c = await s.call<ListingView>('POST', `/v1/market/listings/${l.id}/cancel`, {}, seller.token);
    expect(c.body.status).toBe('canceled');
    expect(await ownedStatus(s.db, owned)).toBe('owned');
    const before = (await s.app.ledger.balance(buyer.id)).total;
    const r = await buy(l.id, buyer);
    expect([r.status, code(r)]).toEqual([409, 'LISTING_NOT_AVAILABLE']);
    expect((await s.app.ledger.balance(buyer.id)).total).toBe(before);
    // The item can be listed again.
    expect((await list(owned, 30)).status).toBe(200);
  });

  it('an expired listing cannot be bought, and the item is the seller’s again (on buy, on read, and by the sweep)', async () => {
    const a = await item();
    const b = await item();
    const c = await item();
    const la = (await list(a, 20, { days: 1 })).body;
    const lb = (await list(b, 20, { days: 1 })).body;
    const lc = (await list(c, 20, { days: 1 })).body;
    s.clock.advance(DAY + 1000);
    const before = (await s.app.ledger.balance(buyer.id)).total;
    const r = await buy(la.id, buyer);
    expect([r.status, code(r)]).toEqual([409, 'LISTING_NOT_AVAILABLE']);
    expect((await s.app.ledger.balance(buyer.id)).total).toBe(before);
    expect(await ownedStatus(s.db, a)).toBe('owned');
    const live = await s.call<ListingView[]>('GET', '/v1/market/listings', undefined, buyer.token);
    expect(live.body.map((x) => x.id)).not.toContain(lb.id);
    expect(await ownedStatus(s.db, b)).toBe('owned');
    expect(await ownedStatus(s.db, c)).toBe('owned');
    const statuses = await s.db.db.selectFrom('box_listings').select(['id', 'status']).where('id', 'in', [la.id, lb.id, lc.id]).execute();
    expect(new Set(statuses.map((x) => x.status))).toEqual(new Set(['expired']));
    expect(await s.app.market.listings.expireDue()).toBe(0);
    const expiredAudit = await s.db.db.selectFrom('audit_log').select('ref').where('kind', '=', 'listing.expired').execute();
    expect(expiredAudit.map((x) => x.ref)).toEqual(expect.arrayContaining([`listing:${la.id}`, `listing:${lb.id}`, `listing:${lc.id}`]));
    expect((await s.app.ledger.check()).violations).toEqual([]);
  });

  it('a trade between accounts on the same device is refused and shows on both risk profiles', async () => {
    const [x, y] = [await s.register(), await s.register()];
    await fund(s.app.ledger, y.id, 500);
    await s.app.partners.fraud.record(x.id, 'login', '203.0.113.7', 'desktop-shared-1');
    await s.app.partners.fraud.record(y.id, 'login', '198.51.100.3', 'desktop-shared-1');
    const owned = await item(x);
    const l = (await list(owned, 50, {}, x)).body;
    const before = (await s.app.ledger.balance(y.id)).total;
    const r = await buy(l.id, y);
    expect([r.status, code(r)]).toEqual([403, 'TRADE_BLOCKED']);
    expect((await s.app.ledger.balance(y.id)).total).toBe(before);
    expect(await ownedStatus(s.db, owned)).toBe('listed');
    const admin = await s.admin();
    for (const who of [x, y]) {
      const risk = await s.call<RiskView>('GET', `/v1/admin/fraud/users/${who.id}`, undefined, admin.token);
      expect(risk.body.rules.map((rule) => rule.code)).toContain('trade_shared_device');
      expect(risk.body.level).not.toBe('low');
    }
    // The signal survives the next re-scoring (a login), like the other event rules.
    await s.app.partners.onLogin(y.id, '198.51.100.3', null);
    expect((await s.app.partners.fraud.view(y.id)).rules.map((rule) => rule.code)).toContain('trade_shared_device');
    // An admin who reviewed and cleared the buyer lets the trade through.
    await s.call('POST', `/v1/admin/fraud/users/${y.id}/review`, { action: 'clear', note: 'siblings, one PC' }, admin.token);
    expect((await buy(l.id, y)).status).toBe(200);
  });

  it('accounts that signed up from the same address cannot trade with each other', async () => {
    const [x, y] = [await s.register(), await s.register()];
    await fund(s.app.ledger, y.id, 500);
    await s.app.partners.fraud.record(x.id, 'signup', '203.0.113.99', null);
    await s.app.partners.fraud.record(y.id, 'signup', '203.0.113.99', null);
    const l = (await list(await item(x), 50, {}, x)).body;
    expect(code(await buy(l.id, y))).toBe('TRADE_BLOCKED');
  });

  it(`more than ${MARKET_FRAUD.pairBurst.max} trades between the same two accounts in the window are refused`, async () => {
    const [x, y] = [await s.register(), await s.register()];
    await fund(s.app.ledger, y.id, 5000);
    for (let i = 0; i < MARKET_FRAUD.pairBurst.max; i++) {
      const l = (await list(await item(x), 10, {}, x)).body;
      expect((await buy(l.id, y)).status).toBe(200);
    }
    const l = (await list(await item(x), 10, {}, x)).body;
    const before = (await s.app.ledger.balance(y.id)).total;
    expect(code(await buy(l.id, y))).toBe('TRADE_BLOCKED');
    expect((await s.app.ledger.balance(y.id)).total).toBe(before);
    expect((await s.app.partners.fraud.view(x.id)).rules.map((r) => r.code)).toContain('trade_burst');
    // After the window, the pair may trade again.
    s.clock.advance(MARKET_FRAUD.pairBurst.windowMs + 1000);
    const fresh = (await list(await item(x), 10, {}, x)).body;
    expect((await buy(fresh.id, y)).status).toBe(200);
  });

  it('every listing change and trade made here is in the chain, which checks out', async () => {
    const kinds = (await s.db.db.selectFrom('audit_log').select('kind').execute()).map((r) => r.kind);
    for (const k of ['listing.created', 'listing.canceled', 'listing.expired', 'trade']) expect(kinds).toContain(k);
    const created = await s.db.db.selectFrom('box_listings').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(kinds.filter((k) => k === 'listing.created')).toHaveLength(Number(created.n));
    expect(await checkAuditChain(s.db.db)).toMatchObject({ ok: true });
    expect((await s.app.ledger.check()).violations).toEqual([]);
  });
});
