import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aesGcmCipher, sealedFileStore } from '../src/main/secrets/store.js';
import type { Studio } from '../src/main/studio.js';
import type { BlogProject, VideoProject } from '../src/shared/generate/projects.js';
import { TestCloud } from './helpers/cloud.js';
import { FAST_JOBS, openTestStudio, tempHome, until } from './helpers/studio.js';
import { startReplicateFake, type FakePrediction, type ReplicateFake } from './providers/replicate-fake.js';

/**
 * A user with only a Replicate key runs the generators end to end: the plan,
 * the article and the Director's script from Replicate's language model, the
 * cover and Kling's first frames from FLUX, the clips from Kling — each paid
 * prediction created once. Replicate is the stateful loopback fake.
 */

let rep: ReplicateFake;
let cloud: TestCloud;
let studio: Studio;
const home = tempHome();

const plan = { title: 'Taipei cafés guide', metaDescription: 'The best cafés in Taipei for a slow weekend, and what to order there.', slug: 'taipei-cafes', keywords: ['cafe', 'taipei', 'weekend'], outline: ['Why', 'Where', 'What to order'] };
const script = {
  title: 'Lantern night',
  scenes: [
    { narration: 'Lanterns rise over the river.', caption: 'Lanterns', visualPrompt: 'paper lanterns rising over a river at night', duration: 5, motion: 'zoom-in', transition: 'dissolve' },
    { narration: 'Families make a wish.', caption: 'Wishes', visualPrompt: 'a family writing wishes on a lantern', duration: 5, motion: 'pan-left', transition: 'dissolve' },
  ],
};
const tokens = (text: string): string[] => text.match(/.{1,4}/gsu) ?? [];

function answer(p: FakePrediction): unknown {
  if (p.model === 'meta/meta-llama-3.1-405b-instruct') {
    const prompt = String(p.input.prompt);
    if (prompt.includes('JSON Schema')) return tokens(JSON.stringify(prompt.includes('short video') ? script : plan));
    return tokens('## Why\n\nSlow mornings.\n\n## Where\n\nDa’an.\n\n## What to order\n\nPour-over.');
  }
  if (p.model === 'black-forest-labs/flux-schnell') return [`${rep.server.url}/files/frame.png`];
  if (p.model === 'kwaivgi/kling-v2.1') return `${rep.server.url}/files/clip.mp4`;
  return null;
}

beforeAll(async () => {
  process.env.KINGJAM_VIDEO_ENCODER = 'libx264';
  rep = await startReplicateFake();
  rep.outputFor = answer;
  const frame = await sharp({ create: { width: 180, height: 320, channels: 3, background: { r: 200, g: 80, b: 40 } } }).png().toBuffer();
  const clipPath = path.join(home, 'clip.mp4');
  execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=size=180x320:rate=24:duration=5', '-pix_fmt', 'yuv420p', '-c:v', 'libx264', clipPath]);
  rep.files.set('/files/frame.png', { type: 'image/png', body: frame });
  rep.files.set('/files/clip.mp4', { type: 'video/mp4', body: fs.readFileSync(clipPath) });
  cloud = await (await new TestCloud().start()).withUser(500);
  const secrets = sealedFileStore(path.join(home, 'secrets'), aesGcmCipher(randomBytes(32)), 'encrypted-file');
  studio = openTestStudio(home, FAST_JOBS, true, { secrets });
  await studio.providers.setKey('replicate', 'r8_test-key-0001');
  studio.jobs.setSecretsSource(() => ({ REPLICATE_API_TOKEN: rep.token, KINGJAM_REPLICATE_BASE_URL: rep.baseUrl }));
  await studio.sync.login({ cloudUrl: cloud.url, email: cloud.email, password: cloud.password });
}, 60_000);
afterAll(async () => {
  await studio?.close();
  await cloud?.stop();
  await rep?.close();
});

function settled<P extends BlogProject | VideoProject>(id: string, done: (p: P) => boolean): Promise<P> {
  return until(() => {
    const p = studio.generate.get(id) as P;
    if (p.status === 'failed') throw new Error(`project failed: ${JSON.stringify(p.error)}`);
    return done(p) ? p : null;
  }, `project ${id}`, 120_000);
}

describe('a Replicate-only user', () => {
  it('writes a blog post and draws its cover on Replicate', async () => {
    const started = await studio.generate.blog({ topic: 'Taipei cafés', language: 'en', text: { provider: 'replicate' }, image: { provider: 'replicate' } });
    const blog = await settled<BlogProject>(started.id, (p) => p.status === 'ready');
    expect(blog.result).toMatchObject({ title: 'Taipei cafés guide', textModel: 'meta/meta-llama-3.1-405b-instruct', draft: false });
    expect(fs.readFileSync(blog.result!.markdownPath, 'utf8')).toContain('Pour-over.');
    expect((await sharp(blog.result!.coverPath!).metadata()).width).toBe(180);
    const models = [...rep.predictions.values()].map((p) => p.model);
    expect(models.filter((m) => m === 'meta/meta-llama-3.1-405b-instruct')).toHaveLength(2);
    expect(models.filter((m) => m === 'black-forest-labs/flux-schnell')).toHaveLength(1);
  }, 150_000);

  it('writes a Director script and renders Kling scenes whose first frames Replicate draws', async () => {
    const before = rep.predictions.size;
    const createsBefore = rep.creates().length;
    const started = await studio.generate.video({ topic: 'Lantern festival', sceneCount: 2, targetSeconds: 10, backend: 'kling-v2.1', height: 320, quality: 'draft', voice: false, text: { provider: 'replicate' } });
    const scripted = await settled<VideoProject>(started.id, (p) => p.status === 'scripted');
    expect(scripted.script!.title).toBe('Lantern night');
    await studio.generate.render(started.id);
    const done = await settled<VideoProject>(started.id, (p) => p.status === 'ready' && p.output !== null);
    expect(fs.existsSync(done.output!.output)).toBe(true);
    const made = [...rep.predictions.values()].slice(before);
    const kling = made.filter((p) => p.model === 'kwaivgi/kling-v2.1');
    expect(kling.map((p) => p.input.prompt).sort()).toEqual(script.scenes.map((s) => s.visualPrompt).sort());
    expect(kling.every((p) => String(p.input.start_image).startsWith('data:image/png;base64,'))).toBe(true);
    expect(made.filter((p) => p.model === 'black-forest-labs/flux-schnell')).toHaveLength(2);
    // Each create is tagged with its job for KingJam Cloud's gateway.
    expect(rep.creates().slice(createsBefore).every((c) => typeof c.headers['idempotency-key'] === 'string')).toBe(true);
  }, 150_000);
});
