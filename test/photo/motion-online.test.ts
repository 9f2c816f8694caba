import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { WorkerPaths } from '../../src/shared/jobs/protocol.js';
import { jobKinds } from '../../src/shared/jobs/kinds.js';
import { photoMotion } from '../../src/workers/photo/motion-job.js';
import { startReplicateFake, type ReplicateFake } from '../providers/replicate-fake.js';
import { photoContext } from './online-support.js';
import { portrait, twoFaces } from './fixtures/portraits.js';

/**
 * photo.motion on Seedance (issue 15): the real job through the real
 * `replicate` SDK against the loopback Replicate fake. The fake answers with a
 * clip made from a picture the test chooses, so the face check of the clip
 * against the still can be seen to pass (the same person) and to fail (a
 * clip in which a second face appeared).
 */
let fake: ReplicateFake;
let dir: string;
let still: string;
let sameClip: Buffer;
let changedClip: Buffer;

function clipOf(image: string, file: string): Buffer {
  execFileSync('ffmpeg', ['-v', 'error', '-loop', '1', '-i', image, '-t', '5', '-r', '24', '-vf', 'scale=480:-2', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', file]);
  return fs.readFileSync(file);
}

beforeAll(async () => {
  fake = await startReplicateFake();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kingjam-photo-motion-online-'));
  still = await portrait(2);
  sameClip = clipOf(still, path.join(dir, 'same.mp4'));
  changedClip = clipOf(await twoFaces(), path.join(dir, 'changed.mp4'));
}, 60_000);
afterAll(async () => {
  await fake.close();
  fs.rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  fake.reset();
  fake.outcomes = [{ status: 'succeeded', afterPolls: 0 }];
});

function serve(body: Buffer): void {
  fake.outputFor = (p) => {
    const file = `/files/${p.id}.mp4`;
    fake.files.set(file, { type: 'video/mp4', body });
    return `${fake.server.url}${file}`;
  };
}

function context() {
  const ctx = photoContext({ REPLICATE_API_TOKEN: fake.token, KINGJAM_REPLICATE_BASE_URL: fake.baseUrl });
  return { ...ctx, paths: { temp: dir } as WorkerPaths };
}

describe('photo.motion on an image-to-video model', () => {
  it('makes the clip, finds the still’s one face in every checked frame and writes the Live Photo pair', async () => {
    serve(sameClip);
    const out = path.join(dir, 'seedance.mp4');
    const payload = jobKinds['photo.motion'].payload.parse({ image: still, effect: 'snow', backend: 'seedance', via: 'own-key', out });
    const r = await photoMotion(payload, context());
    expect(fake.creates()[0]?.path).toBe('/v1/models/bytedance/seedance-1-lite/predictions');
    expect(r.output).toBe(out);
    expect(fs.existsSync(out)).toBe(true);
    expect(r.durationSec).toBeCloseTo(5, 0);
    expect(r.faceCheck).toEqual({ expected: 1, found: [1, 1, 1, 1, 1], ok: true });
    expect(r.livePhoto).not.toBeNull();
    expect(fs.statSync(r.livePhoto!.jpeg).size).toBeGreaterThan(1000);
    expect(fs.readFileSync(r.livePhoto!.mov).includes(Buffer.from(r.livePhoto!.contentIdentifier))).toBe(true);
    expect(fs.readFileSync(r.livePhoto!.jpeg).includes(Buffer.from(r.livePhoto!.contentIdentifier))).toBe(true);
    // A still clip: nothing moves, inside the people or out.
    expect(r.stillness!.people).toBeLessThan(1);
  }, 120_000);

  it('marks a clip in which the faces changed (one became two), so the page can warn', async () => {
    serve(changedClip);
    const out = path.join(dir, 'changed-out.mp4');
    const payload = jobKinds['photo.motion'].payload.parse({ image: still, effect: 'fireworks', backend: 'seedance', via: 'own-key', out, livePhoto: false });
    const r = await photoMotion(payload, context());
    expect(r.faceCheck?.expected).toBe(1);
    expect(r.faceCheck?.ok).toBe(false);
    expect(r.faceCheck?.found.every((n) => n === 2)).toBe(true);
    expect(r.livePhoto).toBeNull();
  }, 120_000);
});
