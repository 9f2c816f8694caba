import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exiftool } from 'exiftool-vendored';
import type { JobPayload, JobResults } from '../../src/shared/jobs/kinds.js';
import { photoJobKinds } from '../../src/shared/photo/jobs.js';
import { measureStillness, renderMicroMotion } from '../../src/workers/media/motion/index.js';
import { photoMotion } from '../../src/workers/photo/motion-job.js';
import { grayFrameNumber, probe, tempDir } from '../media/helpers.js';
import { jobContext, SAMPLE_PHOTO } from './motion-helpers.js';

/**
 * photo.motion, local backend, with real ffmpeg and sharp: the real photo of
 * three people (face-api's demo sample, MIT) at 360×240, a people mask drawn
 * over them here, and every effect. The thresholds, in mean absolute grey
 * difference (0…255) between frames spread over the clip:
 */
const STILL_PEOPLE = 0.5; // inside the mask: H.264 noise only (measured ≈ 0.02)
const MOVING_BACKGROUND = 0.3; // outside it: the effect moves (measured 1.2–1.8)
const PUSHED_PEOPLE = 2; // what the push-in without a mask does to the same people (measured ≈ 5)

const dir = tempDir('photo-motion');
const W = 360;
const H = 240;
let photo: string;
let mask: string;
/** The mask at the clip's size, 1 = person (the test's own reading, not the worker's). */
let person: Uint8Array;
const results: Partial<Record<'fireworks' | 'lanterns' | 'snow', JobResults['photo.motion']>> = {};

function payload(over: Partial<JobPayload<'photo.motion'>>): JobPayload<'photo.motion'> {
  return photoJobKinds['photo.motion'].payload.parse({ image: photo, effect: 'snow', out: path.join(dir, 'out.mp4'), livePhoto: false, ...over });
}

/** Mean absolute difference between the frames `picks`, each to the next, inside (want = 1) or outside (want = 0) the mask. */
function frameDiff(file: string, want: 0 | 1, picks = [0, 50, 100, 149]): number {
  const frames = picks.map((n) => grayFrameNumber(file, n, W, H));
  let sum = 0;
  let n = 0;
  for (let f = 0; f + 1 < frames.length; f++) {
    for (let i = 0; i < W * H; i++) {
      if (person[i] !== want) continue;
      sum += Math.abs(frames[f]![i]! - frames[f + 1]![i]!);
      n++;
    }
  }
  return sum / n;
}

beforeAll(async () => {
  photo = path.join(dir, 'family.jpg');
  await sharp(SAMPLE_PHOTO).resize(W, H, { fit: 'fill' }).jpeg({ quality: 90 }).toFile(photo);
  // Three people, each a head and a body, where they stand in the sample; drawn at twice the size: a mask may be any size.
  const figures = [
    { x: 0.27, head: 0.33, r: 0.09 },
    { x: 0.5, head: 0.42, r: 0.09 },
    { x: 0.8, head: 0.25, r: 0.09 },
  ];
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W * 2}" height="${H * 2}" viewBox="0 0 1 1" preserveAspectRatio="none">` +
    `<rect width="1" height="1" fill="#000"/>` +
    figures.map((f) => `<ellipse cx="${f.x}" cy="${f.head}" rx="${f.r * 0.75}" ry="${f.r * 1.1}" fill="#fff"/><rect x="${f.x - 0.12}" y="${f.head + f.r}" width="0.24" height="1" rx="0.05" fill="#fff"/>`).join('') +
    `</svg>`;
  mask = path.join(dir, 'people.png');
  await sharp(Buffer.from(svg)).greyscale().png().toFile(mask);
  const { data } = await sharp(mask).resize(W, H, { fit: 'fill' }).extractChannel(0).raw().toBuffer({ resolveWithObject: true });
  person = Uint8Array.from(data, (v) => (v >= 128 ? 1 : 0));
}, 60_000);

afterAll(async () => {
  await exiftool.end();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('photo.motion (local)', () => {
  it.each(['fireworks', 'lanterns', 'snow'] as const)('%s: the background moves and the people inside the mask do not', async (effect) => {
    const r = await photoMotion(payload({ effect, mask, out: path.join(dir, `${effect}.mp4`), livePhoto: effect === 'fireworks' }), jobContext(dir));
    results[effect] = r;
    expect([r.width, r.height]).toEqual([W, H]);
    expect(r.faceCheck).toBeNull();
    // The worker's own measurement…
    expect(r.stillness!.people).toBeLessThan(STILL_PEOPLE);
    expect(r.stillness!.background).toBeGreaterThan(MOVING_BACKGROUND);
    // …and the test's, on full-size frames and its own reading of the mask.
    expect(frameDiff(r.output, 1)).toBeLessThan(STILL_PEOPLE);
    expect(frameDiff(r.output, 0)).toBeGreaterThan(MOVING_BACKGROUND);
  });

  it('makes a 5 s clip', () => {
    const p = probe(results.snow!.output);
    expect(results.snow!.durationSec).toBe(5);
    expect(p.video!.frames).toBe(150);
    expect(p.video!.duration).toBeCloseTo(5, 2);
  });

  it('writes a Live Photo pair whose JPEG and MOV share the content identifier', async () => {
    const live = results.fireworks!.livePhoto!;
    expect(fs.existsSync(live.jpeg) && fs.existsSync(live.mov)).toBe(true);
    const jpeg = (await exiftool.read(live.jpeg)) as unknown as Record<string, unknown>;
    const mov = (await exiftool.read(live.mov, { readArgs: ['-ee'] })) as unknown as Record<string, unknown>;
    expect(jpeg.ContentIdentifier).toBe(live.contentIdentifier);
    expect(mov.ContentIdentifier).toBe(live.contentIdentifier);
    expect(mov.StillImageTime).toBe(-1);
    expect(probe(live.mov).video!.frames).toBe(150);
    expect(results.snow!.livePhoto).toBeNull();
  });

  it('the measurement sees people move when nothing protects them (the push-in of the plain micro-motion)', async () => {
    const plain = await renderMicroMotion(photo, { effect: 'snow', seconds: 2, outPath: path.join(dir, 'plain.mp4'), encoder: 'libx264' });
    const s = await measureStillness(plain.output, mask);
    expect(s.people).toBeGreaterThan(PUSHED_PEOPLE);
    expect(frameDiff(plain.output, 1, [0, 59])).toBeGreaterThan(PUSHED_PEOPLE);
  });
});
