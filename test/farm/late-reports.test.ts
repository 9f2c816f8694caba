import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestRedis } from '../helpers/redis.js';
import { tempHome } from '../helpers/studio.js';
import { farmSuite, flushRedis, openFarmStudio, startFarmWorker } from './farm-harness.js';

const available = await TestRedis.available();
const redis = new TestRedis();

describe(farmSuite('farm dispatcher: an attempt reported twice', available), () => {
  beforeAll(async () => {
    if (available) await redis.start();
  });
  afterAll(async () => {
    if (available) await redis.close();
  });

  // A retry goes back under the same BullMQ job id. Reconcile reading Redis every 5 ms settles
  // most failed attempts before their QueueEvents report arrives; that report, read from the event,
  // used to end the retry with the earlier attempt's error.
  it.runIf(available)("ends each retried job with its last attempt's error while reconcile and the events race", async () => {
    await flushRedis(redis.url);
    const home = tempHome('kingjam-farm-late-');
    const storeDir = path.join(tempHome('kingjam-farm-store-'), 'store');
    const studio = openFarmStudio(home, redis.url, storeDir, { concurrency: { high: 2, default: 2, video: 1, mesh: 1 } }, 5);
    const worker = await startFarmWorker(redis.url, storeDir, { high: 2, default: 2, video: 1, mesh: 1 });
    try {
      const jobs = await Promise.all(Array.from({ length: 8 }, (_, i) => studio.jobs.enqueue('diag.fail', { message: `flaky ${i}`, retryable: true }, { maxAttempts: 3 })));
      const ended = await Promise.all(jobs.map((j) => studio.jobs.waitFor(j.id)));
      for (const [i, job] of ended.entries()) {
        expect(job.status).toBe('failed');
        expect(job.attempts).toBe(3);
        expect(job.error?.message).toContain(`flaky ${i} (attempt 3)`);
      }
    } finally {
      await worker.close();
      await studio.close();
    }
  }, 60_000);
});
