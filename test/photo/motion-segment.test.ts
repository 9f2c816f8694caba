import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { photoJobKinds } from '../../src/shared/photo/jobs.js';
import { loadRgb, segmentPeople } from '../../src/workers/photo/vision/index.js';
import { photoMotion } from '../../src/workers/photo/motion-job.js';
import { grayFrameNumber, tempDir } from '../media/helpers.js';
import { jobContext, SAMPLE_PHOTO } from './motion-helpers.js';

/**
 * photo.motion with no mask: the job finds the people by segmentation (the
 * real Selfie Segmentation model from its npm package) in the real photo of
 * three people, and keeps them still. Thresholds as in motion.test.ts, in
 * mean absolute grey difference between frames spread over the clip.
 */
const STILL_PEOPLE = 0.5;
const MOVING_BACKGROUND = 0.3;

const dir = tempDir('photo-motion-segment');
const W = 360;
const H = 240;
let photo: string;

beforeAll(async () => {
  photo = path.join(dir, 'family.jpg');
  await sharp(SAMPLE_PHOTO).resize(W, H, { fit: 'fill' }).jpeg({ quality: 90 }).toFile(photo);
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('photo.motion without a mask', () => {
  it('segments the people and keeps their faces and bodies still while the snow falls', async () => {
    const p = photoJobKinds['photo.motion'].payload.parse({ image: photo, effect: 'snow', seconds: 2, out: path.join(dir, 'snow.mp4'), livePhoto: false });
    const r = await photoMotion(p, jobContext(dir));
    expect(r.stillness!.people).toBeLessThan(STILL_PEOPLE);
    expect(r.stillness!.background).toBeGreaterThan(MOVING_BACKGROUND);

    // The test's own look: where the model says people are (the core of them, ≥ 90 %), and the three faces, nothing changes.
    const rgb = await loadRgb(photo);
    const alpha = await segmentPeople(rgb);
    const channels = alpha.length / (W * H);
    const frames = [0, 30, 59].map((n) => grayFrameNumber(r.output, n, W, H));
    const faces = [
      { x: 0.27, y: 0.33 },
      { x: 0.5, y: 0.42 },
      { x: 0.8, y: 0.25 },
    ];
    const inFace = (i: number): boolean => faces.some((f) => Math.abs((i % W) / W - f.x) < 0.05 && Math.abs(Math.floor(i / W) / H - f.y) < 0.07);
    let people = 0;
    let peopleN = 0;
    let face = 0;
    let faceN = 0;
    let bg = 0;
    let bgN = 0;
    for (let f = 0; f + 1 < frames.length; f++) {
      for (let i = 0; i < W * H; i++) {
        const d = Math.abs(frames[f]![i]! - frames[f + 1]![i]!);
        const a = alpha[i * channels]!;
        if (a >= 230) [people, peopleN] = [people + d, peopleN + 1];
        else if (a <= 10) [bg, bgN] = [bg + d, bgN + 1];
        if (inFace(i)) [face, faceN] = [face + d, faceN + 1];
      }
    }
    expect(peopleN / (frames.length - 1) / (W * H)).toBeGreaterThan(0.2); // the model did find the three of them
    expect(people / peopleN).toBeLessThan(STILL_PEOPLE);
    expect(face / faceN).toBeLessThan(STILL_PEOPLE);
    expect(bg / bgN).toBeGreaterThan(MOVING_BACKGROUND);
  });
});
