import { existsSync, readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DeliveryAddress, DeliveryView } from '../../src/shared/boxes/delivery.js';
import type { BuyerExport } from '../../src/shared/boxes/wire.js';
import { AddressSeal } from '../src/boxes/address-seal.js';
import { DeliveryService } from '../src/boxes/deliveries.js';
import { TokenCipher } from '../src/vault/cipher.js';
import { describeEachDb } from './support/db.js';
import type { Session, TestServer } from './support/http.js';
import { startServer, uuid } from './support/http.js';
import { giveItem, seedSeries } from './support/market.js';

/**
 * Issue 18: a delivery's name, phone and postal address are personal data, sealed at rest with the
 * vault's key ring (the one that seals server seeds); opened only for the buyer and the series' creator.
 */

const K1 = Buffer.alloc(32, 1);
const K2 = Buffer.alloc(32, 2);
const ADDRESS: DeliveryAddress = { recipient_name: 'Chen Sealedname', phone: '+886 987-654-321', country: 'TW', region: 'Kaohsiung Regionword', city: 'Cityword District', postal_code: '80444', line1: 'No. 99, Streetword Road', line2: 'Flatword 7F' };
/** What must never be readable in the table: every personal field (the postal code is digits, which a timestamp may contain by chance). */
const PERSONAL = [ADDRESS.recipient_name, ADDRESS.phone, ADDRESS.region, ADDRESS.city, ADDRESS.line1, ADDRESS.line2];

describeEachDb('blind-box deliveries: the address sealed at rest', (kind) => {
  let s: TestServer;
  let creator: Session;
  let buyer: Session;
  let other: Session;
  let series: { seriesId: string; itemIds: string[] };

  beforeAll(async () => {
    // The vault's ring with two keys, k1 current: what an operator has just before rotating to k2.
    s = await startServer(kind, { partners: { cipher: new TokenCipher(new Map([['k1', K1], ['k2', K2]]), 'k1') } });
    creator = await s.register();
    buyer = await s.register();
    other = await s.register();
    series = await seedSeries(s.db, creator.id, s.clock.now());
    await s.db.db.updateTable('box_items').set({ stock: 100, remaining: 90 }).where('id', '=', series.itemIds[0]!).execute();
  });
  afterAll(async () => {
    await s.close();
  });

  const request = async () => {
    const owned = await giveItem(s.db, buyer.id, series.seriesId, series.itemIds[0]!, s.clock.now());
    const r = await s.call<DeliveryView>('POST', '/v1/boxes/deliveries', { request_id: uuid(), owned_id: owned, address: ADDRESS }, buyer.token);
    expect(r.status).toBe(201);
    return r.body;
  };
  /** The row as the database holds it, every column, through plain SQL. */
  const rawRow = async (id: string) => (await sql<Record<string, unknown>>`select * from box_deliveries where id = ${id}`.execute(s.db.db)).rows[0]!;
  const expectSealed = (raw: unknown) => {
    const text = JSON.stringify(raw);
    for (const p of PERSONAL) expect(text).not.toContain(p);
  };

  it('the row holds no name, phone or street — only the country, a key id and a ciphertext — while the buyer and the creator read the address', async () => {
    const d = await request();
    expect(d.address).toEqual(ADDRESS);
    const raw = await rawRow(d.id);
    expectSealed(raw);
    expect(raw).toMatchObject({ country: 'TW', key_id: 'k1' });
    expect(String(raw.address_ct).length).toBeGreaterThan(40);
    for (const gone of ['recipient_name', 'phone', 'line1', 'line2', 'city', 'region', 'postal_code']) expect(raw).not.toHaveProperty(gone);
    // Nor anything else in the database: the audit log, and on SQLite the file itself (and its WAL).
    expectSealed((await s.db.db.selectFrom('audit_log').select('payload').execute()).map((a) => a.payload));
    if (kind === 'sqlite') {
      for (const f of [s.fresh.target, `${s.fresh.target}-wal`].filter((x) => existsSync(x))) {
        const bytes = readFileSync(f);
        for (const p of PERSONAL) expect(bytes.includes(Buffer.from(p, 'utf8'))).toBe(false);
      }
    }

    // Opened for the buyer (list, one delivery after a change, the export) and the series' creator; nobody else.
    expect((await s.call<DeliveryView[]>('GET', '/v1/boxes/deliveries', undefined, buyer.token)).body.find((x) => x.id === d.id)?.address).toEqual(ADDRESS);
    expect((await s.call<DeliveryView[]>('GET', `/v1/boxes/series/${series.seriesId}/deliveries`, undefined, creator.token)).body.find((x) => x.id === d.id)?.address).toEqual(ADDRESS);
    const exp = await s.call<BuyerExport>('GET', '/v1/boxes/export?format=json', undefined, buyer.token);
    expect(exp.body.deliveries.find((x) => x.id === d.id)?.address).toEqual(ADDRESS);
    expect((await s.call<DeliveryView[]>('GET', '/v1/boxes/deliveries', undefined, other.token)).body).toEqual([]);
    expect((await s.call('GET', `/v1/boxes/series/${series.seriesId}/deliveries`, undefined, other.token)).status).toBe(403);
    const shipped = await s.call<DeliveryView>('POST', `/v1/boxes/deliveries/${d.id}/ship`, { carrier: 'Black Cat', tracking_number: 'TW-55550000' }, creator.token);
    expect(shipped.body).toMatchObject({ status: 'shipped', tracking_number: 'TW-55550000', address: ADDRESS });
    // The shipment stays queryable in clear; the address is still sealed.
    const after = await rawRow(d.id);
    expect(after).toMatchObject({ status: 'shipped', carrier: 'Black Cat', tracking_number: 'TW-55550000', key_id: 'k1' });
    expectSealed(after);
  });

  it('a blob is bound to its row: moved to another delivery it does not open', async () => {
    const [a, b] = [await request(), await request()];
    const ra = await rawRow(a.id);
    const seal = new AddressSeal(new TokenCipher(new Map([['k1', K1]]), 'k1'));
    const sealed = { country: String(ra.country), key_id: String(ra.key_id), address_ct: String(ra.address_ct) };
    expect(seal.open(a.id, sealed)).toEqual(ADDRESS);
    expect(() => seal.open(b.id, sealed)).toThrow();
    // Without the key the row names, nothing opens either.
    expect(() => new AddressSeal(new TokenCipher(new Map([['k2', K2]]), 'k2')).open(a.id, sealed)).toThrow();
  });

  it('key rotation: an instance whose current key is k2 reads k1 rows and re-seals one with k2 when it changes', async () => {
    const d = await request();
    const rotated = new DeliveryService(s.db, s.clock, new AddressSeal(new TokenCipher(new Map([['k1', K1], ['k2', K2]]), 'k2')));
    expect((await rotated.view(d.id, buyer.id)).address).toEqual(ADDRESS);
    expect((await rawRow(d.id)).key_id).toBe('k1');
    await rotated.cancel(buyer.id, d.id);
    const raw = await rawRow(d.id);
    expect(raw).toMatchObject({ status: 'cancelled', key_id: 'k2' });
    expectSealed(raw);
    // k1 can now be retired for this row: an instance with k2 alone opens it.
    const k2only = new DeliveryService(s.db, s.clock, new AddressSeal(new TokenCipher(new Map([['k2', K2]]), 'k2')));
    expect((await k2only.view(d.id, creator.id)).address).toEqual(ADDRESS);
    // And the running server (both keys) still answers it.
    expect((await s.call<DeliveryView[]>('GET', '/v1/boxes/deliveries', undefined, buyer.token)).body.find((x) => x.id === d.id)?.address).toEqual(ADDRESS);
  });
});
