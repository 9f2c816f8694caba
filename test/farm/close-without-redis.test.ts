import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { TestRedis } from '../helpers/redis.js';
import { openTestStudio, tempHome, until } from '../helpers/studio.js';
import { NO_REDIS, openFarmStudio } from './farm-harness.js';

/**
 * A dispatcher whose Redis went away while it ran still closes (Ctrl-C on
 * `kingjam batch run --redis`, a render box shut down after its Redis): its
 * BullMQ connections reconnect forever, so the close waits a bounded time
 * for them and then cuts them. Its job rows stay in SQLite, queued for the
 * next start.
 */
const available = await TestRedis.available();
const redis = new TestRedis();

afterAll(async () => {
  await redis.close();
});

describe('closing a farm dispatcher without its Redis', () => {
  it.skipIf(!available)(available ? 'closes within the bound, and the queued job is still there at the next start' : NO_REDIS, async () => {
    await redis.start();
    const home = tempHome('kingjam-farm-close-');
    const storeDir = path.join(tempHome('kingjam-farm-store-'), 'store');
    // No farm worker: the job stays waiting in Redis, as one queued behind a busy farm does.
    const studio = openFarmStudio(home, redis.url, storeDir);
    await studio.ready();
    const job = await studio.jobs.enqueue('diag.noop', {});
    // Handed to Redis: BullMQ keeps the job under a key named with its id.
    const probe = new Redis(redis.url);
    await until(async () => (await probe.keys(`*${job.id}*`)).length > 0 || null, 'the job handed to Redis', 20_000);
    probe.disconnect();
    await redis.stop();
    const started = Date.now();
    await studio.close();
    const tookMs = Date.now() - started;
    expect(tookMs).toBeLessThan(15_000);
    // The next start (here without the farm, its jobs not started) finds the job waiting to run again.
    const next = openTestStudio(home, {}, false);
    try {
      const row = next.store.sqlite.prepare('SELECT status FROM jobs WHERE id = ?').get(job.id) as { status: string } | undefined;
      expect(row?.status).toBe('queued');
    } finally {
      await next.close();
    }
  }, 60_000);
});
