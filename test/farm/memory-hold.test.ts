import path from 'node:path';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_JOB_CONFIG } from '../../src/main/jobs/config.js';
import { NodeWorkerSpawner } from '../../src/main/jobs/node-transport.js';
import { FarmWorker, type MemoryHold } from '../../src/main/farm/farm-worker.js';
import { FolderFileStore } from '../../src/main/farm/folder-store.js';
import { bullQueueName, redisOptions } from '../../src/main/farm/redis.js';
import { TestRedis } from '../helpers/redis.js';
import { FAST_JOBS, tempHome } from '../helpers/studio.js';
import { farmSuite } from './farm-harness.js';

const available = await TestRedis.available();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(what: () => Promise<boolean>, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!(await what())) {
    if (Date.now() > end) throw new Error('timed out');
    await sleep(100);
  }
}

describe.skipIf(!available)(farmSuite('a farm worker under its memory floor', available), () => {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await new TestRedis().start();
  });
  afterAll(async () => {
    await redis?.close();
  });

  it('takes no job while free memory is under the floor, says so, and takes them again once memory is back', async () => {
    let freeMb = 100;
    const holds: MemoryHold[] = [];
    const home = tempHome('kingjam-farm-memory-');
    const worker = new FarmWorker({
      redisUrl: redis.url,
      store: new FolderFileStore(path.join(home, 'store')),
      concurrency: { high: 1, default: 0, video: 0, mesh: 0 },
      name: 'memory-test',
      spawner: new NodeWorkerSpawner(),
      paths: { home, library: path.join(home, 'library'), temp: path.join(home, 'tmp') },
      config: { ...DEFAULT_JOB_CONFIG, ...FAST_JOBS, minFreeMemoryMb: 256, freeMemoryMb: () => freeMb },
      lockMs: 4_000,
      secrets: {},
      onMemoryHold: (h) => holds.push(h),
    });
    const queue = new Queue(bullQueueName('high'), { connection: redisOptions(redis.url) });
    try {
      await worker.start();
      expect(holds).toEqual([{ held: true, freeMb: 100, minMb: 256 }]);
      // A job the worker cannot read: taking it fails it at once, so its state tells whether it was taken.
      const job = await queue.add('probe', { not: 'a farm job' }, { attempts: 1 });
      // Not run while held: waiting, or handed straight back (delayed) if a fetch already in flight brought it.
      const untaken = ['waiting', 'delayed', 'prioritized'];
      await sleep(2_500);
      expect(untaken).toContain(await job.getState());
      // Just over the floor is not enough to take jobs again (no flapping)…
      freeMb = 300;
      await sleep(2_500);
      expect(untaken).toContain(await job.getState());
      expect((await queue.getJob(job.id!))?.attemptsMade).toBe(0);
      // …a margin above it is.
      freeMb = 4_000;
      await until(async () => (await job.getState()) === 'failed', 10_000);
      expect(holds.at(-1)).toEqual({ held: false, freeMb: 4_000, minMb: 256 });
    } finally {
      await queue.close();
      await worker.close();
    }
  }, 40_000);
});
