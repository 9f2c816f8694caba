import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../src/main/api/handlers.js';
import type { Studio } from '../../src/main/studio.js';
import { LATEST_SCHEMA_VERSION } from '../../src/main/store/migrations/index.js';
import { contractCalls } from '../helpers/calls.js';
import { openTestStudio, tempHome } from '../helpers/studio.js';

/**
 * The 3D builder's service on a real SQLite file, through the contract's
 * handlers as the page calls them, before any worker runs (the queue is not
 * worked): what a make queues, what each backend costs and needs, the
 * refusals that come before any job exists, the quotes, and the character
 * filter the character page uses.
 */
let studio: Studio;
let home: string;
let picture: string;
const api = contractCalls(() => createHandlers(studio, 'web'));
const payloadOf = (jobId: string) => JSON.parse((studio.store.sqlite.prepare('SELECT payload FROM jobs WHERE id = ?').get(jobId) as { payload: string }).payload) as Record<string, unknown>;
const count = (sql: string) => (studio.store.sqlite.prepare(sql).get() as { n: number }).n;

beforeAll(async () => {
  home = tempHome('kingjam-mesh-svc-');
  delete process.env.REPLICATE_API_TOKEN;
  studio = openTestStudio(home, {}, false);
  picture = path.join(home, 'hero.png');
  await sharp({ create: { width: 256, height: 320, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
    .composite([{ input: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="256" height="320"><ellipse cx="128" cy="170" rx="90" ry="130" fill="#e07a5f"/></svg>') }])
    .png()
    .toFile(picture);
});

afterAll(async () => {
  await studio.close();
});

describe('3D builder service before the workers run', () => {
  it('migration 14 is applied', () => {
    expect(LATEST_SCHEMA_VERSION).toBeGreaterThanOrEqual(14);
    const tables = studio.store.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'mesh_%' ORDER BY name").all() as { name: string }[];
    expect(tables.map((t) => t.name)).toEqual(['mesh_candidates', 'mesh_models', 'mesh_packs', 'mesh_prepared', 'mesh_quotes']);
  });

  it('prices every backend and says what makes an unusable one usable', async () => {
    const options = await api.call('mesh.backends', {});
    const of = (backend: string, via: string) => options.find((o) => o.backend === backend && o.via === via);
    expect(of('offline', 'cloud')).toMatchObject({ usable: true, billing: 'free', credits: 0, draft: true });
    expect(of('comfyui', 'cloud')).toMatchObject({ billing: 'free', credits: 0, usable: false, action: 'set-up-comfyui' });
    // Not signed in to KingJam Cloud; no Replicate key in this studio.
    expect(of('trellis', 'cloud')).toMatchObject({ billing: 'credits', usable: false, action: 'sign-in' });
    expect(of('trellis', 'cloud')!.credits).toBeGreaterThan(0);
    expect(of('hunyuan3d', 'own')).toMatchObject({ billing: 'own-key', credits: 0, usable: false, action: 'add-key', provider: 'replicate' });
    expect(of('meshy', 'own')).toMatchObject({ billing: 'own-key', credits: 0 });
    expect(of('meshy', 'cloud')).toBeUndefined();

    const estimate = await api.call('mesh.estimate', { backends: [{ backend: 'offline' }, { backend: 'trellis', via: 'cloud' }, { backend: 'hunyuan3d', via: 'own' }] });
    expect(estimate.total).toBe(of('trellis', 'cloud')!.credits);
  });

  it('refuses an unusable backend before anything exists', async () => {
    // Each says the one action that makes it usable, as the generators do: the Replicate key, signing in.
    const ownKey = await api.refused('mesh.make', { image: { path: picture }, backends: [{ backend: 'offline' }, { backend: 'trellis', via: 'own' }] });
    expect(ownKey).toMatchObject({ code: 'PROVIDER_NOT_CONFIGURED', key: 'provider.notConfigured.key', params: { provider: 'Replicate' } });
    const cloud = await api.refused('mesh.make', { image: { path: picture }, backends: [{ backend: 'hunyuan3d', via: 'cloud' }] });
    expect(cloud).toMatchObject({ code: 'NOT_SIGNED_IN', key: 'choice.signIn' });
    expect(await api.refused('mesh.make', { image: { path: path.join(home, 'studio.sqlite') }, backends: [{ backend: 'offline' }] })).toMatchObject({ key: 'mesh.app.notAnImage' });
    expect(await api.refused('mesh.make', { image: { path: picture }, backends: [{ backend: 'offline' }, { backend: 'offline' }] })).toMatchObject({ key: 'mesh.app.backendTwice' });
    expect([count('SELECT COUNT(*) AS n FROM mesh_models'), count("SELECT COUNT(*) AS n FROM jobs WHERE kind LIKE 'mesh.%'")]).toEqual([0, 0]);
  });

  it('a make copies the picture into the model folder and queues one mesh.make per backend, at the chosen size and process', async () => {
    const model = await api.call('mesh.make', { image: { path: picture }, characterId: 'char-1', backends: [{ backend: 'offline' }], sizeMm: 80, process: 'sla' });
    expect(model).toMatchObject({ name: 'hero', characterId: 'char-1', status: 'making', sizeMm: 80, process: 'sla', bestId: null, selectedId: null, source: { kind: 'path' } });
    expect(model.image).toMatch(/^outputs\/mesh\/.+\/source\.png$/);
    expect(fs.readFileSync(path.join(studio.paths.library, model.image))).toEqual(fs.readFileSync(picture));
    expect(model.candidates).toHaveLength(1);
    const [c] = model.candidates;
    expect(c).toMatchObject({ backend: 'offline', status: 'making', draft: true, estimatedCredits: 0, score: null });
    const payload = payloadOf(c!.jobId!);
    expect(payload).toMatchObject({ backend: 'offline', via: 'cloud', image: path.join(studio.paths.library, model.image) });
    expect(String(payload.out)).toMatch(/model\.glb$/);

    // The character page's filter.
    await api.call('mesh.make', { image: { path: picture }, name: '另一個', backends: [{ backend: 'offline' }] });
    expect((await api.call('mesh.models', { characterId: 'char-1' })).map((m) => m.id)).toEqual([model.id]);
    expect(await api.call('mesh.models', {})).toHaveLength(2);
  });

  it('refuses to choose, prepare or pack before a candidate is checked', async () => {
    const [model] = await api.call('mesh.models', { characterId: 'char-1' });
    const view = await api.call('mesh.model', { id: model!.id });
    expect(await api.refused('mesh.choose', { id: model!.id, candidateId: view.candidates[0]!.id })).toMatchObject({ key: 'mesh.app.candidateNotChecked' });
    expect(await api.refused('mesh.prepare', { id: model!.id })).toMatchObject({ key: 'mesh.app.nothingChecked' });
    expect(await api.refused('mesh.pack', { id: model!.id, language: 'zh-TW' })).toMatchObject({ key: 'mesh.app.notPrepared' });
    expect(await api.refused('mesh.model', { id: 'nope' })).toMatchObject({ code: 'NOT_FOUND', key: 'mesh.app.modelNotFound' });
  });

  it('keeps the factories’ quotes: added, changed, listed newest first, removed', async () => {
    const [model] = await api.call('mesh.models', { characterId: 'char-1' });
    const a = await api.call('mesh.quoteAdd', { modelId: model!.id, factory: '台中模型廠', unitPrice: 380, moq: 100, leadDays: 21, receivedAt: 1_000 });
    expect(a).toMatchObject({ currency: 'TWD', unitPrice: 380, moq: 100, leadDays: 21, notes: '' });
    const b = await api.call('mesh.quoteAdd', { modelId: model!.id, factory: 'Shenzhen Vinyl', currency: 'USD', unitPrice: 9.5, moq: 500, leadDays: 35, notes: 'incl. paint', receivedAt: 2_000 });
    await api.call('mesh.quoteUpdate', { id: a.id, unitPrice: 350, notes: '含上色' });
    let view = await api.call('mesh.model', { id: model!.id });
    expect(view.quotes.map((q) => [q.factory, q.currency, q.unitPrice, q.notes])).toEqual([
      ['Shenzhen Vinyl', 'USD', 9.5, 'incl. paint'],
      ['台中模型廠', 'TWD', 350, '含上色'],
    ]);
    await api.call('mesh.quoteDelete', { id: b.id });
    view = await api.call('mesh.model', { id: model!.id });
    expect(view.quotes.map((q) => q.id)).toEqual([a.id]);
    expect(await api.refused('mesh.quoteAdd', { modelId: model!.id, factory: 'x', unitPrice: -1, moq: 1, leadDays: 1 })).toMatchObject({ code: 'BAD_INPUT' });
    expect(await api.refused('mesh.quoteDelete', { id: b.id })).toMatchObject({ key: 'mesh.app.quoteNotFound' });
  });

  it('deleting a model cancels its jobs and removes its folder and rows', async () => {
    const model = await api.call('mesh.make', { image: { path: picture }, name: 'gone', backends: [{ backend: 'offline' }] });
    const dir = path.dirname(path.join(studio.paths.library, model.image));
    expect(fs.existsSync(dir)).toBe(true);
    await api.call('mesh.delete', { id: model.id });
    expect(fs.existsSync(dir)).toBe(false);
    expect(count(`SELECT COUNT(*) AS n FROM mesh_candidates WHERE model_id = '${model.id}'`)).toBe(0);
    expect((await studio.jobs.get(model.candidates[0]!.jobId!))?.status).toBe('canceled');
  });
});
