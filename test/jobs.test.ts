import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Studio } from '../src/main/studio.js';
import { openTestStudio, tempHome, until } from './helpers/studio.js';
import { parseProgressLabel } from '../src/shared/progress-labels.js';

const open: Studio[] = [];
function studio(...args: Parameters<typeof openTestStudio>): Studio {
  const s = openTestStudio(...args);
  open.push(s);
  return s;
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

describe('durable jobs in worker processes', () => {
  it('runs a job in a worker process and records the result', async () => {
    const s = studio();
    const job = await s.jobs.enqueue('diag.noop', {});
    const done = await s.jobs.waitFor(job.id);
    expect(done.status).toBe('succeeded');
    expect((done.result as { pid: number }).pid).not.toBe(process.pid);
    expect(done.attempts).toBe(1);
    const row = s.store.sqlite.prepare('SELECT status, result FROM jobs WHERE id = ?').get(job.id) as { status: string; result: string };
    expect(row.status).toBe('succeeded');
  });

  it('retries a job whose worker is SIGKILLed mid-job, and it then succeeds', async () => {
    const s = studio();
    const job = await s.jobs.enqueue('diag.steps', { steps: 20, stepMs: 50 });
    const worker = await until(() => s.jobs.pool.workers().find((w) => w.running.has(job.id) && (s.jobs.jobs.get(job.id)?.progress ?? 0) > 0.1), 'job to make progress');
    process.kill(worker.handle.pid!, 'SIGKILL');
    const done = await s.jobs.waitFor(job.id);
    expect(done.status).toBe('succeeded');
    expect(done.attempts).toBe(2);
    // The retry resumed from the checkpoint the first attempt saved.
    expect((done.result as { resumedFrom: number }).resumedFrom).toBeGreaterThan(0);
  });

  it('fails after 3 attempts with the last error', async () => {
    const s = studio();
    const job = await s.jobs.enqueue('diag.fail', { message: 'provider said no' });
    const done = await s.jobs.waitFor(job.id);
    expect(done.status).toBe('failed');
    expect(done.attempts).toBe(3);
    expect(done.error?.message).toBe('provider said no (attempt 3)');
  });

  it('does not retry an error that cannot succeed on retry', async () => {
    const s = studio();
    const job = await s.jobs.enqueue('diag.fail', { message: 'bad file', retryable: false });
    const done = await s.jobs.waitFor(job.id);
    expect(done.status).toBe('failed');
    expect(done.attempts).toBe(1);
  });

  it('cancels a running job: the worker stops the work', async () => {
    const s = studio();
    const out = path.join(tempHome(), 'steps');
    const job = await s.jobs.enqueue('diag.steps', { steps: 200, stepMs: 20, outDir: out });
    await until(() => fs.existsSync(path.join(out, 'step-2')), 'some steps');
    await s.jobs.cancel(job.id);
    const done = await s.jobs.waitFor(job.id);
    expect(done.status).toBe('canceled');
    const stepsAtCancel = fs.readdirSync(out).length;
    await new Promise((r) => setTimeout(r, 300));
    expect(fs.readdirSync(out).length).toBe(stepsAtCancel);
    expect(stepsAtCancel).toBeLessThan(200);
  });

  it('cancels a queued job without running it, and retries a canceled job', async () => {
    const s = studio(undefined, {}, false);
    const job = await s.jobs.enqueue('diag.noop', {});
    expect((await s.jobs.cancel(job.id)).status).toBe('canceled');
    const again = await s.jobs.retry(job.id);
    expect(again.status).toBe('queued');
    s.jobs.start();
    expect((await s.jobs.waitFor(job.id)).status).toBe('succeeded');
  });

  it('puts a job whose worker stops heartbeating back in the queue', async () => {
    // A lease long enough that the retry's fresh worker starts within it on a loaded machine (the suite runs the photo models beside it).
    const s = studio(undefined, { leaseMs: 6_000, heartbeatMs: 100 });
    const job = await s.jobs.enqueue('diag.steps', { steps: 30, stepMs: 30 });
    const worker = await until(() => s.jobs.pool.workers().find((w) => w.running.has(job.id) && (s.jobs.jobs.get(job.id)?.progress ?? 0) > 0), 'job running');
    process.kill(worker.handle.pid!, 'SIGSTOP'); // alive but silent
    const done = await s.jobs.waitFor(job.id);
    expect(done.status).toBe('succeeded');
    // At least the stopped attempt and the one that finished (a loaded machine may lose one more lease while the fresh worker starts).
    expect(done.attempts).toBeGreaterThanOrEqual(2);
    const stuck = await until(() => {
      try {
        process.kill(worker.handle.pid!, 0);
        return false;
      } catch {
        return true;
      }
    }, 'the hung worker to be killed');
    expect(stuck).toBe(true);
  });

  it('runs the video queue one at a time and the default queue 4 at a time', async () => {
    const s = studio(undefined, { concurrency: { high: 2, default: 4, video: 1, mesh: 1 } });
    for (let i = 0; i < 6; i++) await s.jobs.enqueue('diag.steps', { steps: 5, stepMs: 40 });
    for (let i = 0; i < 3; i++) await s.jobs.enqueue('diag.steps', { steps: 5, stepMs: 40 }, { queue: 'video' });
    let maxDefault = 0;
    let maxVideo = 0;
    await until(async () => {
      const running = (await s.jobs.list({ status: 'running', limit: 50 })).items;
      maxDefault = Math.max(maxDefault, running.filter((j) => j.queue === 'default').length);
      maxVideo = Math.max(maxVideo, running.filter((j) => j.queue === 'video').length);
      return (await s.jobs.counts()).succeeded === 9;
    }, 'all to finish');
    expect(maxDefault).toBe(4);
    expect(maxVideo).toBe(1);
  });

  it('recycles a worker process after 10 jobs', async () => {
    const s = studio(undefined, { concurrency: { high: 1, default: 1, video: 1, mesh: 1 } });
    const pids = new Set<number>();
    for (let i = 0; i < 25; i++) {
      const job = await s.jobs.enqueue('diag.noop', {});
      pids.add(((await s.jobs.waitFor(job.id)).result as { pid: number }).pid);
    }
    expect(pids.size).toBe(3);
    expect(s.jobs.pool.spawned).toBe(3);
  });

  it("keeps a worker of a kind with its own lane for the lane's job budget, and recycles it after that", async () => {
    const s = studio(undefined, { concurrency: { high: 1, default: 1, video: 1, mesh: 1 }, lanes: { 'diag.noop': { concurrency: 1, maxJobsPerWorker: 20, jobsAtOnce: 1 } } });
    const pids: number[] = [];
    for (let i = 0; i < 25; i++) {
      const job = await s.jobs.enqueue('diag.noop', {});
      pids.push(((await s.jobs.waitFor(job.id)).result as { pid: number }).pid);
    }
    expect(new Set(pids.slice(0, 20)).size).toBe(1);
    expect(pids[20]).not.toBe(pids[0]);
    expect(s.jobs.pool.spawned).toBe(2);
  });

  it("runs a kind with its own lane beside its queue: the lane's slots and the queue's are counted apart", async () => {
    const s = studio(undefined, { concurrency: { high: 1, default: 1, video: 1, mesh: 1 }, lanes: { 'diag.steps': { concurrency: 3, maxJobsPerWorker: 100, jobsAtOnce: 1 } } });
    const steps = [];
    for (let i = 0; i < 3; i++) steps.push(await s.jobs.enqueue('diag.steps', { steps: 10, stepMs: 100 }));
    await until(async () => (await s.jobs.list({ status: 'running', kind: 'diag.steps', limit: 10 })).items.length === 3, 'the lane to run 3 at once');
    const lanePids = new Set(s.jobs.pool.workers().filter((w) => w.lane === 'default:diag.steps').map((w) => w.handle.pid));
    expect(lanePids.size).toBe(3);
    // The default queue's one slot is free while its lane is full: the noop is claimed before any of the lane's jobs ends.
    const noop = await s.jobs.enqueue('diag.noop', {});
    const startedAt = s.jobs.jobs.get(noop.id)!.started_at;
    expect(startedAt).not.toBeNull();
    expect((await s.jobs.waitFor(noop.id)).status).toBe('succeeded');
    const firstEnd = Math.min(...(await Promise.all(steps.map((j) => s.jobs.waitFor(j.id)))).map((j) => s.jobs.jobs.get(j.id)!.finished_at!));
    expect(startedAt!).toBeLessThan(firstEnd);
  });

  it('holds jobs back while free memory is under the floor', async () => {
    let free = 100;
    const s = studio(undefined, { minFreeMemoryMb: 512, freeMemoryMb: () => free });
    const job = await s.jobs.enqueue('diag.noop', {});
    await new Promise((r) => setTimeout(r, 300));
    const held = await s.jobs.get(job.id);
    expect(held?.status).toBe('queued');
    expect(parseProgressLabel(held?.heldReason ?? '')).toMatchObject({ key: 'waitingForMemory', params: { free: '100' } });
    free = 4096;
    expect((await s.jobs.waitFor(job.id)).status).toBe('succeeded');
  });

  it('runs higher priority first', async () => {
    const s = studio(undefined, { concurrency: { high: 1, default: 1, video: 1, mesh: 1 } }, false);
    const low = await s.jobs.enqueue('diag.noop', {});
    const high = await s.jobs.enqueue('diag.noop', {}, { priority: 10 });
    s.jobs.start();
    const [l, h] = await Promise.all([s.jobs.waitFor(low.id), s.jobs.waitFor(high.id)]);
    expect(h.startedAt!).toBeLessThanOrEqual(l.startedAt!);
    expect(h.finishedAt!).toBeLessThanOrEqual(l.startedAt!);
  });

  it('refuses a malformed job payload with the field named', async () => {
    const s = studio(undefined, {}, false);
    await expect(s.jobs.enqueue('diag.steps', { steps: -1, stepMs: 1 })).rejects.toMatchObject({ code: 'BAD_INPUT', field: 'steps' });
  });

  it('checkpoints running jobs on an orderly stop and resumes them at the next start', async () => {
    const home = tempHome();
    const out = path.join(home, 'steps');
    const first = openTestStudio(home);
    const job = await first.jobs.enqueue('diag.steps', { steps: 30, stepMs: 30, outDir: out });
    await until(() => fs.existsSync(path.join(out, 'step-5')), 'progress');
    await first.close();
    const row = first.store.file;
    const second = studio(home);
    expect(second.store.file).toBe(row);
    const done = await second.jobs.waitFor(job.id);
    expect(done.status).toBe('succeeded');
    expect(done.attempts).toBe(1); // the interrupted run does not count as a failed attempt
    expect((done.result as { resumedFrom: number }).resumedFrom).toBeGreaterThanOrEqual(5);
  });
});
