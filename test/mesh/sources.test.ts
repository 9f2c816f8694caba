import fs from 'node:fs';
import type http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MESHY_BASE_URL_ENV, MESHY_KEY_ENV } from '../../src/shared/mesh/backends.js';
import type { Seen } from '../providers/fake-server.js';
import { sendJson, startFake, type FakeServer } from '../providers/fake-server.js';
import { startReplicateFake, type ReplicateFake } from '../providers/replicate-fake.js';
import { photoContext, said } from '../photo/online-support.js';
import { inspectGlb } from '../../src/workers/mesh/sources/glb.js';
import { meshyMesh } from '../../src/workers/mesh/sources/meshy.js';
import { offlineRelief } from '../../src/workers/mesh/sources/offline.js';
import { replicateMesh } from '../../src/workers/mesh/sources/replicate.js';
import { findModel, MODEL_CATALOG, type CatalogModel } from '../../src/shared/models.js';
import { parseProgressLabel, type ProgressLabel } from '../../src/shared/progress-labels.js';
import { figureWithAlpha } from './sources-support.js';

/**
 * The paid image → 3D backends against loopback fakes in the services' wire
 * formats: the real `replicate` SDK and the studio's prediction creator
 * against the Replicate fake (TRELLIS and Hunyuan3D-2 by their pinned
 * versions, their GLB outputs in `model_file` / `mesh`), and Meshy's
 * image-to-3D task API (create, poll, download). The GLB served is one this
 * studio generated (the offline relief), so what is written is read back and
 * its triangles counted.
 */

let replicate: ReplicateFake;
let meshy: FakeServer;
let dir: string;
let glb: Uint8Array;
let image: { bytes: Buffer; mimeType: string };
let triangles: number;

/** Meshy's behaviour for the next requests, set per test. */
const meshyPlan = { createFailures: [] as number[], pollsToFinish: 2, finish: 'SUCCEEDED' as 'SUCCEEDED' | 'FAILED', error: '', glbStatus: 200, glbBody: null as Buffer | null };
const meshyTasks = new Map<string, number>();
const MESHY_KEY = 'msy_test_key_0123456789';

function meshyRoute(req: Seen, res: http.ServerResponse): void {
  const url = req.path.split('?')[0] ?? '';
  if (req.method === 'GET' && url === '/files/model.glb') {
    const body = meshyPlan.glbBody ?? Buffer.from(glb);
    res.writeHead(meshyPlan.glbStatus, { 'content-type': 'model/gltf-binary', 'content-length': body.length });
    return void res.end(body);
  }
  if (req.headers.authorization !== `Bearer ${MESHY_KEY}`) return sendJson(res, 401, { message: 'Invalid API key' });
  if (req.method === 'POST' && url === '/openapi/v1/image-to-3d') {
    const status = meshyPlan.createFailures.shift();
    if (status === 429) return sendJson(res, 429, { message: 'Too many requests' }, { 'retry-after': '1' });
    if (status) return sendJson(res, status, { message: 'Server error' });
    const id = `0193${meshyTasks.size.toString().padStart(4, '0')}-task`;
    meshyTasks.set(id, 0);
    return sendJson(res, 202, { result: id });
  }
  const task = /^\/openapi\/v1\/image-to-3d\/([^/]+)$/.exec(url);
  if (req.method === 'GET' && task && meshyTasks.has(task[1]!)) {
    const id = task[1]!;
    const polls = meshyTasks.get(id)! + 1;
    meshyTasks.set(id, polls);
    const done = polls >= meshyPlan.pollsToFinish;
    const status = done ? meshyPlan.finish : 'IN_PROGRESS';
    return sendJson(res, 200, {
      id,
      status,
      progress: done ? 100 : 50,
      model_urls: status === 'SUCCEEDED' ? { glb: `${meshy.url}/files/model.glb`, fbx: `${meshy.url}/files/model.fbx` } : {},
      task_error: { message: status === 'FAILED' ? meshyPlan.error : '' },
      created_at: Date.now(),
    });
  }
  sendJson(res, 404, { message: 'Not found' });
}

beforeAll(async () => {
  replicate = await startReplicateFake();
  meshy = await startFake(meshyRoute);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kingjam-mesh-sources-'));
  const figure = await figureWithAlpha();
  const relief = await offlineRelief('figure.png', figure);
  glb = relief.glb;
  triangles = relief.mesh.indices.length / 3;
  image = { bytes: figure, mimeType: 'image/png' };
});
afterAll(async () => {
  await replicate.close();
  await meshy.close();
  fs.rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  replicate.reset();
  replicate.outcomes = [{ status: 'succeeded', afterPolls: 1 }];
  replicate.files.set('/files/model.glb', { type: 'model/gltf-binary', body: Buffer.from(glb) });
  replicate.outputFor = (p) =>
    p.model === 'firtoz/trellis'
      ? { model_file: `${replicate.server.url}/files/model.glb`, color_video: `${replicate.server.url}/files/color.mp4`, no_background_images: [] }
      : { mesh: `${replicate.server.url}/files/model.glb` };
  Object.assign(meshyPlan, { createFailures: [], pollsToFinish: 2, finish: 'SUCCEEDED', error: '', glbStatus: 200, glbBody: null });
  meshy.seen.length = 0;
});

const replicateSecrets = (): Record<string, string> => ({ REPLICATE_API_TOKEN: replicate.token, KINGJAM_REPLICATE_BASE_URL: replicate.baseUrl });
const meshySecrets = (): Record<string, string> => ({ [MESHY_KEY_ENV]: MESHY_KEY, [MESHY_BASE_URL_ENV]: meshy.url });
const out = (name: string): string => path.join(dir, name);

describe('Replicate (TRELLIS, Hunyuan3D-2)', () => {
  it('TRELLIS: one versioned prediction with the picture, polled, its model_file downloaded and written as a GLB', async () => {
    const ctx = photoContext(replicateSecrets());
    const made = await replicateMesh({ backend: 'trellis', via: 'own', image, seed: 1001, out: out('trellis.glb'), pollMs: 20 }, ctx);
    expect(made.model).toBe('firtoz/trellis');
    const written = inspectGlb(fs.readFileSync(out('trellis.glb')));
    expect(written).toMatchObject({ triangles });
    expect(made.summary.triangles).toBe(triangles);
    const [create] = replicate.creates();
    expect(create?.path).toBe('/v1/predictions');
    const body = create?.json as { version: string; input: Record<string, unknown> };
    expect(body.version).toBe('e8f6c45206993f297372f5436b90350817bd9b4a0d52d2a76df50c1c8afa2b3c');
    expect(body.input).toMatchObject({ seed: 1001, generate_model: true });
    expect(String((body.input.images as string[])[0])).toMatch(/^data:image\/png;base64,/);
    expect(Buffer.from(String((body.input.images as string[])[0]).split(',')[1]!, 'base64').equals(image.bytes)).toBe(true);
    expect(ctx.reported.at(-1)).toBeGreaterThanOrEqual(0.85);
  });

  it('Hunyuan3D-2: the image field and the GLB in `mesh`; a 429 on create waits and creates once', async () => {
    replicate.createFailures = [{ created: false, status: 429, retryAfter: 1 }];
    const made = await replicateMesh({ backend: 'hunyuan3d', via: 'own', image, seed: 7, out: out('hunyuan.glb'), pollMs: 20 }, photoContext(replicateSecrets()));
    expect(made.model).toBe('tencent/hunyuan3d-2');
    expect(inspectGlb(fs.readFileSync(out('hunyuan.glb')))).toMatchObject({ triangles });
    expect(replicate.creates()).toHaveLength(2);
    expect(replicate.predictions.size).toBe(1);
    expect((replicate.creates()[1]?.json as { input: Record<string, unknown> }).input).toMatchObject({ seed: 7, remove_background: true, octree_resolution: 256 });
  });

  it('a failed prediction, a filtered one, and a download that is not a GLB each surface as a clear error', async () => {
    replicate.outcomes = [{ status: 'failed', afterPolls: 1, error: 'CUDA out of memory' }];
    const failed = await replicateMesh({ backend: 'trellis', via: 'own', image, seed: 1, out: out('f.glb'), pollMs: 20 }, photoContext(replicateSecrets())).catch((e: unknown) => e);
    expect(failed).toMatchObject({ code: 'PROVIDER_FAILED', retryable: true, key: 'mesh.source.failed' });

    replicate.reset();
    replicate.outcomes = [{ status: 'failed', afterPolls: 1, error: 'NSFW content detected' }];
    const filtered = await replicateMesh({ backend: 'trellis', via: 'own', image, seed: 1, out: out('f.glb'), pollMs: 20 }, photoContext(replicateSecrets())).catch((e: unknown) => e);
    expect(filtered).toMatchObject({ code: 'CONTENT_FILTERED' });

    replicate.reset();
    replicate.files.set('/files/model.glb', { type: 'text/html', body: Buffer.from('<html>Access denied</html>') });
    replicate.outputFor = () => ({ model_file: `${replicate.server.url}/files/model.glb` });
    const bad = await replicateMesh({ backend: 'trellis', via: 'own', image, seed: 1, out: out('bad.glb'), pollMs: 20 }, photoContext(replicateSecrets())).catch((e: unknown) => e);
    expect(bad).toMatchObject({ code: 'MODEL_OUTPUT_INVALID', key: 'mesh.source.badGlb' });
    const text = said((bad as { toInfo(): Parameters<typeof said>[0] }).toInfo());
    expect(text.en).toContain('TRELLIS');
    expect(text['zh-TW']).toContain('GLB');
    expect(fs.existsSync(out('bad.glb'))).toBe(false);
    expect(fs.existsSync(`${out('bad.glb')}.part`)).toBe(false);
  });

  it('a retired model id fails over to the successor the catalogue names, with a notice; one with no runnable successor is refused before any prediction', async () => {
    // The catalogue as it would read the day Replicate took firtoz/trellis down: gone, its successor named.
    const retire = (successor: string): CatalogModel[] =>
      MODEL_CATALOG.map((m) => (m.upstream === 'replicate' && m.id === 'firtoz/trellis' ? { ...m, lifecycle: { status: 'shut-down', shutdownOn: '2026-12-01', successor } } : m));
    const notices: string[] = [];
    const ctx = { ...photoContext(replicateSecrets()), notice: (l: ProgressLabel) => void notices.push(l) };
    const made = await replicateMesh({ backend: 'trellis', via: 'own', image, seed: 5, out: out('failover.glb'), pollMs: 20, catalog: retire('tencent/hunyuan3d-2') }, ctx);
    expect(made.model).toBe('tencent/hunyuan3d-2');
    expect(notices.map((n) => parseProgressLabel(n))).toEqual([{ key: 'modelRetired', params: { model: 'firtoz/trellis', successor: 'tencent/hunyuan3d-2' } }]);
    // One prediction, on the successor's pinned version with its own input: the retired id was never sent.
    expect(replicate.creates()).toHaveLength(1);
    const body = replicate.creates()[0]!.json as { version: string; input: Record<string, unknown> };
    expect(body.version).toBe(findModel('replicate', 'tencent/hunyuan3d-2')!.version);
    expect(body.input).toMatchObject({ seed: 5, remove_background: true });
    expect(inspectGlb(fs.readFileSync(out('failover.glb')))).toMatchObject({ triangles });

    // A successor this studio has no input for (nor the catalogue an entry): refused with the reason, nothing created, nothing paid.
    replicate.reset();
    const refused = await replicateMesh({ backend: 'trellis', via: 'own', image, seed: 5, out: out('gone.glb'), pollMs: 20, catalog: retire('microsoft/trellis-2') }, photoContext(replicateSecrets())).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'MODEL_UNAVAILABLE', key: 'mesh.source.modelGone', params: { model: 'TRELLIS' } });
    expect(replicate.creates()).toHaveLength(0);
    expect(fs.existsSync(out('gone.glb'))).toBe(false);
  });

  it('without a key or a sign-in it says what is missing before anything is sent', async () => {
    await expect(replicateMesh({ backend: 'trellis', via: 'own', image, seed: 1, out: out('x.glb') }, photoContext({}))).rejects.toMatchObject({ code: 'PROVIDER_NOT_CONFIGURED' });
    await expect(replicateMesh({ backend: 'trellis', via: 'cloud', image, seed: 1, out: out('x.glb') }, photoContext({}))).rejects.toMatchObject({ code: 'PROVIDER_NOT_CONFIGURED' });
    expect(replicate.creates()).toHaveLength(0);
  });
});

describe('Meshy', () => {
  it('creates an image-to-3D task with the picture as a data URI, polls it, downloads model_urls.glb', async () => {
    const ctx = photoContext(meshySecrets());
    const made = await meshyMesh({ image, out: out('meshy.glb'), pollMs: 20 }, ctx);
    expect(inspectGlb(fs.readFileSync(out('meshy.glb')))).toMatchObject({ triangles });
    expect(made.summary.triangles).toBe(triangles);
    const create = meshy.seen.find((s) => s.method === 'POST');
    expect(create?.path).toBe('/openapi/v1/image-to-3d');
    const body = create?.json as Record<string, unknown>;
    expect(String(body.image_url)).toBe(`data:image/png;base64,${image.bytes.toString('base64')}`);
    expect(body).toMatchObject({ should_texture: true });
    expect(meshy.seen.filter((s) => s.method === 'GET' && s.path.startsWith('/openapi/v1/image-to-3d/'))).toHaveLength(2);
    // The download goes without the key (a signed storage URL).
    expect(meshy.seen.find((s) => s.path === '/files/model.glb')?.headers.authorization).toBeUndefined();
  });

  it('a 429 on create waits and creates once more; a 500 on create is not repeated (the task may exist)', async () => {
    meshyPlan.createFailures = [429];
    await meshyMesh({ image, out: out('meshy-429.glb'), pollMs: 20 }, photoContext(meshySecrets()));
    expect(meshy.seen.filter((s) => s.method === 'POST')).toHaveLength(2);
    expect(fs.existsSync(out('meshy-429.glb'))).toBe(true);

    meshy.seen.length = 0;
    meshyPlan.createFailures = [500];
    const err = await meshyMesh({ image, out: out('meshy-500.glb'), pollMs: 20 }, photoContext(meshySecrets())).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'PROVIDER_FAILED', retryable: true, key: 'mesh.source.serviceError' });
    expect(meshy.seen.filter((s) => s.method === 'POST')).toHaveLength(1);
  });

  it('a failed task, a bad key, a missing key and a broken download are clear errors', async () => {
    meshyPlan.finish = 'FAILED';
    meshyPlan.error = 'The image could not be processed';
    await expect(meshyMesh({ image, out: out('m1.glb'), pollMs: 20 }, photoContext(meshySecrets()))).rejects.toMatchObject({ code: 'PROVIDER_FAILED', key: 'mesh.source.failed' });
    meshyPlan.finish = 'SUCCEEDED';
    await expect(meshyMesh({ image, out: out('m2.glb'), pollMs: 20 }, photoContext({ ...meshySecrets(), [MESHY_KEY_ENV]: 'msy_wrong_key_000000' }))).rejects.toMatchObject({ code: 'PROVIDER_AUTH_FAILED' });
    const missing = await meshyMesh({ image, out: out('m3.glb'), pollMs: 20 }, photoContext({ [MESHY_BASE_URL_ENV]: meshy.url })).catch((e: unknown) => e);
    expect(missing).toMatchObject({ code: 'PROVIDER_NOT_CONFIGURED', key: 'mesh.source.noKey' });
    expect(said((missing as { toInfo(): Parameters<typeof said>[0] }).toInfo())['zh-CN']).toContain('MESHY_API_KEY');
    meshyPlan.glbBody = Buffer.from(glb).subarray(0, 400);
    await expect(meshyMesh({ image, out: out('m4.glb'), pollMs: 20 }, photoContext(meshySecrets()))).rejects.toMatchObject({ code: 'MODEL_OUTPUT_INVALID' });
    expect(fs.existsSync(out('m4.glb'))).toBe(false);
  });
});
