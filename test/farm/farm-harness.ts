import path from 'node:path';
import { Redis } from 'ioredis';
import { DEFAULT_JOB_CONFIG, type JobSystemConfig } from '../../src/main/jobs/config.js';
import { NodeWorkerSpawner } from '../../src/main/jobs/node-transport.js';
import { BullMqJobQueue } from '../../src/main/farm/bullmq-queue.js';
import { FarmWorker, type FarmWorkerEvent } from '../../src/main/farm/farm-worker.js';
import { FolderFileStore } from '../../src/main/farm/folder-store.js';
import type { QueueName } from '../../src/shared/jobs/queues.js';
import type { Studio } from '../../src/main/studio.js';
import { FAST_JOBS, openTestStudio, tempHome } from '../helpers/studio.js';

/** Why a farm suite is skipped: only when this machine has no redis-server (scripts/test-all.sh and CI install it). */
export const NO_REDIS = 'skipped: no redis-server on this machine (apt-get install redis-server, or set KINGJAM_REDIS_SERVER)';

/** A suite's title, saying why when it is skipped. */
export function farmSuite(title: string, available: boolean): string {
  return available ? title : `${title} — ${NO_REDIS}`;
}

/**
 * A dispatcher studio on the farm: its rows in its own SQLite file, its jobs through BullMQ on
 * `redisUrl`, files through `storeDir`; it reads Redis back every `reconcileMs`.
 */
export function openFarmStudio(home: string, redisUrl: string, storeDir: string, jobConfig: Partial<JobSystemConfig> = {}, reconcileMs = 1_000): Studio {
  const store = new FolderFileStore(storeDir);
  return openTestStudio(home, jobConfig, true, {
    jobQueue: (p) => new BullMqJobQueue(p.store, p.events, p.spawner, p.paths, p.config, { redisUrl, store, reconcileMs }),
  });
}

/** A farm worker in this process (its jobs still run in worker processes of its own pool). */
export async function startFarmWorker(redisUrl: string, storeDir: string, concurrency: Record<QueueName, number>, onEvent?: (e: FarmWorkerEvent) => void): Promise<FarmWorker> {
  const home = tempHome('kingjam-farm-worker-');
  const worker = new FarmWorker({
    redisUrl,
    store: new FolderFileStore(storeDir),
    concurrency,
    name: `test-${path.basename(home)}`,
    spawner: new NodeWorkerSpawner(),
    paths: { home, library: path.join(home, 'library'), temp: path.join(home, 'tmp') },
    config: { ...DEFAULT_JOB_CONFIG, ...FAST_JOBS },
    lockMs: 4_000,
    secrets: {},
    ...(onEvent ? { onEvent } : {}),
  });
  await worker.start();
  return worker;
}

/** Empties the test Redis between harnesses, so one test's leftovers never take the next one's workers. */
export async function flushRedis(url: string): Promise<void> {
  const r = new Redis(url, { maxRetriesPerRequest: null });
  await r.flushall();
  r.disconnect();
}
