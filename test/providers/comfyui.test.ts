import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { WebSocketServer, type WebSocket } from 'ws';
import { ComfyUIProvider } from '../../src/workers/generation/providers/comfyui.js';
import { fillWorkflow, sizeFor } from '../../src/workers/generation/providers/comfyui-workflow.js';
import { createProviders, providersConfigFromEnv } from '../../src/workers/generation/providers/index.js';
import type { ComfyWorkflow } from '../../src/shared/comfy-workflow.js';
import { parseProgressLabel } from '../../src/shared/progress-labels.js';
import type { AppliedStyle } from '../../src/shared/style/profile.js';
import { withStyle } from '../../src/workers/style/apply.js';
import { type FakeServer, FAST_RETRY, rejection, type Route, type Seen, sendJson, startFake, waitFor } from './fake-server.js';

/** ComfyUI's HTTP routes and /ws events (providers.md) on loopback; our client uploads, queues, follows and fetches. */

/** A user's "Save (API format)" export, with nodes titled after the inputs they take. */
const workflow: ComfyWorkflow = {
  graph: {
    '3': { class_type: 'KSampler', inputs: { seed: 1, steps: 20, cfg: 7, model: ['4', 0], positive: ['6', 0], negative: ['7', 0], latent_image: ['5', 0] } },
    '4': { class_type: 'CheckpointLoaderSimple', inputs: { ckpt_name: 'sdxl.safetensors' } },
    '5': { class_type: 'EmptyLatentImage', inputs: { width: 512, height: 512, batch_size: 1 } },
    '6': { class_type: 'CLIPTextEncode', inputs: { text: 'old prompt', clip: ['4', 1] }, _meta: { title: 'prompt' } },
    '7': { class_type: 'CLIPTextEncode', inputs: { text: '', clip: ['4', 1] }, _meta: { title: 'kingjam: negative' } },
    '8': { class_type: 'VAEDecode', inputs: { samples: ['3', 0], vae: ['4', 2] } },
    '9': { class_type: 'SaveImage', inputs: { images: ['8', 0], filename_prefix: 'KJ' } },
  },
};
const img2img: ComfyWorkflow = {
  graph: {
    ...workflow.graph,
    '10': { class_type: 'LoadImage', inputs: { image: 'example.png' }, _meta: { title: 'image' } },
    '11': { class_type: 'VHS_VideoCombine', inputs: { images: ['8', 0], frame_rate: 8 } },
  },
};

const png = Buffer.from('89504e470d0a1a0a0000', 'hex');
const mp4 = Buffer.from('comfy-video-'.repeat(50));

let route: Route;
let fake: FakeServer;
let wss: WebSocketServer;
const sockets = new Map<string, WebSocket>();
let dir: string;

/** One node class as ComfyUI's GET /object_info describes it (server.py node_info). */
function nodeInfo(name: string, category: string, required: Record<string, unknown>, output: string[]): Record<string, unknown> {
  return { input: { required }, input_order: { required: Object.keys(required) }, output, output_is_list: output.map(() => false), output_name: output, name, display_name: name, description: '', python_module: 'nodes', category, output_node: false };
}
const CORE_NODES = {
  KSampler: nodeInfo('KSampler', 'sampling', { model: ['MODEL'], seed: ['INT', { default: 0 }] }, ['LATENT']),
  CheckpointLoaderSimple: nodeInfo('CheckpointLoaderSimple', 'loaders', { ckpt_name: [['sdxl.safetensors']] }, ['MODEL', 'CLIP', 'VAE']),
  LoadImage: nodeInfo('LoadImage', 'image', { image: [['kingjam/kingjam-upload.png'], { image_upload: true }] }, ['IMAGE', 'MASK']),
};
const IP_ADAPTER_PLUS = {
  IPAdapterUnifiedLoader: { ...nodeInfo('IPAdapterUnifiedLoader', 'ipadapter', { model: ['MODEL'], preset: [['LIGHT - SD1.5 only (low strength)', 'STANDARD (medium strength)', 'VIT-G (medium strength)', 'PLUS (high strength)']] }, ['MODEL', 'IPADAPTER']), python_module: 'custom_nodes.ComfyUI_IPAdapter_plus' },
  IPAdapterAdvanced: { ...nodeInfo('IPAdapterAdvanced', 'ipadapter', { model: ['MODEL'], ipadapter: ['IPADAPTER'], image: ['IMAGE'], weight: ['FLOAT', { default: 1 }] }, ['MODEL']), python_module: 'custom_nodes.ComfyUI_IPAdapter_plus' },
};
/** What the fake's GET /object_info lists: a stock ComfyUI, or one with ComfyUI_IPAdapter_plus installed. */
let objectInfo: Record<string, unknown> = CORE_NODES;

/** How the fake runs a queued prompt: a script of WS events, or nothing (then the test drives it). */
let onQueued: (promptId: string, clientId: string, ws: WebSocket | undefined) => void = () => undefined;
let eventsFirst = false;

function send(ws: WebSocket | undefined, type: string, data: Record<string, unknown>): void {
  ws?.send(JSON.stringify({ type, data }));
}

function defaultRoute(req: Seen, res: Parameters<Route>[1]): void {
  if (req.method === 'POST' && req.path === '/prompt') {
    const body = req.json as { client_id: string };
    // eventsFirst: a fully cached run can be over before the client has read the queue answer.
    if (eventsFirst) onQueued('p-1', body.client_id, sockets.get(body.client_id));
    sendJson(res, 200, { prompt_id: 'p-1', number: 1, node_errors: {} });
    if (!eventsFirst) setTimeout(() => onQueued('p-1', body.client_id, sockets.get(body.client_id)), 5);
    return;
  }
  if (req.method === 'POST' && req.path === '/upload/image') return sendJson(res, 200, { name: 'kingjam-upload.png', subfolder: 'kingjam', type: 'input' });
  if (req.path === '/history/p-1') {
    return sendJson(res, 200, {
      'p-1': {
        prompt: [],
        outputs: { '9': { images: [{ filename: 'KJ_00001_.png', subfolder: '', type: 'output' }, { filename: 'KJ_temp.png', subfolder: '', type: 'temp' }] }, '11': { gifs: [{ filename: 'KJ_00001.mp4', subfolder: 'video', type: 'output', format: 'video/h264-mp4' }] } },
        status: { status_str: 'success', completed: true, messages: [] },
      },
    });
  }
  if (req.path.startsWith('/view?')) {
    const isVideo = req.path.includes('.mp4');
    res.writeHead(200, { 'content-type': isVideo ? 'video/mp4' : 'image/png' });
    return void res.end(isVideo ? mp4 : png);
  }
  if (req.method === 'POST' && (req.path === '/interrupt' || req.path === '/queue')) return sendJson(res, 200, {});
  if (req.path === '/system_stats') return sendJson(res, 200, { system: { os: 'posix', comfyui_version: '0.3.60' }, devices: [] });
  if (req.path === '/models/checkpoints') return sendJson(res, 200, ['sdxl.safetensors']);
  if (req.path === '/object_info') return sendJson(res, 200, objectInfo);
  sendJson(res, 404, { error: 'not found' });
}

/** A full successful run, as ComfyUI reports it. */
function runToCompletion(promptId: string, _clientId: string, ws: WebSocket | undefined): void {
  send(ws, 'status', { status: { exec_info: { queue_remaining: 1 } } });
  send(ws, 'execution_start', { prompt_id: promptId });
  send(ws, 'execution_cached', { nodes: ['4'], prompt_id: promptId });
  for (const node of ['5', '6', '7', '3']) {
    send(ws, 'executing', { node, prompt_id: promptId });
    if (node === '3') for (let v = 1; v <= 4; v++) send(ws, 'progress', { value: v, max: 4, node: '3', prompt_id: promptId });
  }
  ws?.send(Buffer.concat([Buffer.from([0, 0, 0, 1, 0, 0, 0, 2]), png])); // a preview frame
  send(ws, 'executing', { node: '9', prompt_id: promptId });
  send(ws, 'executed', { node: '9', output: { images: [] }, prompt_id: promptId });
  send(ws, 'execution_success', { prompt_id: promptId });
}

beforeAll(async () => {
  fake = await startFake((req, res) => route(req, res));
  wss = new WebSocketServer({ server: fake.server, path: '/ws' });
  wss.on('connection', (ws, req) => {
    const clientId = new URL(req.url ?? '/', 'http://x').searchParams.get('clientId') ?? '';
    sockets.set(clientId, ws);
    send(ws, 'status', { status: { exec_info: { queue_remaining: 0 } }, sid: clientId });
  });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kj-comfy-'));
});
afterAll(async () => {
  for (const ws of wss.clients) ws.terminate();
  wss.close();
  await fake.close();
  fs.rmSync(dir, { recursive: true, force: true });
});
afterEach(() => {
  fake.seen.length = 0;
  route = defaultRoute;
  onQueued = runToCompletion;
  eventsFirst = false;
  objectInfo = CORE_NODES;
});
route = defaultRoute;
onQueued = runToCompletion;

function provider(): ComfyUIProvider {
  return new ComfyUIProvider({ baseUrl: fake.url, workflows: { image: workflow, video: img2img }, retry: FAST_RETRY, timeoutMs: 5000 });
}

describe('ComfyUI workflows', () => {
  it('fills the named inputs without touching links or the original graph', () => {
    const graph = fillWorkflow(workflow, { prompt: 'a red fox', negative: 'blurry', seed: 42, width: 768, height: 1344 });
    expect(graph['6']?.inputs).toEqual({ text: 'a red fox', clip: ['4', 1] });
    expect(graph['7']?.inputs.text).toBe('blurry');
    expect(graph['3']?.inputs.seed).toBe(42);
    expect(graph['5']?.inputs).toMatchObject({ width: 768, height: 1344 });
    expect(workflow.graph['6']?.inputs.text).toBe('old prompt');
    expect(sizeFor('9:16')).toEqual({ width: 576, height: 1024 });
    expect(sizeFor('16:9', 'fine')).toEqual({ width: 1536, height: 896 });
  });

  it('says what is missing from a workflow', () => {
    const untitled: ComfyWorkflow = { graph: { '1': { class_type: 'CLIPTextEncode', inputs: { text: '' } } } };
    expect(() => fillWorkflow(untitled, { prompt: 'x' })).toThrow(/no node titled "prompt"/);
    expect(() => fillWorkflow(img2img, { prompt: 'x' })).toThrow(/needs an input image/);
    const bound: ComfyWorkflow = { ...untitled, bindings: { prompt: { node: '1', input: 'text' } } };
    expect(fillWorkflow(bound, { prompt: 'hello' })['1']?.inputs.text).toBe('hello');
  });
});

describe('ComfyUI runs', () => {
  it('queues, reports progress over the WebSocket, and fetches the image', async () => {
    const progress: number[] = [];
    const out = await provider().image.generateImage({ prompt: 'a red fox', negativePrompt: 'blurry', seed: 7, aspectRatio: '16:9' }, { onProgress: (f) => progress.push(f) });
    expect(out.images).toHaveLength(1);
    expect(out.images[0]?.bytes.equals(png)).toBe(true);
    const queuedReq = fake.hits('/prompt', 'POST')[0]?.json as { prompt: ComfyWorkflow['graph']; client_id: string };
    expect(queuedReq.prompt['6']?.inputs.text).toBe('a red fox');
    expect(queuedReq.prompt['3']?.inputs.seed).toBe(7);
    expect(queuedReq.prompt['5']?.inputs).toMatchObject({ width: 1024, height: 576 });
    expect(sockets.has(queuedReq.client_id)).toBe(true);
    expect(fake.hits('/view?filename=KJ_00001_.png&subfolder=&type=output')).toHaveLength(1);
    // Progress rises through the sampler's steps and never goes backwards.
    expect(progress.length).toBeGreaterThan(6);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.some((p) => p > 0.5)).toBe(true);
  });

  it('uploads the input image and downloads the video', async () => {
    const outPath = path.join(dir, 'comfy.mp4');
    const out = await provider().video.generateVideo({ prompt: 'waves', image: { bytes: png, mimeType: 'image/png' }, outPath, durationSec: 4 });
    expect(out).toMatchObject({ kind: 'video', path: outPath, mimeType: 'video/mp4' });
    expect(fs.readFileSync(outPath).equals(mp4)).toBe(true);
    const upload = fake.hits('/upload/image', 'POST')[0];
    expect(upload?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(upload?.body).toContain('name="image"; filename="kingjam-');
    expect(upload?.body).toContain('name="subfolder"');
    const queuedReq = fake.hits('/prompt', 'POST')[0]?.json as { prompt: ComfyWorkflow['graph'] };
    expect(queuedReq.prompt['10']?.inputs.image).toBe('kingjam/kingjam-upload.png');
  });

  it('keeps events that arrive before the queue answer', async () => {
    eventsFirst = true;
    const out = await provider().image.generateImage({ prompt: 'cached' });
    expect(out.images).toHaveLength(1);
  });

  it('falls back to history when the WebSocket drops mid-run', async () => {
    onQueued = (promptId, _c, ws) => {
      send(ws, 'execution_start', { prompt_id: promptId });
      ws?.close();
    };
    const out = await provider().image.generateImage({ prompt: 'x' });
    expect(out.images).toHaveLength(1);
    expect(fake.hits('/history/p-1').length).toBeGreaterThanOrEqual(2);
  });

  it('interrupts ComfyUI when the job is canceled', async () => {
    onQueued = (promptId, _c, ws) => {
      send(ws, 'execution_start', { prompt_id: promptId });
      send(ws, 'executing', { node: '3', prompt_id: promptId });
      send(ws, 'progress', { value: 1, max: 30, node: '3', prompt_id: promptId });
    };
    const controller = new AbortController();
    const seenProgress: number[] = [];
    const pending = provider().image.generateImage({ prompt: 'slow' }, { signal: controller.signal, onProgress: (f) => seenProgress.push(f) });
    await waitFor(() => seenProgress.length >= 3);
    controller.abort();
    expect((await rejection(pending)).code).toBe('CANCELED');
    await waitFor(() => fake.hits('/interrupt', 'POST').length === 1 && fake.hits('/queue', 'POST').length === 1);
    expect(fake.hits('/interrupt')[0]?.json).toEqual({ prompt_id: 'p-1' });
    expect(fake.hits('/queue')[0]?.json).toEqual({ delete: ['p-1'] });
  });

  it('reports a rejected graph and a node that fails while running', async () => {
    route = (req, res) =>
      req.path === '/prompt'
        ? sendJson(res, 400, {
            error: { type: 'prompt_outputs_failed_validation', message: 'Prompt outputs failed validation', details: '' },
            node_errors: { '4': { errors: [{ type: 'value_not_in_list', message: 'Value not in list', details: "ckpt_name: 'sdxl.safetensors' not in []" }], class_type: 'CheckpointLoaderSimple' } },
          })
        : defaultRoute(req, res);
    const rejected = await rejection(provider().image.generateImage({ prompt: 'x' }));
    expect(rejected.code).toBe('WORKFLOW_INVALID');
    expect(rejected.message).toContain("ckpt_name: 'sdxl.safetensors' not in []");

    route = defaultRoute;
    onQueued = (promptId, _c, ws) => {
      send(ws, 'execution_start', { prompt_id: promptId });
      send(ws, 'execution_error', { prompt_id: promptId, node_id: '3', node_type: 'KSampler', exception_message: 'CUDA out of memory' });
    };
    const failed = await rejection(provider().image.generateImage({ prompt: 'x' }));
    expect(failed.code).toBe('PROVIDER_FAILED');
    expect(failed.message).toContain('KSampler');
    expect(failed.message).toContain('CUDA out of memory');
  });

  it('tests the connection, and says when ComfyUI is not running', async () => {
    const report = await provider().testConnection();
    expect(report).toMatchObject({ ok: true, detail: 'ComfyUI 0.3.60' });
    if (report.ok) expect(report.models.map((m) => m.id)).toEqual(['workflow:image', 'workflow:video', 'sdxl.safetensors']);

    const down = new ComfyUIProvider({ baseUrl: 'http://127.0.0.1:9', workflows: { image: workflow }, retry: FAST_RETRY });
    const err = await rejection(down.image.generateImage({ prompt: 'x' }));
    expect(err.code).toBe('PROVIDER_UNREACHABLE');
    expect((await down.testConnection()).ok).toBe(false);
  });
});

/** The file part named `field` of a multipart body, as bytes. */
function multipartFile(seen: Seen, field: string): Buffer | null {
  const boundary = /boundary=(.+)$/.exec(String(seen.headers['content-type']))?.[1];
  if (!boundary) return null;
  const marker = Buffer.from(`--${boundary}`);
  let at = seen.raw.indexOf(marker);
  while (at >= 0) {
    const next = seen.raw.indexOf(marker, at + marker.length);
    const part = seen.raw.subarray(at + marker.length, next < 0 ? undefined : next);
    const headEnd = part.indexOf('\r\n\r\n');
    if (headEnd > 0 && part.subarray(0, headEnd).toString().includes(`name="${field}"; filename=`)) return part.subarray(headEnd + 4, part.length - 2);
    at = next;
  }
  return null;
}

describe('a locked style through ComfyUI', () => {
  // A real PNG of noise: bytes that are not UTF-8, so a mangled upload would not compare equal.
  let reference: Buffer;
  beforeAll(async () => {
    const noise = Buffer.from(Array.from({ length: 32 * 32 * 3 }, (_, i) => (i * 97 + 13) % 256));
    reference = await sharp(noise, { raw: { width: 32, height: 32, channels: 3 } }).png().toBuffer();
  });
  const style: AppliedStyle = {
    styleId: 's-1',
    name: 'Picture book',
    promptFragment: 'flat pastel shapes, bold navy outlines',
    negativePrompt: 'photorealism',
    seed: 42,
    referencePaths: [],
    comfy: { ipAdapter: { weight: 0.65, image: '' } },
  };

  function styled(): AppliedStyle {
    const file = path.join(dir, 'style-ref.png');
    fs.writeFileSync(file, reference);
    return { ...style, comfy: { ipAdapter: { weight: 0.65, image: file } } };
  }

  it('uploads the reference and wires IP-Adapter nodes to it and to the model, when ComfyUI has them', async () => {
    objectInfo = { ...CORE_NODES, ...IP_ADAPTER_PLUS };
    const notices: string[] = [];
    const comfy = new ComfyUIProvider({ baseUrl: fake.url, workflows: { image: workflow }, retry: FAST_RETRY, timeoutMs: 5000 }, { onNotice: (l) => notices.push(l) });
    const out = await comfy.image.generateImage(await withStyle({ prompt: 'a fox' }, styled(), 'comfyui'));
    expect(out.images).toHaveLength(1);
    expect(notices).toEqual([]);
    expect(fake.hits('/object_info', 'GET')).toHaveLength(1);
    const uploads = fake.hits('/upload/image', 'POST');
    expect(uploads).toHaveLength(1);
    expect(multipartFile(uploads[0]!, 'image')?.equals(reference)).toBe(true);
    const graph = (fake.hits('/prompt', 'POST')[0]?.json as { prompt: ComfyWorkflow['graph'] }).prompt;
    const byClass = (c: string) => Object.entries(graph).filter(([, n]) => n.class_type === c);
    const [[loadId, load]] = byClass('LoadImage') as [[string, ComfyWorkflow['graph'][string]]];
    const [[loaderId, loader]] = byClass('IPAdapterUnifiedLoader') as [[string, ComfyWorkflow['graph'][string]]];
    const [[applyId, apply]] = byClass('IPAdapterAdvanced') as [[string, ComfyWorkflow['graph'][string]]];
    expect(load.inputs.image).toBe('kingjam/kingjam-upload.png');
    expect(loader.inputs).toMatchObject({ model: ['4', 0], preset: 'PLUS (high strength)' });
    expect(apply.inputs).toMatchObject({ model: [loaderId, 0], ipadapter: [loaderId, 1], image: [loadId, 0], weight: 0.65 });
    // The sampler now denoises with the adapted model; the prompt still carries the fragment.
    expect(graph['3']?.inputs.model).toEqual([applyId, 0]);
    expect(graph['6']?.inputs.text).toContain('flat pastel shapes');
    expect(graph['3']?.inputs.seed).toBe(42);
    expect(workflow.graph['3']?.inputs.model).toEqual(['4', 0]);
  });

  it('without the IP-Adapter nodes: uploads nothing, says so, and still generates with the prompt fragment', async () => {
    const notices: string[] = [];
    const registry = createProviders({ comfyui: { baseUrl: fake.url, workflows: { image: workflow }, retry: FAST_RETRY, timeoutMs: 5000 } }, { onNotice: (l) => notices.push(l) });
    const out = await registry.resolve('image', { provider: 'comfyui' }).use.generateImage(await withStyle({ prompt: 'a fox' }, styled(), 'comfyui'));
    expect(out.images).toHaveLength(1);
    expect(fake.hits('/upload/image')).toHaveLength(0);
    expect(notices).toHaveLength(1);
    expect(parseProgressLabel(notices[0]!)).toEqual({ key: 'styleAdapterMissing', params: { nodes: 'IPAdapterUnifiedLoader, IPAdapterAdvanced', style: 'Picture book' } });
    const graph = (fake.hits('/prompt', 'POST')[0]?.json as { prompt: ComfyWorkflow['graph'] }).prompt;
    expect(Object.values(graph).map((n) => n.class_type)).not.toContain('IPAdapterAdvanced');
    expect(graph['6']?.inputs.text).toContain('Style: flat pastel shapes');
  });
});

describe('ComfyUI workflows from the environment', () => {
  function file(name: string, text: string): string {
    const p = path.join(dir, name);
    fs.writeFileSync(p, text);
    return p;
  }

  it('loads a {graph, bindings} file and a bare API-format graph, and runs them', async () => {
    const image = file('image.json', JSON.stringify({ graph: { '1': { class_type: 'CLIPTextEncode', inputs: { text: '' } }, '9': workflow.graph['9'] }, bindings: { prompt: { node: '1', input: 'text' } } }));
    const video = file('video.json', JSON.stringify(img2img.graph));
    const config = providersConfigFromEnv({ KINGJAM_COMFYUI_URL: fake.url, KINGJAM_COMFYUI_IMAGE_WORKFLOW: image, KINGJAM_COMFYUI_VIDEO_WORKFLOW: video });
    expect(config.comfyui?.workflows?.image?.bindings?.prompt).toEqual({ node: '1', input: 'text' });
    expect(config.comfyui?.workflows?.video?.graph['10']?.class_type).toBe('LoadImage');
    const registry = createProviders({ ...config, comfyui: { ...config.comfyui, retry: FAST_RETRY } });
    expect(registry.get('comfyui').models().map((m) => m.id)).toEqual(['workflow:image', 'workflow:video']);
    await registry.resolve('image', { provider: 'comfyui' }).use.generateImage({ prompt: 'from a file' });
    expect((fake.hits('/prompt', 'POST')[0]?.json as { prompt: ComfyWorkflow['graph'] }).prompt['1']?.inputs.text).toBe('from a file');
    // A workflow alone means ComfyUI on its default port.
    expect(providersConfigFromEnv({ KINGJAM_COMFYUI_VIDEO_WORKFLOW: video }).comfyui?.workflows?.video).toBeDefined();
  });

  it('fails only the job that needs a broken file, with WORKFLOW_INVALID naming it and what is wrong', async () => {
    const cases: [string, RegExp][] = [
      [path.join(dir, 'missing.json'), /cannot read .*missing\.json \(ENOENT/],
      [file('bad.json', '{"3": {"class_type": '), /bad\.json is not valid JSON/],
      [file('schema.json', JSON.stringify({ '3': { class_type: 'KSampler' } })), /schema\.json is not an API-format workflow — at "3\.inputs": /],
      [file('editor.json', JSON.stringify({ nodes: [], links: [], version: 0.4 })), /editor\.json is ComfyUI's editor format/],
      [file('untitled.json', JSON.stringify({ '1': { class_type: 'CLIPTextEncode', inputs: { text: '' } } })), /untitled\.json: it has no node titled "prompt"/],
    ];
    for (const [broken, message] of cases) {
      const registry = createProviders(providersConfigFromEnv({ KINGJAM_COMFYUI_URL: fake.url, KINGJAM_COMFYUI_VIDEO_WORKFLOW: broken }));
      const err = await rejection(registry.resolve('video', { provider: 'comfyui' }).use.generateVideo({ prompt: 'x', outPath: path.join(dir, 'x.mp4') }));
      expect(err.code, broken).toBe('WORKFLOW_INVALID');
      expect(err.message, broken).toMatch(message);
      expect(err.hint, broken).toMatch(/Save \(API format\)/);
      // Nothing reached ComfyUI, and an offline job in the same worker still runs.
      expect(fake.hits('/prompt')).toHaveLength(0);
      expect((await registry.resolve('text', { provider: 'offline' }).use.generateText({ prompt: 'hello' })).draft).toBe(true);
    }
    const missing = providersConfigFromEnv({ KINGJAM_COMFYUI_IMAGE_WORKFLOW: path.join(dir, 'missing.json') }).comfyui?.workflowErrors?.image;
    expect(missing?.hint).toContain('KINGJAM_COMFYUI_IMAGE_WORKFLOW');
  });
});
