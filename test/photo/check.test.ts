import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPhoto } from '../../src/workers/photo/check.js';
import { PHOTO_LIMITS } from '../../src/shared/photo/limits.js';
import { MIN_SHARPNESS } from '../../src/shared/photo/check.js';
import { blurred, groupPhoto, noFace, portrait, rotatedWithGps, smallFace, thumbnail, twoFaces } from './fixtures/portraits.js';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kingjam-check-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const out = (name: string) => path.join(dir, `${name}.png`);

describe('the local check of a people photo (seed 002 §4.1)', () => {
  it('passes a good portrait: one face of at least 80 px at ≥ 0.7, in focus, normalised to a PNG under 2 MB', async () => {
    for (const index of [0, 1, 2]) {
      const r = await checkPhoto(await portrait(index), out(`good-${index}`));
      expect(r.issues).toEqual([]);
      expect(r.ok).toBe(true);
      expect(r.faces).toHaveLength(1);
      expect(r.faces[0]!.confidence).toBeGreaterThanOrEqual(PHOTO_LIMITS.minFaceConfidence);
      expect(Math.min(r.faces[0]!.box.width, r.faces[0]!.box.height)).toBeGreaterThanOrEqual(PHOTO_LIMITS.minFacePx);
      expect(r.sharpness).toBeGreaterThanOrEqual(MIN_SHARPNESS);
      const meta = await sharp(r.normalised!).metadata();
      expect(meta.format).toBe('png');
      expect(fs.statSync(r.normalised!).size).toBeLessThanOrEqual(PHOTO_LIMITS.normalisedBytes);
    }
  }, 60_000);

  it('turns a phone photo upright and drops its EXIF (GPS included) before looking for the face', async () => {
    const source = await rotatedWithGps();
    const before = await sharp(source).metadata();
    expect(before.orientation).toBe(6);
    expect(before.exif?.includes(Buffer.from('KingJamTest'))).toBe(true);
    const r = await checkPhoto(source, out('rotated'));
    expect(r.ok).toBe(true);
    expect(r.height).toBeGreaterThan(r.width); // upright: the stored pixels were landscape
    const after = await sharp(r.normalised!).metadata();
    expect(after.exif).toBeUndefined();
    expect(after.orientation).toBeUndefined();
    expect(fs.readFileSync(r.normalised!).includes(Buffer.from('KingJamTest'))).toBe(false);
  }, 30_000);

  it('says the face is too small, and how to retake it', async () => {
    const r = await checkPhoto(await smallFace(), out('small'));
    expect(r.ok).toBe(false);
    expect(r.issues.map((i) => i.problem)).toEqual(['face-too-small']);
    expect(r.issues[0]!.key).toBe('photo.check.face-too-small');
    expect(Number(r.issues[0]!.params.size)).toBeLessThan(PHOTO_LIMITS.minFacePx);
  }, 30_000);

  it('says a blurred face is blurred', async () => {
    const r = await checkPhoto(await blurred(), out('blurred'));
    expect(r.issues.map((i) => i.problem)).toEqual(['blurred']);
    expect(r.sharpness).toBeLessThan(MIN_SHARPNESS);
  }, 30_000);

  it('says when there is no face', async () => {
    const r = await checkPhoto(await noFace(), out('none'));
    expect(r.issues.map((i) => i.problem)).toEqual(['no-face']);
    expect(r.faces).toEqual([]);
  }, 30_000);

  it('refuses two faces in a person photo but accepts them in a group photo', async () => {
    const two = await twoFaces();
    const person = await checkPhoto(two, out('two'));
    expect(person.issues.map((i) => i.problem)).toEqual(['several-faces']);
    expect(person.issues[0]!.params.count).toBe(2);
    const group = await checkPhoto(groupPhoto(6), out('group'), 'group');
    expect(group.issues).toEqual([]);
    expect(group.faces.length).toBe(4);
  }, 30_000);

  it('refuses a photo below 720p, an HEIC it cannot read, a file over 10 MB and a corrupt file — each with its reason', async () => {
    expect((await checkPhoto(await thumbnail(), out('thumb'))).issues.map((i) => i.problem)).toEqual(['image-too-small']);

    const heic = path.join(dir, 'phone.heic');
    fs.writeFileSync(heic, Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypheic'), Buffer.alloc(64)]));
    const h = await checkPhoto(heic, out('heic'));
    expect(h.issues.map((i) => i.problem)).toEqual(['heic-unsupported']);
    expect(h.normalised).toBeNull();

    const huge = path.join(dir, 'huge.jpg');
    fs.writeFileSync(huge, Buffer.alloc(PHOTO_LIMITS.maxUploadBytes + 1));
    const big = await checkPhoto(huge, out('huge'));
    expect(big.issues.map((i) => i.problem)).toEqual(['file-too-large']);
    expect(fs.existsSync(out('huge'))).toBe(false);

    const corrupt = path.join(dir, 'corrupt.jpg');
    fs.writeFileSync(corrupt, Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('not really a jpeg')]));
    expect((await checkPhoto(corrupt, out('corrupt'))).issues.map((i) => i.problem)).toEqual(['unreadable']);
  }, 30_000);
});
