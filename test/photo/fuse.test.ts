import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobKinds } from '../../src/shared/jobs/kinds.js';
import { PHOTO_LIMITS } from '../../src/shared/photo/limits.js';
import { BACKGROUND_PRESETS } from '../../src/shared/photo/presets.js';
import { DIGITAL_SOURCE_TYPE } from '../../src/workers/media/provenance.js';
import { renderBackground } from '../../src/workers/photo/backgrounds/index.js';
import { fusePhoto } from '../../src/workers/photo/fuse-job.js';
import { context, difference, facesIn, maskBox, people, xmpOf } from './fuse-support.js';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kingjam-fuse-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the bundled backgrounds', () => {
  it('draws all eight presets at 2048×1536, each its own picture, and reuses the cached render', async () => {
    const cache = path.join(dir, 'cache');
    const means: string[] = [];
    for (const preset of BACKGROUND_PRESETS) {
      const png = await renderBackground(preset, 2048, 1536, cache);
      const img = sharp(png);
      const meta = await img.metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(['png', 2048, 1536]);
      const stats = await img.stats();
      // A drawn scene, not a flat fill: every channel varies.
      for (const c of stats.channels.slice(0, 3)) expect(c.stdev).toBeGreaterThan(12);
      means.push(stats.channels.slice(0, 3).map((c) => Math.round(c.mean / 8)).join(','));
      const cached = path.join(cache, fs.readdirSync(cache).find((f) => f.startsWith(`${preset}-2048x1536`))!);
      fs.writeFileSync(cached, Buffer.from('not a png'));
      expect((await renderBackground(preset, 2048, 1536, cache)).toString()).toBe('not a png');
    }
    expect(new Set(means).size).toBe(BACKGROUND_PRESETS.length);
  }, 40_000);
});

/** Runs the offline fuse of n portraits and checks what issue 15 asks of every variant. */
async function fuseAndCheck(n: number, preset: (typeof BACKGROUND_PRESETS)[number]): Promise<string[]> {
  const outDir = path.join(dir, `fuse-${n}`);
  const payload = jobKinds['photo.fuse'].payload.parse({ people: await people(n), background: { preset }, backend: 'offline', variants: 4, watermark: false, outDir });
  const ctx = context(path.join(dir, 'temp'));
  const result = await fusePhoto(payload, ctx);
  expect(result.failures).toEqual([]);
  expect(result.variants.map((v) => v.seed % 10_000)).toEqual([...PHOTO_LIMITS.seeds]);
  for (const v of result.variants) {
    expect(v.facesFound).toBe(n);
    expect(await facesIn(v.path)).toBe(n);
    expect(v.draft).toBe(true);
    expect(v.provider).toBe('offline');
    const meta = await sharp(v.path).metadata();
    expect(meta.format).toBe('png');
    expect([meta.width, meta.height]).toEqual([v.width, v.height]);
    expect(fs.statSync(v.path).size).toBeLessThanOrEqual(PHOTO_LIMITS.resultBytes);
    const xmp = await xmpOf(v.path);
    expect(xmp).toContain(DIGITAL_SOURCE_TYPE);
    expect(xmp).toContain('offline draft');
    // Nobody cut off: the people (half-body portraits) stay inside the left, right and top edges; only the bottom edge may crop them.
    const box = await maskBox(result.masks[v.seed]!);
    expect([box.width, box.height]).toEqual([v.width, v.height]);
    expect(box.left).toBeGreaterThan(0);
    expect(box.right).toBeLessThan(box.width - 1);
    expect(box.top).toBeGreaterThan(0);
  }
  expect(ctx.steps.at(-1)).toBe(1);
  return result.variants.map((v) => v.path);
}

describe('photo.fuse offline', () => {
  it('makes four variants of one person, each with exactly one face, and the seeds make them differ', async () => {
    const files = await fuseAndCheck(1, 'forbidden-city-wall');
    for (let i = 1; i < files.length; i++) expect(await difference(files[0]!, files[i]!)).toBeGreaterThan(1);
  }, 60_000);

  it('makes four variants of three people, each with exactly three faces', async () => {
    await fuseAndCheck(3, 'snow');
  }, 60_000);

  it('makes the free tier its one variant, with the tiled watermark over it', async () => {
    const base = { people: await people(1), background: { preset: 'seaside' }, backend: 'offline', variants: 1 };
    const plain = await fusePhoto(jobKinds['photo.fuse'].payload.parse({ ...base, watermark: false, outDir: path.join(dir, 'plain') }), context(path.join(dir, 'temp')));
    const marked = await fusePhoto(jobKinds['photo.fuse'].payload.parse({ ...base, watermark: true, outDir: path.join(dir, 'marked') }), context(path.join(dir, 'temp')));
    expect(marked.variants.map((v) => v.seed)).toEqual([PHOTO_LIMITS.seeds[0]]);
    // The same seed composites the same picture, so what differs is the watermark.
    expect(await difference(plain.variants[0]!.path, marked.variants[0]!.path)).toBeGreaterThan(0.5);
    expect(fs.statSync(marked.variants[0]!.path).size).toBeLessThanOrEqual(PHOTO_LIMITS.resultBytes);
    expect(await xmpOf(marked.variants[0]!.path)).toContain(DIGITAL_SOURCE_TYPE);
  }, 60_000);

  it('stops when the job is canceled', async () => {
    const ac = new AbortController();
    ac.abort(new Error('canceled'));
    const payload = jobKinds['photo.fuse'].payload.parse({ people: await people(1), background: { preset: 'snow' }, backend: 'offline', variants: 4, watermark: false, outDir: path.join(dir, 'canceled') });
    await expect(fusePhoto(payload, context(path.join(dir, 'temp'), ac.signal))).rejects.toThrow('canceled');
    expect(fs.existsSync(path.join(dir, 'canceled')) ? fs.readdirSync(path.join(dir, 'canceled')) : []).toEqual([]);
  }, 30_000);
});
