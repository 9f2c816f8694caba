import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeWorkerSpawner } from '../src/main/jobs/node-transport.js';
import { aesGcmCipher, sealedFileStore } from '../src/main/secrets/store.js';
import { Studio } from '../src/main/studio.js';
import { allowanceSize } from '../src/main/sync/allowance.js';
import { TestCloud } from './helpers/cloud.js';
import { FAST_JOBS, tempHome } from './helpers/studio.js';

describe('offline allowance size', () => {
  it('is a week of recent use, at least 100, at most the lesser of 2,000 and half the available balance', () => {
    const max = 2000;
    expect(allowanceSize({ needed: 1, available: 50_000, recentUse: 0, max })).toBe(100);
    expect(allowanceSize({ needed: 1, available: 50_000, recentUse: 740, max })).toBe(740);
    expect(allowanceSize({ needed: 1, available: 50_000, recentUse: 9_000, max })).toBe(2000);
    expect(allowanceSize({ needed: 1, available: 1_000, recentUse: 740, max })).toBe(500);
    expect(allowanceSize({ needed: 1, available: 200, recentUse: 0, max })).toBe(100);
    expect(allowanceSize({ needed: 1, available: 1, recentUse: 0, max })).toBe(1);
    // A job bigger than that gets exactly what it needs, as far as the wallet goes.
    expect(allowanceSize({ needed: 700, available: 1_000, recentUse: 0, max })).toBe(700);
    expect(allowanceSize({ needed: 700, available: 600, recentUse: 0, max })).toBe(600);
  });
});

/** Against a real cloud-sync on loopback: what signing in and a later renewal hold on the ledger. */
describe('signing in reserves an allowance sized to recent use, not the whole wallet', () => {
  const cloud = new TestCloud();
  const home = tempHome('kingjam-allowance-');
  let studio: Studio;

  beforeAll(async () => {
    await (await cloud.start()).withUser(9_800); // 200 PROMO + 9,800 PAID = 10,000
    const secrets = sealedFileStore(path.join(home, 'secrets'), aesGcmCipher(randomBytes(32)), 'encrypted-file');
    studio = Studio.open({ home, spawner: new NodeWorkerSpawner(), jobConfig: FAST_JOBS, secrets, sync: { defaultCloudUrl: cloud.url, syncEveryMs: 3_600_000 } });
  });

  afterAll(async () => {
    await studio.close();
    await cloud.stop();
  });

  it('holds 100 for a device with no recent use, then a week of use (capped at 2,000) on renewal', async () => {
    await studio.sync.login({ email: cloud.email, password: cloud.password });
    expect(studio.sync.wallet().allowance).toMatchObject({ amount: 100, remaining: 100 });
    expect(await cloud.balance()).toMatchObject({ total: 10_000, held: 100 });

    for (const credits of [300, 450]) {
      const job = await studio.jobs.enqueue('diag.noop', {}, { estimatedCredits: credits });
      expect((await studio.jobs.waitFor(job.id)).actualCredits).toBe(credits);
    }
    const renew = async () => {
      const open = studio.sync.allowances.open(cloud.userId)!;
      studio.sync.allowances.drain(open.id);
      await studio.sync.sync();
    };
    await renew();
    // 750 spent this week: the new allowance is 750, not the 9,250 left in the wallet.
    expect(await cloud.balance()).toMatchObject({ total: 9_250, held: 750 });
    expect(studio.sync.wallet().allowance).toMatchObject({ amount: 750, remaining: 750 });

    const big = await studio.jobs.enqueue('diag.noop', {}, { estimatedCredits: 2_500 });
    expect((await studio.jobs.waitFor(big.id)).actualCredits).toBe(2_500);
    await renew();
    // 3,250 spent this week, but one device holds at most 2,000.
    expect(await cloud.balance()).toMatchObject({ total: 6_750, held: 2_000 });
  });
});
