import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { tempHome } from './studio.js';
import { sendJson, startFake, type FakeServer, type Seen } from '../providers/fake-server.js';

/** The platform key a fake Gemini behind the gateway expects: it must never reach the studio. */
export const PLATFORM_KEY = 'AIzaSy-platform-key-for-tests-0123456789';

const BLOG_PLAN = { title: 'Taipei cafés', metaDescription: 'The best cafés in Taipei for a slow weekend, with what to order.', slug: 'taipei-cafes', keywords: ['cafe', 'taipei', 'weekend'], outline: ['Why', 'Where', 'What to order'] };
const SCRIPT = {
  title: 'Lantern night',
  scenes: [
    { narration: 'Lanterns rise over the river.', caption: 'Lanterns rise', visualPrompt: 'paper lanterns over a river at night', duration: 3, motion: 'zoom-in', transition: 'dissolve' },
    { narration: 'Families make a wish.', caption: 'Make a wish', visualPrompt: 'a family releasing a lantern', duration: 3, motion: 'pan-left', transition: 'dissolve' },
  ],
};
const VARIANTS = { variants: ['Slow mornings in Taipei.', 'Pour-over and pastries in Da’an.', 'Your weekend café list.'].map((caption) => ({ caption, hashtags: ['Taipei'] })) };
/** The usage every answer reports (text calls are charged by it). */
export const USAGE = { promptTokenCount: 420, candidatesTokenCount: 180, totalTokenCount: 600 };

/** What a test may script: the Director's script, each narration's audio, each still's pixels (defaults: the fixed ones above). */
export interface GeminiUpstreamScript {
  /** The script a Director call answers. */
  script?: () => unknown;
  /** The 16-bit mono 24 kHz PCM a TTS call for this text answers; null answers 400 INVALID_ARGUMENT, as Gemini does a request it cannot voice. */
  speech?: (text: string) => Buffer | null;
  /** The PNG an image-model call answers, for the aspect ratio it asked for. */
  still?: (aspectRatio: string) => Promise<Buffer>;
}

/**
 * A loopback Gemini API (v1beta wire format) for generation through the
 * cloud gateway: structured plans, captions and scripts, streamed articles, Gemini
 * image-model stills (inline PNG parts), TTS (inline 24 kHz PCM), each
 * with the usage the service reports, and Veo: an operation that is done
 * at its second poll, whose video (a real 8-second MP4) is a file to download.
 */
export async function startGeminiUpstream(scripted: GeminiUpstreamScript = {}): Promise<FakeServer> {
  const still = await sharp({ create: { width: 180, height: 320, channels: 3, background: '#1e3a8a' } }).png().toBuffer();
  const clipFile = path.join(tempHome('kingjam-veo-'), 'clip.mp4');
  execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'color=c=navy:s=180x320:d=8:r=30', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', clipFile]);
  const clip = fs.readFileSync(clipFile);
  const polls = new Map<string, number>();
  let operations = 0;
  return startFake(async (req: Seen, res) => {
    const veo = /^\/v1beta\/models\/(veo-[^/:]+):predictLongRunning$/.exec(req.path);
    if (veo) return sendJson(res, 200, { name: `models/${veo[1]}/operations/op${++operations}` });
    const op = /^\/v1beta\/(models\/veo-[^/]+\/operations\/(op\d+))$/.exec(req.path);
    if (op) {
      const seen = (polls.get(op[2]!) ?? 0) + 1;
      polls.set(op[2]!, seen);
      if (seen < 2) return sendJson(res, 200, { name: op[1], done: false });
      const uri = `https://generativelanguage.googleapis.com/v1beta/files/${op[2]}:download?alt=media`;
      return sendJson(res, 200, { name: op[1], done: true, response: { '@type': 'type.googleapis.com/google.ai.generativelanguage.v1beta.PredictLongRunningResponse', generateVideoResponse: { generatedSamples: [{ video: { uri } }] } } });
    }
    if (/^\/v1beta\/files\/op\d+:download/.test(req.path)) {
      res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': clip.length });
      res.end(clip);
      return;
    }
    const body = req.json as { contents?: { parts?: { text?: string }[] }[]; systemInstruction?: { parts?: { text?: string }[] }; generationConfig?: { imageConfig?: { aspectRatio?: string } } } | null;
    const system = body?.systemInstruction?.parts?.map((p) => p.text ?? '').join(' ') ?? '';
    if (req.path.includes(':streamGenerateContent')) {
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      const parts = ['## Why\n\nSlow mornings. ', '## Where\n\nDa’an. ', '## What to order\n\nPour-over.'];
      parts.forEach((text, i) => {
        const last = i === parts.length - 1;
        res.write(`data: ${JSON.stringify({ candidates: [{ content: { role: 'model', parts: [{ text }] }, index: 0, ...(last ? { finishReason: 'STOP' } : {}) }], ...(last ? { usageMetadata: USAGE } : {}) })}\r\n\r\n`);
      });
      res.end();
      return;
    }
    if (req.path.includes('-image:generateContent')) {
      const png = scripted.still ? await scripted.still(body?.generationConfig?.imageConfig?.aspectRatio ?? '1:1') : still;
      sendJson(res, 200, { candidates: [{ content: { role: 'model', parts: [{ inlineData: { mimeType: 'image/png', data: png.toString('base64') } }] }, finishReason: 'STOP', index: 0 }], usageMetadata: USAGE });
      return;
    }
    if (req.path.includes('-tts')) {
      // 16-bit mono PCM at 24 kHz, as Gemini TTS answers: one second of silence unless the test voices the text.
      const text = body?.contents?.flatMap((c) => c.parts ?? []).map((p) => p.text ?? '').join(' ') ?? '';
      const pcm = scripted.speech ? scripted.speech(text) : Buffer.alloc(24_000 * 2);
      if (!pcm) return sendJson(res, 400, { error: { code: 400, message: 'Request contains an invalid argument.', status: 'INVALID_ARGUMENT' } });
      sendJson(res, 200, { candidates: [{ content: { role: 'model', parts: [{ inlineData: { mimeType: 'audio/L16;codec=pcm;rate=24000', data: pcm.toString('base64') } }] }, finishReason: 'STOP', index: 0 }], usageMetadata: USAGE });
      return;
    }
    const answer = system.includes('short-video director') ? (scripted.script?.() ?? SCRIPT) : system.includes('social media posts') ? VARIANTS : BLOG_PLAN;
    sendJson(res, 200, { candidates: [{ content: { role: 'model', parts: [{ text: JSON.stringify(answer) }] }, finishReason: 'STOP', index: 0 }], usageMetadata: USAGE });
  });
}
