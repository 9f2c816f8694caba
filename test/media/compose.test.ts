import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exiftool } from 'exiftool-vendored';
import type { TimelineInput } from '../../src/shared/timeline.js';
import { composeTimeline } from '../../src/workers/media/compose/index.js';
import type { ComposeResult } from '../../src/workers/media/compose/index.js';
import { bandLevelDb, grayFrame, lavfiImage, meanDiff, probe, sine, tempDir, testClip } from './helpers.js';

// Small renders (180×320, draft) keep this file to a few seconds of CPU on a shared 2-core machine;
// every assertion here holds at any size.
const dir = tempDir('compose');
const W = 180;
const H = 320;
const FPS = 30;
const CAPTION = '團圓飯開動囉！新年快乐';

function timeline(withCaptions: boolean): TimelineInput {
  return {
    version: 1,
    aspect: '9:16',
    height: H,
    fps: FPS,
    quality: 'draft',
    scenes: [
      { image: 'a.png', duration: 2, motion: 'zoom-in', fit: 'cover', voice: 'voice.wav', ...(withCaptions ? { caption: CAPTION } : {}) },
      { image: 'blue.png', duration: 2, motion: 'none', fit: 'contain' },
      { video: 'clip.mp4', trim: 0.5, duration: 1.5, fit: 'contain', ...(withCaptions ? { caption: 'Happy New Year' } : {}) },
    ],
    transition: { type: 'dissolve', duration: 0.5 },
    music: { path: 'bgm.wav', volume: 0.5, duck: true, fadeOut: 0.5 },
    ...(withCaptions ? { watermark: { text: 'KingJam Studio', position: 'bottom-right' as const } } : {}),
  };
}

let captioned: ComposeResult;
let plain: ComposeResult;
const progress: number[] = [];

beforeAll(async () => {
  lavfiImage(path.join(dir, 'a.png'), 'testsrc2=s=640x480');
  lavfiImage(path.join(dir, 'blue.png'), 'color=c=0x2040c0:s=400x300');
  testClip(path.join(dir, 'clip.mp4'), 3);
  sine(path.join(dir, 'voice.wav'), 1000, 1.6, 0.5);
  sine(path.join(dir, 'bgm.wav'), 220, 2.5, 0.5); // shorter than the video: it must loop
  captioned = await composeTimeline(timeline(true), {
    baseDir: dir,
    outPath: path.join(dir, 'out', 'captioned.mp4'),
    encoder: 'libx264',
    onProgress: (f) => progress.push(f),
  });
  plain = await composeTimeline(timeline(false), { baseDir: dir, outPath: path.join(dir, 'out', 'plain.mp4'), encoder: 'libx264' });
}, 120_000);

afterAll(async () => {
  await exiftool.end();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('composeTimeline', () => {
  it('lasts the sum of the scene durations (±1 frame) at the asked size and fps, H.264 yuv420p + AAC', () => {
    const p = probe(captioned.output);
    expect(captioned.durationSec).toBe(5.5);
    expect(p.video).not.toBeNull();
    expect(p.video!.codec).toBe('h264');
    expect(p.video!.pixFmt).toBe('yuv420p');
    expect([p.video!.width, p.video!.height]).toEqual([W, H]);
    expect(p.video!.fps).toBe('30/1');
    expect(Math.abs(p.video!.duration - 5.5)).toBeLessThanOrEqual(1 / FPS + 1e-6);
    expect(Math.abs(p.video!.frames - 5.5 * FPS)).toBeLessThanOrEqual(1);
    expect(p.audio?.codec).toBe('aac');
    expect(Math.abs(p.audio!.duration - 5.5)).toBeLessThanOrEqual(1 / FPS);
  });

  it('keeps moov before mdat (+faststart) and tags the file as AI-generated', () => {
    const head = fs.readFileSync(captioned.output).subarray(0, 64 * 1024).toString('latin1');
    expect(head.indexOf('moov')).toBeGreaterThan(0);
    expect(head.indexOf('moov')).toBeLessThan(head.indexOf('mdat'));
    expect(probe(captioned.output).tags.comment).toMatch(/AI-generated.*trainedAlgorithmicMedia.*KingJam Studio/);
  });

  it('burns the caption in: at its time the subtitle region differs from the same frame without captions', () => {
    const a = grayFrame(captioned.output, 1.0, W, H);
    const b = grayFrame(plain.output, 1.0, W, H);
    const captionRegion = meanDiff(a, b, W, H, { x0: 0.05, y0: 0.72, x1: 0.95, y1: 0.92 });
    const topRegion = meanDiff(a, b, W, H, { x0: 0, y0: 0, x1: 1, y1: 0.5 });
    expect(captionRegion).toBeGreaterThan(8);
    expect(topRegion).toBeLessThan(2);
    // …and it is gone during the captionless second scene (only the watermark corner differs).
    const a2 = grayFrame(captioned.output, 3.2, W, H);
    const b2 = grayFrame(plain.output, 3.2, W, H);
    expect(meanDiff(a2, b2, W, H, { x0: 0.05, y0: 0.72, x1: 0.6, y1: 0.9 })).toBeLessThan(2);
  });

  it('moves stills (Ken Burns): frames of the zoom-in scene differ over time', () => {
    const early = grayFrame(plain.output, 0.1, W, H);
    const late = grayFrame(plain.output, 1.8, W, H);
    expect(meanDiff(early, late, W, H)).toBeGreaterThan(5);
    // The static scene really is static.
    expect(meanDiff(grayFrame(plain.output, 2.7, W, H), grayFrame(plain.output, 3.8, W, H), W, H)).toBeLessThan(1);
  });

  it('blends scenes during the transition', () => {
    const before = grayFrame(plain.output, 1.9, W, H);
    const mid = grayFrame(plain.output, 2.25, W, H);
    const after = grayFrame(plain.output, 3.0, W, H);
    expect(meanDiff(mid, before, W, H)).toBeGreaterThan(5);
    expect(meanDiff(mid, after, W, H)).toBeGreaterThan(5);
    expect(meanDiff(before, after, W, H)).toBeGreaterThan(meanDiff(mid, after, W, H));
  });

  it('ducks the music at least 6 dB under the voice (measured from the rendered file)', () => {
    const underVoice = bandLevelDb(plain.output, 220, 0.4, 1.4);
    const musicAlone = bandLevelDb(plain.output, 220, 2.6, 3.8);
    expect(musicAlone).toBeGreaterThan(-40); // the music is there, looped past its 2.5 s length
    expect(musicAlone - underVoice).toBeGreaterThanOrEqual(6);
    expect(bandLevelDb(plain.output, 1000, 0.4, 1.4)).toBeGreaterThan(-15); // and the voice is audible
  });

  it('writes a poster JPEG with provenance XMP and a sidecar SRT with the scene times', async () => {
    expect(fs.readFileSync(captioned.poster).subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    const tags = (await exiftool.read(captioned.poster)) as unknown as Record<string, unknown>;
    expect(tags.DigitalSourceType).toBe('http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia');
    const srt = fs.readFileSync(captioned.srt!, 'utf8');
    expect(srt).toContain(`00:00:00,000 --> 00:00:02,000\n${CAPTION}`);
    expect(srt).toContain('00:00:04,000 --> 00:00:05,500\nHappy New Year');
    expect(plain.srt).toBeNull();
  });

  it('streams progress that rises to 1 and leaves no temp or partial files', () => {
    expect(progress.length).toBeGreaterThan(2);
    expect(progress.at(-1)).toBe(1);
    for (let i = 1; i < progress.length; i++) expect(progress[i]!).toBeGreaterThanOrEqual(progress[i - 1]!);
    expect(fs.readdirSync(path.join(dir, 'out')).sort()).toEqual(['captioned.jpg', 'captioned.mp4', 'captioned.srt', 'plain.jpg', 'plain.mp4']);
    expect(captioned.encoder).toBe('libx264');
  });
});
