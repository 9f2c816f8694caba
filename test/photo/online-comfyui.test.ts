import fs from 'node:fs';
import type http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { parseProgressLabel } from '../../src/shared/progress-labels.js';
import { makeVariantOnline } from '../../src/workers/photo/online/variant.js';
import { rejection, sendJson, startFake, type FakeServer } from '../providers/fake-server.js';
import { meanColour, near, photoContext, swatch } from './online-support.js';

/**
 * The seed's phase-2 workflow on the user's ComfyUI (mask → pose control →
 * face identity → generate), in API format: each person and the background
 * are uploaded and given to the LoadImage nodes titled "image 1", "image 2",
 * …; the variant's seed goes to the sampler. A loopback ComfyUI speaks its
 * HTTP routes and /ws events.
 */

const load = (n: number): Record<string, unknown> => ({ class_type: 'LoadImage', inputs: { image: 'example.png' }, _meta: { title: `image ${n}` } });
const phase2 = {
  '1': load(1),
  '2': load(2),
  '3': load(3),
  '10': { class_type: 'SAMDetectorCombined', inputs: { image: ['1', 0] }, _meta: { title: 'mask' } },
  '11': { class_type: 'ControlNetApplyAdvanced', inputs: { strength: 0.8, image: ['2', 0] }, _meta: { title: 'pose' } },
  '12': { class_type: 'IPAdapterFaceID', inputs: { weight: 0.9, image: ['1', 0] }, _meta: { title: 'face identity' } },
  '20': { class_type: 'CLIPTextEncode', inputs: { text: 'old', clip: ['30', 1] }, _meta: { title: 'prompt' } },
  '21': { class_type: 'KSampler', inputs: { seed: 7, steps: 25, cfg: 6, model: ['30', 0], positive: ['20', 0] } },
  '30': { class_type: 'CheckpointLoaderSimple', inputs: { ckpt_name: 'sdxl.safetensors' } },
  '40': { class_type: 'SaveImage', inputs: { images: ['21', 0], filename_prefix: 'KJ' } },
};

let fake: FakeServer;
let wss: WebSocketServer;
let dir: string;
let result: Buffer;
const uploads: Buffer[] = [];
/** GET /object_info: the node classes this ComfyUI has installed (server.py node_info shape, trimmed). */
let objectInfo: Record<string, unknown> = {};

beforeAll(async () => {
  result = await swatch(80, 60, [10, 160, 200]);
  fake = await startFake((req, res) => {
    if (req.path === '/object_info') return sendJson(res, 200, objectInfo);
    if (req.method === 'POST' && req.path === '/upload/image') return sendJson(res, 200, { name: `up-${uploads.length}.jpg`, subfolder: 'kingjam', type: 'input' });
    if (req.method === 'POST' && req.path === '/prompt') {
      sendJson(res, 200, { prompt_id: 'p-1', number: 1, node_errors: {} });
      setTimeout(() => {
        for (const ws of wss.clients) ws.send(JSON.stringify({ type: 'execution_success', data: { prompt_id: 'p-1' } }));
      }, 20);
      return;
    }
    if (req.path === '/history/p-1') return sendJson(res, 200, { 'p-1': { outputs: { '40': { images: [{ filename: 'KJ_00001_.png', subfolder: '', type: 'output' }] } }, status: { status_str: 'success', completed: true } } });
    if (req.path.startsWith('/view?')) {
      res.writeHead(200, { 'content-type': 'image/png' });
      return void res.end(result);
    }
    sendJson(res, 404, { error: 'not found' });
  });
  // The multipart upload is binary (the fake's log keeps text): the file part's bytes are read off the raw stream, to check what went where.
  fake.server.prependListener('request', (req: http.IncomingMessage) => {
    if (req.url !== '/upload/image') return;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const part = raw.indexOf('name="image"');
      const start = raw.indexOf('\r\n\r\n', part) + 4;
      uploads.push(raw.subarray(start, raw.indexOf('\r\n--', start)));
    });
  });
  wss = new WebSocketServer({ server: fake.server, path: '/ws' });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kingjam-photo-comfy-'));
});
afterAll(async () => {
  for (const ws of wss.clients) ws.terminate();
  wss.close();
  await fake.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('photo variants on ComfyUI (the user’s phase-2 workflow)', () => {
  it('feeds each person and the background to the numbered LoadImage nodes and the seed to the sampler', async () => {
    const file = path.join(dir, 'phase2.json');
    fs.writeFileSync(file, JSON.stringify(phase2));
    const people = [await swatch(720, 960, [200, 30, 30]), await swatch(720, 960, [30, 200, 30])];
    const background = { bytes: await swatch(1200, 900, [220, 200, 40]), mimeType: 'image/png', description: 'a lantern festival' };
    const out = await makeVariantOnline({ task: 'fuse', people, background, seed: 1003, backend: 'comfyui', via: 'cloud', workflow: file }, photoContext({ KINGJAM_COMFYUI_URL: fake.url }));
    expect(out).toMatchObject({ provider: 'comfyui', model: 'workflow:image' });
    expect(near(await meanColour(out.bytes), [10, 160, 200])).toBe(true);

    const graph = (fake.hits('/prompt')[0]!.json as { prompt: Record<string, { inputs: Record<string, unknown> }> }).prompt;
    expect([graph['1']!.inputs.image, graph['2']!.inputs.image, graph['3']!.inputs.image]).toEqual(['kingjam/up-1.jpg', 'kingjam/up-2.jpg', 'kingjam/up-3.jpg']);
    expect(graph['21']!.inputs.seed).toBe(1003);
    expect(String(graph['20']!.inputs.text)).toContain('Keep every face exactly as in the photos');
    // The links of the mask, pose and face-identity nodes are untouched.
    expect(graph['12']!.inputs.image).toEqual(['1', 0]);
    const colours = await Promise.all(uploads.map((u) => meanColour(u)));
    [[200, 30, 30], [30, 200, 30], [220, 200, 40]].forEach((c, i) => expect(near(colours[i]!, c)).toBe(true));
  });

  it('refuses a workflow with too few numbered image nodes before uploading anything', async () => {
    const file = path.join(dir, 'two.json');
    const { '3': _third, ...two } = phase2;
    fs.writeFileSync(file, JSON.stringify(two));
    const before = uploads.length;
    const people = [await swatch(720, 960, [200, 30, 30]), await swatch(720, 960, [30, 200, 30])];
    const background = { bytes: await swatch(1200, 900, [220, 200, 40]), mimeType: 'image/png', description: 'snow' };
    const err = await rejection(makeVariantOnline({ task: 'fuse', people, background, seed: 1001, backend: 'comfyui', via: 'cloud', workflow: file }, photoContext({ KINGJAM_COMFYUI_URL: fake.url })));
    expect(err.toInfo()).toMatchObject({ code: 'WORKFLOW_INVALID', key: 'photo.online.workflowImages', params: { needed: 3, found: 2 } });
    expect(uploads.length).toBe(before);
  });

  it('a locked style with an IP-Adapter carrier: its reference is uploaded and wired into IP-Adapter nodes in front of the sampler', async () => {
    const node = (name: string, output: string[]) => ({ input: { required: {} }, output, name, display_name: name, python_module: 'custom_nodes.ComfyUI_IPAdapter_plus', category: 'ipadapter', output_node: false });
    objectInfo = { IPAdapterUnifiedLoader: node('IPAdapterUnifiedLoader', ['MODEL', 'IPADAPTER']), IPAdapterAdvanced: node('IPAdapterAdvanced', ['MODEL']) };
    const file = path.join(dir, 'phase2-styled.json');
    const styleRef = path.join(dir, 'style-ref.png');
    fs.writeFileSync(styleRef, await swatch(300, 300, [90, 40, 160]));
    const before = uploads.length;
    const prompts = fake.hits('/prompt').length;
    const people = [await swatch(720, 960, [200, 30, 30])];
    const background = { bytes: await swatch(1200, 900, [220, 200, 40]), mimeType: 'image/png', description: 'a harbour' };
    const style = { styleId: 's1', name: 'Picture book', promptFragment: 'flat pastel colours', negativePrompt: '', seed: null, referencePaths: [], comfy: { lora: { name: 'picturebook.safetensors', strength: 0.7 }, ipAdapter: { weight: 0.5, image: styleRef } } };
    // One person and the background: the workflow's "image 1" and "image 2".
    fs.writeFileSync(file, JSON.stringify(Object.fromEntries(Object.entries(phase2).filter(([id]) => id !== '3'))));
    await makeVariantOnline({ task: 'makeover', faces: 1, people, background, seed: 1002, backend: 'comfyui', via: 'cloud', workflow: file, style }, photoContext({ KINGJAM_COMFYUI_URL: fake.url }));
    // The person, the background, then the style's reference.
    expect(uploads.length - before).toBe(3);
    expect(near(await meanColour(uploads[uploads.length - 1]!), [90, 40, 160])).toBe(true);
    // The style's reference goes up as its file is, byte for byte.
    expect(uploads[uploads.length - 1]!.equals(fs.readFileSync(styleRef))).toBe(true);
    const graph = (fake.hits('/prompt')[prompts]!.json as { prompt: Record<string, { class_type: string; inputs: Record<string, unknown> }> }).prompt;
    const [applyId, apply] = Object.entries(graph).find(([, n]) => n.class_type === 'IPAdapterAdvanced')!;
    expect(apply.inputs).toMatchObject({ weight: 0.5, weight_type: 'style transfer' });
    const loader = graph[(apply.inputs.model as [string, number])[0]]!;
    expect(loader).toMatchObject({ class_type: 'IPAdapterUnifiedLoader', inputs: { model: ['30', 0] } });
    const load = graph[(apply.inputs.image as [string, number])[0]]!;
    expect(load).toMatchObject({ class_type: 'LoadImage', inputs: { image: `kingjam/up-${uploads.length}.jpg` } });
    expect(graph['21']!.inputs.model).toEqual([applyId, 0]);
    // The numbered image nodes still get the person and the background.
    expect([graph['1']!.inputs.image, graph['2']!.inputs.image]).toEqual([`kingjam/up-${before + 1}.jpg`, `kingjam/up-${before + 2}.jpg`]);
    // The fragment and the LoRA tag in the prompt, as every ComfyUI generation with a locked style has them.
    expect(graph['20']!.inputs.text).toContain('Style: flat pastel colours');
    expect(graph['20']!.inputs.text).toContain('<lora:picturebook.safetensors:0.7>');
  });

  it('a ComfyUI without the IP-Adapter nodes: the style’s reference is not uploaded, the variant is made from the prompt, and the notice says why', async () => {
    objectInfo = {};
    const file = path.join(dir, 'phase2-unstyled.json');
    const styleRef = path.join(dir, 'style-ref-2.png');
    fs.writeFileSync(styleRef, await swatch(300, 300, [90, 40, 160]));
    const before = uploads.length;
    const prompts = fake.hits('/prompt').length;
    const people = [await swatch(720, 960, [200, 30, 30])];
    const background = { bytes: await swatch(1200, 900, [220, 200, 40]), mimeType: 'image/png', description: 'a harbour' };
    const style = { styleId: 's1', name: 'Picture book', promptFragment: 'flat pastel colours', negativePrompt: '', seed: null, referencePaths: [], comfy: { ipAdapter: { weight: 0.5, image: styleRef } } };
    fs.writeFileSync(file, JSON.stringify(Object.fromEntries(Object.entries(phase2).filter(([id]) => id !== '3'))));
    const notices: string[] = [];
    const ctx = { ...photoContext({ KINGJAM_COMFYUI_URL: fake.url }), notice: (label: string) => void notices.push(label) };
    const made = await makeVariantOnline({ task: 'makeover', faces: 1, people, background, seed: 1002, backend: 'comfyui', via: 'cloud', workflow: file, style }, ctx);
    expect(made.provider).toBe('comfyui');
    // Only the person and the background.
    expect(uploads.length - before).toBe(2);
    expect(notices.map((n) => parseProgressLabel(n))).toEqual([{ key: 'styleAdapterMissing', params: { nodes: 'IPAdapterUnifiedLoader, IPAdapterAdvanced', style: 'Picture book' } }]);
    const graph = (fake.hits('/prompt')[prompts]!.json as { prompt: Record<string, { class_type: string; inputs: Record<string, unknown> }> }).prompt;
    expect(Object.values(graph).some((n) => n.class_type.startsWith('IPAdapterUnified') || (n.class_type === 'IPAdapterAdvanced'))).toBe(false);
    expect(graph['21']!.inputs.model).toEqual(['30', 0]);
    expect(graph['20']!.inputs.text).toContain('Style: flat pastel colours');
  });
});
