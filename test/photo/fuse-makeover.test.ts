import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobKinds } from '../../src/shared/jobs/kinds.js';
import { PHOTO_LIMITS } from '../../src/shared/photo/limits.js';
import { fuseHandlers } from '../../src/workers/photo/fuse-job.js';
import { detectFaces, loadRgb } from '../../src/workers/photo/vision/index.js';
import { groupPhoto } from './fixtures/portraits.js';
import { context } from './fuse-support.js';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kingjam-makeover-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

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
