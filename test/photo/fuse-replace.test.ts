import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobKinds } from '../../src/shared/jobs/kinds.js';
import { PHOTO_LIMITS } from '../../src/shared/photo/limits.js';
import { fuseHandlers } from '../../src/workers/photo/fuse-job.js';
import { PRESET_INFO } from '../../src/shared/photo/presets.js';
import { floorLine, renderBackground } from '../../src/workers/photo/backgrounds/index.js';
import { composeFamily, preparePerson, type PreparedPerson } from '../../src/workers/photo/offline/compose.js';
import type { OnlineVariantInput } from '../../src/workers/photo/online/index.js';
import { replacementSeed } from '../../src/workers/photo/variants.js';
import { loadRgb, segmentPeople } from '../../src/workers/photo/vision/index.js';
import sharp from 'sharp';
import { DIGITAL_SOURCE_TYPE } from '../../src/workers/media/provenance.js';
import { context, facesIn, maskBox, people, xmpOf } from './fuse-support.js';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kingjam-fuse-replace-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('photo.fuse: a variant whose faces do not match is replaced once', () => {
  it('replaces a variant that lost a face with one more generation, and records a seed that fails twice', async () => {
    const calls: number[] = [];
    // A compositor that leaves a person out for seeds 1001 (first try only) and 1002 (both tries): the faces found are one short.
    const { fuse } = fuseHandlers({
      composeFamily: async (list, bg, opts) => {
        calls.push(opts.seed);
        const drop = opts.seed === 1001 || opts.seed === 1002 || opts.seed === replacementSeed(1002);
        return composeFamily(drop ? list.slice(1) : list, bg, opts);
      },
    });
    const payload = jobKinds['photo.fuse'].payload.parse({ people: await people(3), background: { preset: 'guochao' }, backend: 'offline', variants: 4, watermark: false, outDir: path.join(dir, 'out') });
    const result = await fuse(payload, context(path.join(dir, 'temp')));
    expect(calls).toEqual([1001, replacementSeed(1001), 1002, replacementSeed(1002), 1003, 1004]);
    expect(result.variants.map((v) => [v.seed, v.replacement, v.facesFound])).toEqual([
      [replacementSeed(1001), true, 3],
      [1003, false, 3],
      [1004, false, 3],
    ]);
    expect(result.failures).toEqual([{ seed: 1002, key: 'photo.fuse.facesMismatch', params: { expected: 3, found: 2 } }]);
    for (const v of result.variants) expect(await facesIn(v.path)).toBe(3);
    expect(fs.readdirSync(path.join(dir, 'out')).filter((f) => f.includes('1002'))).toEqual([]);
  }, 60_000);

  it('makes four variants of five people, each with exactly five faces, nobody cut off at the sides or top', async () => {
    const { fuse } = fuseHandlers();
    const payload = jobKinds['photo.fuse'].payload.parse({ people: await people(5), background: { preset: 'new-year-dinner' }, backend: 'offline', variants: 4, watermark: false, outDir: path.join(dir, 'five') });
    const result = await fuse(payload, context(path.join(dir, 'temp')));
    expect(result.failures).toEqual([]);
    expect(result.variants).toHaveLength(4);
    for (const v of result.variants) {
      expect(v.facesFound).toBe(5);
      expect(await facesIn(v.path)).toBe(5);
      expect(fs.statSync(v.path).size).toBeLessThanOrEqual(PHOTO_LIMITS.resultBytes);
      const box = await maskBox(result.masks[v.seed]!);
      expect(box.left).toBeGreaterThan(0);
      expect(box.right).toBeLessThan(box.width - 1);
      expect(box.top).toBeGreaterThan(0);
    }
  }, 60_000);
});

describe('photo.fuse online', () => {
  it('sends the people, the background and each seed to the image model, replaces a picture that lost a face, and segments the people mask', async () => {
    const list = await people(2);
    const prepared: PreparedPerson[] = [];
    for (const [i, p] of list.entries()) {
      const image = await loadRgb(p.path);
      prepared.push(preparePerson({ image, mask: await segmentPeople(image), face: p.face.box }, i));
    }
    const bg = await sharp(await renderBackground('seaside', 1024, 768)).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const sent: OnlineVariantInput[] = [];
    // A model that answers with a real picture of the people (made by the compositor), one short for seed 1001.
    const { fuse } = fuseHandlers({
      online: async (input) => {
        sent.push(input);
        const c = await composeFamily(input.seed === 1001 ? prepared.slice(1) : prepared, { data: bg.data, width: bg.info.width, height: bg.info.height }, { floor: floorLine('seaside'), seed: input.seed });
        const bytes = await sharp(c.image.data, { raw: { width: c.image.width, height: c.image.height, channels: 3 } }).jpeg().toBuffer();
        return { bytes, mimeType: 'image/jpeg', provider: 'gemini', model: 'fake-image-model' };
      },
    });
    const payload = jobKinds['photo.fuse'].payload.parse({ people: list, background: { preset: 'seaside' }, backend: 'gemini', variants: 4, watermark: false, outDir: path.join(dir, 'online') });
    const result = await fuse(payload, context(path.join(dir, 'temp')));
    expect(sent.map((s) => s.seed)).toEqual([1001, replacementSeed(1001), 1002, 1003, 1004]);
    expect(sent[0]).toMatchObject({ task: 'fuse', backend: 'gemini', via: 'cloud', background: { mimeType: 'image/png', description: PRESET_INFO.seaside.prompt } });
    expect(sent[0]!.people.map((b) => b.equals(fs.readFileSync(list[0]!.path)))).toEqual([true, false]);
    expect(result.failures).toEqual([]);
    expect(result.variants.map((v) => [v.seed, v.replacement, v.draft, v.provider, v.model])).toEqual([
      [replacementSeed(1001), true, false, 'gemini', 'fake-image-model'],
      ...[1002, 1003, 1004].map((seed) => [seed, false, false, 'gemini', 'fake-image-model']),
    ]);
    for (const v of result.variants) {
      expect(await xmpOf(v.path)).toContain(DIGITAL_SOURCE_TYPE);
      // The people mask came from segmenting the model's picture: people in it, and not everywhere.
      const stats = await sharp(result.masks[v.seed]!).stats();
      expect(stats.channels[0]!.mean).toBeGreaterThan(10);
      expect(stats.channels[0]!.mean).toBeLessThan(160);
    }
  }, 60_000);
});
