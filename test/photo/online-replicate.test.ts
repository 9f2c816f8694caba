import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { findModel } from '../../src/shared/models.js';
import { PHOTO_LIMITS, PHOTO_SEEDS } from '../../src/shared/photo/limits.js';
import { DIGITAL_SOURCE_TYPE } from '../../src/workers/media/provenance.js';
import { animateOnline } from '../../src/workers/photo/online/animate.js';
import { makeVariantOnline } from '../../src/workers/photo/online/variant.js';
import { repairPhoto } from '../../src/workers/photo/repair-job.js';
import { startReplicateFake, type FakePrediction, type ReplicateFake } from '../providers/replicate-fake.js';
import { meanColour, near, photoContext, swatch } from './online-support.js';

/**
 * The Replicate paths of the photo studio through the real `replicate` SDK
 * against the loopback Replicate fake (its predictions API, files served
 * without the token as replicate.delivery does): Seedream with every image
 * and the seed, FLUX Kontext on one reference sheet, CodeFormer by its pinned
 * version for repair, Seedance for minimal motion.
 */

let fake: ReplicateFake;
let dir: string;
let clip: Buffer;
/** Every output the fake serves is a file at its own address; its colour tells which seed made it. */
function serveOutput(p: FakePrediction): string {
  const video = p.model === 'bytedance/seedance-1-lite';
  const file = `/files/${p.id}.${video ? 'mp4' : 'png'}`;
  const seed = typeof p.input.seed === 'number' ? p.input.seed : 0;
  fake.files.set(file, { type: video ? 'video/mp4' : 'image/png', body: video ? clip : outputs.get(seed) ?? restored });
  return `${fake.server.url}${file}`;
}
const outputs = new Map<number, Buffer>();
let restored: Buffer;

beforeAll(async () => {
  fake = await startReplicateFake();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kingjam-photo-replicate-'));
  const clipFile = path.join(dir, 'clip.mp4');
  execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'color=c=navy:s=320x180:d=5:r=24', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', clipFile]);
  clip = fs.readFileSync(clipFile);
  for (const seed of PHOTO_SEEDS) outputs.set(seed, await swatch(96, 64, [seed % 256, 120, 60]));
  // A restored photo larger than 2 MB as PNG (noise does not compress): the job must bring it under.
  const noise = Buffer.alloc(1600 * 1200 * 3);
  for (let i = 0; i < noise.length; i++) noise[i] = (i * 2654435761) >>> 24;
  restored = await sharp(noise, { raw: { width: 1600, height: 1200, channels: 3 } }).png().toBuffer();
});
afterAll(async () => {
  await fake.close();
  fs.rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  fake.reset();
  fake.outcomes = [{ status: 'succeeded', afterPolls: 0 }];
  fake.outputFor = (p) => (p.model === 'bytedance/seedream-4' ? [serveOutput(p)] : serveOutput(p));
});

const secrets = (): Record<string, string> => ({ REPLICATE_API_TOKEN: fake.token, KINGJAM_REPLICATE_BASE_URL: fake.baseUrl });
const PEOPLE: [number, number, number][] = [
  [200, 30, 30],
  [30, 200, 30],
];
const BACKGROUND: [number, number, number] = [220, 200, 40];

async function inputs(): Promise<{ people: Buffer[]; background: { bytes: Buffer; mimeType: string; description: string } }> {
  return { people: await Promise.all(PEOPLE.map((c) => swatch(720, 960, c))), background: { bytes: await swatch(1600, 900, BACKGROUND), mimeType: 'image/png', description: 'lanterns at night' } };
}

const decode = (uri: unknown): Buffer => Buffer.from(String(uri).replace(/^data:[^;]+;base64,/, ''), 'base64');

describe('photo variants on Replicate (own key)', () => {
  it('sends Seedream every person and the background in image_input, with seeds 1001–1004', async () => {
    const { people, background } = await inputs();
    const ctx = photoContext(secrets());
    for (const seed of PHOTO_SEEDS) {
      const out = await makeVariantOnline({ task: 'fuse', people, background, seed, backend: 'seedream', via: 'own-key' }, ctx);
      expect(out).toMatchObject({ provider: 'replicate', model: 'bytedance/seedream-4' });
      expect(near(await meanColour(out.bytes), [seed % 256, 120, 60])).toBe(true);
    }
    const creates = fake.creates();
    expect(creates.map((c) => c.path)).toEqual(Array(4).fill('/v1/models/bytedance/seedream-4/predictions'));
    const sent = creates.map((c) => (c.json as { input: Record<string, unknown> }).input);
    expect(sent.map((i) => i.seed)).toEqual([1001, 1002, 1003, 1004]);
    for (const input of sent) {
      expect(input).toMatchObject({ aspect_ratio: '16:9', max_images: 1, size: '2K' });
      const refs = input.image_input as string[];
      expect(refs).toHaveLength(3);
      const colours = await Promise.all(refs.map((r) => meanColour(decode(r))));
      [...PEOPLE, BACKGROUND].forEach((c, i) => expect(near(colours[i]!, c)).toBe(true));
      expect(String(input.prompt)).toContain('Keep every face exactly as in the photos');
    }
  });

  it('gives FLUX Kontext one reference sheet: the people on the left, the background on the right, and the seed', async () => {
    const { people, background } = await inputs();
    await makeVariantOnline({ task: 'fuse', people, background, seed: 1002, backend: 'flux-kontext', via: 'own-key' }, photoContext(secrets()));
    const [create] = fake.creates();
    expect(create?.path).toBe('/v1/models/black-forest-labs/flux-kontext-pro/predictions');
    const input = (create!.json as { input: Record<string, unknown> }).input;
    expect(input).toMatchObject({ seed: 1002, aspect_ratio: '16:9', output_format: 'png' });
    const sheet = decode(input.input_image);
    const meta = await sharp(sheet).metadata();
    expect(meta.height).toBe(1024);
    // Left panel: the first person; right edge: the background.
    const left = await sharp(sheet).extract({ left: 100, top: 100, width: 50, height: 50 }).toBuffer();
    const right = await sharp(sheet).extract({ left: meta.width! - 60, top: 500, width: 50, height: 50 }).toBuffer();
    expect(near(await meanColour(left), PEOPLE[0]!)).toBe(true);
    expect(near(await meanColour(right), BACKGROUND)).toBe(true);
    expect(String(input.prompt)).toContain('reference sheet');
  });

  it('tries a create that failed with a 500 (and made nothing) once more', async () => {
    const { people, background } = await inputs();
    fake.createFailures = [{ created: false, status: 500 }];
    const out = await makeVariantOnline({ task: 'fuse', people, background, seed: 1004, backend: 'seedream', via: 'own-key' }, photoContext(secrets()));
    expect(near(await meanColour(out.bytes), [1004 % 256, 120, 60])).toBe(true);
    expect(fake.creates()).toHaveLength(2);
    expect(fake.predictions.size).toBe(1);
  });
});

describe('old-photo repair and motion on Replicate (own key)', () => {
  it('repairs with CodeFormer by its pinned version and saves a PNG of at most 2 MB with provenance', async () => {
    const photo = path.join(dir, 'old.png');
    fs.writeFileSync(photo, await swatch(800, 600, [140, 120, 100]));
    const out = path.join(dir, 'repaired.png');
    const result = await repairPhoto({ photo, backend: 'replicate', via: 'own-key', out }, photoContext(secrets()));
    const [create] = fake.creates();
    expect(create?.path).toBe('/v1/predictions');
    expect(create?.json).toMatchObject({ version: findModel('replicate', 'sczhou/codeformer')!.version, input: { codeformer_fidelity: 0.7, upscale: 2, face_upsample: true } });
    expect(near(await meanColour(decode((create!.json as { input: { image: string } }).input.image)), [140, 120, 100])).toBe(true);
    expect(result).toMatchObject({ path: out, provider: 'replicate', model: 'sczhou/codeformer' });
    const saved = fs.readFileSync(out);
    expect(saved.length).toBe(result.bytes);
    expect(saved.length).toBeLessThanOrEqual(PHOTO_LIMITS.resultBytes);
    const meta = await sharp(saved).metadata();
    expect(meta.format).toBe('png');
    expect([meta.width, meta.height]).toEqual([result.width, result.height]);
    expect(result.width / result.height).toBeCloseTo(1600 / 1200, 1);
    expect(meta.xmp?.toString('utf8')).toContain(DIGITAL_SOURCE_TYPE);
  });

  it('animates with Seedance asked for minimal motion: the still as first frame, the camera fixed, a 5 s clip', async () => {
    const image = path.join(dir, 'chosen.png');
    fs.writeFileSync(image, await swatch(1280, 720, [90, 20, 20]));
    const out = path.join(dir, 'motion.mp4');
    const result = await animateOnline({ image, effect: 'snow', seconds: 5, backend: 'seedance', via: 'own-key', out }, photoContext(secrets()));
    const [create] = fake.creates();
    expect(create?.path).toBe('/v1/models/bytedance/seedance-1-lite/predictions');
    const input = (create!.json as { input: Record<string, unknown> }).input;
    expect(input).toMatchObject({ duration: 5, camera_fixed: true, resolution: '720p', seed: 1001 });
    expect(String(input.prompt)).toMatch(/people stay completely still/);
    expect(String(input.prompt)).toMatch(/snow/);
    expect(near(await meanColour(decode(input.image)), [90, 20, 20])).toBe(true);
    expect(result).toMatchObject({ path: out, provider: 'replicate', model: 'bytedance/seedance-1-lite', width: 320, height: 180 });
    expect(result.durationSec).toBeCloseTo(5, 0);
  });

  it('sends Kling the still as its start image for a 5 s clip with the negative prompt', async () => {
    const image = path.join(dir, 'chosen-k.png');
    fs.writeFileSync(image, await swatch(720, 1280, [20, 90, 20]));
    fake.outputFor = (p) => {
      const file = `/files/${p.id}.mp4`;
      fake.files.set(file, { type: 'video/mp4', body: clip });
      return `${fake.server.url}${file}`;
    };
    await animateOnline({ image, effect: 'fireworks', seconds: 5, backend: 'kling', via: 'own-key', out: path.join(dir, 'kling.mp4') }, photoContext(secrets()));
    const input = (fake.creates()[0]!.json as { input: Record<string, unknown> }).input;
    expect(input).toMatchObject({ mode: 'standard', duration: 5 });
    expect(String(input.negative_prompt)).toMatch(/people moving/);
    expect(near(await meanColour(decode(input.start_image)), [20, 90, 20])).toBe(true);
  });
});
