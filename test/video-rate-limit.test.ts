import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeWorkerSpawner } from '../src/main/jobs/node-transport.js';
import { aesGcmCipher, sealedFileStore } from '../src/main/secrets/store.js';
import { Studio } from '../src/main/studio.js';
import { parseProgressLabel } from '../src/shared/progress-labels.js';
import { TestCloud } from './helpers/cloud.js';
import { FAST_JOBS, tempHome, until } from './helpers/studio.js';

/**
 * The video queue's start limit (seed: 10 video jobs a minute) protects the
 * paid model APIs; a free offline or local video job must not wait behind it.
 * Paid jobs hold real credits from a cloud-sync on loopback.
 */
describe('video start limit', () => {
  const cloud = new TestCloud();
  const home = tempHome('kingjam-ratelimit-');
  let studio: Studio;

  beforeAll(async () => {
    await (await cloud.start()).withUser(1000);
    const secrets = sealedFileStore(path.join(home, 'secrets'), aesGcmCipher(randomBytes(32)), 'encrypted-file');
    // The default limit (10 a minute); one video job at a time, as the seed says.
    studio = Studio.open({ home, spawner: new NodeWorkerSpawner(), jobConfig: { ...FAST_JOBS, concurrency: { high: 2, default: 4, video: 1, mesh: 1 } }, secrets, sync: { defaultCloudUrl: cloud.url, syncEveryMs: 3_600_000 } });
    await studio.sync.login({ email: cloud.email, password: cloud.password });
  });

  afterAll(async () => {
    await studio.close();
    await cloud.stop();
  });

  it('holds the 11th paid video job for the rest of the minute while 12 free ones start at once', async () => {
    expect(studio.jobs.config.rateLimits.video).toEqual({ max: 10, windowMs: 60_000 });
    const paid: string[] = [];
    for (let i = 0; i < 11; i++) paid.push((await studio.jobs.enqueue('diag.noop', {}, { queue: 'video', estimatedCredits: 1 })).id);
    await until(async () => (await Promise.all(paid.map((id) => studio.jobs.get(id)))).filter((j) => j?.status === 'succeeded').length === 10, 'ten paid jobs to run');

    const started = Date.now();
    const free: string[] = [];
    for (let i = 0; i < 12; i++) free.push((await studio.jobs.enqueue('diag.noop', {}, { queue: 'video' })).id);
    const done = await Promise.all(free.map((id) => studio.jobs.waitFor(id)));
    expect(done.map((j) => j.status)).toEqual(Array(12).fill('succeeded'));
    // Far less than the rest of the minute the paid job still waits.
    expect(Date.now() - started).toBeLessThan(30_000);

    const waiting = await studio.jobs.get(paid[10]!);
    expect(waiting?.status).toBe('queued');
    expect(parseProgressLabel(waiting?.heldReason ?? '')).toMatchObject({ key: 'rateLimited', params: { max: '10', queue: 'video', window: '60' } });
    // A free job waiting in the same queue is not labelled as held.
    expect(done.every((j) => j.heldReason === null)).toBe(true);
  });
});
