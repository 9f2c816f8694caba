import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Studio } from '../../src/main/studio.js';
import { TestRedis } from '../helpers/redis.js';
import { tempHome, until } from '../helpers/studio.js';
import { flushRedis, openFarmStudio, farmSuite } from './farm-harness.js';
import { WorkerProcess } from './worker-process.js';

const available = await TestRedis.available();
/** Worker processes start from source through tsx: on a busy 2-core machine each start takes seconds, so these tests get minutes. */
const SLOW = 300_000;

describe.skipIf(!available)(farmSuite('the render farm with real `kingjam worker` processes', available), () => {
  const redis = new TestRedis();
  let studio: Studio | null = null;
  let workers: WorkerProcess[] = [];
  beforeAll(async () => {
    await redis.start();
  });
  afterEach(async () => {
    await Promise.all(workers.map((w) => w.stop('SIGKILL')));
    workers = [];
    await studio?.close();
    studio = null;
  });
  afterAll(async () => {
    await redis.close();
  });

  async function farm(): Promise<{ studio: Studio; storeDir: string }> {
    await flushRedis(redis.url);
    const storeDir = path.join(tempHome('kingjam-farm-store-'), 'store');
    studio = openFarmStudio(tempHome('kingjam-dispatcher-'), redis.url, storeDir);
    return { studio, storeDir };
  }

  it('two workers drain 200 jobs, each run exactly once', async () => {
    const { studio, storeDir } = await farm();
    workers = [new WorkerProcess(redis.url, storeDir, 'w1', 'default=2'), new WorkerProcess(redis.url, storeDir, 'w2', 'default=2')];
    await Promise.all(workers.map((w) => w.started()));
    const jobs = [];
    for (let i = 0; i < 200; i++) jobs.push(await studio.jobs.enqueue('diag.noop', { i }));
    const done = await Promise.all(jobs.map((j) => studio.jobs.waitFor(j.id)));
    expect(done.filter((j) => j.status === 'succeeded')).toHaveLength(200);
    const starts = workers.flatMap((w) => w.starts());
    const perJob = new Map<string, number>();
    for (const s of starts) perJob.set(s.jobId, (perJob.get(s.jobId) ?? 0) + 1);
    expect(perJob.size).toBe(200);
    expect([...perJob.values()].every((n) => n === 1)).toBe(true);
    // Both took a share.
    for (const w of workers) expect(w.starts().length).toBeGreaterThan(0);
    expect((await studio.jobs.counts()).succeeded).toBe(200);
  }, SLOW);

  it('a worker killed mid-job (SIGKILL) loses its job to the other, which finishes it from the last checkpoint', async () => {
    const { studio, storeDir } = await farm();
    workers = [new WorkerProcess(redis.url, storeDir, 'k1', 'default=1'), new WorkerProcess(redis.url, storeDir, 'k2', 'default=1')];
    await Promise.all(workers.map((w) => w.started()));
    const outDir = path.join(tempHome('kingjam-farm-out-'), 'steps');
    const job = await studio.jobs.enqueue('diag.steps', { steps: 40, stepMs: 150, outDir });
    await until(async () => ((await studio.jobs.get(job.id))?.progress ?? 0) >= 0.2, 'the job to be a fifth done', 120_000);
    const doomed = workers.find((w) => w.starts().length > 0)!;
    const survivor = workers.find((w) => w !== doomed)!;
    const killedAt = Date.now();
    await doomed.stop('SIGKILL');
    const done = await studio.jobs.waitFor(job.id);
    expect(done.status).toBe('succeeded');
    expect(doomed.starts().map((s) => s.jobId)).toEqual([job.id]);
    expect(survivor.starts().map((s) => s.jobId)).toEqual([job.id]);
    // Never at once: the second start came after the first worker was gone.
    expect(survivor.starts()[0]!.at).toBeGreaterThanOrEqual(killedAt);
    const result = done.result as { steps: number; resumedFrom: number };
    expect(result.steps).toBe(40);
    expect(result.resumedFrom).toBeGreaterThan(0);
    // The survivor's step files came back into the dispatcher's folder.
    const files = fs.readdirSync(outDir);
    for (let i = result.resumedFrom; i < 40; i++) expect(files).toContain(`step-${i}`);
  }, SLOW);

  it('Redis restarting mid-run loses nothing: every job finishes, each started once', async () => {
    const { studio, storeDir } = await farm();
    workers = [new WorkerProcess(redis.url, storeDir, 'r1', 'default=2'), new WorkerProcess(redis.url, storeDir, 'r2', 'default=2')];
    await Promise.all(workers.map((w) => w.started()));
    const jobs = [];
    for (let i = 0; i < 80; i++) jobs.push(await studio.jobs.enqueue('diag.steps', { steps: 2, stepMs: 100 }));
    await until(async () => (await studio.jobs.counts()).succeeded >= 15, '15 jobs done', 120_000);
    await redis.restart(1_000);
    // Some are queued after the restart too (their push waits for Redis).
    for (let i = 0; i < 20; i++) jobs.push(await studio.jobs.enqueue('diag.steps', { steps: 1, stepMs: 10 }));
    const done = await Promise.all(jobs.map((j) => studio.jobs.waitFor(j.id)));
    expect(done.filter((j) => j.status === 'succeeded')).toHaveLength(100);
    const perJob = new Map<string, number>();
    for (const s of workers.flatMap((w) => w.starts())) perJob.set(s.jobId, (perJob.get(s.jobId) ?? 0) + 1);
    expect(perJob.size).toBe(100);
    expect([...perJob.values()].every((n) => n === 1)).toBe(true);
  }, SLOW);
});
