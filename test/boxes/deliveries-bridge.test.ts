import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriesBody } from '../../cloud-sync/test/support/boxes.js';
import type { DeliveryAddress, DeliveryView } from '../../src/shared/boxes/delivery.js';
import type { BuyerExport, OpeningView, OwnedItemView, SeriesView } from '../../src/shared/boxes/wire.js';
import { startBridge, type Bridge } from '../../src/main/bridge/server.js';
import type { Studio } from '../../src/main/studio.js';
import { tempHome } from '../helpers/studio.js';
import { BoxesCloud, openStudio, PASSWORD } from './harness.js';

/**
 * Delivery of physical figures through the studio (issue 18): the buyer's and
 * the creator's studios each behind a web bridge (real HTTP, bearer token),
 * against a real cloud-sync. The buyer asks for a figure to be shipped, the
 * creator marks it shipped, the buyer confirms it arrived.
 */

const cloud = new BoxesCloud();
const CREATOR = 'creator-deliveries@example.com';
const BUYER = 'buyer-deliveries@example.com';
const ADDRESS: DeliveryAddress = { recipient_name: 'Lin Mei', phone: '+886 912 000 111', country: 'TW', region: 'Taipei', city: 'Da’an', postal_code: '106', line1: 'No. 1, Section 1, Fuxing South Road', line2: '' };

type Side = { studio: Studio; bridge: Bridge; base: string };
let creator: Side;
let buyer: Side;
let buyerToken = '';
let series: SeriesView;

async function side(prefix: string, email: string): Promise<Side> {
  const { studio } = openStudio(prefix);
  await studio.sync.login({ cloudUrl: cloud.url, email, password: PASSWORD });
  const renderer = tempHome('kingjam-renderer-');
  fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>KingJam</title>');
  const bridge = await startBridge(studio, { host: '127.0.0.1', port: 0, rendererDir: renderer });
  return { studio, bridge, base: `http://127.0.0.1:${bridge.port}` };
}

/** One contract call over the bridge: the answer, or the bridge's `{ error }`. */
async function call<T>(s: Side, name: string, input: unknown): Promise<{ status: number; body: T; error: { code: string; cloud?: { code: string } } | undefined }> {
  const res = await fetch(`${s.base}/api/${name}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${s.bridge.token}` }, body: JSON.stringify(input) });
  const body = (await res.json()) as T & { error?: { code: string; cloud?: { code: string } } };
  return { status: res.status, body, error: body.error };
}

beforeAll(async () => {
  await cloud.start();
  const c = await cloud.user(CREATOR);
  const b = await cloud.user(BUYER, { birthDate: '1992-03-04', paid: 500 });
  buyerToken = b.token;
  // Two physical figures (each has a stock): whatever the buyer draws can be shipped.
  const base = seriesBody();
  const body = { ...base, items: [{ ...base.items[1]!, odds_ppm: 500_000, stock: 20 }, { ...base.items[3]!, odds_ppm: 500_000, stock: 20 }] };
  const created = await fetch(`${cloud.url}/v1/boxes/series`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${c.token}` }, body: JSON.stringify(body) });
  const id = ((await created.json()) as SeriesView).id;
  const opened = await fetch(`${cloud.url}/v1/boxes/series/${id}/open`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${c.token}` }, body: '{}' });
  series = (await opened.json()) as SeriesView;
  creator = await side('kingjam-deliveries-creator-', CREATOR);
  buyer = await side('kingjam-deliveries-buyer-', BUYER);
});

afterAll(async () => {
  for (const s of [creator, buyer]) {
    await s.bridge.close();
    await s.studio.close();
  }
  await cloud.stop();
});

describe('deliveries through the web bridge', () => {
  it('the buyer requests, the creator ships, the buyer confirms; a bad address is refused in main and reaches nothing', async () => {
    const opening = await call<OpeningView>(buyer, 'boxes.open', { seriesId: series.id, requestId: randomUUID(), noticeAcknowledged: true });
    expect(opening.status).toBe(200);
    const ownedId = opening.body.owned_id!;
    const coll = await call<OwnedItemView[]>(buyer, 'boxes.collection', {});
    expect(coll.body.find((x) => x.id === ownedId)).toMatchObject({ physical: true, delivery: null, status: 'owned' });

    // Refused by the contract's zod schema in main: the cloud never sees it.
    const bad = await call<DeliveryView>(buyer, 'boxes.requestDelivery', { ownedId, requestId: randomUUID(), address: { ...ADDRESS, country: 'Taiwan' } });
    expect(bad.status).toBe(400);
    expect(await cloud.get<DeliveryView[]>('/v1/boxes/deliveries', buyerToken)).toEqual([]);

    const requestId = randomUUID();
    const req = await call<DeliveryView>(buyer, 'boxes.requestDelivery', { ownedId, requestId, address: ADDRESS });
    expect(req.body).toMatchObject({ status: 'requested', owned_id: ownedId, address: ADDRESS, mine: true });
    // The same click again: the same delivery.
    expect((await call<DeliveryView>(buyer, 'boxes.requestDelivery', { ownedId, requestId, address: ADDRESS })).body.id).toBe(req.body.id);
    // Requested for delivery: the market refuses it, with the cloud's code for the page's text.
    const listed = await call(buyer, 'market.list', { ownedId, price: 40, requestId: randomUUID() });
    expect(listed.error?.cloud?.code).toBe('ITEM_NOT_AVAILABLE');

    // The creator's list of the series, and the buyer cannot see it.
    const list = await call<DeliveryView[]>(creator, 'boxes.seriesDeliveries', { seriesId: series.id });
    expect(list.body.map((d) => [d.id, d.status, d.address.line1])).toEqual([[req.body.id, 'requested', ADDRESS.line1]]);
    expect((await call(buyer, 'boxes.seriesDeliveries', { seriesId: series.id })).error?.cloud?.code).toBe('FORBIDDEN');
    expect((await call(creator, 'boxes.shipDelivery', { deliveryId: req.body.id, shipment: { carrier: 'T-Cat', tracking_number: 'has space' } })).status).toBe(400);
    const shipped = await call<DeliveryView>(creator, 'boxes.shipDelivery', { deliveryId: req.body.id, shipment: { carrier: 'T-Cat', tracking_number: '9001-2345' } });
    expect(shipped.body).toMatchObject({ status: 'shipped', carrier: 'T-Cat', tracking_number: '9001-2345', mine: false });
    expect((await call(buyer, 'boxes.cancelDelivery', { deliveryId: req.body.id })).error?.cloud?.code).toBe('DELIVERY_NOT_AVAILABLE');

    const done = await call<DeliveryView>(buyer, 'boxes.deliveryReceived', { deliveryId: req.body.id });
    expect(done.body.status).toBe('delivered');
    expect((await call<DeliveryView[]>(buyer, 'boxes.deliveries', {})).body.map((d) => d.status)).toEqual(['delivered']);
    const exported = await call<{ text: string }>(buyer, 'boxes.export', { format: 'json' });
    expect((JSON.parse(exported.body.text) as BuyerExport).deliveries.map((d) => [d.id, d.status, d.address])).toEqual([[req.body.id, 'delivered', ADDRESS]]);
    // The cloud's row keeps the address sealed: the studios above read it, the table does not show it.
    const row = JSON.stringify(await cloud.db.db.selectFrom('box_deliveries').selectAll().where('id', '=', req.body.id).executeTakeFirstOrThrow());
    for (const personal of [ADDRESS.recipient_name, ADDRESS.phone, ADDRESS.line1]) expect(row).not.toContain(personal);
  });
});
