import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aesGcmCipher, sealedFileStore } from '../src/main/secrets/store.js';
import type { Studio } from '../src/main/studio.js';
import type { BlogProject, SocialProject, VideoProject } from '../src/shared/generate/projects.js';
import type { DirectorRequestInput, DirectorScript } from '../src/shared/generate/requests.js';
import { clipCredits, textChargeCredits } from '../src/shared/call-prices.js';
import { findModel, modelForTier, offeredModels } from '../src/shared/models.js';
import { clipSecondsFor, narrationCredits, sceneCharges, TEXT_CALLS, textCredits, textPriceModel, videoEstimate } from '../src/shared/pricing.js';
import { sceneSecondsFor } from '../src/workers/generation/director.js';
import { TestCloud } from './helpers/cloud.js';
import { PLATFORM_KEY, startGeminiUpstream, USAGE } from './helpers/gemini-upstream.js';
import { makeVideo } from './helpers/media.js';
import { capturedCredits, FAST_JOBS, openTestStudio, tempHome, until } from './helpers/studio.js';
import type { FakeServer } from './providers/fake-server.js';
import { startReplicateFake, type ReplicateFake } from './providers/replicate-fake.js';

/**
 * The Director's voice-over and the generators' images, end to end through
 * the real SDKs against loopback Gemini and Replicate servers in their wire
 * formats, composed by real ffmpeg. Videos run on KingJam Cloud: every call
 * goes through a real cloud-sync's generation gateway, which holds and
 * charges each one from the user's cloud wallet.
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
  let gemini: FakeServer;
  let replicate: ReplicateFake;
  let cloud: TestCloud;
  let studio: Studio;
  /** The script the fake Gemini writes next. */
  let script: DirectorScript;
  /** Each narration's length in seconds and pitch, by its text. */
  const narrations = new Map<string, { seconds: number; hz: number }>();
  /** Every image the fake handed out, as sent. */
  const imagesSent: Buffer[] = [];

  beforeAll(async () => {
    process.env.KINGJAM_VIDEO_ENCODER = 'libx264';
    // One loopback Gemini behind the cloud gateway (and behind the user's own key, for the blog and social images):
    // it writes the test's script, voices each narration as PCM of its length, and draws each still as a gradient.
    gemini = await startGeminiUpstream({
      script: () => script,
      speech: (text) => {
        const n = [...narrations.entries()].find(([line]) => text.includes(line))?.[1];
        return n ? tonePcm(n.seconds, n.hz) : null;
      },
      still: async (aspect) => {
        const [w, h] = IMAGE_SIZE[aspect] ?? [256, 256];
        const png = await gradientPng(w, h);
        imagesSent.push(png);
        return png;
      },
    });
    // Kling on Replicate behind the gateway: each prediction succeeds at its first poll with a real 2-second clip.
    replicate = await startReplicateFake();
    const home = tempHome();
    replicate.files.set('/files/clip.mp4', { type: 'video/mp4', body: fs.readFileSync(makeVideo(path.join(home, 'fixtures', 'kling.mp4'), 2)) });
    replicate.outputFor = () => `${replicate.server.url}/files/clip.mp4`;
    cloud = await (
      await new TestCloud({ gateway: { geminiApiKey: PLATFORM_KEY, geminiBaseUrl: gemini.url, replicateApiToken: replicate.token, replicateBaseUrl: replicate.baseUrl, ratePerMinute: 1_000 } }).start()
    ).withUser(5_000);
    const secrets = sealedFileStore(path.join(home, 'secrets'), aesGcmCipher(randomBytes(32)), 'encrypted-file');
    // The user's own Gemini key (the blog and social images) reaches the same loopback Gemini; the workers read its URL from the environment.
    process.env.KINGJAM_GEMINI_BASE_URL = gemini.url;
    studio = openTestStudio(home, { ...FAST_JOBS, rateLimits: {} }, true, { secrets });
    await studio.providers.setKey('gemini', 'test-key-0001');
    await studio.sync.login({ cloudUrl: cloud.url, email: cloud.email, password: cloud.password });
  });

  afterAll(async () => {
    await studio?.close();
    delete process.env.KINGJAM_GEMINI_BASE_URL;
    await cloud?.stop();
    await gemini?.close();
    await replicate?.close();
  });

  /** The render estimate each video showed once its script was written (before anything was rendered). */
  const rendersShown = new Map<string, number>();
  /** The cloud wallet's total before each video's script was written, and once it was (before anything was rendered). */
  const walletBefore = new Map<string, { script: number; render: number }>();
  interface Settled {
    /** The job's estimatedCredits, its actualCredits, and the credits the gateway recorded for its calls. */
    estimated: number;
    actual: number;
    gateway: number;
    /** Its calls as the gateway recorded them, in order: model and credits. */
    calls: [string, number][];
  }
  async function settledJob(jobId: string): Promise<Settled> {
    const calls = await cloud.genCalls(jobId);
    expect(calls.every((c) => c.status === 'succeeded')).toBe(true);
    return {
      estimated: (await studio.jobs.get(jobId))!.estimatedCredits,
      actual: await capturedCredits(studio, jobId),
      gateway: calls.reduce((sum, c) => sum + c.credits, 0),
      // The gateway lists newest first: read in the order they were made.
      calls: calls.map((c): [string, number] => [c.model, c.credits]).reverse(),
    };
  }
  /** What the video's script job and each scene job were estimated, charged, and recorded by the gateway. */
  async function settlement(video: VideoProject): Promise<{ script: Settled; scenes: Settled[] }> {
    const scriptJob = studio.store.sqlite.prepare("SELECT id FROM jobs WHERE project_id = ? AND kind = 'director.script'").get(video.id) as { id: string };
    const scenes: Settled[] = [];
    for (const s of video.scenes) scenes.push(await settledJob(s.jobId!));
    return { script: await settledJob(scriptJob.id), scenes };
  }
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  /** Each call's model, as the gateway names it. */
  const STILL = modelForTier('gemini', 'image', 'standard')!.id;
  /** A scene's still is charged at the scene-still price (10 credits), not a post image's 15. */
  const SCENE_STILL = sceneCharges('imagen-ffmpeg', [5])[0]!;
  const VOICE = offeredModels('gemini', 'speech')[0]!.id;
  const KLING = 'kwaivgi/kling-v2.1';

  /** Writes the script, renders and composes it; returns the finished project. */
  async function direct(request: DirectorRequestInput, scenes: { duration: number; narration: string; seconds: number; hz?: number }[]): Promise<VideoProject> {
    script = {
      title: 'Taipei night market',
      scenes: scenes.map((s, i) => ({ narration: s.narration, caption: `Scene ${i + 1}`, visualPrompt: `A night market stall, shot ${i + 1}`, duration: s.duration, motion: 'zoom-in', transition: 'dissolve' })),
    };
    for (const s of scenes) if (s.narration) narrations.set(s.narration, { seconds: s.seconds, hz: s.hz ?? 440 });
    const before = (await cloud.balance()).total;
    const started = await studio.generate.video(request);
    const scripted = await until(() => {
      const p = studio.generate.get(started.id) as VideoProject;
      if (p.status === 'failed') throw new Error(JSON.stringify(p.error));
      return p.status === 'scripted' ? p : null;
    }, 'the script');
    rendersShown.set(started.id, scripted.renderEstimate!.total);
    walletBefore.set(started.id, { script: before, render: (await cloud.balance()).total });
    await studio.generate.render(started.id);
    return until(() => {
      const p = studio.generate.get(started.id) as VideoProject;
      if (p.status === 'failed') throw new Error(JSON.stringify(p.error));
      return p.status === 'ready' && p.output ? p : null;
    }, 'the video', 180_000);
  }

  const base = { topic: 'Taipei night market', language: 'en', aspect: '9:16', height: 320, quality: 'draft', music: false, voice: true, text: { provider: 'cloud' }, renderVia: 'cloud' } as const;

  /**
   * On KingJam Cloud (no local hold), a video's script job is estimated at the text call's ceiling and charged by the
   * tokens the service reported, below that ceiling; each scene job is estimated at its still or first frame and clip
   * plus its narration, and charged exactly that. Checks, for one finished video: the render estimate shown before
   * rendering = the scene jobs' estimatedCredits = their actualCredits = what the gateway recorded for them = what the
   * wallet dropped by while they rendered; the script's charge = the gateway's = the wallet's drop while it was written,
   * the tokens' price, under its estimate. Returns the scene jobs' settlements.
   */
  async function expectChargedAsEstimated(video: VideoProject, perScene: number[]): Promise<Settled[]> {
    const { script, scenes } = await settlement(video);
    expect(scenes.map((s) => s.estimated)).toEqual(perScene);
    expect(scenes.map((s) => s.actual)).toEqual(perScene);
    expect(scenes.map((s) => s.gateway)).toEqual(perScene);
    expect(rendersShown.get(video.id)).toBe(sum(perScene));
    expect(script.estimated).toBe(textCredits({ provider: 'cloud' }, TEXT_CALLS.script));
    expect(script.actual).toBe(script.gateway);
    expect(script.actual).toBe(textChargeCredits(textPriceModel(undefined, 'cloud'), { inputTokens: USAGE.promptTokenCount, outputTokens: USAGE.candidatesTokenCount }, script.estimated));
    expect(script.actual).toBeLessThan(script.estimated);
    // Every call ended succeeded (its hold captured, the rest released), so the wallet's total fell by exactly the captures:
    // by the script's while it was written, by the render estimate shown while the scenes were rendered.
    const wallet = walletBefore.get(video.id)!;
    const after = (await cloud.balance()).total;
    expect(wallet.script - wallet.render).toBe(script.gateway);
    expect(wallet.render - after).toBe(sum(perScene));
    // Nothing was spent from a local allowance: the gateway held and captured each call itself.
    expect(studio.store.sqlite.prepare('SELECT COUNT(*) AS n FROM credit_spends').get()).toEqual({ n: 0 });
    return scenes;
  }

  it('prices each scene’s narration as one speech call: a 4-scene Kling video is estimated at what it is charged', () => {
    const script = textCredits({ provider: 'cloud' }, TEXT_CALLS.script);
    const kling = videoEstimate({ backend: 'kling-v2.1', sceneSeconds: [5, 5, 5, 5], textProvider: 'cloud', renderProvider: 'cloud', withVoice: true, voiceProvider: 'cloud' });
    // Four 5-second scenes at the seed's 30 (a 10-credit first frame and a 20-credit clip) and four narrations of under a
    // minute (5 each): what the scene jobs hold and capture.
    expect(kling.total).toBe(script + 4 * 30 + 4 * narrationCredits('cloud', 5));
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

  it('a 3 s scene with a 5 s narration grows so the whole narration is heard; the scenes cost what was estimated', async () => {
    const request = { ...base, backend: 'imagen-ffmpeg', targetSeconds: 10, sceneCount: 2 } as const;
    const estimate = await studio.generate.estimateVideo(request);
    expect(estimate.lines.every((l) => l.billing === 'credits')).toBe(true);
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

    // Each scene: one still and one narration (the 5 s line is under a minute of speech: one minute's price).
    const perScene = sceneCharges('imagen-ffmpeg', [3, 7]).map((c, i) => c + narrationCredits('cloud', [3, 7][i]!));
    const scenes = await expectChargedAsEstimated(video, perScene);
    expect(scenes.map((s) => s.calls)).toEqual([
      [[STILL, SCENE_STILL], [VOICE, narrationCredits('cloud', 5.5)]],
      [[STILL, SCENE_STILL], [VOICE, narrationCredits('cloud', 7)]],
    ]);
    expect(estimate.total).toBe(textCredits({ provider: 'cloud' }, TEXT_CALLS.script) + sum(perScene));
  }, 240_000);

  it.each([
    { name: 'Kling, three 4 s scenes', backend: 'kling-v2.1' as const, targetSeconds: 12, layout: [[4, 2], [4, 3], [4, 1]] },
    { name: 'Kling, two 10 s scenes', backend: 'kling-v2.1' as const, targetSeconds: 20, layout: [[10, 4], [10, 2]] },
    { name: 'Imagen + FFmpeg, four 5 s scenes', backend: 'imagen-ffmpeg' as const, targetSeconds: 20, layout: [[5, 3], [5, 1], [5, 6], [5, 2]] },
  ])('$name: the estimate is what the jobs held and what the gateway charged', async ({ backend, targetSeconds, layout }) => {
    const request = { ...base, backend, targetSeconds, sceneCount: layout.length };
    const estimate = (await studio.generate.estimateVideo(request)).total;
    const video = await direct(
      request,
      layout.map(([duration, seconds], i) => ({ duration: duration!, seconds: seconds!, narration: `${backend} line ${targetSeconds}-${i} of ${seconds} seconds.` })),
    );
    const durations = layout.map(([d]) => d!);
    // Each scene job holds its clip (Kling: its first frame too) and its narration, and is charged both.
    const perScene = sceneCharges(backend, durations).map((c, i) => c + narrationCredits('cloud', durations[i]!));
    const scenes = await expectChargedAsEstimated(video, perScene);
    // The estimate shown before the script was written: the script's ceiling plus the scenes, as the scenes were charged.
    expect(estimate).toBe(textCredits({ provider: 'cloud' }, TEXT_CALLS.script) + rendersShown.get(video.id)!);
    expect(estimate).toBe(textCredits({ provider: 'cloud' }, TEXT_CALLS.script) + sum(perScene));
    // Call by call, as the gateway recorded them.
    const clip = (d: number) => clipCredits(findModel('replicate', KLING)!, clipSecondsFor(backend, d))!;
    expect(scenes.map((s) => s.calls)).toEqual(
      durations.map((d) => [[STILL, SCENE_STILL], ...(backend === 'kling-v2.1' ? [[KLING, clip(d)]] : []), [VOICE, narrationCredits('cloud', d)]]),
    );
  }, 240_000);

  it('a scene without narration holds and is charged no voice; the render estimate shown says so', async () => {
    const request = { ...base, backend: 'kling-v2.1', targetSeconds: 10, sceneCount: 2 } as const;
    const video = await direct(request, [
      { duration: 5, narration: 'Only the first scene speaks.', seconds: 2 },
      { duration: 5, narration: '', seconds: 0 },
    ]);
    // Each scene a first frame and a 5 s clip; only the first a narration.
    const clip = 30;
    const scenes = await expectChargedAsEstimated(video, [clip + narrationCredits('cloud', 5), clip]);
    expect(scenes[1]!.calls.map(([model]) => model)).toEqual([STILL, KLING]);
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
