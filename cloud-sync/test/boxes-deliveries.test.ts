import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DeliveryAddress, DeliveryView } from '../../src/shared/boxes/delivery.js';
import type { BuyerExport, ListingView, OwnedItemView } from '../../src/shared/boxes/wire.js';
import { checkAuditChain } from '../src/audit/check.js';
import { describeEachDb } from './support/db.js';
import type { Session, TestServer } from './support/http.js';
import { startServer, uuid } from './support/http.js';
import { giveItem, ownedStatus, seedSeries } from './support/market.js';

/** Issue 18: delivery records of physical figures — requested, shipped, delivered or cancelled, each change in the audit log. */

type Err = { error: { code: string } };
const code = (r: { body: unknown }) => (r.body as Err).error.code;

const ADDRESS: DeliveryAddress = { recipient_name: '王小明', phone: '+886 912-345-678', country: 'TW', region: '臺北市', city: '大安區', postal_code: '106', line1: '復興南路一段 1 號', line2: '3 樓' };

describeEachDb('blind-box deliveries', (kind) => {
  let s: TestServer;
  let creator: Session;
  let buyer: Session;
  let other: Session;
  let series: { seriesId: string; itemIds: string[] };
  /** Item 0 of the series is a physical figure (it has a stock); item 1 is digital. */
  const physical = () => series.itemIds[0]!;

  beforeAll(async () => {
    s = await startServer(kind);
    creator = await s.register();
    buyer = await s.register();
    other = await s.register();
    series = await seedSeries(s.db, creator.id, s.clock.now());
    await s.db.db.updateTable('box_items').set({ stock: 100, remaining: 90 }).where('id', '=', physical()).execute();
  });
  afterAll(async () => {
    await s.close();
  });

  const item = (who = buyer, itemId = physical()) => giveItem(s.db, who.id, series.seriesId, itemId, s.clock.now());
  const request = (ownedId: string, who = buyer, extra: Record<string, unknown> = {}) =>
    s.call<DeliveryView>('POST', '/v1/boxes/deliveries', { request_id: uuid(), owned_id: ownedId, address: ADDRESS, ...extra }, who.token);
  const list = (ownedId: string, who = buyer) => s.call<ListingView>('POST', '/v1/market/listings', { request_id: uuid(), owned_id: ownedId, price: 30 }, who.token);
  const post = <T = DeliveryView>(path: string, who: Session, body: unknown = {}) => s.call<T>('POST', path, body, who.token);
  const row = (id: string) => s.db.db.selectFrom('box_deliveries').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const owned = (id: string) => s.db.db.selectFrom('box_owned').select(['status', 'delivery_id']).where('id', '=', id).executeTakeFirstOrThrow();

  it('a buyer asks for delivery, the creator ships it, the buyer confirms; each step has its time and its audit entry', async () => {
    const o = await item();
    const req = uuid();
    const r = await s.call<DeliveryView>('POST', '/v1/boxes/deliveries', { request_id: req, owned_id: o, address: ADDRESS }, buyer.token);
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ owned_id: o, status: 'requested', address: ADDRESS, carrier: null, tracking_number: null, shipped_at: null, mine: true, item_name: 'Regular cat', series_title: 'Test figures' });
    const id = r.body.id;
    // A retry answers the same delivery; the same key for another item is a conflict.
    expect((await s.call<DeliveryView>('POST', '/v1/boxes/deliveries', { request_id: req, owned_id: o, address: ADDRESS }, buyer.token)).body.id).toBe(id);
    expect(code(await s.call('POST', '/v1/boxes/deliveries', { request_id: req, owned_id: await item(), address: ADDRESS }, buyer.token))).toBe('IDEMPOTENCY_CONFLICT');
    expect(await owned(o)).toEqual({ status: 'owned', delivery_id: id });

    // Requested for delivery: it cannot be listed (so not traded), nor requested twice.
    expect([(await list(o)).status, code(await list(o))]).toEqual([409, 'ITEM_NOT_AVAILABLE']);
    expect(code(await request(o))).toBe('ITEM_NOT_AVAILABLE');
    const coll = await s.call<OwnedItemView[]>('GET', '/v1/boxes/collection', undefined, buyer.token);
    expect(coll.body.find((x) => x.id === o)).toMatchObject({ physical: true, delivery: { id, status: 'requested' } });

    // The creator's list of the series; nobody else's.
    const mineAsCreator = await s.call<DeliveryView[]>('GET', `/v1/boxes/series/${series.seriesId}/deliveries`, undefined, creator.token);
    expect(mineAsCreator.body.find((d) => d.id === id)).toMatchObject({ status: 'requested', address: ADDRESS, mine: false });
    expect((await s.call('GET', `/v1/boxes/series/${series.seriesId}/deliveries`, undefined, buyer.token)).status).toBe(403);

    // Only the creator ships; a stranger does not even see it; a bad tracking number is refused and changes nothing.
    expect((await post(`/v1/boxes/deliveries/${id}/ship`, buyer, { carrier: 'Black Cat', tracking_number: 'TW123456' })).status).toBe(403);
    expect(code(await post(`/v1/boxes/deliveries/${id}/ship`, other, { carrier: 'Black Cat', tracking_number: 'TW123456' }))).toBe('DELIVERY_NOT_FOUND');
    expect((await post(`/v1/boxes/deliveries/${id}/ship`, creator, { carrier: 'Black Cat', tracking_number: 'no spaces allowed' })).status).toBe(400);
    expect((await row(id)).status).toBe('requested');
    // Not shipped yet: the buyer cannot confirm it arrived.
    expect(code(await post(`/v1/boxes/deliveries/${id}/received`, buyer))).toBe('DELIVERY_NOT_AVAILABLE');

    s.clock.advance(3_600_000);
    const tShip = s.clock.now();
    const shipped = await post(`/v1/boxes/deliveries/${id}/ship`, creator, { carrier: 'Black Cat', tracking_number: 'TW-12345678' });
    expect(shipped.body).toMatchObject({ status: 'shipped', carrier: 'Black Cat', tracking_number: 'TW-12345678' });
    expect(shipped.body.shipped_at).toBeGreaterThanOrEqual(tShip);
    // Shipped: neither side can cancel any more, and the creator cannot ship twice.
    expect(code(await post(`/v1/boxes/deliveries/${id}/cancel`, buyer))).toBe('DELIVERY_NOT_AVAILABLE');
    expect(code(await post(`/v1/boxes/deliveries/${id}/ship`, creator, { carrier: 'Other', tracking_number: 'X-0001' }))).toBe('DELIVERY_NOT_AVAILABLE');
    expect((await post(`/v1/boxes/deliveries/${id}/received`, creator)).status).toBe(403);

    s.clock.advance(86_400_000);
    const tDone = s.clock.now();
    const done = await post(`/v1/boxes/deliveries/${id}/received`, buyer);
    expect(done.body.status).toBe('delivered');
    expect(done.body.delivered_at).toBeGreaterThanOrEqual(tDone);
    const stored = await row(id);
    expect(stored).toMatchObject({ status: 'delivered', user_id: buyer.id, creator_id: creator.id, country: 'TW' });
    // The address is sealed in the row (boxes-deliveries-sealed.test.ts has the details).
    expect(JSON.stringify(stored)).not.toContain(ADDRESS.line1);
    // The test clock also runs with real time: each step is at least the time moved on after the last.
    expect(Number(stored.delivered_at) - Number(stored.shipped_at)).toBeGreaterThanOrEqual(86_400_000);
    expect(Number(stored.shipped_at) - Number(stored.requested_at)).toBeGreaterThanOrEqual(3_600_000);
    // Delivered: still never listable.
    expect(code(await list(o))).toBe('ITEM_NOT_AVAILABLE');

    const audit = await s.db.db.selectFrom('audit_log').select(['kind', 'actor', 'payload']).where('ref', '=', `delivery:${id}`).orderBy('seq').execute();
    expect(audit.map((a) => [a.kind, a.actor])).toEqual([
      ['delivery.requested', buyer.id],
      ['delivery.shipped', creator.id],
      ['delivery.delivered', buyer.id],
    ]);
    // The address is personal data: it stays out of the permanent, published log.
    expect(audit.map((a) => a.payload).join('')).not.toContain(ADDRESS.line1);
    expect(await checkAuditChain(s.db.db)).toMatchObject({ ok: true });

    // The buyer's export carries the delivery (JSON and CSV).
    const exp = await s.call<BuyerExport>('GET', '/v1/boxes/export?format=json', undefined, buyer.token);
    expect(exp.body.deliveries.find((d) => d.id === id)).toMatchObject({ status: 'delivered', carrier: 'Black Cat', tracking_number: 'TW-12345678', address: ADDRESS });
    const csv = await fetch(`${s.base}/v1/boxes/export?format=csv`, { headers: { authorization: `Bearer ${buyer.token}` } });
    expect(await csv.text()).toContain(`delivery,${id},`);
    expect((await s.call<DeliveryView[]>('GET', '/v1/boxes/deliveries', undefined, buyer.token)).body.map((d) => d.id)).toContain(id);
    expect((await s.call<DeliveryView[]>('GET', '/v1/boxes/deliveries', undefined, other.token)).body).toEqual([]);
  });

  it('bad input is refused and writes nothing; digital, listed and other people’s items cannot be requested', async () => {
    const o = await item();
    const before = (await s.db.db.selectFrom('box_deliveries').select('id').execute()).length;
    for (const bad of [{ ...ADDRESS, country: 'Taiwan' }, { ...ADDRESS, phone: 'call me' }, { ...ADDRESS, recipient_name: ' ' }, { ...ADDRESS, extra: 1 }, { ...ADDRESS, line1: 'x'.repeat(201) }]) {
      const r = await request(o, buyer, { address: bad });
      expect([r.status, code(r)]).toEqual([400, 'VALIDATION_ERROR']);
    }
    expect((await s.db.db.selectFrom('box_deliveries').select('id').execute()).length).toBe(before);
    expect(await owned(o)).toEqual({ status: 'owned', delivery_id: null });
    expect(code(await request(await item(buyer, series.itemIds[1]!)))).toBe('ITEM_NOT_PHYSICAL');
    expect(code(await request(await item(other)))).toBe('ITEM_NOT_FOUND');
    const listed = await item();
    expect((await list(listed)).status).toBe(200);
    expect(code(await request(listed))).toBe('ITEM_NOT_AVAILABLE');
    expect(await ownedStatus(s.db, listed)).toBe('listed');
    expect((await s.call('POST', '/v1/boxes/deliveries', { request_id: uuid(), owned_id: o, address: ADDRESS })).status).toBe(401);
  });

  it('a requested delivery can be cancelled by the buyer or the creator; the item is in hand again', async () => {
    for (const who of [buyer, creator]) {
      const o = await item();
      const d = (await request(o)).body;
      const t = s.clock.now();
      const c = await post(`/v1/boxes/deliveries/${d.id}/cancel`, who);
      expect(c.body.status).toBe('cancelled');
      expect(c.body.cancelled_at).toBeGreaterThanOrEqual(t);
      expect(await owned(o)).toEqual({ status: 'owned', delivery_id: null });
      expect((await row(d.id)).cancelled_by).toBe(who.id);
      expect(code(await post(`/v1/boxes/deliveries/${d.id}/cancel`, who))).toBe('DELIVERY_NOT_AVAILABLE');
      // In hand again: a new request (or a listing) is possible.
      expect((await request(o)).status).toBe(201);
    }
    expect(code(await post(`/v1/boxes/deliveries/${uuid()}/cancel`, buyer))).toBe('DELIVERY_NOT_FOUND');
    const kinds = await s.db.db.selectFrom('audit_log').select('kind').where('kind', '=', 'delivery.cancelled').execute();
    expect(kinds.length).toBe(2);
  });

  it('asking for delivery while listing the same item: exactly one wins, every time', async () => {
    const wins = { delivery: 0, listing: 0 };
    for (let round = 0; round < 12; round++) {
      const o = await item();
      // Which one is sent first alternates, so each has the head start half the time.
      const [d, l] = round % 2 ? await Promise.all([request(o), list(o)]) : (await Promise.all([list(o), request(o)])).reverse();
      const dWon = d!.status === 201;
      const lWon = l!.status === 200;
      expect(dWon !== lWon).toBe(true);
      const state = await owned(o);
      const live = await s.db.db.selectFrom('box_deliveries').select('id').where('owned_id', '=', o).where('status', '<>', 'cancelled').execute();
      const listings = await s.db.db.selectFrom('box_listings').select('id').where('owned_id', '=', o).execute();
      if (dWon) {
        wins.delivery++;
        expect(code(l!)).toBe('ITEM_NOT_AVAILABLE');
        expect(state).toEqual({ status: 'owned', delivery_id: (d!.body as DeliveryView).id });
        expect([live.length, listings.length]).toEqual([1, 0]);
      } else {
        wins.listing++;
        expect(code(d!)).toBe('ITEM_NOT_AVAILABLE');
        expect(state).toEqual({ status: 'listed', delivery_id: null });
        expect([live.length, listings.length]).toEqual([0, 1]);
      }
    }
    expect(wins.delivery + wins.listing).toBe(12);
    expect(await checkAuditChain(s.db.db)).toMatchObject({ ok: true });
  });
});
