import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { dispatchCall } from '../src/main/api/dispatch.js';
import { createHandlers } from '../src/main/api/handlers.js';
import { ProviderKeys } from '../src/main/providers/keys.js';
import { resolveFfTool } from '../src/node/ffmpeg.js';
import { aesGcmCipher, sealedFileStore } from '../src/main/secrets/store.js';
import type { Studio } from '../src/main/studio.js';
import type { ComfyWorkflow } from '../src/shared/comfy-workflow.js';
import type { BlogProject, Project, VideoProject } from '../src/shared/generate/projects.js';
import type { ConnectionCheck, ProviderStatus } from '../src/shared/providers.js';
import { contractCalls } from './helpers/calls.js';
import { openTestStudio, tempHome, until } from './helpers/studio.js';
import { sendJson, startFake, type FakeServer } from './providers/fake-server.js';

let studio: Studio;
const home = tempHome();
/** Meshy's balance endpoint as Meshy answers it: `{"balance": N}` for its key, 401 `{"message"}` for any other. */
let meshy: FakeServer;
beforeAll(async () => {
  meshy = await startFake((req, res) => {
    if (req.method === 'GET' && req.path === '/openapi/v1/balance') {
      if (req.headers.authorization === 'Bearer msy_good_key_0001') return sendJson(res, 200, { balance: 1000 });
      return sendJson(res, 401, { message: 'Invalid API key' });
    }
    sendJson(res, 404, { message: 'Not Found' });
  });
  // The worker processes read Meshy's address from their environment (the studio never sets it).
  process.env.KINGJAM_MESHY_BASE_URL = meshy.url;
  const secrets = sealedFileStore(path.join(home, 'secrets'), aesGcmCipher(randomBytes(32)), 'encrypted-file');
  studio = await openTestStudio(home, {}, true, { secrets }).ready();
});
afterAll(async () => {
  await studio.close();
  await meshy.close();
  delete process.env.KINGJAM_MESHY_BASE_URL;
});

describe('provider keys and connection tests', () => {
  it('keeps a key in the secret store, shows only its end, and hands it to workers in memory', async () => {
    const handlers = createHandlers(studio, 'web');
    const r = await dispatchCall(handlers, 'providers.setKey', { provider: 'gemini', key: 'AIzaSyExampleKey1234' });
    const gemini = (r as { value: ProviderStatus[] }).value.find((p) => p.id === 'gemini');
    expect(gemini).toEqual({ id: 'gemini', configured: true, source: 'keychain', detail: '…1234' });
    expect(studio.providers.forWorkers()).toMatchObject({ GEMINI_API_KEY: 'AIzaSyExampleKey1234' });
    // Never in the database.
    const db = fs.readFileSync(studio.store.file);
    expect(db.includes(Buffer.from('AIzaSyExampleKey1234'))).toBe(false);
    await dispatchCall(handlers, 'providers.setUrl', { provider: 'ollama', url: 'http://127.0.0.1:11434' });
    expect(studio.providers.forWorkers()).toMatchObject({ KINGJAM_OLLAMA_URL: 'http://127.0.0.1:11434' });
  });

  it('keeps the Meshy key of the 3D builder like the others and tests it against Meshy\'s balance, without spending anything', async () => {
    const handlers = createHandlers(studio, 'web');
    const saved = (await dispatchCall(handlers, 'providers.setKey', { provider: 'meshy', key: 'msy_wrong_key_9999' })) as { value: ProviderStatus[] };
    expect(saved.value.find((p) => p.id === 'meshy')).toEqual({ id: 'meshy', configured: true, source: 'keychain', detail: '…9999' });
    expect(studio.providers.forWorkers()).toMatchObject({ MESHY_API_KEY: 'msy_wrong_key_9999' });
    const refused = (await dispatchCall(handlers, 'providers.test', { provider: 'meshy' })) as { value: ConnectionCheck };
    expect(refused.value).toMatchObject({ ok: false, provider: 'meshy', error: { code: 'PROVIDER_AUTH_FAILED' } });
    await dispatchCall(handlers, 'providers.setKey', { provider: 'meshy', key: 'msy_good_key_0001' });
    const ok = (await dispatchCall(handlers, 'providers.test', { provider: 'meshy' })) as { value: ConnectionCheck };
    expect(ok.value).toMatchObject({ ok: true, provider: 'meshy', balance: 1000 });
    const asked = meshy.hits('/openapi/v1/balance', 'GET');
    expect(asked.map((h) => h.headers.authorization)).toEqual(['Bearer msy_wrong_key_9999', 'Bearer msy_good_key_0001']);
    expect(meshy.hits('/openapi/v1/image-to-3d', 'POST')).toHaveLength(0);
  });

  it('tests a connection in a worker: offline always answers; an unreachable local server says what to do', async () => {
    const handlers = createHandlers(studio, 'web');
    const offline = (await dispatchCall(handlers, 'providers.test', { provider: 'offline' })) as { value: ConnectionCheck };
    expect(offline.value.ok).toBe(true);
    expect(offline.value.models?.length).toBeGreaterThan(0);
    await dispatchCall(handlers, 'providers.setUrl', { provider: 'comfyui', url: 'http://127.0.0.1:9' });
    const comfy = (await dispatchCall(handlers, 'providers.test', { provider: 'comfyui' })) as { value: ConnectionCheck };
    expect(comfy.value.ok).toBe(false);
    expect(comfy.value.error?.code).toBe('PROVIDER_UNREACHABLE');
  });
});

/**
 * A ComfyUI server on loopback, just enough of its wire format for one run:
 * /prompt queues, /ws says the run finished, /history lists a video, /view serves it.
 */
async function fakeComfyUI(video: Buffer): Promise<{ fake: FakeServer; close: () => Promise<void> }> {
  const fake = await startFake((req, res) => {
    if (req.method === 'POST' && req.path === '/prompt') {
      const { client_id: clientId } = req.json as { client_id: string };
      const id = `p-${fake.hits('/prompt', 'POST').length}`;
      sendJson(res, 200, { prompt_id: id, number: 1, node_errors: {} });
      setTimeout(() => {
        for (const ws of wss.clients) ws.send(JSON.stringify({ type: 'execution_success', data: { prompt_id: id, client_id: clientId } }));
      }, 5);
      return;
    }
    if (req.path.startsWith('/history/')) {
      const id = decodeURIComponent(req.path.slice('/history/'.length));
      return sendJson(res, 200, { [id]: { outputs: { '9': { gifs: [{ filename: 'KJ_00001.mp4', subfolder: '', type: 'output' }] } }, status: { status_str: 'success', completed: true } } });
    }
    if (req.path.startsWith('/view?')) {
      res.writeHead(200, { 'content-type': 'video/mp4' });
      return void res.end(video);
    }
    sendJson(res, 404, { error: 'not found' });
  });
  const wss = new WebSocketServer({ server: fake.server, path: '/ws' });
  return {
    fake,
    close: async () => {
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      await fake.close();
    },
  };
}

/** A video workflow as ComfyUI's "Save (API format)" writes it: the bare graph, the prompt node titled. */
const videoGraph: ComfyWorkflow['graph'] = {
  '3': { class_type: 'KSampler', inputs: { seed: 1, steps: 20, model: ['4', 0], positive: ['6', 0], latent_image: ['5', 0] } },
  '4': { class_type: 'CheckpointLoaderSimple', inputs: { ckpt_name: 'wan.safetensors' } },
  '5': { class_type: 'EmptyHunyuanLatentVideo', inputs: { width: 848, height: 480, length: 25, batch_size: 1 } },
  '6': { class_type: 'CLIPTextEncode', inputs: { text: '', clip: ['4', 1] }, _meta: { title: 'Prompt' } },
  '9': { class_type: 'VHS_VideoCombine', inputs: { images: ['3', 0], frame_rate: 8 } },
};

async function settled<P extends Project>(id: string, done: (p: P) => boolean): Promise<P> {
  return until(() => {
    const p = studio.generate.get(id) as P;
    return done(p) ? p : null;
  }, `project ${id}`, 120_000);
}

describe('ComfyUI workflows imported in Settings', () => {
  const { call, refused } = contractCalls(() => createHandlers(studio, 'web'));
  const comfy = (list: ProviderStatus[]) => list.find((p) => p.id === 'comfyui')!;

  it('refuses a file that is not a workflow, keeps a good one as a file for the workers, runs it, and removes it', async () => {
    process.env.KINGJAM_VIDEO_ENCODER = 'libx264';
    const clip = path.join(home, 'clip.mp4');
    execFileSync(resolveFfTool('ffmpeg').path, ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'color=c=navy:s=180x320:d=3:r=24', '-pix_fmt', 'yuv420p', clip]);
    const server = await fakeComfyUI(fs.readFileSync(clip));
    try {
      await call('providers.setUrl', { provider: 'comfyui', url: server.fake.url });
      const bad = await refused('providers.setComfyWorkflow', { kind: 'video', workflow: '{"3": {', name: 'broken.json' });
      expect(bad.code).toBe('WORKFLOW_INVALID');
      expect(bad.message).toContain('broken.json is not valid JSON');
      expect(bad.hint).toContain('Save (API format)');
      const editor = await refused('providers.setComfyWorkflow', { kind: 'video', workflow: JSON.stringify({ nodes: [], links: [] }), name: 'editor.json' });
      expect(editor.message).toContain("editor.json is ComfyUI's editor format");
      expect(comfy(await call('providers.status', {})).workflows).toBeUndefined();

      const list = await call('providers.setComfyWorkflow', { kind: 'video', workflow: JSON.stringify(videoGraph), name: 'wan-video.json' });
      expect(comfy(list).workflows).toEqual({ video: { name: 'wan-video.json', inputs: ['prompt', 'seed', 'width', 'height'] } });
      const file = studio.providers.forWorkers().KINGJAM_COMFYUI_VIDEO_WORKFLOW!;
      expect(file.startsWith(studio.paths.home)).toBe(true);
      expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual(videoGraph);

      // A Director video rendered with ComfyUI: the worker reads the workflow from that file and queues it filled in.
      const started = await studio.generate.video({ topic: '夜市小吃', sceneCount: 2, targetSeconds: 10, height: 320, quality: 'draft', backend: 'comfyui' });
      await settled<VideoProject>(started.id, (p) => p.status === 'scripted');
      await studio.generate.render(started.id);
      const done = await settled<VideoProject>(started.id, (p) => p.status === 'ready' || p.status === 'failed');
      expect(done.error).toBeNull();
      expect(fs.statSync(done.output!.output).size).toBeGreaterThan(0);
      const queued = server.fake.hits('/prompt', 'POST').map((r) => (r.json as { prompt: ComfyWorkflow['graph'] }).prompt);
      expect(queued).toHaveLength(2);
      expect(queued.map((g) => g['6']?.inputs.text)).toEqual(done.script!.scenes.map((s) => s.visualPrompt));
      expect(queued[0]?.['5']?.inputs).toMatchObject({ width: 576, height: 1024 });

      // The stored file broken behind our back: an offline job still runs; ComfyUI's scene fails naming the file.
      fs.writeFileSync(file, 'not json');
      const blog = await studio.generate.blog({ topic: '台北週末咖啡廳', length: 300 });
      expect((await settled<BlogProject>(blog.id, (p) => p.status === 'ready' || p.status === 'failed')).status).toBe('ready');
      const again = await studio.generate.video({ topic: '夜市小吃', sceneCount: 2, targetSeconds: 10, height: 320, quality: 'draft', backend: 'comfyui' });
      await settled<VideoProject>(again.id, (p) => p.status === 'scripted');
      await studio.generate.render(again.id);
      const failed = await settled<VideoProject>(again.id, (p) => p.status === 'failed' || p.scenes.some((s) => s.status === 'failed'));
      const sceneError = failed.error ?? failed.scenes.find((s) => s.error)?.error;
      expect(JSON.stringify(sceneError)).toContain('WORKFLOW_INVALID');
      expect(JSON.stringify(sceneError)).toContain(`${file} is not valid JSON`);

      const cleared = await call('providers.setComfyWorkflow', { kind: 'video', workflow: null });
      expect(comfy(cleared).workflows).toBeUndefined();
      expect(fs.existsSync(file)).toBe(false);
      expect(studio.providers.forWorkers().KINGJAM_COMFYUI_VIDEO_WORKFLOW).toBeUndefined();
    } finally {
      await server.close();
    }
  }, 180_000);
});

describe('ComfyUI workflows named by the environment', () => {
  it('shows a usable one in the status (so the Director offers ComfyUI) and leaves out one that is not', () => {
    const good = path.join(home, 'env-video.json');
    fs.writeFileSync(good, JSON.stringify(videoGraph));
    const bad = path.join(home, 'env-image.json');
    fs.writeFileSync(bad, '{"nodes": [], "links": []}');
    const env = { KINGJAM_COMFYUI_VIDEO_WORKFLOW: good, KINGJAM_COMFYUI_IMAGE_WORKFLOW: bad };
    const keys = new ProviderKeys(studio.store, null, path.join(home, 'env-comfyui'), env);
    const comfyui = keys.status().find((p) => p.id === 'comfyui');
    expect(comfyui).toMatchObject({ configured: true, workflows: { video: { name: 'env-video.json', inputs: ['prompt', 'seed', 'width', 'height'], env: 'KINGJAM_COMFYUI_VIDEO_WORKFLOW' } } });
    expect(comfyui?.workflows?.image).toBeUndefined();
  });
});
