import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aesGcmCipher, sealedFileStore } from '../../src/main/secrets/store.js';
import { createHandlers } from '../../src/main/api/handlers.js';
import type { Studio } from '../../src/main/studio.js';
import { contractCalls } from '../helpers/calls.js';
import { TestCloud } from '../helpers/cloud.js';
import { openTestStudio, tempHome, until } from '../helpers/studio.js';
import { checkedUpload } from './service-fixtures.js';

/**
 * Paid photo work against a real cloud-sync on loopback: a paid local run
 * holds its estimate on this machine's offline allowance, and a run that
 * fails gives it all back — nobody pays for failed work.
 */
const cloud = new TestCloud();
let studio: Studio;
const api = contractCalls(() => createHandlers(studio, 'web'));

beforeAll(async () => {
  await (await cloud.start()).withUser(1000);
  const home = tempHome('kingjam-photo-credits-');
  const secrets = sealedFileStore(path.join(home, 'secrets'), aesGcmCipher(randomBytes(32)), 'encrypted-file');
  studio = openTestStudio(home, {}, true, { secrets, sync: { defaultCloudUrl: cloud.url, allowanceMax: 300, syncEveryMs: 3_600_000 } });
  await studio.sync.login({ email: cloud.email, password: cloud.password });
}, 60_000);

afterAll(async () => {
  await studio.close();
  await cloud.stop();
});

describe('credits of photo runs', () => {
  it('a paid run that fails releases its hold and the allowance is whole again', async () => {
    const before = studio.sync.wallet().allowance!.remaining;
    const people = [await checkedUpload(studio), await checkedUpload(studio)];
    // ComfyUI with no server set: the worker cannot make anything, after the hold was taken.
    const request = { uploads: people, background: { preset: 'lantern-festival' }, backend: 'comfyui', tier: 'paid', consent: true };
    const estimate = await api.call('photo.estimate', { kind: 'fuse', request });
    expect(estimate.total).toBeGreaterThan(0);
    const run = await api.call('photo.fuse', request);
    expect(run).toMatchObject({ status: 'queued', estimatedCredits: estimate.total, watermark: false });
    const held = studio.store.sqlite.prepare('SELECT amount, status FROM credit_spends WHERE job_id = ?').get(run.jobId);
    expect(held).toMatchObject({ amount: estimate.total });

    const failed = await until(async () => {
      const r = await api.call('photo.run', { id: run.id });
      return r.status === 'failed' ? r : null;
    }, 'the run to fail', 45_000);
    expect(failed.error).not.toBeNull();
    expect(failed.variants).toEqual([]);
    expect(studio.store.sqlite.prepare('SELECT status, captured FROM credit_spends WHERE job_id = ?').get(run.jobId)).toEqual({ status: 'released', captured: null });
    expect((await studio.jobs.get(run.jobId!))?.actualCredits).toBeNull();
    expect(studio.sync.wallet().allowance!.remaining).toBe(before);
  }, 60_000);

  it('a free run that fails gives the day’s free variant back', async () => {
    const people = [await checkedUpload(studio)];
    const run = await api.call('photo.fuse', { uploads: people, background: { preset: 'snow' }, backend: 'comfyui', tier: 'free', consent: true });
    expect(run.estimatedCredits).toBe(0);
    expect((await api.call('photo.freeToday', {})).left).toBe(0);
    await until(async () => (await api.call('photo.run', { id: run.id })).status === 'failed', 'the run to fail', 45_000);
    expect(await api.call('photo.freeToday', {})).toMatchObject({ used: 0, left: 1, reason: null });
    expect(studio.store.sqlite.prepare('SELECT COUNT(*) AS n FROM credit_spends WHERE job_id = ?').get(run.jobId)).toEqual({ n: 0 });
  }, 60_000);
});
