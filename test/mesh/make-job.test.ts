import fs from 'node:fs';
import type http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMFY_MESH_WORKFLOW_ENV } from '../../src/shared/mesh/backends.js';
import { meshEstimate, meshCostText } from '../../src/shared/mesh/estimate.js';
import { meshJobKinds } from '../../src/shared/mesh/jobs.js';
import { findModel } from '../../src/shared/models.js';
import { actualCost, maxCost } from '../../cloud-sync/src/gateway/replicate-prices.js';
import { makeMesh } from '../../src/workers/mesh/make-job.js';
import { inspectGlb } from '../../src/workers/mesh/sources/glb.js';
import { offlineRelief } from '../../src/workers/mesh/sources/offline.js';
import { sendJson, startFake, type FakeServer, type Seen } from '../providers/fake-server.js';
import { photoContext } from '../photo/online-support.js';
import { figureOnWhite } from './sources-support.js';

/**
 * The `mesh.make` job as the mesh worker runs it: the offline draft from a
 * picture on disk, the user's ComfyUI 3D workflow on a loopback ComfyUI
 * (upload, queue, history with SaveGLB's `3d` output, view), a picture that
 * is not one, and what each backend costs.
 */

let dir: string;
let figurePath: string;
let comfy: FakeServer;
let glb: Buffer;

function comfyRoute(req: Seen, res: http.ServerResponse): void {
  const url = req.path.split('?')[0] ?? '';
  if (req.method === 'POST' && url === '/upload/image') return sendJson(res, 200, { name: 'kingjam-3d.png', subfolder: 'kingjam', type: 'input' });
  if (req.method === 'POST' && url === '/prompt') return sendJson(res, 200, { prompt_id: 'p-1', number: 1, node_errors: {} });
  if (req.method === 'GET' && url === '/history/p-1') {
    return sendJson(res, 200, { 'p-1': { outputs: { '9': { '3d': [{ filename: 'mesh_00001_.glb', subfolder: 'mesh', type: 'output' }] } }, status: { status_str: 'success', completed: true, messages: [] } } });
  }
  if (req.method === 'GET' && url === '/view') {
    const q = new URL(req.path, 'http://x').searchParams;
    if (q.get('filename') !== 'mesh_00001_.glb' || q.get('subfolder') !== 'mesh') return sendJson(res, 404, { error: 'no file' });
    res.writeHead(200, { 'content-type': 'model/gltf-binary', 'content-length': glb.length });
    return void res.end(glb);
  }
  sendJson(res, 404, { error: 'not found' });
}

const WORKFLOW = {
  '1': { class_type: 'LoadImage', inputs: { image: 'example.png' }, _meta: { title: 'Load Image' } },
  '3': { class_type: 'Hunyuan3Dv2Conditioning', inputs: { clip_vision_output: ['2', 0] } },
  '5': { class_type: 'KSampler', inputs: { seed: 0, steps: 30, model: ['4', 0] } },
  '9': { class_type: 'SaveGLB', inputs: { mesh: ['8', 0], filename_prefix: 'mesh/ComfyUI' } },
};

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kingjam-mesh-make-'));
  const figure = await figureOnWhite();
  figurePath = path.join(dir, 'figure.png');
  fs.writeFileSync(figurePath, figure);
  glb = Buffer.from((await offlineRelief(figurePath, figure)).glb);
  comfy = await startFake(comfyRoute);
});
afterAll(async () => {
  await comfy.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('mesh.make', () => {
  it('offline: a draft relief GLB at payload.out, its triangles counted', async () => {
    const payload = meshJobKinds['mesh.make'].payload.parse({ image: figurePath, backend: 'offline', out: path.join(dir, 'out', 'offline.glb') });
    const result = await makeMesh(payload, photoContext({}));
    expect(result).toMatchObject({ backend: 'offline', draft: true, model: 'offline-relief', path: payload.out });
    expect(inspectGlb(fs.readFileSync(payload.out))).toMatchObject({ triangles: result.triangles });
    expect(result.triangles).toBeGreaterThan(10_000);
  });

  it('comfyui: the picture goes to the workflow\'s LoadImage, the seed to its sampler, the SaveGLB output is kept', async () => {
    const workflow = path.join(dir, 'hunyuan3d-api.json');
    fs.writeFileSync(workflow, JSON.stringify(WORKFLOW));
    const payload = meshJobKinds['mesh.make'].payload.parse({ image: figurePath, backend: 'comfyui', workflow, seed: 4242, out: path.join(dir, 'comfy.glb') });
    const result = await makeMesh(payload, photoContext({ KINGJAM_COMFYUI_URL: comfy.url }));
    expect(result).toMatchObject({ backend: 'comfyui', draft: false, model: 'workflow:3d' });
    expect(fs.readFileSync(payload.out).equals(glb)).toBe(true);
    const queued = comfy.seen.find((s) => s.path === '/prompt')?.json as { prompt: Record<string, { inputs: Record<string, unknown> }> };
    expect(queued.prompt['1']!.inputs.image).toBe('kingjam/kingjam-3d.png');
    expect(queued.prompt['5']!.inputs.seed).toBe(4242);
    // Without a workflow anywhere it says where to set one.
    const none = meshJobKinds['mesh.make'].payload.parse({ image: figurePath, backend: 'comfyui', out: path.join(dir, 'none.glb') });
    await expect(makeMesh(none, photoContext({ KINGJAM_COMFYUI_URL: comfy.url, [COMFY_MESH_WORKFLOW_ENV]: '' }))).rejects.toMatchObject({ key: 'mesh.source.noWorkflow' });
  });

  it('a file that is not a picture is refused before any backend is called', async () => {
    const notImage = path.join(dir, 'notes.png');
    fs.writeFileSync(notImage, 'not a picture');
    const payload = meshJobKinds['mesh.make'].payload.parse({ image: notImage, backend: 'offline', out: path.join(dir, 'x.glb') });
    await expect(makeMesh(payload, photoContext({}))).rejects.toMatchObject({ code: 'INVALID_MEDIA', key: 'mesh.source.badImage' });
  });

  it('costs: credits on KingJam Cloud from the catalogue, nothing on own keys and local backends', () => {
    expect(meshEstimate({ backend: 'trellis', via: 'cloud' })).toEqual({ total: 30, lines: [{ label: 'mesh.trellis', credits: 30, billing: 'credits' }] });
    expect(meshEstimate({ backend: 'hunyuan3d', via: 'cloud' }).total).toBe(60);
    expect(meshEstimate({ backend: 'hunyuan3d', via: 'own' })).toEqual({ total: 0, lines: [{ label: 'mesh.hunyuan3d', credits: 0, billing: 'own-key' }] });
    expect(meshEstimate({ backend: 'meshy', via: 'cloud' }).lines[0]).toMatchObject({ credits: 0, billing: 'own-key' });
    expect(meshEstimate({ backend: 'offline', via: 'cloud' })).toEqual({ total: 0, lines: [] });
    expect(meshCostText({ backend: 'trellis', via: 'cloud' })).toBe('30 credits (KingJam Cloud)');
    expect(meshCostText({ backend: 'comfyui', via: 'own' })).toMatch(/^free/);
  });

  it('the gateway holds and charges one 3D model per TRELLIS prediction, whatever previews come with it, and nothing when no file came back', () => {
    const trellis = findModel('replicate', 'firtoz/trellis')!;
    const held = maxCost(trellis, { images: ['data:image/png;base64,AAAA'], generate_model: true });
    expect(held).toEqual({ credits: 30, units: { models: 1 } });
    if ('field' in held) throw new Error('unpriceable');
    expect(actualCost(trellis, held, { model_file: 'https://replicate.delivery/a/model.glb', color_video: 'https://replicate.delivery/a/c.mp4' })).toEqual({ credits: 30, units: { models: 1 } });
    expect(actualCost(trellis, held, null)).toEqual({ credits: 0, units: { models: 0 } });
  });
});
