import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aesGcmCipher, sealedFileStore } from '../src/main/secrets/store.js';
import type { Studio } from '../src/main/studio.js';
import type { BlogProject, SocialProject, VideoProject } from '../src/shared/generate/projects.js';
import type { DirectorRequestInput, DirectorScript } from '../src/shared/generate/requests.js';
import { narrationCredits, PRICES, sceneCharges, textCredits, videoEstimate } from '../src/shared/pricing.js';
import { sceneSecondsFor } from '../src/workers/generation/director.js';
import { TestCloud } from './helpers/cloud.js';
import { makeVideo } from './helpers/media.js';
import { FAST_JOBS, openTestStudio, tempHome, until } from './helpers/studio.js';
import { sendJson, startFake, type FakeServer } from './providers/fake-server.js';

/**
 * The Director's voice-over and the generators' images, end to end through
 * the real SDKs against loopback Gemini and Replicate servers in their wire
 * formats, paid from a real cloud-sync wallet, composed by real ffmpeg.
 */

const RATE = 24_000;

/** What Gemini TTS answers: raw 16-bit little-endian mono PCM at 24 kHz (a sine, so it is clearly not silence). */
function tonePcm(seconds: number, hz: number): Buffer {
  const n = Math.round(seconds * RATE);
  const pcm = Buffer.alloc(n * 2);
  for (let i = 0; i < n; i++) pcm.writeInt16LE(Math.round(16_000 * Math.sin((2 * Math.PI * hz * i) / RATE)), i * 2);
  return pcm;
}

/** A smooth gradient in full colour: far more than 256 distinct colours. */
async function gradientPng(width: number, height: number): Promise<Buffer> {
  const raw = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      raw[i] = Math.round((x * 255) / (width - 1));
      raw[i + 1] = Math.round((y * 255) / (height - 1));
      raw[i + 2] = (x * 7 + y * 3) % 256;
    }
  }
  return sharp(raw, { raw: { width, height, channels: 3 } }).png().toBuffer();
}

async function pixels(file: string | Buffer): Promise<{ data: Buffer; width: number; height: number }> {
  const { data, info } = await sharp(file).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

function distinctColours(raw: Buffer): number {
  const seen = new Set<number>();
  for (let i = 0; i + 2 < raw.length; i += 3) seen.add((raw[i]! << 16) | (raw[i + 1]! << 8) | raw[i + 2]!);
  return seen.size;
}

/** Imagen's sizes by aspect (the studio crops 4:5 from 3:4). */
const IMAGE_SIZE: Record<string, [number, number]> = { '16:9': [320, 180], '9:16': [180, 320], '3:4': [300, 400], '1:1': [256, 256], '4:3': [400, 300] };

describe('the Director voice-over and generated images through loopback providers', () => {
  const cloud = new TestCloud();
  let gemini: FakeServer;
  let replicate: FakeServer;
  let studio: Studio;
  let clipFile: string;
  /** The script the fake Gemini writes next. */
  let script: DirectorScript;
  /** Each narration's length in seconds and pitch, by its text. */
  const narrations = new Map<string, { seconds: number; hz: number }>();
  /** Every image the fake handed out, as sent. */
  const imagesSent: Buffer[] = [];

  async function imageFor(aspect: string): Promise<string> {
    const [w, h] = IMAGE_SIZE[aspect] ?? [256, 256];
    const png = await gradientPng(w, h);
    imagesSent.push(png);
    return png.toString('base64');
  }

  async function geminiRoute(req: { path: string; json: unknown }, res: http.ServerResponse): Promise<void> {
    if (req.path.includes(':predict')) {
      // Imagen: {instances, parameters} in, {predictions: [{bytesBase64Encoded, mimeType}]} out.
      const params = (req.json as { parameters?: { aspectRatio?: string } }).parameters;
      return sendJson(res, 200, { predictions: [{ bytesBase64Encoded: await imageFor(params?.aspectRatio ?? '1:1'), mimeType: 'image/png' }] });
    }
    const body = req.json as { contents?: { parts?: { text?: string }[] }[]; generationConfig?: { responseModalities?: string[]; imageConfig?: { aspectRatio?: string } } };
    const modalities = body.generationConfig?.responseModalities ?? [];
    const text = body.contents?.flatMap((c) => c.parts ?? []).map((p) => p.text ?? '').join(' ') ?? '';
    if (modalities.includes('AUDIO')) {
      const n = [...narrations.entries()].find(([line]) => text.includes(line))?.[1];
      if (!n) return sendJson(res, 400, { error: { code: 400, message: `no narration for ${text}`, status: 'INVALID_ARGUMENT' } });
      const data = tonePcm(n.seconds, n.hz).toString('base64');
      return sendJson(res, 200, { candidates: [{ content: { role: 'model', parts: [{ inlineData: { mimeType: `audio/L16;codec=pcm;rate=${RATE}`, data } }] }, finishReason: 'STOP', index: 0 }] });
    }
    if (modalities.includes('IMAGE')) {
      // Gemini's own image models answer generateContent with an inline image part.
      const data = await imageFor(body.generationConfig?.imageConfig?.aspectRatio ?? '1:1');
      return sendJson(res, 200, { candidates: [{ content: { role: 'model', parts: [{ inlineData: { mimeType: 'image/png', data } }] }, finishReason: 'STOP', index: 0 }] });
    }
    sendJson(res, 200, { candidates: [{ content: { role: 'model', parts: [{ text: JSON.stringify(script) }] }, finishReason: 'STOP', index: 0 }], usageMetadata: { promptTokenCount: 400, candidatesTokenCount: 300, totalTokenCount: 700 } });
  }

  beforeAll(async () => {
    process.env.KINGJAM_VIDEO_ENCODER = 'libx264';
    await (await cloud.start()).withUser(5_000);
    gemini = await startFake((req, res) => geminiRoute(req, res));
    const home = tempHome();
    clipFile = makeVideo(path.join(home, 'fixtures', 'kling.mp4'), 2);
    replicate = await startFake((req, res) => {
      const prediction = (id: string) => ({
        id,
        model: 'kwaivgi/kling-v2.1',
        version: 'hidden',
        input: {},
        status: 'succeeded',
        output: `${replicate.url}/files/clip.mp4`,
        error: null,
        logs: '',
        urls: { get: `${replicate.url}/v1/predictions/${id}`, cancel: `${replicate.url}/v1/predictions/${id}/cancel` },
        created_at: '2026-12-04T00:00:00Z',
      });
      if (req.method === 'POST' && req.path.endsWith('/predictions')) return sendJson(res, 201, prediction(`p${replicate.seen.length}`));
      if (req.path === '/v1/predictions' || req.path.startsWith('/v1/predictions?')) return sendJson(res, 200, { next: null, previous: null, results: [] });
      if (req.path.startsWith('/v1/predictions/')) return sendJson(res, 200, prediction(req.path.split('/')[3]!));
      if (req.path === '/files/clip.mp4') {
        const bytes = fs.readFileSync(clipFile);
        res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': bytes.length });
        return void res.end(bytes);
      }
      sendJson(res, 404, { detail: 'Not found.' });
    });
    const secrets = sealedFileStore(path.join(home, 'secrets'), aesGcmCipher(randomBytes(32)), 'encrypted-file');
    studio = openTestStudio(home, { ...FAST_JOBS, rateLimits: {} }, true, { secrets });
    await studio.providers.setKey('gemini', 'test-key-0001');
    await studio.providers.setKey('replicate', 'r8_test-0001');
    studio.jobs.setSecretsSource(() => ({
      GEMINI_API_KEY: 'test-key',
      KINGJAM_GEMINI_BASE_URL: gemini.url,
      REPLICATE_API_TOKEN: 'r8_test',
      KINGJAM_REPLICATE_BASE_URL: `${replicate.url}/v1`,
    }));
    await studio.sync.login({ cloudUrl: cloud.url, email: cloud.email, password: cloud.password });
  });

  afterAll(async () => {
    await studio?.close();
    await gemini?.close();
    await replicate?.close();
    await cloud.stop();
  });

  /** The render estimate each video showed once its script was written (before anything was rendered). */
  const rendersShown = new Map<string, number>();
  const credits = (projectId: string) =>
    studio.store.sqlite.prepare('SELECT COALESCE(SUM(estimated_credits), 0) AS held, COALESCE(SUM(actual_credits), 0) AS captured FROM jobs WHERE project_id = ?').get(projectId) as { held: number; captured: number };

  /** Writes the script, renders and composes it; returns the finished project. */
  async function direct(request: DirectorRequestInput, scenes: { duration: number; narration: string; seconds: number; hz?: number }[]): Promise<VideoProject> {
    script = {
      title: 'Taipei night market',
      scenes: scenes.map((s, i) => ({ narration: s.narration, caption: `Scene ${i + 1}`, visualPrompt: `A night market stall, shot ${i + 1}`, duration: s.duration, motion: 'zoom-in', transition: 'dissolve' })),
    };
    for (const s of scenes) if (s.narration) narrations.set(s.narration, { seconds: s.seconds, hz: s.hz ?? 440 });
    const started = await studio.generate.video(request);
    const scripted = await until(() => {
      const p = studio.generate.get(started.id) as VideoProject;
      if (p.status === 'failed') throw new Error(JSON.stringify(p.error));
      return p.status === 'scripted' ? p : null;
    }, 'the script');
    rendersShown.set(started.id, scripted.renderEstimate!.total);
    await studio.generate.render(started.id);
    return until(() => {
      const p = studio.generate.get(started.id) as VideoProject;
      if (p.status === 'failed') throw new Error(JSON.stringify(p.error));
      return p.status === 'ready' && p.output ? p : null;
    }, 'the video', 180_000);
  }

  const base = { topic: 'Taipei night market', language: 'en', aspect: '9:16', height: 320, quality: 'draft', music: false, voice: true, text: { provider: 'gemini' } } as const;

  it('prices each scene’s narration as one speech call: a 4-scene Kling video is estimated at what it is charged', () => {
    const script = textCredits({ provider: 'cloud' });
    const kling = videoEstimate({ backend: 'kling-v2.1', sceneSeconds: [5, 5, 5, 5], textProvider: 'cloud', renderProvider: 'cloud', withVoice: true, voiceProvider: 'cloud' });
    // Four 5-second clips (30 each, each animating a standard first frame) and four narrations of under a minute (5 each):
    // what the scene jobs hold and capture.
    expect(kling.total).toBe(script + 4 * (30 + PRICES.image.standard) + 4 * narrationCredits('cloud', 5));
    expect(narrationCredits('gemini', 5)).toBe(5);
    expect(narrationCredits('gemini', 61)).toBe(10);
    expect(narrationCredits('offline', 5)).toBe(0);
    expect(narrationCredits(null, 5)).toBe(0);
    expect(kling.lines.find((l) => l.label === 'voice-over')?.credits).toBe(20);
  });

  it('lengthens a scene to its narration plus a short tail, never shortens one', () => {
    expect(sceneSecondsFor(3, 5)).toBe(5.5);
    expect(sceneSecondsFor(3, 5.04)).toBe(5.6);
    expect(sceneSecondsFor(7, 0.5)).toBe(7);
    expect(sceneSecondsFor(3, 2.5)).toBe(3);
  });

  it('a 3 s scene with a 5 s narration grows so the whole narration is heard; estimate = held = captured', async () => {
    const request = { ...base, backend: 'imagen-ffmpeg', targetSeconds: 10, sceneCount: 2 } as const;
    const estimate = (await studio.generate.estimateVideo(request)).total;
    const video = await direct(request, [
      { duration: 3, narration: 'A five second line about dumplings.', seconds: 5, hz: 440 },
      { duration: 7, narration: 'Short.', seconds: 0.5, hz: 880 },
    ]);

    // The scene's new length is in the project's scene state and in the timeline that was composed.
    expect(video.script!.scenes[0]!.duration).toBe(3);
    expect(video.scenes.map((s) => s.render!.durationSec)).toEqual([5.5, 7]);
    const compose = studio.store.sqlite.prepare("SELECT payload FROM jobs WHERE project_id = ? AND kind = 'media.compose'").get(video.id) as { payload: string };
    expect((JSON.parse(compose.payload) as { timeline: { scenes: { duration: number }[] } }).timeline.scenes.map((s) => s.duration)).toEqual([5.5, 7]);

    const out = video.output!.output;
    const duration = Number(execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', out], { encoding: 'utf8' }).trim());
    expect(duration).toBeGreaterThanOrEqual(5 + 0.5);
    expect(duration).toBeCloseTo(12.5, 0);
    // The narration's last second (4–5 s) still sounds; cut at the old 3 s scene it was silence there.
    const meanDb = (from: number, seconds: number): number => {
      // volumedetect reports on stderr; spawnSync keeps it.
      const r = spawnSync('ffmpeg', ['-hide_banner', '-nostats', '-ss', String(from), '-t', String(seconds), '-i', out, '-vn', '-af', 'volumedetect', '-f', 'null', '-'], { encoding: 'utf8' });
      return Number(/mean_volume: (-?[\d.]+) dB/.exec(r.stderr)?.[1] ?? '-Infinity');
    };
    expect(meanDb(4, 1)).toBeGreaterThan(-30);
    // And after it, before the next scene's line, the tail is quiet: the narration was not stretched.
    expect(meanDb(5.1, 0.3)).toBeLessThan(-50);

    // The first frame is the provider's picture, pixel for pixel, in full colour.
    const frame = path.join(path.dirname(video.scenes[0]!.render!.path), 'scene-1-frame.png');
    const meta = await sharp(frame).metadata();
    expect(meta.isPalette).toBe(false);
    expect(imagesSent.some((sent) => fs.readFileSync(frame).equals(sent))).toBe(true);

    expect(credits(video.id)).toEqual({ held: estimate, captured: estimate });
    expect(estimate).toBe(textCredits({ provider: 'gemini' }) + sceneCharges('imagen-ffmpeg', [5, 5]).reduce((a, b) => a + b, 0) + 2 * narrationCredits('gemini', 5));
  }, 240_000);

  it.each([
    { name: 'Kling, three 4 s scenes', backend: 'kling-v2.1' as const, targetSeconds: 12, layout: [[4, 2], [4, 3], [4, 1]] },
    { name: 'Kling, two 10 s scenes', backend: 'kling-v2.1' as const, targetSeconds: 20, layout: [[10, 4], [10, 2]] },
    { name: 'Imagen + FFmpeg, four 5 s scenes', backend: 'imagen-ffmpeg' as const, targetSeconds: 20, layout: [[5, 3], [5, 1], [5, 6], [5, 2]] },
  ])('$name: the estimate is what the jobs held and what they captured', async ({ backend, targetSeconds, layout }) => {
    const request = { ...base, backend, targetSeconds, sceneCount: layout.length };
    const estimate = (await studio.generate.estimateVideo(request)).total;
    const video = await direct(
      request,
      layout.map(([duration, seconds], i) => ({ duration: duration!, seconds: seconds!, narration: `${backend} line ${targetSeconds}-${i} of ${seconds} seconds.` })),
    );
    expect(credits(video.id)).toEqual({ held: estimate, captured: estimate });
    expect(textCredits({ provider: 'gemini' }) + rendersShown.get(video.id)!).toBe(estimate);
    const voice = layout.reduce((sum, [d]) => sum + narrationCredits('gemini', d!), 0);
    expect(estimate).toBe(textCredits({ provider: 'gemini' }) + sceneCharges(backend, layout.map(([d]) => d!)).reduce((a, b) => a + b, 0) + voice);
    // Each scene job held its clip and its narration, and was charged both.
    const scenes = studio.store.sqlite.prepare("SELECT estimated_credits AS held, actual_credits AS captured FROM jobs WHERE project_id = ? AND kind = 'director.scene' ORDER BY seq").all(video.id);
    const charges = sceneCharges(backend, layout.map(([d]) => d!));
    expect(scenes).toEqual(charges.map((c, i) => ({ held: c + narrationCredits('gemini', layout[i]![0]!), captured: c + narrationCredits('gemini', layout[i]![0]!) })));
  }, 240_000);

  it('a scene without narration holds and is charged no voice; the render estimate shown says so', async () => {
    const request = { ...base, backend: 'kling-v2.1', targetSeconds: 10, sceneCount: 2 } as const;
    const video = await direct(request, [
      { duration: 5, narration: 'Only the first scene speaks.', seconds: 2 },
      { duration: 5, narration: '', seconds: 0 },
    ]);
    const expected = textCredits({ provider: 'gemini' }) + 2 * 30 + narrationCredits('gemini', 5);
    expect(textCredits({ provider: 'gemini' }) + rendersShown.get(video.id)!).toBe(expected);
    expect(credits(video.id)).toEqual({ held: expected, captured: expected });
    expect(video.scenes[1]!.render!.voicePath).toBeNull();
  }, 240_000);

  it('saves a blog cover and a social image as truecolour PNGs with the provider’s pixels', async () => {
    const sentBefore = imagesSent.length;
    const blog = await studio.generate.blog({ topic: 'Taipei night market', language: 'en', cover: 'standard', text: { provider: 'offline' }, image: { provider: 'gemini' } });
    const done = await until(() => {
      const p = studio.generate.get(blog.id) as BlogProject;
      if (p.status === 'failed') throw new Error(JSON.stringify(p.error));
      return p.status === 'ready' ? p : null;
    }, 'the blog');
    const cover = done.result!.coverPath!;
    const meta = await sharp(cover).metadata();
    expect(meta.format).toBe('png');
    expect(meta.isPalette).toBe(false);
    expect(meta.channels).toBe(3);
    const saved = await pixels(cover);
    const sent = await pixels(imagesSent[sentBefore]!);
    expect(distinctColours(saved.data)).toBeGreaterThan(256);
    expect({ width: saved.width, height: saved.height }).toEqual({ width: sent.width, height: sent.height });
    expect(saved.data.equals(sent.data)).toBe(true);

    const social = await studio.generate.social({ topic: 'Taipei night market', platform: 'instagram', aspect: '4:5', language: 'en', imageQuality: 'standard', text: { provider: 'offline' }, image: { provider: 'gemini' } });
    const post = await until(() => {
      const p = studio.generate.get(social.id) as SocialProject;
      if (p.status === 'failed') throw new Error(JSON.stringify(p.error));
      return p.status === 'ready' ? p : null;
    }, 'the social post');
    const image = post.result!.imagePath!;
    expect((await sharp(image).metadata()).isPalette).toBe(false);
    expect(distinctColours((await pixels(image)).data)).toBeGreaterThan(256);
  }, 120_000);
});
