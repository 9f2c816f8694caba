import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { parseProgressLabel, type ProgressLabel } from '../../src/shared/progress-labels.js';
import { COMFY_WORKFLOW_ENV } from '../../src/shared/providers.js';
import { drawReference } from '../../src/workers/creator/reference.js';
import { CHARACTER_ADAPTER_WEIGHT, makeCharacterVariants } from '../../src/workers/creator/variants.js';
import { startFake, sendJson, type FakeServer, type Seen } from '../providers/fake-server.js';
import { jobContext, meanColour, near, swatch } from './support.js';
import { tempHome } from '../helpers/studio.js';

/**
 * The Pose & Variant Generator on the user's ComfyUI: the character's
 * reference images reach a text-to-image workflow (no LoadImage of its own)
 * through IP-Adapter nodes, and the locked style's reference through a second
 * adapter after it. The loopback ComfyUI speaks ComfyUI's routes as its
 * server.py does (providers.md): GET /object_info lists the installed node
 * classes; POST /upload/image takes multipart `image` (+ `subfolder`,
 * `overwrite`) and answers {name, subfolder, type}; POST /prompt takes
 * {prompt, client_id} and answers {prompt_id, number, node_errors}; /ws sends
 * execution_success; /history and /view give the output.
 */
type Graph = Record<string, { class_type: string; inputs: Record<string, unknown>; _meta?: { title?: string } }>;

const WORKFLOW: Graph = {
  '3': { class_type: 'KSampler', inputs: { seed: 1, steps: 20, cfg: 7, model: ['4', 0], positive: ['6', 0], negative: ['7', 0], latent_image: ['5', 0] } },
  '4': { class_type: 'CheckpointLoaderSimple', inputs: { ckpt_name: 'sdxl.safetensors' } },
  '5': { class_type: 'EmptyLatentImage', inputs: { width: 1024, height: 1024, batch_size: 1 } },
  '6': { class_type: 'CLIPTextEncode', inputs: { text: '', clip: ['4', 1] }, _meta: { title: 'prompt' } },
  '7': { class_type: 'CLIPTextEncode', inputs: { text: '', clip: ['4', 1] }, _meta: { title: 'negative' } },
  '8': { class_type: 'VAEDecode', inputs: { samples: ['3', 0], vae: ['4', 2] } },
  '9': { class_type: 'SaveImage', inputs: { images: ['8', 0], filename_prefix: 'KJ' } },
};

/** One node class as GET /object_info describes it (server.py node_info). */
function nodeInfo(name: string, required: Record<string, unknown>, output: string[], module = 'nodes'): Record<string, unknown> {
  return { input: { required }, input_order: { required: Object.keys(required) }, output, output_is_list: output.map(() => false), output_name: output, name, display_name: name, description: '', python_module: module, category: '', output_node: false };
}
const CORE = {
  KSampler: nodeInfo('KSampler', { model: ['MODEL'] }, ['LATENT']),
  CheckpointLoaderSimple: nodeInfo('CheckpointLoaderSimple', { ckpt_name: [['sdxl.safetensors']] }, ['MODEL', 'CLIP', 'VAE']),
  LoadImage: nodeInfo('LoadImage', { image: [[], { image_upload: true }] }, ['IMAGE', 'MASK']),
  ImageBatch: nodeInfo('ImageBatch', { image1: ['IMAGE'], image2: ['IMAGE'] }, ['IMAGE']),
};
const IP_ADAPTER_PLUS = {
  IPAdapterUnifiedLoader: nodeInfo('IPAdapterUnifiedLoader', { model: ['MODEL'], preset: [['STANDARD (medium strength)', 'PLUS (high strength)']] }, ['MODEL', 'IPADAPTER'], 'custom_nodes.ComfyUI_IPAdapter_plus'),
  IPAdapterAdvanced: nodeInfo('IPAdapterAdvanced', { model: ['MODEL'], ipadapter: ['IPADAPTER'], image: ['IMAGE'], weight: ['FLOAT', { default: 1 }] }, ['MODEL'], 'custom_nodes.ComfyUI_IPAdapter_plus'),
};

let fake: FakeServer;
let wss: WebSocketServer;
let dir: string;
let objectInfo: Record<string, unknown> = CORE;
/** What ComfyUI's input folder holds after the uploads: "subfolder/name" → the bytes. */
const inputFolder = new Map<string, Buffer>();
const CHARACTER_REFS: [number, number, number][] = [[200, 40, 40], [40, 180, 60]];
const STYLE_REF: [number, number, number] = [30, 60, 210];

async function route(req: Seen, res: http.ServerResponse): Promise<void> {
  if (req.method === 'GET' && req.path === '/object_info') return sendJson(res, 200, objectInfo);
  if (req.method === 'POST' && req.path === '/upload/image') {
    // Parsed as multipart by the platform's own parser, as aiohttp reads it in server.py.
    const form = await new Response(new Uint8Array(req.raw), { headers: { 'content-type': String(req.headers['content-type']) } }).formData();
    const image = form.get('image');
    if (!(image instanceof File)) return sendJson(res, 400, { error: 'no image' });
    const subfolder = String(form.get('subfolder') ?? '');
    inputFolder.set(subfolder ? `${subfolder}/${image.name}` : image.name, Buffer.from(await image.arrayBuffer()));
    return sendJson(res, 200, { name: image.name, subfolder, type: 'input' });
  }
  if (req.method === 'POST' && req.path === '/prompt') {
    const body = req.json as { client_id: string };
    sendJson(res, 200, { prompt_id: 'p-1', number: 1, node_errors: {} });
    setTimeout(() => {
      for (const ws of wss.clients) if ((ws as unknown as { clientId: string }).clientId === body.client_id) ws.send(JSON.stringify({ type: 'execution_success', data: { prompt_id: 'p-1' } }));
    }, 10);
    return;
  }
  if (req.path === '/history/p-1') return sendJson(res, 200, { 'p-1': { prompt: [], outputs: { '9': { images: [{ filename: 'KJ_00001_.png', subfolder: '', type: 'output' }] } }, status: { status_str: 'success', completed: true, messages: [] } } });
  if (req.path.startsWith('/view?')) {
    res.writeHead(200, { 'content-type': 'image/png' });
    return void res.end(await swatch(96, 128, [120, 120, 120]));
  }
  sendJson(res, 404, { error: 'not found' });
}

beforeAll(async () => {
  fake = await startFake(route);
  wss = new WebSocketServer({ server: fake.server, path: '/ws' });
  wss.on('connection', (ws, req) => {
    (ws as unknown as { clientId: string }).clientId = new URL(req.url ?? '/', 'http://x').searchParams.get('clientId') ?? '';
  });
  dir = tempHome('kingjam-variants-comfy-');
  fs.writeFileSync(path.join(dir, 'workflow.json'), JSON.stringify(WORKFLOW));
});
afterAll(async () => {
  for (const ws of wss.clients) ws.terminate();
  wss.close();
  await fake.close();
  fs.rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  fake.seen.length = 0;
  inputFolder.clear();
});

async function run(notices: string[]) {
  const refs = await Promise.all(CHARACTER_REFS.map(async (rgb, i) => {
    const file = path.join(dir, `mira-${i}.png`);
    fs.writeFileSync(file, await swatch(300, 400, rgb));
    return file;
  }));
  const styleRef = path.join(dir, 'style.png');
  fs.writeFileSync(styleRef, await swatch(200, 200, STYLE_REF));
  const ctx = { ...jobContext({ KINGJAM_COMFYUI_URL: fake.url }), notice: (l: ProgressLabel) => void notices.push(l) };
  return makeCharacterVariants(
    {
      name: 'Mira', look: 'a yellow raincoat', kind: 'pose', instruction: 'waving', references: refs,
      style: { styleId: 's1', name: 'Picture book', promptFragment: 'flat pastel colours', negativePrompt: '', seed: 40, referencePaths: [], comfy: { lora: { name: 'picturebook.safetensors', strength: 0.7 }, ipAdapter: { weight: 0.6, image: styleRef } } },
      backend: 'comfyui', via: 'own-key', count: 1, outDir: path.join(dir, 'out'), workflow: path.join(dir, 'workflow.json'),
    },
    ctx,
  );
}

function submitted(): Graph {
  const posts = fake.hits('/prompt', 'POST');
  expect(posts).toHaveLength(1);
  return (posts[0]!.json as { prompt: Graph }).prompt;
}

describe('character variants on ComfyUI', () => {
  it('wires the character’s references and the style’s reference into IP-Adapter nodes in front of the sampler', async () => {
    objectInfo = { ...CORE, ...IP_ADAPTER_PLUS };
    const notices: string[] = [];
    const result = await run(notices);
    expect(result.provider).toBe('comfyui');
    expect(result.variants).toHaveLength(1);
    expect(notices).toEqual([]);
    // Three uploads: the two character references, then the style's.
    expect(fake.hits('/upload/image', 'POST')).toHaveLength(3);
    const graph = submitted();
    const colourOf = async (nodeId: string): Promise<[number, number, number]> => {
      const node = graph[nodeId]!;
      expect(node.class_type).toBe('LoadImage');
      const bytes = inputFolder.get(node.inputs.image as string);
      expect(bytes, `LoadImage ${nodeId} names an uploaded file`).toBeDefined();
      return meanColour(bytes!);
    };
    const link = (v: unknown): string => {
      expect(Array.isArray(v) && typeof v[0] === 'string' && v[1] === 0).toBe(true);
      return (v as [string, number])[0];
    };
    // Follow the sampler's model back: style adapter → its loader → character adapter → its loader → the checkpoint.
    const styleApply = graph[link(graph['3']!.inputs.model)]!;
    expect(styleApply).toMatchObject({ class_type: 'IPAdapterAdvanced', inputs: { weight: 0.6, weight_type: 'style transfer' } });
    const styleLoader = graph[link(styleApply.inputs.model)]!;
    expect(styleLoader.class_type).toBe('IPAdapterUnifiedLoader');
    expect(styleApply.inputs.ipadapter).toEqual([link(styleApply.inputs.model), 1]);
    expect(near(await colourOf(link(styleApply.inputs.image)), STYLE_REF)).toBe(true);
    const characterApply = graph[link(styleLoader.inputs.model)]!;
    expect(characterApply).toMatchObject({ class_type: 'IPAdapterAdvanced', inputs: { weight: CHARACTER_ADAPTER_WEIGHT, weight_type: 'linear' } });
    const characterLoader = graph[link(characterApply.inputs.model)]!;
    expect(characterLoader).toMatchObject({ class_type: 'IPAdapterUnifiedLoader', inputs: { model: ['4', 0] } });
    // Both character references, batched into the one adapter's image input, in order.
    const batch = graph[link(characterApply.inputs.image)]!;
    expect(batch.class_type).toBe('ImageBatch');
    expect(near(await colourOf(link(batch.inputs.image1)), CHARACTER_REFS[0]!)).toBe(true);
    expect(near(await colourOf(link(batch.inputs.image2)), CHARACTER_REFS[1]!)).toBe(true);
    // Every node the graph adds is one this ComfyUI lists in /object_info; the user's nodes are kept.
    for (const node of Object.values(graph)) expect(node.class_type in objectInfo || ['EmptyLatentImage', 'CLIPTextEncode', 'VAEDecode', 'SaveImage'].includes(node.class_type)).toBe(true);
    expect(graph['6']!.inputs.text).toContain('Mira');
    // The style's LoRA rides in the prompt as the tag prompt-LoRA loaders read, as on every other ComfyUI generation.
    expect(graph['6']!.inputs.text).toContain('<lora:picturebook.safetensors:0.7>');
    expect(graph['3']!.inputs.seed).toBe(40);
  });

  it('without the IP-Adapter nodes: uploads nothing, says so for the character and the style, and still makes the variant', async () => {
    objectInfo = CORE;
    const notices: string[] = [];
    const result = await run(notices);
    expect(result.variants).toHaveLength(1);
    expect(fs.existsSync(result.variants[0]!.path)).toBe(true);
    expect(fake.hits('/upload/image')).toHaveLength(0);
    expect(notices.map((n) => parseProgressLabel(n))).toEqual([
      { key: 'characterAdapterMissing', params: { nodes: 'IPAdapterUnifiedLoader, IPAdapterAdvanced', character: 'Mira' } },
      { key: 'styleAdapterMissing', params: { nodes: 'IPAdapterUnifiedLoader, IPAdapterAdvanced', style: 'Picture book' } },
    ]);
    const graph = submitted();
    expect(Object.values(graph).map((n) => n.class_type).sort()).toEqual(Object.values(WORKFLOW).map((n) => n.class_type).sort());
    expect(graph['3']!.inputs.model).toEqual(['4', 0]);
  });
});

/**
 * A character's first reference drawn on ComfyUI (`character.reference`,
 * the image workflow set in Settings) with its locked style: the style's
 * reference file is uploaded byte for byte and wired into IP-Adapter nodes
 * with the style's weight, its fragment and LoRA tag are in the prompt, its
 * seed on the sampler; without the nodes the drawing goes on with the prompt
 * and the notice says why.
 */
describe('a character reference drawn on ComfyUI', () => {
  async function draw(notices: string[]) {
    const styleRef = path.join(dir, 'style-ref.png');
    fs.writeFileSync(styleRef, await swatch(160, 160, STYLE_REF));
    const ctx = { ...jobContext({ KINGJAM_COMFYUI_URL: fake.url, [COMFY_WORKFLOW_ENV.image]: path.join(dir, 'workflow.json') }), notice: (l: ProgressLabel) => void notices.push(l) };
    const result = await drawReference(
      {
        name: 'Mira', look: 'a yellow raincoat', provider: 'comfyui', out: path.join(dir, 'out', 'reference.png'),
        style: { styleId: 's1', name: 'Picture book', promptFragment: 'flat pastel colours', negativePrompt: 'photorealism', seed: 77, referencePaths: [], comfy: { lora: { name: 'picturebook.safetensors', strength: 0.7 }, ipAdapter: { weight: 0.45, image: styleRef } } },
      },
      ctx,
    );
    return { result, styleBytes: fs.readFileSync(styleRef) };
  }

  it('uploads the style’s reference and puts it in IP-Adapter nodes with the style’s weight in front of the sampler', async () => {
    objectInfo = { ...CORE, ...IP_ADAPTER_PLUS };
    const notices: string[] = [];
    const { result, styleBytes } = await draw(notices);
    expect(result.provider).toBe('comfyui');
    expect(fs.existsSync(result.path)).toBe(true);
    expect(notices).toEqual([]);
    expect(fake.hits('/upload/image', 'POST')).toHaveLength(1);
    const graph = submitted();
    const apply = graph[(graph['3']!.inputs.model as [string, number])[0]]!;
    expect(apply).toMatchObject({ class_type: 'IPAdapterAdvanced', inputs: { weight: 0.45, weight_type: 'style transfer' } });
    const loader = graph[(apply.inputs.model as [string, number])[0]]!;
    expect(loader).toMatchObject({ class_type: 'IPAdapterUnifiedLoader', inputs: { model: ['4', 0] } });
    const load = graph[(apply.inputs.image as [string, number])[0]]!;
    expect(load.class_type).toBe('LoadImage');
    // The file ComfyUI received is the style's reference, byte for byte.
    expect(inputFolder.get(load.inputs.image as string)?.equals(styleBytes)).toBe(true);
    expect(graph['6']!.inputs.text).toContain('Style: flat pastel colours');
    expect(graph['6']!.inputs.text).toContain('<lora:picturebook.safetensors:0.7>');
    expect(graph['7']!.inputs.text).toContain('photorealism');
    expect(graph['3']!.inputs.seed).toBe(77);
  });

  it('without the IP-Adapter nodes: uploads nothing, draws from the prompt, and says why', async () => {
    objectInfo = CORE;
    const notices: string[] = [];
    const { result } = await draw(notices);
    expect(fs.existsSync(result.path)).toBe(true);
    expect(fake.hits('/upload/image')).toHaveLength(0);
    expect(notices.map((n) => parseProgressLabel(n))).toEqual([{ key: 'styleAdapterMissing', params: { nodes: 'IPAdapterUnifiedLoader, IPAdapterAdvanced', style: 'Picture book' } }]);
    const graph = submitted();
    expect(graph['3']!.inputs.model).toEqual(['4', 0]);
    expect(graph['6']!.inputs.text).toContain('Style: flat pastel colours');
  });
});
