import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanSketch, linesPng } from '../../src/workers/ink/clean.js';
import { estimateSkew } from '../../src/workers/ink/deskew.js';
import { SKETCH, drawingMask, iou, photographedSketch } from './fixtures.js';

/** IoU the cleaned line pixels must reach against the unrotated drawing (measured 0.966 at 7°, 0.984 at −4°: a 4 px stroke turned twice blurs ~½ px of edge). */
const MIN_LINE_IOU = 0.9;

let dir: string;
let sketchFile: string;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kingjam-ink-clean-'));
  sketchFile = path.join(dir, 'sketch.jpg');
  fs.writeFileSync(sketchFile, await photographedSketch());
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('line-art cleanup of a photographed sketch', () => {
  it('finds the 7° skew (± 1°), undoes it, and its lines match the unrotated drawing', async () => {
    const c = await cleanSketch(sketchFile, { thicken: 0, minSpeck: 12, deskew: true });
    expect(c.width).toBe(SKETCH.width);
    expect(c.height).toBe(SKETCH.height);
    expect(Math.abs(c.angle - SKETCH.skew)).toBeLessThanOrEqual(1);
    const truth = await drawingMask();
    const score = iou(truth, c.lines.data);
    expect(score).toBeGreaterThanOrEqual(MIN_LINE_IOU);
    // Without deskewing the same lines are far off: the match comes from turning back.
    const skewed = await cleanSketch(sketchFile, { thicken: 0, minSpeck: 12, deskew: false });
    expect(skewed.angle).toBe(0);
    expect(iou(truth, skewed.lines.data)).toBeLessThan(score - 0.3);
  });

  it('finds a counter-clockwise skew too, and leaves a straight scan alone', async () => {
    const turned = await cleanSketch(await photographedSketch(-4), { thicken: 0, minSpeck: 12, deskew: true });
    expect(Math.abs(turned.angle + 4)).toBeLessThanOrEqual(1);
    const straight = await cleanSketch(await photographedSketch(0), { thicken: 0, minSpeck: 12, deskew: true });
    expect(Math.abs(straight.angle)).toBeLessThanOrEqual(0.5);
  });

  it('flattens the shaded paper: no paper pixel becomes ink, even in the dark corner, and the noise leaves no specks', async () => {
    const c = await cleanSketch(sketchFile, { thicken: 0, minSpeck: 12, deskew: true });
    const truth = await drawingMask();
    // Ink far from any drawn line (more than 6 px away) would be shading or noise that survived.
    const w = SKETCH.width;
    let stray = 0;
    for (let y = 0; y < SKETCH.height; y++) {
      for (let x = 0; x < w; x++) {
        if (!c.lines.data[y * w + x]) continue;
        let near = false;
        for (let dy = -6; dy <= 6 && !near; dy++) for (let dx = -6; dx <= 6 && !near; dx++) near = truth[(y + dy) * w + x + dx] === 1;
        if (!near) stray++;
      }
    }
    expect(stray).toBeLessThan(20);
  });

  it('thickens lines by N px: ink grows by about N on each side of every stroke', async () => {
    const thin = await cleanSketch(sketchFile, { thicken: 0, minSpeck: 12, deskew: true });
    const thick = await cleanSketch(sketchFile, { thicken: 2, minSpeck: 12, deskew: true });
    const count = (m: Uint8Array) => m.reduce((a, v) => a + v, 0);
    // Stroke length ≈ ink / width; 2 px a side adds ~4 px of width along the whole length.
    const ratio = count(thick.lines.data) / count(thin.lines.data);
    expect(ratio).toBeGreaterThan(1.6);
    expect(ratio).toBeLessThan(2.8);
    for (let i = 0; i < thin.lines.data.length; i++) if (thin.lines.data[i]) expect(thick.lines.data[i]).toBe(1);
  });

  it('writes black lines on transparent paper (corners transparent), or on white when the background stays', async () => {
    const c = await cleanSketch(sketchFile, { thicken: 1, minSpeck: 12, deskew: true });
    const { data, info } = await sharp(await linesPng(c, true)).raw().toBuffer({ resolveWithObject: true });
    expect(info.channels).toBe(4);
    const alpha = (x: number, y: number) => data[(y * info.width + x) * 4 + 3];
    for (const [x, y] of [[0, 0], [info.width - 1, 0], [0, info.height - 1], [info.width - 1, info.height - 1], [10, 10]] as const) {
      expect(alpha(x, y)).toBe(0);
    }
    // On the frame's top edge (y = 50 in the drawing): opaque black.
    const onLine = (50 * info.width + 240) * 4;
    expect(data[onLine + 3]).toBe(255);
    expect(data[onLine]).toBe(0);
    const kept = await sharp(await linesPng(c, false)).raw().toBuffer({ resolveWithObject: true });
    expect(kept.data[3]).toBe(255);
    expect(kept.data[0]).toBe(255);
  });

  it('measures skew on a bare mask: a ruled grid turned 3° reads 3°', () => {
    const w = 300;
    const h = 200;
    const data = new Uint8Array(w * h);
    const t = (3 * Math.PI) / 180;
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        // Unturn the point; ink where it falls on a ruled line every 25 px.
        const ux = Math.cos(t) * (x - w / 2) + Math.sin(t) * (y - h / 2);
        const uy = -Math.sin(t) * (x - w / 2) + Math.cos(t) * (y - h / 2);
        if (Math.abs(uy % 25) < 1 && Math.abs(ux) < 120) data[y * w + x] = 1;
      }
    }
    expect(Math.abs(estimateSkew({ width: w, height: h, data }) - 3)).toBeLessThanOrEqual(0.3);
  });
});
