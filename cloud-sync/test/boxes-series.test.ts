import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpeningView, ProofView, SeriesView } from '../../src/shared/boxes/wire.js';
import { entryHash, GENESIS_HASH } from '../src/audit/chain.js';
import type { Session, TestServer } from './support/http.js';
import { startServer } from './support/http.js';
import { adultBuyer, available, openBox, openSeries, PNG_1X1, seriesBody } from './support/boxes.js';

/** Series: create, edit while a draft, frozen once open, rotate and close reveal seeds; every change in the audit chain. */
describe('blind-box series', () => {
  let s: TestServer;
  let admin: Session;
  let creator: Session;

  beforeAll(async () => {
    s = await startServer('sqlite');
    admin = await s.admin();
    creator = await s.register();
  });
  afterAll(async () => s?.close());

  it('checks odds, images and the creator; edits a draft only; freezes odds and items once open', async () => {
    const bad = seriesBody();
    bad.items[0]!.odds_ppm = 599_999;
    const r1 = await s.call<{ error: { code: string } }>('POST', '/v1/boxes/series', bad, creator.token);
    expect([r1.status, r1.body.error.code]).toEqual([422, 'INVALID_ODDS']);
    const fake = seriesBody();
    fake.items[0]!.image = { content_type: 'image/jpeg', data_base64: PNG_1X1.toString('base64') };
    const r2 = await s.call<{ error: { code: string } }>('POST', '/v1/boxes/series', fake, creator.token);
    expect([r2.status, r2.body.error.code]).toEqual([400, 'VALIDATION_ERROR']);
    // An image near the limit is taken: the route's body limit is raised past the default 1 MiB.
    const big = seriesBody();
    const png = Buffer.concat([PNG_1X1, Buffer.alloc(250 * 1024)]);
    for (const it of big.items) it.image = { content_type: 'image/png', data_base64: png.toString('base64') };
    const r3 = await s.call<SeriesView>('POST', '/v1/boxes/series', big, creator.token);
    expect(r3.status).toBe(201);
    const huge = seriesBody();
    huge.items[0]!.image = { content_type: 'image/png', data_base64: Buffer.concat([PNG_1X1, Buffer.alloc(300 * 1024)]).toString('base64') };
    expect((await s.call('POST', '/v1/boxes/series', huge, creator.token)).status).toBe(400);

    const c = await s.call<SeriesView>('POST', '/v1/boxes/series', seriesBody(), creator.token);
    expect(c.status).toBe(201);
    expect(c.body.status).toBe('draft');
    expect(c.body.items.map((i) => i.odds_ppm)).toEqual([600_000, 300_000, 90_000, 10_000]);
    const other = await s.register();
    const stranger = await s.call<{ error: { code: string } }>('PUT', `/v1/boxes/series/${c.body.id}`, seriesBody(), other.token);
    expect(stranger.status).toBe(404);
    // Drafts are the creator's alone.
    expect((await s.call('GET', `/v1/boxes/series/${c.body.id}`)).status).toBe(404);

    const edited = seriesBody({ title: 'Night market friends v2' });
    edited.items[0]!.odds_ppm = 500_000;
    edited.items[1]!.odds_ppm = 400_000;
    const e = await s.call<SeriesView>('PUT', `/v1/boxes/series/${c.body.id}`, edited, creator.token);
    expect(e.status).toBe(200);
    expect(e.body.items.map((i) => i.odds_ppm)).toEqual([500_000, 400_000, 90_000, 10_000]);

    const o = await s.call<SeriesView>('POST', `/v1/boxes/series/${c.body.id}/open`, {}, creator.token);
    expect(o.body.status).toBe('open');
    expect(o.body.seeds).toHaveLength(1);
    expect(o.body.seeds[0]!.commitment).toMatch(/^[0-9a-f]{64}$/);
    expect(o.body.seeds[0]!.server_seed).toBeNull();

    const again = seriesBody();
    again.items[3]!.odds_ppm = 500_000;
    again.items[0]!.odds_ppm = 100_000;
    again.items[2]!.odds_ppm = 100_000;
    const frozen = await s.call<{ error: { code: string } }>('PUT', `/v1/boxes/series/${c.body.id}`, again, creator.token);
    expect([frozen.status, frozen.body.error.code]).toEqual([409, 'SERIES_NOT_EDITABLE']);
    const after = await s.call<SeriesView>('GET', `/v1/boxes/series/${c.body.id}`);
    expect(after.body.items.map((i) => i.odds_ppm)).toEqual([500_000, 400_000, 90_000, 10_000]);
    const rows = await s.db.db.selectFrom('box_items').select('odds_ppm').where('series_id', '=', c.body.id).orderBy('position').execute();
    expect(rows.map((r) => Number(r.odds_ppm))).toEqual([500_000, 400_000, 90_000, 10_000]);
    // The image is public once the series is on sale, by its bytes' type.
    const img = await fetch(`${s.base}${after.body.items[0]!.image_url}`);
    expect(img.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await img.arrayBuffer())).toEqual(PNG_1X1);
    // The shop lists it; the creator's list has the draft too.
    const shop = await s.call<SeriesView[]>('GET', '/v1/boxes/series?scope=shop');
    expect(shop.body.map((x) => x.id)).toContain(c.body.id);
    const mine = await s.call<SeriesView[]>('GET', '/v1/boxes/series?scope=mine', undefined, creator.token);
    expect(mine.body.map((x) => x.id)).toEqual(expect.arrayContaining([c.body.id, r3.body.id]));
  });

  it('seals the seed at rest; rotating reveals it (its SHA-256 is the commitment) and commits a new one; closing reveals the last and stops sales', async () => {
    const series = await openSeries(s, creator);
    const seedRow = await s.db.db.selectFrom('box_seeds').selectAll().where('series_id', '=', series.id).executeTakeFirstOrThrow();
    expect(seedRow.revealed_seed).toBeNull();
    expect(seedRow.seed_sealed).not.toMatch(/[0-9a-f]{64}/);
    const buyer = await adultBuyer(s, admin, 1000);
    const first = await openBox(s, buyer, series.id, { client_seed: 'lucky' });
    expect(first.status).toBe(201);
    expect(first.body.server_seed).toBeNull();

    const rot = await s.call<SeriesView>('POST', `/v1/boxes/series/${series.id}/rotate-seed`, {}, creator.token);
    expect(rot.status).toBe(200);
    expect(rot.body.seeds).toHaveLength(2);
    const [old, fresh] = rot.body.seeds;
    expect(createHash('sha256').update(Buffer.from(old!.server_seed!, 'hex')).digest('hex')).toBe(old!.commitment);
    expect(old!.openings).toBe(1);
    expect(fresh!.server_seed).toBeNull();
    const mineNow = await s.call<OpeningView>('GET', `/v1/boxes/openings/${first.body.id as string}`, undefined, buyer.token);
    expect(mineNow.body.server_seed).toBe(old!.server_seed);

    const second = await openBox(s, buyer, series.id);
    expect(second.body.seed_id).toBe(fresh!.id);
    expect(second.body.nonce).toBe(1);
    const closed = await s.call<SeriesView>('POST', `/v1/boxes/series/${series.id}/close`, {}, creator.token);
    expect(closed.body.status).toBe('closed');
    expect(closed.body.seeds.every((x) => x.server_seed !== null)).toBe(true);
    const late = await openBox(s, buyer, series.id);
    expect([late.status, (late.body.error as { code: string }).code]).toEqual([409, 'SERIES_NOT_ON_SALE']);
    expect((await s.call('POST', `/v1/boxes/series/${series.id}/rotate-seed`, {}, creator.token)).status).toBe(409);
    const proofs = await s.call<ProofView[]>('GET', `/v1/boxes/series/${series.id}/proofs`);
    expect(proofs.body.map((p) => p.nonce)).toEqual([0, 1]);
    expect(proofs.body[0]!.buyer).toBe(proofs.body[1]!.buyer);
    expect(proofs.body[0]!.buyer).not.toContain(buyer.id);
  });

  it('appends an audit entry for every change, and the chain recomputes', async () => {
    const c = await s.call<SeriesView>('POST', '/v1/boxes/series', seriesBody(), creator.token);
    await s.call('PUT', `/v1/boxes/series/${c.body.id}`, seriesBody({ title: 'renamed' }), creator.token);
    await s.call('POST', `/v1/boxes/series/${c.body.id}/open`, {}, creator.token);
    const buyer = await adultBuyer(s, admin, 1000);
    const o = await openBox(s, buyer, c.body.id);
    await s.call('POST', `/v1/boxes/series/${c.body.id}/rotate-seed`, {}, creator.token);
    const closed = await s.call<SeriesView>('POST', `/v1/boxes/series/${c.body.id}/close`, {}, creator.token);

    const entries = await s.db.db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
    const mine = entries.filter((e) => e.ref === `series:${c.body.id}` || e.ref === `opening:${o.body.id as string}`);
    expect(mine.map((e) => e.kind)).toEqual(['series.created', 'series.updated', 'series.opened', 'opening', 'seed.rotated', 'series.closed']);
    expect(JSON.parse(mine[1]!.payload).title).toBe('renamed');
    expect(JSON.parse(mine[2]!.payload).commitment).toBe(closed.body.seeds[0]!.commitment);
    expect(JSON.parse(mine[4]!.payload).revealed.server_seed).toBe(closed.body.seeds[0]!.server_seed);
    expect(JSON.parse(mine[5]!.payload).revealed.server_seed).toBe(closed.body.seeds[1]!.server_seed);
    // The whole chain from genesis: each entry's hash covers the previous one and its own facts.
    let prev = GENESIS_HASH;
    for (const e of entries) {
      expect(e.prev_hash).toBe(prev);
      expect(entryHash(prev, { seq: Number(e.seq), kind: e.kind, ref: e.ref, actor: e.actor, payload: JSON.parse(e.payload), created_at: Number(e.created_at) })).toBe(e.hash);
      prev = e.hash;
    }
    const head = await s.db.db.selectFrom('audit_head').selectAll().executeTakeFirstOrThrow();
    expect([Number(head.seq), head.hash]).toEqual([entries.length, prev]);
  });

  it('charges an idempotent retry once, refuses another body under the same id, and answers 402 with nothing recorded when short', async () => {
    const series = await openSeries(s, creator);
    const buyer = await adultBuyer(s, admin, 100);
    const before = await available(s, buyer);
    const request_id = randomUUID();
    const a = await openBox(s, buyer, series.id, { request_id, client_seed: 'same' });
    const b = await openBox(s, buyer, series.id, { request_id, client_seed: 'same' });
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.body).toEqual(a.body);
    expect(await available(s, buyer)).toBe(before - 30);
    const c = await openBox(s, buyer, series.id, { request_id, client_seed: 'other' });
    expect([c.status, (c.body.error as { code: string }).code]).toEqual([409, 'IDEMPOTENCY_CONFLICT']);
    expect(await s.db.db.selectFrom('box_openings').select('id').where('user_id', '=', buyer.id).execute()).toHaveLength(1);
    expect(await s.db.db.selectFrom('journal').select('id').where('id', 'like', `box:${a.body.id as string}:%`).execute()).toHaveLength(2);

    // Spend down to less than one box.
    while ((await available(s, buyer)) >= 30) expect((await openBox(s, buyer, series.id)).status).toBe(201);
    const count = (await s.db.db.selectFrom('box_openings').select('id').where('user_id', '=', buyer.id).execute()).length;
    const auditCount = (await s.db.db.selectFrom('audit_log').select('seq').execute()).length;
    const short = await openBox(s, buyer, series.id);
    expect([short.status, (short.body.error as { code: string }).code]).toEqual([402, 'INSUFFICIENT_CREDITS']);
    expect((await s.db.db.selectFrom('box_openings').select('id').where('user_id', '=', buyer.id).execute()).length).toBe(count);
    expect((await s.db.db.selectFrom('audit_log').select('seq').execute()).length).toBe(auditCount);
    const noNotice = await openBox(s, buyer, series.id, { notice_acknowledged: false });
    expect((noNotice.body.error as { code: string }).code).toBe('NOTICE_NOT_ACKNOWLEDGED');

    const collection = await s.call<{ source: { id: string } }[]>('GET', '/v1/boxes/collection', undefined, buyer.token);
    expect(collection.body).toHaveLength(count);
    const exp = await s.call<{ openings: OpeningView[]; trades: unknown[] }>('GET', '/v1/boxes/export', undefined, buyer.token);
    expect(exp.body.openings).toHaveLength(count);
    expect(exp.body.openings.reduce((n, o) => n + o.credits, 0)).toBe(before - (await available(s, buyer)));
    const csv = await fetch(`${s.base}/v1/boxes/export?format=csv`, { headers: { authorization: `Bearer ${buyer.token}` } });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect((await csv.text()).trim().split('\r\n')).toHaveLength(count + 1);
    expect((await s.app.ledger.check()).ok).toBe(true);
  });

  it('draws the guaranteed tier on the Nth opening without it (保底) and enforces the daily limit', async () => {
    const body = seriesBody({ daily_limit: 6, guarantee: { after: 3, tier: 'secret' } });
    // The secret is (nearly) never drawn by chance: only the guarantee gives it.
    body.items = body.items.map((it) => ({ ...it, odds_ppm: it.tier === 'secret' ? 1 : it.odds_ppm }));
    body.items[0]!.odds_ppm += 9_999;
    const series = await openSeries(s, creator, body);
    const buyer = await adultBuyer(s, admin, 1000);
    const got: OpeningView[] = [];
    for (let i = 0; i < 6; i++) got.push((await openBox(s, buyer, series.id)).body as unknown as OpeningView);
    expect(got.map((o) => o.guaranteed)).toEqual([false, false, true, false, false, true]);
    expect(got.filter((o) => o.guaranteed).every((o) => o.tier === 'secret')).toBe(true);
    const view = await s.call<SeriesView>('GET', `/v1/boxes/series/${series.id}`, undefined, buyer.token);
    expect(view.body.mine).toEqual({ opened_today: 6, remaining_today: 0, since_guaranteed: 0 });
    const seventh = await openBox(s, buyer, series.id);
    expect([seventh.status, (seventh.body.error as { code: string }).code]).toEqual([429, 'DAILY_BOX_LIMIT']);
    // The next Asia/Taipei day starts at 16:00 UTC.
    const now = s.clock.now();
    const nextDay = Math.floor((now + 8 * 3600_000) / 86_400_000 + 1) * 86_400_000 - 8 * 3600_000;
    s.clock.set(nextDay + 1000);
    expect((await openBox(s, buyer, series.id)).status).toBe(201);
  });
});
