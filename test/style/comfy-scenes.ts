import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { WebSocketServer } from 'ws';
import { type FakeServer, sendJson, startFake } from '../providers/fake-server.js';

/**
 * ComfyUI on loopback for the Director's style scores (test/style/director-scores.test.ts
 * and e2e/director-clip-scores.e2e.test.ts): its HTTP routes and /ws events, each queued
 * prompt a run whose one output is what the test set for that scene — a PNG in `images`,
 * or an MP4 in `clips` — by the scene's number in the visual prompt ("scene N").
 */
export interface ComfyScenes {
  fake: FakeServer;
  images: Map<number, Buffer>;
  clips: Map<number, Buffer>;
  close(): Promise<void>;
}

/** A video workflow as ComfyUI's "Save (API format)" writes it, the prompt node titled "prompt". */
export const VIDEO_WORKFLOW = {
  '3': { class_type: 'KSampler', inputs: { seed: 1, model: ['4', 0], positive: ['6', 0], negative: ['6', 0], latent_image: ['5', 0] } },
  '4': { class_type: 'CheckpointLoaderSimple', inputs: { ckpt_name: 'sdxl.safetensors' } },
  '5': { class_type: 'EmptyLatentImage', inputs: { width: 512, height: 512, batch_size: 1 } },
  '6': { class_type: 'CLIPTextEncode', inputs: { text: '', clip: ['4', 1] }, _meta: { title: 'prompt' } },
  '9': { class_type: 'SaveImage', inputs: { images: ['3', 0], filename_prefix: 'KJ' } },
};

export async function startComfyScenes(): Promise<ComfyScenes> {
  const images = new Map<number, Buffer>();
  const clips = new Map<number, Buffer>();
  let next = 0;
  const runs = new Map<string, number>();
  let wss: WebSocketServer | null = null;
  const fake = await startFake((req, res) => {
    if (req.method === 'POST' && req.path === '/prompt') {
      const body = req.json as { prompt: Record<string, { inputs: { text?: string } }>; client_id: string };
      const id = `p-${++next}`;
      runs.set(id, Number(/scene (\d+)/.exec(body.prompt['6']?.inputs.text ?? '')?.[1] ?? 0));
      sendJson(res, 200, { prompt_id: id, number: next, node_errors: {} });
      const ws = [...(wss?.clients ?? [])].find((c) => (c as unknown as { clientId: string }).clientId === body.client_id);
      setTimeout(() => ws?.send(JSON.stringify({ type: 'execution_success', data: { prompt_id: id } })), 5);
      return;
    }
    const history = /^\/history\/(p-\d+)$/.exec(req.path);
    if (history) {
      const id = history[1]!;
      const n = runs.get(id)!;
      // VideoHelperSuite's VHS_VideoCombine lists its video under `gifs`, with the container's format.
      const outputs = clips.has(n)
        ? { gifs: [{ filename: `KJ_${n}.mp4`, subfolder: '', type: 'output', format: 'video/h264-mp4' }] }
        : { images: [{ filename: `KJ_${n}.png`, subfolder: '', type: 'output' }] };
      return sendJson(res, 200, { [id]: { prompt: [], outputs: { '9': outputs }, status: { status_str: 'success', completed: true, messages: [] } } });
    }
    const view = /^\/view\?filename=KJ_(\d+)\.(png|mp4)/.exec(req.path);
    if (view) {
      const clip = view[2] === 'mp4';
      res.writeHead(200, { 'content-type': clip ? 'video/mp4' : 'image/png' });
      return void res.end((clip ? clips : images).get(Number(view[1])));
    }
    sendJson(res, 404, { error: 'not found' });
  });
  const server = new WebSocketServer({ server: fake.server, path: '/ws' });
  server.on('connection', (ws, req) => {
    (ws as unknown as { clientId: string }).clientId = new URL(req.url ?? '/', 'http://x').searchParams.get('clientId') ?? '';
  });
  wss = server;
  return {
    fake,
    images,
    clips,
    async close() {
      for (const ws of server.clients) ws.terminate();
      server.close();
      await fake.close();
    },
  };
}

/** A real H.264 clip (ffmpeg) showing each picture for one second in turn, as a video model's output would. */
export function clipOf(dir: string, name: string, pictures: string[]): Buffer {
  const out = path.join(dir, name);
  const inputs = pictures.flatMap((p) => ['-loop', '1', '-t', '1', '-r', '10', '-i', p]);
  const concat = `${pictures.map((_, i) => `[${i}:v]`).join('')}concat=n=${pictures.length}:v=1,format=yuv420p[v]`;
  execFileSync('ffmpeg', ['-v', 'error', '-y', ...inputs, '-filter_complex', concat, '-map', '[v]', '-c:v', 'libx264', '-crf', '18', '-r', '10', out]);
  return fs.readFileSync(out);
}
