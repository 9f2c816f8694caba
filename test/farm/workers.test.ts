import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Studio } from '../../src/main/studio.js';
import { TestRedis } from '../helpers/redis.js';
import { tempHome, until } from '../helpers/studio.js';
import { flushRedis, openFarmStudio, farmSuite } from './farm-harness.js';
import { WorkerProcess, type WorkerLine } from './worker-process.js';

const available = await TestRedis.available();

/**
 * Real `kingjam worker` processes on a real Redis. Most of these tests' time used to be process starts: each
 * test started two workers from source through tsx, and each worker started a new job process (tsx too) every
 * 10 jobs. The two workers now serve the whole file (each test counts only its own jobs' lines), and keep their
 * job processes for the whole run (`--jobs-per-process`): what is asserted — each job run once, a killed
 * worker's job taken over, nothing lost across a Redis restart — does not depend on either.
 */
describe.skipIf(!available)(farmSuite('the render farm with real `kingjam worker` processes', available), () => {
  const redis = new TestRedis();
  let storeDir = '';
  let workers: WorkerProcess[] = [];
  let studio: Studio | null = null;
  beforeAll(async () => {
    await redis.start();
    await flushRedis(redis.url);
    storeDir = path.join(tempHome('kingjam-farm-store-'), 'store');
    workers = ['w1', 'w2'].map((name) => new WorkerProcess(redis.url, storeDir, name, 'default=2', {}, ['--jobs-per-process', '1000', '--lock-seconds', '6']));
    await Promise.all(workers.map((w) => w.started()));
  }, 120_000);
  afterEach(async () => {
    await studio?.close();
    studio = null;
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop('SIGKILL')));
    await redis.close();
  });

  function dispatcher(): Studio {
    studio = openFarmStudio(tempHome('kingjam-dispatcher-'), redis.url, storeDir);
    return studio;
  }

  /** Job starts of these jobs, per worker. */
  const startsOf = (w: WorkerProcess, ids: Set<string>): WorkerLine[] => w.starts().filter((s) => ids.has(s.jobId));

  function startCounts(ids: Set<string>): Map<string, number> {
    const perJob = new Map<string, number>();
    for (const s of workers.flatMap((w) => startsOf(w, ids))) perJob.set(s.jobId, (perJob.get(s.jobId) ?? 0) + 1);
    return perJob;
  }

  it('two workers drain 200 jobs, each run exactly once', async () => {
    const studio = dispatcher();
    const jobs = [];
    for (let i = 0; i < 200; i++) jobs.push(await studio.jobs.enqueue('diag.noop', { i }));
    const done = await Promise.all(jobs.map((j) => studio.jobs.waitFor(j.id)));
    expect(done.filter((j) => j.status === 'succeeded')).toHaveLength(200);
    const ids = new Set(jobs.map((j) => j.id));
    const perJob = startCounts(ids);
    expect(perJob.size).toBe(200);
    expect([...perJob.values()].every((n) => n === 1)).toBe(true);
    // Both took a share.
    for (const w of workers) expect(startsOf(w, ids).length).toBeGreaterThan(0);
    expect((await studio.jobs.counts()).succeeded).toBe(200);
  }, 120_000);

  it('Redis restarting mid-run loses nothing: every job finishes, each started once', async () => {
    const studio = dispatcher();
    const jobs = [];
    for (let i = 0; i < 60; i++) jobs.push(await studio.jobs.enqueue('diag.steps', { steps: 2, stepMs: 100 }));
    await until(async () => (await studio.jobs.counts()).succeeded >= 10, '10 jobs done', 60_000);
    // Mid-run: some are still queued or running when Redis goes.
    expect((await studio.jobs.counts()).succeeded).toBeLessThan(60);
    await redis.restart(1_000);
    // Some are queued after the restart too (their push waits for Redis).
    for (let i = 0; i < 15; i++) jobs.push(await studio.jobs.enqueue('diag.steps', { steps: 1, stepMs: 10 }));
    const done = await Promise.all(jobs.map((j) => studio.jobs.waitFor(j.id)));
    expect(done.filter((j) => j.status === 'succeeded')).toHaveLength(75);
    const perJob = startCounts(new Set(jobs.map((j) => j.id)));
    expect(perJob.size).toBe(75);
    expect([...perJob.values()].every((n) => n === 1)).toBe(true);
  }, 120_000);

  // Last: it kills one of the file's two workers.
  it('a worker killed mid-job (SIGKILL) loses its job to the other, which finishes it from the last checkpoint', async () => {
    const studio = dispatcher();
    const outDir = path.join(tempHome('kingjam-farm-out-'), 'steps');
    const job = await studio.jobs.enqueue('diag.steps', { steps: 30, stepMs: 100, outDir });
    const ids = new Set([job.id]);
    await until(async () => ((await studio.jobs.get(job.id))?.progress ?? 0) >= 0.2, 'the job to be a fifth done', 60_000);
    const doomed = workers.find((w) => startsOf(w, ids).length > 0)!;
    const survivor = workers.find((w) => w !== doomed)!;
    const killedAt = Date.now();
    await doomed.stop('SIGKILL');
    const done = await studio.jobs.waitFor(job.id);
    expect(done.status).toBe('succeeded');
    // Each of the two started it once.
    expect(startsOf(doomed, ids)).toHaveLength(1);
    expect(startsOf(survivor, ids)).toHaveLength(1);
    // Never at once: the second start came after the first worker was gone.
    expect(startsOf(survivor, ids)[0]!.at).toBeGreaterThanOrEqual(killedAt);
    const result = done.result as { steps: number; resumedFrom: number };
    expect(result.steps).toBe(30);
    expect(result.resumedFrom).toBeGreaterThan(0);
    // The survivor's step files came back into the dispatcher's folder.
    const files = fs.readdirSync(outDir);
    for (let i = result.resumedFrom; i < 30; i++) expect(files).toContain(`step-${i}`);
  }, 120_000);
});
