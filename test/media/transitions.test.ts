import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRANSITIONS } from '../../src/shared/timeline.js';
import type { TimelineInput, TransitionType } from '../../src/shared/timeline.js';
import { composeTimeline } from '../../src/workers/media/compose/index.js';
import { grayFrameNumber, lavfiImage, probe, tempDir } from './helpers.js';

// Every transition over three flat grey stills — dark, light, dark — where the middle scene is exactly
// as long as the transition (it is all overlap: the edge case of both ways of joining clips).
// 1 s + 0.5 s + 1 s at 30 fps = 75 frames; overlap 1 is frames 30–44, overlap 2 frames 45–59.
const dir = tempDir('transitions');
const W = 180;
const H = 320;
const FPS = 30;
const DARK = 40;
const LIGHT = 210;
const KINDS = TRANSITIONS.filter((t): t is Exclude<TransitionType, 'none'> => t !== 'none');

function timeline(type: TransitionType): TimelineInput {
  return {
    version: 1,
    aspect: '9:16',
    height: H,
    fps: FPS,
    quality: 'high',
    scenes: [
      { image: 'dark.png', duration: 1, motion: 'none', fit: 'cover' },
      { image: 'light.png', duration: 0.5, motion: 'none', fit: 'cover' },
      { image: 'dark.png', duration: 1, motion: 'none', fit: 'cover' },
    ],
    transition: { type, duration: 0.5 },
  };
}

const frameAt = (file: string, n: number) => grayFrameNumber(file, n, W, H);

function stats(frame: Uint8Array): { mean: number; sd: number } {
  let sum = 0;
  for (const v of frame) sum += v;
  const mean = sum / frame.length;
  let sq = 0;
  for (const v of frame) sq += (v - mean) ** 2;
  return { mean, sd: Math.sqrt(sq / frame.length) };
}

const outputs = new Map<string, string>();

beforeAll(async () => {
  const grey = (v: number) => `0x${v.toString(16).padStart(2, '0').repeat(3)}`;
  lavfiImage(path.join(dir, 'dark.png'), `color=c=${grey(DARK)}:s=360x640`);
  lavfiImage(path.join(dir, 'light.png'), `color=c=${grey(LIGHT)}:s=360x640`);
  for (const kind of KINDS) {
    const r = await composeTimeline(timeline(kind), { baseDir: dir, outPath: path.join(dir, `${kind}.mp4`), encoder: 'libx264' });
    outputs.set(kind, r.output);
  }
}, 120_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe.each(KINDS)('the %s transition', (kind) => {
  it('keeps the length to the sum of the scenes (±1 frame)', () => {
    const p = probe(outputs.get(kind)!);
    expect(Math.abs(p.video!.frames - 2.5 * FPS)).toBeLessThanOrEqual(1);
    expect(Math.abs(p.video!.duration - 2.5)).toBeLessThanOrEqual(1 / FPS + 1e-6);
  });

  it('shows each scene alone outside the overlaps, and the outgoing scene whole on an overlap’s first frame', () => {
    const file = outputs.get(kind)!;
    expect(Math.abs(stats(frameAt(file, 15)).mean - DARK)).toBeLessThan(6);
    // Frame 45 starts overlap 2: the light middle scene, not yet blended.
    expect(Math.abs(stats(frameAt(file, 45)).mean - LIGHT)).toBeLessThan(6);
    expect(Math.abs(stats(frameAt(file, 70)).mean - DARK)).toBeLessThan(6);
  });

  it('blends both scenes in the middle of each overlap', () => {
    const file = outputs.get(kind)!;
    for (const n of [37, 52]) {
      const { mean } = stats(frameAt(file, n));
      expect(mean).toBeGreaterThan(DARK + 30);
      expect(mean).toBeLessThan(LIGHT - 30);
    }
  });
});

describe('dissolve and fade', () => {
  it('dissolve scatters pixels of both scenes; fade mixes every pixel evenly', () => {
    const dissolve = stats(frameAt(outputs.get('dissolve')!, 37));
    const fade = stats(frameAt(outputs.get('fade')!, 37));
    expect(dissolve.sd).toBeGreaterThan(40);
    expect(fade.sd).toBeLessThan(5);
  });
});
