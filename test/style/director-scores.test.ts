import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../src/main/api/handlers.js';
import type { Studio } from '../../src/main/studio.js';
import { localisedError } from '../../src/main/cli/error-lines.js';
import type { VideoProject, VideoSceneState } from '../../src/shared/generate/projects.js';
import type { DirectorRequestInput } from '../../src/shared/generate/requests.js';
import { OfflineProvider } from '../../src/workers/generation/providers/offline/index.js';
import { contractCalls } from '../helpers/calls.js';
import { openTestStudio, tempHome, until } from '../helpers/studio.js';
import { clipOf, type ComfyScenes, startComfyScenes, VIDEO_WORKFLOW } from './comfy-scenes.js';
import { flatStyle, neonStyle } from './fixtures.js';

/**
 * Director scenes are scored against the video's locked style like blog and
 * social images: on a real studio (SQLite, workers), each scene's render gets
 * the Style-Locker's consistency score filed with the scene, and a scene drawn
 * out of style is flagged. The offline backend draws every scene with the
 * style's fixed seed; on a loopback ComfyUI (its HTTP routes and /ws events,
 * ./comfy-scenes.ts) one scene comes back in another palette, and then as
 * real H.264 clips: in the style, drifting, wholly out of it, and cut off
 * (its frames scored with ffmpeg; the corrupt one keeps a reason instead).
 */
let home: string;
let studio: Studio;
let comfy: ComfyScenes;
const api = contractCalls(() => createHandlers(studio, 'web'));
const saved = { url: process.env.KINGJAM_COMFYUI_URL, video: process.env.KINGJAM_COMFYUI_VIDEO_WORKFLOW };

async function lockedStyle(name: string, refs: string[], seed: number): Promise<string> {
  const created = await api.call('style.create', { name, paths: refs, seedPolicy: { mode: 'fixed', seed } });
  await until(async () => {
    const p = await api.call('style.get', { id: created.id });
    if (p.status === 'failed') throw new Error(JSON.stringify(p.error));
    return p.status === 'ready';
  }, 'the extraction', 60_000);
  await api.call('style.lock', { id: created.id });
  return created.id;
}

/** Writes the script, renders the scenes and waits until every scene has its score (or the reason it has none). */
async function direct(request: DirectorRequestInput): Promise<VideoProject> {
  const started = await studio.generate.video(request);
  await until(() => {
    const p = studio.generate.get(started.id) as VideoProject;
    if (p.status === 'failed') throw new Error(JSON.stringify(p.error));
    return p.status === 'scripted';
  }, 'the script');
  await studio.generate.render(started.id);
  // Only the scenes matter here: composing the cut afterwards (fonts, ffmpeg) is tested elsewhere.
  return until(() => {
    const p = studio.generate.get(started.id) as VideoProject;
    const failed = p.scenes.find((s) => s.status === 'failed');
    if (failed) throw new Error(failed.error ?? 'a scene failed');
    return p.scenes.length && p.scenes.every((s) => s.styleScore || s.styleUnscored) ? p : null;
  }, 'the scene scores', 90_000);
}

const base = { language: 'en', aspect: '9:16', sceneCount: 3, targetSeconds: 10, height: 240, quality: 'draft', music: false, voice: false } as const;

beforeAll(async () => {
  comfy = await startComfyScenes();
  home = tempHome('kingjam-director-style-');
  const workflowFile = path.join(home, 'video-workflow.json');
  fs.writeFileSync(workflowFile, JSON.stringify(VIDEO_WORKFLOW));
  // Read by main (is ComfyUI set up?) and by the workers, which start with the studio.
  process.env.KINGJAM_COMFYUI_URL = comfy.fake.url;
  process.env.KINGJAM_COMFYUI_VIDEO_WORKFLOW = workflowFile;
  studio = openTestStudio(home);
});
afterAll(async () => {
  await studio.close();
  await comfy.close();
  for (const [k, v] of [['KINGJAM_COMFYUI_URL', saved.url], ['KINGJAM_COMFYUI_VIDEO_WORKFLOW', saved.video]] as const) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

describe('Director scenes scored against a locked style', () => {
  it('offline: every scene, drawn with the style’s seed, gets its score filed with it, in style', async () => {
    // The style is taken from four offline drawings with its seed, as the offline backend draws scenes with it.
    const dir = fs.mkdtempSync(path.join(home, 'offline-refs-'));
    const offline = new OfflineProvider();
    const refs = await Promise.all(
      ['Morning tea', 'A quiet harbour', 'Paper lanterns', 'Rain on the roof'].map(async (headline, i) => {
        const [img] = (await offline.generateImage({ prompt: headline, seed: 42, aspectRatio: '9:16', brief: { topic: headline, headline, language: 'en' } })).images;
        const file = path.join(dir, `ref-${i}.png`);
        fs.writeFileSync(file, img!.bytes);
        return file;
      }),
    );
    const styleId = await lockedStyle('Offline seed 42', refs, 42);
    const video = await direct({ ...base, topic: 'Tea houses of Taipei', backend: 'offline', styleId });
    expect(video.scenes).toHaveLength(3);
    for (const s of video.scenes) {
      expect(s.styleScore).toMatchObject({ styleId, drift: false });
      expect(s.styleScore!.score).toBeGreaterThanOrEqual(60);
    }
    // The same numbers as the Style-Locker's own rows for those files.
    const rows = await api.call('style.scores', { id: styleId });
    for (const s of video.scenes) expect(rows.find((r) => r.path === s.render!.path)).toMatchObject({ score: s.styleScore!.score, drift: false, source: 'director.scene' });
    // Read back from the database by a fresh service view.
    const again = studio.generate.get(video.id) as VideoProject;
    expect(again.scenes.map((s) => s.styleScore?.score)).toEqual(video.scenes.map((s) => s.styleScore!.score));
  });

  it('ComfyUI: the scene that came back in another palette is flagged as drift, the others are not', async () => {
    const dir = fs.mkdtempSync(path.join(home, 'flat-'));
    const refs = await Promise.all([1, 2, 3, 4].map((s) => flatStyle(dir, `ref-${s}.png`, s)));
    const styleId = await lockedStyle('Picture book', refs, 7);
    comfy.images.set(1, fs.readFileSync(await flatStyle(dir, 'scene-1.png', 101)));
    comfy.images.set(2, fs.readFileSync(await neonStyle(dir, 'scene-2.png', 102)));
    comfy.images.set(3, fs.readFileSync(await flatStyle(dir, 'scene-3.png', 103)));
    const video = await direct({ ...base, topic: 'Picture books', backend: 'comfyui', styleId });
    expect(comfy.fake.hits('/prompt', 'POST')).toHaveLength(3);
    expect(video.scenes.map((s) => s.styleScore!.drift)).toEqual([false, true, false]);
    expect(video.scenes[1]!.styleScore!.score).toBeLessThan(60);
    expect(video.scenes[0]!.styleScore!.score).toBeGreaterThan(video.scenes[1]!.styleScore!.score + 20);
  });

  it('ComfyUI clips: each clip’s first, middle and last frames are scored; the clip that turns to another palette is flagged', async () => {
    comfy.images.clear();
    const dir = fs.mkdtempSync(path.join(home, 'clips-'));
    const refs = await Promise.all([1, 2, 3, 4].map((s) => flatStyle(dir, `ref-${s}.png`, s)));
    const styleId = await lockedStyle('Picture book clips', refs, 7);
    // A LoRA carrier on the style: each clip's prompt carries its tag.
    await api.call('style.unlock', { id: styleId });
    await api.call('style.update', { id: styleId, carriers: { gemini: { referenceImages: true }, seedream: { referenceImages: true }, comfyui: { lora: { name: 'picture-book', strength: 0.7 }, ipAdapter: null } } });
    await api.call('style.lock', { id: styleId });
    const flat = (s: number) => flatStyle(dir, `flat-${s}.png`, s);
    comfy.clips.set(1, clipOf(dir, 'clip-1.mp4', [await flat(201), await flat(202), await flat(203)]));
    // Starts in the style (the frame a video model was given) and ends in neon: only its later frames show the drift.
    comfy.clips.set(2, clipOf(dir, 'clip-2.mp4', [await flat(204), await neonStyle(dir, 'neon-1.png', 205), await neonStyle(dir, 'neon-2.png', 206)]));
    comfy.clips.set(3, clipOf(dir, 'clip-3.mp4', [await flat(207), await flat(208), await flat(209)]));
    const seenBefore = comfy.fake.seen.length;
    const video = await direct({ ...base, topic: 'Picture book clips', backend: 'comfyui', styleId });
    expect(video.scenes.map((s) => s.render!.kind)).toEqual(['video', 'video', 'video']);
    const clipPrompts = comfy.fake.seen.slice(seenBefore).filter((r) => r.path === '/prompt').map((r) => (r.json as { prompt: Record<string, { inputs: { text?: string } }> }).prompt['6']?.inputs.text ?? '');
    expect(clipPrompts).toHaveLength(3);
    expect(clipPrompts.every((t) => t.endsWith(' <lora:picture-book:0.7>'))).toBe(true);
    expect(video.scenes.map((s) => s.styleScore!.drift)).toEqual([false, true, false]);
    for (const s of video.scenes) expect(s.styleScore!.frames!.map((f) => f.atSec)).toEqual([0, 1.5, 3]);
    // The on-style clip passes on every frame; the drifting one passes on its first frame and fails on the last two.
    expect(video.scenes[0]!.styleScore!.frames!.every((f) => !f.drift && f.score >= 60)).toBe(true);
    expect(video.scenes[1]!.styleScore!.frames!.map((f) => f.drift)).toEqual([false, true, true]);
    // The clip's score is its furthest frame's; the mean of its frames is kept beside it.
    for (const s of video.scenes) {
      const frames = s.styleScore!.frames!.map((f) => f.score);
      expect(s.styleScore!.score).toBe(Math.min(...frames));
      expect(s.styleScore!.meanScore).toBeCloseTo(frames.reduce((a, b) => a + b, 0) / frames.length, 1);
    }
    // One frame in the style lifts the drifting clip's mean above its lowest frame.
    expect(video.scenes[1]!.styleScore!.meanScore!).toBeGreaterThan(video.scenes[1]!.styleScore!.score + 10);
    expect(video.scenes[1]!.styleScore!.score).toBeLessThan(60);
    // Filed by the Style-Locker under the clip's own path, frames included, and read back from SQLite.
    const rows = await api.call('style.scores', { id: styleId });
    for (const s of video.scenes) {
      expect(s.render!.path).toMatch(/\.mp4$/);
      expect(rows.find((r) => r.path === s.render!.path)).toMatchObject({ score: s.styleScore!.score, meanScore: s.styleScore!.meanScore, drift: s.styleScore!.drift, frames: s.styleScore!.frames, source: 'director.scene' });
    }
    const again = studio.generate.get(video.id) as VideoProject;
    expect(again.scenes[1]!.styleScore).toEqual(video.scenes[1]!.styleScore);
  });

  it('ComfyUI clips in the style, out of it, and corrupt: the out-of-style clip alone drifts, by a stated margin; the corrupt one keeps a localised reason and holds nothing up', async () => {
    comfy.images.clear();
    comfy.clips.clear();
    const dir = fs.mkdtempSync(path.join(home, 'clip-margin-'));
    const refs = await Promise.all([1, 2, 3, 4].map((s) => flatStyle(dir, `ref-${s}.png`, s)));
    const styleId = await lockedStyle('Picture book, clips in and out', refs, 7);
    comfy.clips.set(1, clipOf(dir, 'in.mp4', [await flatStyle(dir, 'in-1.png', 301), await flatStyle(dir, 'in-2.png', 302), await flatStyle(dir, 'in-3.png', 303)]));
    comfy.clips.set(2, clipOf(dir, 'out.mp4', [await neonStyle(dir, 'out-1.png', 304), await neonStyle(dir, 'out-2.png', 305), await neonStyle(dir, 'out-3.png', 306)]));
    // A download cut off half way: libx264's MP4 keeps its index (moov) at the end, so nothing in it can be decoded.
    const whole = clipOf(dir, 'cut.mp4', [await flatStyle(dir, 'cut-1.png', 307), await flatStyle(dir, 'cut-2.png', 308)]);
    comfy.clips.set(3, whole.subarray(0, Math.floor(whole.length / 2)));
    const video = await direct({ ...base, topic: 'Picture book clips in and out', backend: 'comfyui', styleId });
    const [inStyle, outOfStyle, corrupt] = video.scenes as [VideoSceneState, VideoSceneState, VideoSceneState];

    // Drift is flagged exactly for the out-of-style clip, on every one of its frames.
    expect(inStyle.styleScore).toMatchObject({ styleId, drift: false });
    expect(outOfStyle.styleScore).toMatchObject({ styleId, drift: true });
    expect(inStyle.styleScore!.frames!.map((f) => f.drift)).toEqual([false, false, false]);
    expect(outOfStyle.styleScore!.frames!.map((f) => f.drift)).toEqual([true, true, true]);
    // The stated margin (as for stills, docs/style-locker.md): the in-style clip's lowest frame is at least 30 points above
    // the out-of-style clip's highest frame, and its mean at least 30 above the other's mean (measured: 72.9 vs 23.5; means 76.1 vs 22).
    expect(inStyle.styleScore!.score).toBeGreaterThanOrEqual(Math.max(...outOfStyle.styleScore!.frames!.map((f) => f.score)) + 30);
    expect(inStyle.styleScore!.meanScore!).toBeGreaterThanOrEqual(outOfStyle.styleScore!.meanScore! + 30);

    // The corrupt clip: rendered, unscored, with the reason filed with the scene (and no score row for it).
    expect(corrupt.status).toBe('ready');
    expect(corrupt.styleScore ?? null).toBeNull();
    const file = path.basename(corrupt.render!.path);
    expect(corrupt.styleUnscored).toMatchObject({ styleId, error: { code: 'INVALID_MEDIA', key: 'style.clipUnreadable', params: { file } } });
    for (const language of ['zh-TW', 'zh-CN', 'en'] as const) {
      const said = localisedError(corrupt.styleUnscored!.error, language);
      expect(said.message).toContain(file);
      expect(said.hint).toBeTruthy();
    }
    expect(localisedError(corrupt.styleUnscored!.error, 'zh-TW').message).toContain('無法解碼影片片段');
    const rows = await api.call('style.scores', { id: styleId });
    expect(rows.map((r) => r.path).sort()).toEqual([inStyle.render!.path, outOfStyle.render!.path].sort());
    // Scoring held nothing up: every scene is ready and the cut was queued (composing a clip that cannot be decoded is the compose job's own failure).
    expect(video.scenes.every((s) => s.status === 'ready')).toBe(true);
    expect(video.composeJobId).toBeTruthy();
    const again = studio.generate.get(video.id) as VideoProject;
    expect(again.scenes[2]!.styleUnscored).toEqual(corrupt.styleUnscored);
    expect(again.error?.key).not.toBe('style.clipUnreadable');
  });
});
