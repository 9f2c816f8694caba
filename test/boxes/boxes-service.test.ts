import { createHash, randomFillSync, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ODDS_SCALE } from '../../src/shared/boxes/fair.js';
import type { OpeningView, SeriesItemView, SeriesView } from '../../src/shared/boxes/wire.js';
import { BOX_LIMITS } from '../../src/shared/boxes/wire.js';
import type { Handlers } from '../../src/main/api/handlers.js';
import { BoxesService } from '../../src/main/boxes/service.js';
import { MeshStore } from '../../src/main/mesh/store.js';
import type { Studio } from '../../src/main/studio.js';
import { contractCalls } from '../helpers/calls.js';
import { tempHome } from '../helpers/studio.js';
import { BoxesCloud, EdgeProxy, openStudio, PASSWORD } from './harness.js';

/**
 * The studio's blind-box calls through the contract and the real handlers
 * against a real cloud-sync (SQLite file, loopback): the creator's studio
 * turns a draft made from characters, library pictures and a 3D model's pack
 * into the cloud's series; a buyer's studio (behind a proxy that can lie)
 * opens boxes and recomputes them with Node's crypto.
 */

const cloud = new BoxesCloud();
let proxy: EdgeProxy;
let creator: { studio: Studio; handlers: Handlers };
let buyer: { studio: Studio; handlers: Handlers };
let signedOut: { studio: Studio; handlers: Handlers };
const c = contractCalls(() => creator.handlers);
const b = contractCalls(() => buyer.handlers);
const out = contractCalls(() => signedOut.handlers);
const CREATOR = 'creator-boxes@example.com';
const BUYER = 'buyer-boxes@example.com';

let bigPicture = '';
let characterA = '';
let characterB = '';
let pictureA = '';
let pictureB = '';
let modelWithPack = '';
let modelWithoutPack = '';
let packFile = '';
let series: SeriesView;

/** A noisy 1600 × 1200 PNG: megabytes, so only a real resize and re-encode brings it under the cloud's limit. */
async function noisyPng(file: string): Promise<string> {
  const w = 1600;
  const h = 1200;
  const raw = Buffer.alloc(w * h * 3);
  randomFillSync(raw);
  await sharp(raw, { raw: { width: w, height: h, channels: 3 } }).png().toFile(file);
  return file;
}

/** A 3D model of `characterId` in the builder's tables, with (or without) a finished production pack on disk. */
function meshModel(studio: Studio, characterId: string, name: string, pack: string | null): string {
  const store = new MeshStore(studio.store);
  const id = randomUUID();
  const dir = path.join(studio.paths.outputs, 'mesh', id);
  fs.mkdirSync(dir, { recursive: true });
  store.insertModel({ id, name, character_id: characterId, source_kind: 'path', source: 'test', image_path: path.join(dir, 'source.png'), size_mm: 80, process: 'fdm', dir, created_at: Date.now() });
  if (pack) {
    const packId = randomUUID();
    store.insertPack({ id: packId, model_id: id, prepared_id: randomUUID(), language: 'en', quantity: 100, factories_json: '[]', path: pack, created_at: Date.now() });
    store.packDone(packId, { path: pack, bytes: fs.statSync(pack).size, entries: ['model.stl', 'spec.pdf'] }, Date.now());
  }
  return id;
}

beforeAll(async () => {
  await cloud.start();
  proxy = await new EdgeProxy(cloud.url).start();
  await cloud.user(CREATOR);
  await cloud.user(BUYER, { birthDate: '1990-05-17', paid: 1_000 });
  creator = openStudio('kingjam-boxes-creator-');
  buyer = openStudio('kingjam-boxes-buyer-');
  signedOut = openStudio('kingjam-boxes-out-');
  await creator.studio.sync.login({ cloudUrl: cloud.url, email: CREATOR, password: PASSWORD });
  await buyer.studio.sync.login({ cloudUrl: proxy.url, email: BUYER, password: PASSWORD });

  const dir = tempHome('kingjam-boxes-files-');
  bigPicture = await noisyPng(path.join(dir, 'lantern-big.png'));
  const small = path.join(dir, 'cat.png');
  await sharp({ create: { width: 300, height: 200, channels: 4, background: '#e11d48' } }).png().toFile(small);
  const [big, sm] = await creator.studio.library.import([bigPicture, small], creator.studio.files);
  pictureA = big!.assetId!;
  pictureB = sm!.assetId!;
  const chars = creator.studio.creator.characters;
  characterA = chars.create({ name: 'Lantern Girl', keywords: [], language: 'en', world: '', backstory: '', look: '', styleId: null }).id;
  characterB = chars.create({ name: 'Tea Cat', keywords: [], language: 'en', world: '', backstory: '', look: '', styleId: null }).id;
  chars.addReferenceAssets(characterA, [pictureA], 'upload');
  chars.addReferenceAssets(characterB, [pictureB], 'upload');
  packFile = path.join(creator.studio.paths.library, 'packs', 'lantern-girl-production-pack.zip');
  fs.mkdirSync(path.dirname(packFile), { recursive: true });
  fs.writeFileSync(packFile, Buffer.from('PK\u0003\u0004 a production pack for the test'.repeat(100)));
  modelWithPack = meshModel(creator.studio, characterA, 'Lantern Girl figure', packFile);
  modelWithoutPack = meshModel(creator.studio, characterB, 'Tea Cat figure', null);
}, 60_000);

afterAll(async () => {
  for (const s of [creator, buyer, signedOut]) await s?.studio.close();
  await proxy?.stop();
  await cloud.stop();
});

const draft = (over: Record<string, unknown> = {}) => ({
  title: 'Lantern night',
  description: 'Two friends of the night market',
  price: 30,
  dailyLimit: 50,
  startsAt: 0,
  endsAt: null,
  guarantee: { after: 5, tier: 'rare' },
  items: [
    { name: 'Lantern Girl', tier: 'rare', oddsPercent: 33.33333, stock: null, characterId: characterA, imageAssetId: pictureA, meshModelId: modelWithPack },
    { name: 'Tea Cat', tier: 'regular', oddsPercent: 33.33333, stock: 500, characterId: characterB, imageAssetId: pictureB, meshModelId: null },
    { name: 'Moon Cat', tier: 'secret', oddsPercent: 33.33334, stock: null, characterId: characterB, imageAssetId: null, meshModelId: null },
  ],
  ...over,
});

describe('blind boxes in the studio against a real cloud-sync', () => {
  it('refuses every call while signed out', async () => {
    for (const [name, input] of [
      ['boxes.shop', {}],
      ['boxes.mySeries', {}],
      ['boxes.collection', {}],
      ['boxes.verify', { openingId: randomUUID() }],
      ['market.listings', {}],
      ['audit.head', {}],
    ] as const) {
      expect((await out.refused(name, input)).code, name).toBe('NOT_SIGNED_IN');
    }
  });

  it('saves a draft as exact ppm odds, ≤ 512 px thumbnails, character names and the production pack’s facts', async () => {
    series = await c.call('boxes.saveSeries', { draft: draft() });
    expect(series.status).toBe('draft');
    const items = [...series.items].sort((x, y) => x.position - y.position);
    // 333,333.3 rounds down three times: the missing 1 ppm goes to the largest (the first of equals).
    expect(items.map((i) => i.odds_ppm)).toEqual([333_334, 333_333, 333_333]);
    expect(items.reduce((s, i) => s + i.odds_ppm, 0)).toBe(ODDS_SCALE);
    expect(items.map((i) => i.character)).toEqual([
      { id: characterA, name: 'Lantern Girl' },
      { id: characterB, name: 'Tea Cat' },
      { id: characterB, name: 'Tea Cat' },
    ]);
    const pack = fs.readFileSync(packFile);
    expect(items[0]!.production_pack).toEqual({ name: 'lantern-girl-production-pack.zip', bytes: pack.length, sha256: createHash('sha256').update(pack).digest('hex') });
    expect(items[1]!.production_pack).toBeNull();
    expect(items[2]!.image_url).toBeNull();

    // A draft's pictures stay the creator's until sales open.
    expect((await c.call('boxes.itemImage', { itemId: items[0]!.id })).dataUrl).toBeNull();

    // Editing the draft replaces it (PUT), and the series lists as mine.
    series = await c.call('boxes.saveSeries', { id: series.id, draft: draft({ price: 40 }) });
    expect(series.price).toBe(40);
    // Reopened later, the draft's items come back with the pictures and models they were saved with here (the cloud keeps neither id).
    expect(await c.call('boxes.draftSources', { id: series.id })).toEqual(draft().items.map((it) => ({ imageAssetId: it.imageAssetId, meshModelId: it.meshModelId })));
    expect((await c.call('boxes.mySeries', {})).map((s) => s.id)).toContain(series.id);
  });

  it('refuses odds off 100 %, a model without a pack, and non-images, before anything reaches the cloud', async () => {
    const bad = await c.refused('boxes.saveSeries', { draft: draft({ items: draft().items.map((i) => ({ ...i, oddsPercent: 30 })) }) });
    expect(bad.code).toBe('BAD_INPUT');
    // The service itself (behind the contract) holds the same line, in the user's language.
    const boxes = new BoxesService(creator.studio.sync, { libraryRoot: creator.studio.paths.library, asset: (id) => creator.studio.library.get(id), character: (id) => creator.studio.creator.characters.get(id), meshModel: (id) => creator.studio.creator.meshes.models.get(id), remembered: { get: () => [], set: () => undefined } });
    const off = draft();
    off.items[2]!.oddsPercent = 33.3;
    await expect(boxes.saveSeries(undefined, off as never)).rejects.toMatchObject({ code: 'BAD_INPUT', key: 'boxes.oddsNot100' });
    const noPack = draft();
    noPack.items[1]!.meshModelId = modelWithoutPack;
    const err = await c.refused('boxes.saveSeries', { draft: noPack });
    expect(err).toMatchObject({ code: 'CONFLICT', key: 'boxes.noPack', params: { model: 'Tea Cat figure' } });
    // A file that only claims to be a picture.
    const fake = path.join(tempHome('kingjam-boxes-fake-'), 'not-a-picture.png');
    fs.writeFileSync(fake, 'plain text, not a PNG');
    const [imported] = await creator.studio.library.import([fake], creator.studio.files);
    const notImage = draft();
    notImage.items[1]!.imageAssetId = imported!.assetId!;
    expect(await c.refused('boxes.saveSeries', { draft: notImage })).toMatchObject({ code: 'UNSUPPORTED_TYPE', key: 'boxes.notAnImage', params: { name: 'not-a-picture.png' } });
    expect((await c.call('boxes.mySeries', {})).length).toBe(1);
  });

  it('opens sales, and a buyer’s openings verify after the seed is revealed — and not when the cloud lies', async () => {
    series = await c.call('boxes.openSales', { id: series.id });
    expect(series.status).toBe('open');
    const commitment = series.seeds[0]!.commitment;
    expect(commitment).toMatch(/^[0-9a-f]{64}$/);
    expect((await b.call('boxes.shop', {})).map((s) => s.id)).toContain(series.id);
    const [lantern, teaCat, moonCat] = [...series.items].sort((x, y) => x.position - y.position) as [SeriesItemView, SeriesItemView, SeriesItemView];
    // The multi-megabyte picture arrives as a WebP of at most 512 px, under the cloud's limit, read back through main.
    expect(fs.statSync(bigPicture).size).toBeGreaterThan(BOX_LIMITS.maxImageBytes);
    const { dataUrl } = await c.call('boxes.itemImage', { itemId: lantern.id });
    const m = /^data:(image\/[a-z]+);base64,(.+)$/.exec(dataUrl ?? '');
    expect(m?.[1]).toBe('image/webp');
    const bytes = Buffer.from(m![2]!, 'base64');
    expect(bytes.length).toBeLessThanOrEqual(BOX_LIMITS.maxImageBytes);
    const meta = await sharp(bytes).metadata();
    expect(meta.format).toBe('webp');
    expect(Math.max(meta.width!, meta.height!)).toBeLessThanOrEqual(512);
    expect(meta.width! / meta.height!).toBeCloseTo(1600 / 1200, 1);
    // A small picture is not enlarged.
    const small = await sharp(Buffer.from(/base64,(.+)$/.exec((await c.call('boxes.itemImage', { itemId: teaCat.id })).dataUrl!)![1]!, 'base64')).metadata();
    expect([small.width, small.height]).toEqual([300, 200]);
    expect((await c.call('boxes.itemImage', { itemId: moonCat.id })).dataUrl).toBeNull();


    const openings: OpeningView[] = [];
    for (let i = 0; i < 3; i++) openings.push(await b.call('boxes.open', { seriesId: series.id, requestId: randomUUID(), clientSeed: `buyer-seed-${i}`, noticeAcknowledged: true }));
    expect(openings.map((o) => o.nonce)).toEqual([0, 1, 2]);
    // 200 sign-up credits and 1,000 bought, three boxes at the edited price.
    expect(await cloud.get<{ total: number }>('/v1/ledger/balance', await loginToken(BUYER))).toMatchObject({ total: 1_200 - 3 * 40 });
    expect(openings.every((o) => o.credits === 40 && o.outcome === 'granted')).toBe(true);

    const before = await b.call('boxes.verify', { openingId: openings[1]!.id });
    expect(before).toMatchObject({ status: 'not_revealed', commitmentMatches: null, serverSeed: null, commitment });

    const rotated = await c.call('boxes.rotateSeed', { id: series.id });
    const revealed = rotated.seeds.find((s) => s.commitment === commitment)!;
    expect(revealed.server_seed).toMatch(/^[0-9a-f]{64}$/);
    for (const o of openings) {
      const v = await b.call('boxes.verify', { openingId: o.id });
      expect(v).toMatchObject({ status: 'verified', commitmentMatches: true, serverSeed: revealed.server_seed, recomputedItemId: o.item_id, clientSeed: `buyer-seed-${openings.indexOf(o)}` });
      expect(v.digestHex).toMatch(/^[0-9a-f]{64}$/);
      expect(v.weights.reduce((s, w) => s + w, 0)).toBe(ODDS_SCALE);
    }

    // A cloud that claims another item than the draw gave is caught by the recomputation.
    const other = [lantern, teaCat, moonCat].find((i) => i.id !== openings[0]!.item_id)!;
    proxy.rewrite = { path: new RegExp(`^/v1/boxes/openings/${openings[0]!.id}$`), change: (o) => ({ ...o, item_id: other.id, item_name: other.name, tier: other.tier }) };
    const lied = await b.call('boxes.verify', { openingId: openings[0]!.id });
    expect(lied).toMatchObject({ status: 'mismatch', commitmentMatches: true, recordedItemId: other.id, recomputedItemId: openings[0]!.item_id });
    // …and so is a revealed seed that is not the one committed to.
    proxy.rewrite = { path: new RegExp(`^/v1/boxes/series/${series.id}$`), change: (s) => ({ ...s, seeds: (s.seeds as { server_seed: string | null }[]).map((x) => (x.server_seed ? { ...x, server_seed: 'ab'.repeat(32) } : x)) }) };
    expect(await b.call('boxes.verify', { openingId: openings[0]!.id })).toMatchObject({ status: 'mismatch', commitmentMatches: false });
    proxy.rewrite = null;
    expect((await b.call('boxes.verify', { openingId: openings[0]!.id })).status).toBe('verified');

    // The buyer's records: the collection and both export formats.
    const owned = await b.call('boxes.collection', {});
    expect(owned.length).toBe(openings.filter((o) => o.outcome === 'granted').length);
    const json = await b.call('boxes.export', { format: 'json' });
    expect(json.fileName).toMatch(/^kingjam-boxes-\d{4}-\d{2}-\d{2}\.json$/);
    expect((JSON.parse(json.text) as { openings: unknown[] }).openings.length).toBe(3);
    const csv = await b.call('boxes.export', { format: 'csv' });
    expect(csv.contentType).toBe('text/csv');
    for (const o of openings) expect(csv.text).toContain(o.id);
  });

  it('reads the audit head and checks the daily digest’s Ed25519 signature in main', async () => {
    cloud.clock.set(Date.now() + 2 * 86_400_000);
    const made = await cloud.app.audit.makeDigests();
    expect(made.length).toBeGreaterThan(0);
    const head = await c.call('audit.head', {});
    expect(head.seq).toBeGreaterThan(0);
    expect(head.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(head.digest).toMatchObject({ signatureValid: true, day: made.at(-1)!.day });
    // A forged signature is not valid.
    const forged = (await cloud.get<{ signature: string }[]>('/v1/audit/digests')).map((x) => ({ ...x, signature: Buffer.alloc(64, 7).toString('base64') }));
    proxy.rewrite = { path: /^\/v1\/audit\/digests$/, change: () => forged as never };
    expect((await b.call('audit.head', {})).digest?.signatureValid).toBe(false);
    proxy.rewrite = null;
  });
});

async function loginToken(email: string): Promise<string> {
  const res = await fetch(`${cloud.url}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD }) });
  return ((await res.json()) as { access_token: string }).access_token;
}
