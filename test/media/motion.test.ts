import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exiftool } from 'exiftool-vendored';
import { renderMicroMotion } from '../../src/workers/media/motion/index.js';
import type { MicroMotionResult } from '../../src/workers/media/motion/index.js';
import { grayFrame, lavfiImage, meanDiff, probe, tempDir } from './helpers.js';

const dir = tempDir('motion');
const BASE_GREY = 40;
let plainImage: string;
let fireworks: MicroMotionResult;

/** Share of pixels clearly brighter than the plain dark base: anything there was drawn by the effect. */
function effectCoverage(frame: Uint8Array): number {
  let n = 0;
  for (const v of frame) if (v > BASE_GREY + 35) n++;
  return n / frame.length;
}

beforeAll(async () => {
  // A flat dark picture: the push-in leaves it unchanged, so every bright pixel is the overlay.
  plainImage = path.join(dir, 'night.png');
  await sharp({ create: { width: 360, height: 480, channels: 3, background: { r: BASE_GREY, g: BASE_GREY, b: BASE_GREY } } }).png().toFile(plainImage);
  lavfiImage(path.join(dir, 'family.png'), 'testsrc2=s=360x480');
  fireworks = await renderMicroMotion(plainImage, { effect: 'fireworks', outPath: path.join(dir, 'fireworks.mp4'), livePhoto: true, maxSide: 480, encoder: 'libx264' });
}, 120_000);

afterAll(async () => {
  await exiftool.end();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('renderMicroMotion', () => {
  it('makes a 5.0 s H.264 clip at the picture size', () => {
    const p = probe(fireworks.output);
    expect(p.video!.codec).toBe('h264');
    expect(p.video!.frames).toBe(150);
    expect(p.video!.duration).toBeCloseTo(5.0, 2);
    expect([p.video!.width, p.video!.height]).toEqual([360, 480]);
    expect(p.tags.comment).toMatch(/AI-generated/);
  });

  it('draws visible, moving fireworks', () => {
    const frames = [1, 2, 3, 4].map((t) => grayFrame(fireworks.output, t, 360, 480));
    const coverage = frames.map(effectCoverage);
    expect(Math.max(...coverage)).toBeGreaterThan(0.002);
    expect(coverage.filter((c) => c > 0.0005).length).toBeGreaterThanOrEqual(3);
    expect(meanDiff(frames[0]!, frames[2]!, 360, 480)).toBeGreaterThan(0.2);
  });

  it('draws snow and lanterns too', async () => {
    for (const effect of ['snow', 'lanterns'] as const) {
      const r = await renderMicroMotion(plainImage, { effect, seconds: 2, outPath: path.join(dir, `${effect}.mp4`), maxSide: 320, encoder: 'libx264' });
      const frame = grayFrame(r.output, 1, r.width, r.height);
      // Lanterns are red and dark in grey; count any pixel that is not the base.
      let changed = 0;
      for (const v of frame) if (Math.abs(v - BASE_GREY) > 20) changed++;
      expect(changed / frame.length, effect).toBeGreaterThan(0.01);
      expect(probe(r.output).video!.frames).toBe(60);
    }
  });

  it('pushes in very slowly: the picture changes a little, not a lot', async () => {
    const r = await renderMicroMotion(path.join(dir, 'family.png'), { effect: 'snow', seconds: 2, outPath: path.join(dir, 'push.mp4'), maxSide: 320, encoder: 'libx264' });
    const first = grayFrame(r.output, 0, r.width, r.height);
    const last = grayFrame(r.output, 1.95, r.width, r.height);
    const d = meanDiff(first, last, r.width, r.height);
    expect(d).toBeGreaterThan(1);
    expect(d).toBeLessThan(40);
  });

  it('writes a Live Photo pair whose identifiers match when read back with ExifTool', async () => {
    const live = fireworks.livePhoto!;
    expect(live.contentIdentifier).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);
    const jpeg = (await exiftool.read(live.jpeg)) as unknown as Record<string, unknown>;
    const mov = (await exiftool.read(live.mov, { readArgs: ['-ee'] })) as unknown as Record<string, unknown>;
    expect(jpeg.ContentIdentifier).toBe(live.contentIdentifier);
    expect(mov.ContentIdentifier).toBe(live.contentIdentifier);
    expect(mov.StillImageTime).toBe(-1);
    expect(mov.MajorBrand).toMatch(/QuickTime/);
    expect(jpeg.DigitalSourceType).toBe('http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia');
    // The MOV still plays: same frames as the MP4.
    expect(probe(live.mov).video!.frames).toBe(150);
  });

  it('refuses an unknown effect and a missing image', async () => {
    await expect(renderMicroMotion(plainImage, { effect: 'confetti' as 'snow', outPath: path.join(dir, 'x.mp4') })).rejects.toThrow(/Unknown effect "confetti"/);
    await expect(renderMicroMotion(plainImage, { effect: 'confetti' as 'snow', outPath: path.join(dir, 'x.mp4') })).rejects.toMatchObject({
      key: 'motion.unknownEffect',
      params: { effect: 'confetti', effects: 'fireworks, lanterns, snow' },
    });
    await expect(renderMicroMotion(plainImage, { effect: 'snow', seconds: 31, outPath: path.join(dir, 'x.mp4') })).rejects.toMatchObject({
      code: 'BAD_INPUT',
      key: 'motion.badSeconds',
      params: { seconds: 31, max: 30 },
    });
    await expect(renderMicroMotion(path.join(dir, 'none.png'), { effect: 'snow', outPath: path.join(dir, 'x.mp4') })).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
  });
});
