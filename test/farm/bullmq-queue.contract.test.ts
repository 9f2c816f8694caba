import path from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { TestRedis } from '../helpers/redis.js';
import { tempHome } from '../helpers/studio.js';
import { jobQueueContract } from '../jobs/queue-contract.js';
import { NO_REDIS, flushRedis, openFarmStudio, startFarmWorker } from './farm-harness.js';

const available = await TestRedis.available();
if (!available) {
  // Only on a machine without redis-server (a developer's): scripts/test-all.sh installs it, so CI always runs the suite below; the skip says why in its name.
  describe('JobQueue contract: BullMQ', () => {
    it.skip(NO_REDIS, () => undefined);
  });
} else {
  const redis = new TestRedis();
  beforeAll(async () => {
    await redis.start();
  });
  afterAll(async () => {
    await redis.close();
  });
  jobQueueContract('BullMQ on Redis', async (home) => {
    await flushRedis(redis.url);
    const storeDir = path.join(tempHome('kingjam-farm-store-'), 'store');
    const studio = openFarmStudio(home, redis.url, storeDir, { concurrency: { high: 1, default: 1, video: 1, mesh: 1 } });
    const worker = await startFarmWorker(redis.url, storeDir, { high: 1, default: 1, video: 1, mesh: 1 });
    return {
      studio,
      close: async () => {
        await worker.close();
        await studio.close();
      },
    };
  });
}
