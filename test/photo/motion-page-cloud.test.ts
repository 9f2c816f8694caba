import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../src/main/api/handlers.js';
import { aesGcmCipher, sealedFileStore } from '../../src/main/secrets/store.js';
import type { Studio } from '../../src/main/studio.js';
import { PHOTO_MODELS } from '../../src/shared/photo/estimate.js';
import type { PhotoVariantsResult } from '../../src/shared/photo/jobs.js';
import { contractCalls } from '../helpers/calls.js';
import { TestCloud } from '../helpers/cloud.js';
import { PLATFORM_KEY, startGeminiUpstream } from '../helpers/gemini-upstream.js';
import { openTestStudio, tempHome, until } from '../helpers/studio.js';
import type { FakeServer } from '../providers/fake-server.js';
import { startReplicateFake, type ReplicateFake } from '../providers/replicate-fake.js';
import { portrait } from './fixtures/portraits.js';

/**
 * The Photo studio page's "add motion" on a paid online backend (issue 15):
 * the call the motion panel makes — the chosen picture of a finished paid run,
 * Seedance through KingJam Cloud — through the real contract handlers of a
 * studio signed in to a real cloud-sync, whose gateway forwards to a loopback
 * Replicate fake in its wire format. It must queue the online photo.motion job
 * (not the local one) with that model, carry the estimate the panel showed,
 * have the cloud charge exactly that, and come back with the face check.
 */
let replicate: ReplicateFake;
let gemini: FakeServer;
let cloud: TestCloud;
let studio: Studio;
let still: string;
let clip: Buffer;
const api = contractCalls(() => createHandlers(studio, 'web'));

beforeAll(async () => {
  replicate = await startReplicateFake();
  gemini = await startGeminiUpstream();
  cloud = await (await new TestCloud({ gateway: { replicateApiToken: replicate.token, replicateBaseUrl: replicate.baseUrl, geminiApiKey: PLATFORM_KEY, geminiBaseUrl: gemini.url } }).start()).withUser(500);
  const home = tempHome('kingjam-photo-motion-page-');
  const secrets = sealedFileStore(path.join(home, 'secrets'), aesGcmCipher(randomBytes(32)), 'encrypted-file');
  studio = openTestStudio(home, {}, true, { secrets, sync: { defaultCloudUrl: cloud.url, allowanceMax: 300, syncEveryMs: 3_600_000 } });
  await studio.sync.login({ email: cloud.email, password: cloud.password });
  still = await portrait(2);
  // What the video model answers: a 5 s clip of the same still (its one face in every frame).
  const file = path.join(home, 'answer.mp4');
  execFileSync('ffmpeg', ['-v', 'error', '-loop', '1', '-i', still, '-t', '5', '-r', '24', '-vf', 'scale=480:-2', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', file]);
  clip = fs.readFileSync(file);
  replicate.outcomes = [{ status: 'succeeded', afterPolls: 0 }];
  replicate.outputFor = (p) => {
    replicate.files.set(`/files/${p.id}.mp4`, { type: 'video/mp4', body: clip });
    return `${replicate.server.url}/files/${p.id}.mp4`;
  };
}, 60_000);

afterAll(async () => {
  await studio.close();
  await cloud.stop();
  await replicate.close();
  await gemini.close();
});

/** A finished paid fuse run whose chosen picture (seed 1003) is the portrait, as the chooser leaves it. */
function finishedPaidRun(): string {
  const id = randomUUID();
  const outDir = path.join(studio.paths.outputs, 'photo', id);
  fs.mkdirSync(outDir, { recursive: true });
  const picture = path.join(outDir, 'variant-1003.png');
  fs.copyFileSync(still, picture);
  const result: PhotoVariantsResult = {
    variants: [{ seed: 1003, path: picture, width: 640, height: 800, bytes: fs.statSync(picture).size, facesFound: 1, replacement: false, draft: false, provider: 'replicate', model: 'bytedance/seedream-4' }],
    failures: [],
    masks: {},
  };
  const now = Date.now();
  studio.store.sqlite
    .prepare(
      `INSERT INTO photo_runs (id, kind, tier, backend, via, request_json, result_json, chosen_seed, status, progress, out_dir, created_at, finished_at)
       VALUES (?, 'fuse', 'paid', 'seedream', 'cloud', '{}', ?, 1003, 'succeeded', 1, ?, ?, ?)`,
    )
    .run(id, JSON.stringify(result), outDir, now, now);
  return id;
}

describe('the motion panel’s call on an online backend', () => {
  it('queues the online motion with the chosen model, carries the estimate, is charged exactly that and reports the face check', async () => {
    const source = finishedPaidRun();
    // What the panel sends once Seedance on KingJam Cloud is picked, and what it shows as the price first.
    const request = { source: { run: source, seed: 1003 }, effect: 'snow', backend: 'seedance', via: 'cloud', tier: 'paid' } as const;
    const estimate = await api.call('photo.estimate', { kind: 'motion', request });
    expect(estimate.total).toBeGreaterThan(0);
    const before = await cloud.balance();

    const run = await api.call('photo.motion', request);
    expect(run).toMatchObject({ kind: 'motion', backend: 'seedance', via: 'cloud', sourceRun: source, estimatedCredits: estimate.total });
    const job = await studio.jobs.get(run.jobId!);
    expect(job).toMatchObject({ kind: 'photo.motion', estimatedCredits: estimate.total });
    const queued = studio.store.sqlite.prepare('SELECT payload FROM jobs WHERE id = ?').get(run.jobId) as { payload: string };
    expect(JSON.parse(queued.payload)).toMatchObject({ backend: 'seedance', via: 'cloud', effect: 'snow', image: path.join(studio.paths.outputs, 'photo', source, 'variant-1003.png') });

    const done = await until(async () => {
      const r = await api.call('photo.run', { id: run.id });
      return r.status === 'succeeded' || r.status === 'failed' ? r : null;
    }, 'the online motion', 150_000);
    expect(done.error).toBeNull();
    // The chosen model was asked, once, through the gateway.
    const creates = replicate.creates();
    expect(creates).toHaveLength(1);
    expect(creates[0]!.path).toBe(`/v1/models/${PHOTO_MODELS.seedance.id}/predictions`);
    // The cloud billed the call at the estimate and holds nothing more for it (what it held before is this machine's offline allowance); nothing was held on that allowance.
    const after = await cloud.balance();
    expect(before.available - after.available).toBe(estimate.total);
    expect(after.held).toBe(before.held);
    expect(studio.store.sqlite.prepare('SELECT COUNT(*) AS n FROM credit_spends WHERE job_id = ?').get(run.jobId)).toEqual({ n: 0 });
    // The gateway's record of the call: the model the panel chose, the estimate held before it ran and captured after.
    const calls = (await cloud.genCalls()).filter((c) => c.model === PHOTO_MODELS.seedance.id);
    expect(calls).toMatchObject([{ upstream: 'replicate', held: estimate.total, credits: estimate.total, status: 'succeeded' }]);
    // The page's verdict: the still's one face in every checked frame of the clip.
    expect(done.motion).toMatchObject({ faceCheck: { expected: 1, found: [1, 1, 1, 1, 1], ok: true }, livePhoto: { jpeg: expect.any(String) as string } });
  }, 180_000);
});
