import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobPayload } from '../../src/shared/jobs/kinds.js';
import { photoJobKinds } from '../../src/shared/photo/jobs.js';
import { photoMotion } from '../../src/workers/photo/motion-job.js';
import { tempDir } from '../media/helpers.js';
import { jobContext } from './motion-helpers.js';

/** photo.motion refuses what it cannot do well, before any rendering, each with its message key. */
const dir = tempDir('photo-motion-errors');
let photo: string;
let mask: string;

function payload(over: Partial<JobPayload<'photo.motion'>>): JobPayload<'photo.motion'> {
  return photoJobKinds['photo.motion'].payload.parse({ image: photo, effect: 'snow', mask, out: path.join(dir, 'out.mp4'), ...over });
}

async function greyPng(file: string, width: number, height: number, value: number): Promise<string> {
  await sharp({ create: { width, height, channels: 3, background: { r: value, g: value, b: value } } }).png().toFile(file);
  return file;
}

beforeAll(async () => {
  photo = await greyPng(path.join(dir, 'photo.png'), 320, 240, 90);
  mask = await greyPng(path.join(dir, 'mask.png'), 160, 120, 255);
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('photo.motion refuses bad inputs clearly', () => {
  it('a missing mask file', async () => {
    await expect(photoMotion(payload({ mask: path.join(dir, 'gone.png') }), jobContext(dir))).rejects.toMatchObject({
      code: 'FILE_NOT_FOUND',
      key: 'photo.motion.maskMissing',
      params: { file: 'gone.png' },
      message: expect.stringMatching(/people mask .*gone\.png does not exist/),
    });
  });

  it('a corrupt photo and a corrupt mask', async () => {
    const broken = path.join(dir, 'broken.jpg');
    const jpeg = await sharp(photo).jpeg().toBuffer();
    fs.writeFileSync(broken, jpeg.subarray(0, 200));
    await expect(photoMotion(payload({ image: broken }), jobContext(dir))).rejects.toMatchObject({ code: 'INVALID_MEDIA', key: 'media.unreadableImage', params: { file: 'broken.jpg' } });
    const junk = path.join(dir, 'junk.png');
    fs.writeFileSync(junk, 'not a picture at all');
    await expect(photoMotion(payload({ mask: junk }), jobContext(dir))).rejects.toMatchObject({ code: 'INVALID_MEDIA', key: 'photo.motion.maskUnreadable', params: { file: 'junk.png' } });
  });

  it('a missing photo', async () => {
    await expect(photoMotion(payload({ image: path.join(dir, 'none.jpg') }), jobContext(dir))).rejects.toMatchObject({ code: 'FILE_NOT_FOUND', key: 'media.missing' });
  });

  it('a mask of another shape, and a mask with no one in it', async () => {
    const tall = await greyPng(path.join(dir, 'tall.png'), 120, 160, 255);
    await expect(photoMotion(payload({ mask: tall }), jobContext(dir))).rejects.toMatchObject({
      code: 'BAD_INPUT',
      key: 'photo.motion.maskMismatch',
      params: { mask: 'tall.png', image: 'photo.png', maskSize: '120×160', imageSize: '320×240' },
    });
    const empty = await greyPng(path.join(dir, 'empty.png'), 320, 240, 0);
    await expect(photoMotion(payload({ mask: empty }), jobContext(dir))).rejects.toMatchObject({ code: 'BAD_INPUT', key: 'photo.motion.noPeople' });
  });


  it('leaves no clip behind when it refuses', () => {
    expect(fs.existsSync(path.join(dir, 'out.mp4'))).toBe(false);
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('kingjam-'))).toEqual([]);
  });
});
