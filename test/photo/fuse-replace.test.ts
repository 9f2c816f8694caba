import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobKinds } from '../../src/shared/jobs/kinds.js';
import { PHOTO_LIMITS } from '../../src/shared/photo/limits.js';
import { fuseHandlers } from '../../src/workers/photo/fuse-job.js';
import { composeFamily } from '../../src/workers/photo/offline/compose.js';
import { replacementSeed } from '../../src/workers/photo/variants.js';
import { detectFaces, loadRgb } from '../../src/workers/photo/vision/index.js';
import { groupPhoto } from './fixtures/portraits.js';
import { context, facesIn, maskBox, people } from './fuse-support.js';

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

describe('photo.makeover offline', () => {
  it('puts the people of a family photo on a new background at the same place and scale, four times', async () => {
    const photo = groupPhoto(6);
    const faces = await detectFaces(await loadRgb(photo), { minConfidence: PHOTO_LIMITS.minFaceConfidence });
    const { makeover } = fuseHandlers();
    const payload = jobKinds['photo.makeover'].payload.parse({ photo, faces, background: { preset: 'lantern-festival' }, backend: 'offline', variants: 4, watermark: false, outDir: path.join(dir, 'makeover') });
    const result = await makeover(payload, context(path.join(dir, 'temp')));
    expect(result.failures).toEqual([]);
    expect(result.variants).toHaveLength(4);
    const original = await loadRgb(photo);
    for (const v of result.variants) {
      expect(v.facesFound).toBe(faces.length);
      expect(v.draft).toBe(true);
      expect(v.width / v.height).toBeCloseTo(original.width / original.height, 2);
      // Same place and scale: the faces found in the result sit where the photo's were.
      const found = await detectFaces(await loadRgb(v.path), { minConfidence: 0.4 });
      const k = v.width / original.width;
      for (const f of faces) {
        const cx = (f.box.x + f.box.width / 2) * k;
        expect(found.some((g) => Math.abs(g.box.x + g.box.width / 2 - cx) < f.box.width * k * 0.3)).toBe(true);
      }
    }
  }, 60_000);

  it('refuses a costume change offline, with the reason', async () => {
    const { makeover } = fuseHandlers();
    const payload = jobKinds['photo.makeover'].payload.parse({ photo: groupPhoto(6), faces: [{ box: { x: 1, y: 1, width: 100, height: 100 }, confidence: 0.9 }], background: { preset: 'snow' }, costume: 'qipao', backend: 'offline', variants: 4, watermark: false, outDir: path.join(dir, 'costume') });
    await expect(makeover(payload, context(path.join(dir, 'temp')))).rejects.toMatchObject({ key: 'photo.fuse.costumeOffline' });
  });
});
