import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPhoto } from '../../src/workers/photo/check.js';
import { isolatePerson } from '../../src/workers/photo/offline/cutout.js';
import { detectFaces, loadRgb } from '../../src/workers/photo/vision/index.js';
import { PHOTO_LIMITS } from '../../src/shared/photo/limits.js';
import { portrait } from './fixtures/portraits.js';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kingjam-face-box-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the face box is the face itself', () => {
  it('is the same size in a tall phone portrait and in the same photo widened to a square', async () => {
    const tall = await loadRgb(await portrait(0));
    const [inTall] = await detectFaces(tall);
    const square = await loadRgb(
      await sharp(await portrait(0))
        .extend({ left: 366, right: 366, background: { r: 60, g: 60, b: 60 } })
        .png()
        .toBuffer(),
    );
    const [inSquare] = await detectFaces(square);
    expect(inTall && inSquare).toBeTruthy();
    // Squeezing the tall photo into the detector's square made the box up to twice the face; letterboxed, both agree.
    expect(Math.abs(inTall!.box.width - inSquare!.box.width) / inSquare!.box.width).toBeLessThan(0.1);
    expect(Math.abs(inTall!.box.x + 366 - inSquare!.box.x)).toBeLessThan(inSquare!.box.width * 0.1);
    // A face, not a head-and-shoulders crop: well under half of this portrait's width.
    expect(inTall!.box.width).toBeLessThan(tall.width * 0.45);
  });

  it('measures the seed’s 80 × 80 px on the face: a 60 px face is too small', async () => {
    // Portrait 0's face (brow to chin, ear to ear) is about 265 px across at its 800 px width, measured by hand.
    const width = Math.round((800 * 60) / 265);
    const small = await sharp(await portrait(0)).resize({ width }).toBuffer();
    const file = path.join(dir, 'sixty.jpg');
    await sharp({ create: { width: 1280, height: 960, channels: 3, background: '#b8b0a4' } })
      .composite([{ input: small, left: 560, top: 200 }])
      .jpeg({ quality: 95 })
      .toFile(file);
    const r = await checkPhoto(file, path.join(dir, 'sixty.png'));
    const tooSmall = r.issues.find((i) => i.problem === 'face-too-small');
    expect(tooSmall).toBeDefined();
    expect(Number(tooSmall!.params.size)).toBeGreaterThan(45);
    expect(Number(tooSmall!.params.size)).toBeLessThan(PHOTO_LIMITS.minFacePx);
  });
});

describe('cutting one person out of a photo that holds a neighbour', () => {
  // Two people side by side whose masks touch along the lower half: A on the right, B on the left.
  const W = 200;
  const H = 200;
  function twoPeople(): Uint8Array {
    const m = new Uint8Array(W * H);
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        const a = x >= 112 && x < 172 && y >= 30;
        const b = x >= 20 && x < 100 && y >= 30;
        const bridge = x >= 100 && x < 112 && y >= 120;
        if (a || b || bridge) m[y * W + x] = 255;
      }
    }
    return m;
  }
  const faceA = { x: 122, y: 30, width: 40, height: 40 };
  const faceB = { x: 40, y: 30, width: 40, height: 40 };
  const at = (m: Uint8Array, x: number, y: number) => m[y * W + x]!;

  it('keeps the neighbour’s body out when the neighbour’s face was seen', () => {
    const own = isolatePerson(twoPeople(), W, H, faceA, [faceB]);
    expect(at(own, 140, 100)).toBeGreaterThan(200);
    expect(at(own, 140, 190)).toBeGreaterThan(200);
    for (const [x, y] of [[60, 50], [60, 150], [90, 190], [30, 100]] as const) expect(at(own, x, y)).toBe(0);
  });

  it('without the neighbour’s face, keeps what touches the person only within reach of their shoulders', () => {
    const own = isolatePerson(twoPeople(), W, H, faceA);
    expect(at(own, 140, 100)).toBeGreaterThan(200);
    // Joined through the bridge, B's near side stays; beyond 2.2 face widths from A's centre it is gone.
    expect(at(own, 95, 190)).toBeGreaterThan(0);
    expect(at(own, 30, 190)).toBe(0);
  });
});
