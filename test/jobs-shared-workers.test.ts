import { afterEach, describe, expect, it } from 'vitest';
import type { JobSystemConfig } from '../src/main/jobs/config.js';
import type { Studio } from '../src/main/studio.js';
import { openTestStudio, until } from './helpers/studio.js';

/**
 * A kind's lane whose worker processes run several jobs at once
 * (config.ts KindLane.jobsAtOnce: publishing and KOL writing, which mostly
 * wait on the network), with real worker processes.
 */
const open: Studio[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

const ONE_AT_A_TIME = { high: 1, default: 1, video: 1, mesh: 1 };
function studio(lanes: JobSystemConfig['lanes']): Studio {
  const s = openTestStudio(undefined, { concurrency: ONE_AT_A_TIME, lanes });
  open.push(s);
  return s;
}

const laneWorkers = (s: Studio, kind: string) => s.jobs.pool.workers().filter((w) => w.lane === `default:${kind}`);

describe('a lane whose workers run several jobs at once', () => {
  it('runs the lane’s jobs together in one worker process', async () => {
    const s = studio({ 'diag.steps': { concurrency: 3, maxJobsPerWorker: 100, jobsAtOnce: 3 } });
    const jobs = [];
    for (let i = 0; i < 3; i++) jobs.push(await s.jobs.enqueue('diag.steps', { steps: 10, stepMs: 60 }));
    await until(async () => (await s.jobs.list({ status: 'running', kind: 'diag.steps', limit: 10 })).items.length === 3, 'the lane to run 3 at once');
    const workers = laneWorkers(s, 'diag.steps');
    expect(workers).toHaveLength(1);
    expect([...workers[0]!.running].sort()).toEqual(jobs.map((j) => j.id).sort());
    for (const j of jobs) expect((await s.jobs.waitFor(j.id)).status).toBe('succeeded');
    expect(s.jobs.pool.spawned).toBe(1);
    expect(workers[0]!.running.size).toBe(0);
  });

  it('opens a second worker when the first is full', async () => {
    const s = studio({ 'diag.steps': { concurrency: 4, maxJobsPerWorker: 100, jobsAtOnce: 2 } });
    const jobs = [];
    for (let i = 0; i < 4; i++) jobs.push(await s.jobs.enqueue('diag.steps', { steps: 10, stepMs: 60 }));
    await until(async () => (await s.jobs.list({ status: 'running', kind: 'diag.steps', limit: 10 })).items.length === 4, 'the lane to run 4 at once');
    expect(laneWorkers(s, 'diag.steps').map((w) => w.running.size)).toEqual([2, 2]);
    for (const j of jobs) expect((await s.jobs.waitFor(j.id)).status).toBe('succeeded');
  });

  it('fails each job of a worker that dies under them once; each is retried from its checkpoint and succeeds', async () => {
    const s = studio({ 'diag.steps': { concurrency: 2, maxJobsPerWorker: 100, jobsAtOnce: 2 } });
    const a = await s.jobs.enqueue('diag.steps', { steps: 20, stepMs: 50 });
    const b = await s.jobs.enqueue('diag.steps', { steps: 20, stepMs: 50 });
    const progressed = (id: string) => (s.jobs.jobs.get(id)?.progress ?? 0) > 0.1;
    const worker = await until(() => laneWorkers(s, 'diag.steps').find((w) => w.running.size === 2 && progressed(a.id) && progressed(b.id)), 'both jobs to make progress on one worker');
    process.kill(worker.handle.pid!, 'SIGKILL');
    for (const job of [a, b]) {
      const done = await s.jobs.waitFor(job.id);
      expect(done.status).toBe('succeeded');
      expect(done.attempts).toBe(2);
      expect((done.result as { resumedFrom: number }).resumedFrom).toBeGreaterThan(0);
    }
  });

  it.each([
    ['while both run', true],
    ['before the worker has started', false],
  ])('cancels one job of a shared worker %s and leaves the other running there', async (_when, afterProgress) => {
    const s = studio({ 'diag.steps': { concurrency: 2, maxJobsPerWorker: 100, jobsAtOnce: 2 } });
    const keep = await s.jobs.enqueue('diag.steps', { steps: 15, stepMs: 50 });
    const stop = await s.jobs.enqueue('diag.steps', { steps: 200, stepMs: 50 });
    const worker = await until(() => laneWorkers(s, 'diag.steps').find((w) => w.running.size === 2), 'both jobs on one worker');
    if (afterProgress) await until(() => (s.jobs.jobs.get(stop.id)?.progress ?? 0) > 0, 'the job to be canceled to make progress');
    else expect(s.jobs.jobs.get(stop.id)?.progress ?? 0).toBe(0);
    await s.jobs.cancel(stop.id);
    expect((await s.jobs.waitFor(stop.id)).status).toBe('canceled');
    const kept = await s.jobs.waitFor(keep.id);
    expect(kept.status).toBe('succeeded');
    expect(kept.attempts).toBe(1);
    expect(worker.exited).toBe(false);
    expect(s.jobs.pool.spawned).toBe(1);
  });

  it('hands a shared worker no more jobs than its budget, and retires it when they end', async () => {
    const s = studio({ 'diag.noop': { concurrency: 2, maxJobsPerWorker: 3, jobsAtOnce: 2 } });
    const jobs = [];
    for (let i = 0; i < 9; i++) jobs.push(await s.jobs.enqueue('diag.noop', {}));
    const perPid = new Map<number, number>();
    for (const j of jobs) {
      const done = await s.jobs.waitFor(j.id);
      expect(done.status).toBe('succeeded');
      const pid = (done.result as { pid: number }).pid;
      perPid.set(pid, (perPid.get(pid) ?? 0) + 1);
    }
    expect([...perPid.values()].every((n) => n <= 3)).toBe(true);
    expect(perPid.size).toBeGreaterThanOrEqual(3);
    // Each worker's successor was started when its last job was handed out; the last one waits unused.
    expect(s.jobs.pool.spawned).toBe(perPid.size + 1);
    expect(s.jobs.pool.workers().filter((w) => w.running.size === 0 && !w.draining)).toHaveLength(1);
  });

  it('starts a worker’s successor when its last job is handed out, ready with its handler loaded, and the next job runs there', async () => {
    const s = studio({ 'diag.noop': { concurrency: 1, maxJobsPerWorker: 2, jobsAtOnce: 1 } });
    const noop = async () => (await s.jobs.waitFor((await s.jobs.enqueue('diag.noop', {})).id)).result as { pid: number; handlerLoadedAt: number };
    const first = [(await noop()).pid, (await noop()).pid];
    expect(new Set(first).size).toBe(1);
    // The first worker ran its budget and is gone or going; its successor is up and idle, before any third job exists.
    await until(async () => laneWorkers(s, 'diag.noop').some((w) => !w.draining && w.handle.pid !== first[0] && w.running.size === 0), 'the successor to be up');
    const successor = laneWorkers(s, 'diag.noop').find((w) => !w.draining)!;
    await successor.ready;
    const readyAt = Date.now();
    expect(s.jobs.pool.spawned).toBe(2);
    const third = await noop();
    expect(third.pid).toBe(successor.handle.pid);
    expect(third.handlerLoadedAt).toBeLessThanOrEqual(readyAt);
    expect(s.jobs.pool.spawned).toBe(2);
  });

  it('starts a lane’s job in the transaction that queues it when the lane has room and nothing waits; queues it when the lane is full', async () => {
    const s = studio({ 'diag.steps': { concurrency: 2, maxJobsPerWorker: 100, jobsAtOnce: 2 } });
    // The queue's first passes find the lane empty.
    await new Promise((r) => setTimeout(r, 100));
    const first = s.store.transaction(() => s.jobs.enqueueNow('diag.steps', { steps: 5, stepMs: 40 }));
    expect(first.status).toBe('running');
    expect(s.jobs.jobs.get(first.id)).toMatchObject({ status: 'running', attempts: 1, lease_owner: s.jobs.owner });
    const second = s.jobs.enqueueNow('diag.steps', { steps: 5, stepMs: 40 });
    expect(second.status).toBe('running');
    // Both slots taken: the third waits in the queue and starts when one frees.
    const third = s.jobs.enqueueNow('diag.steps', { steps: 5, stepMs: 40 });
    expect(third.status).toBe('queued');
    for (const j of [first, second, third]) expect((await s.jobs.waitFor(j.id)).status).toBe('succeeded');
    expect(s.jobs.jobs.get(third.id)!.attempts).toBe(1);
  });

  it('a job started as it was queued in a transaction that then rolls back never runs, and its slot is free again', async () => {
    const s = studio({ 'diag.steps': { concurrency: 1, maxJobsPerWorker: 100, jobsAtOnce: 1 } });
    await new Promise((r) => setTimeout(r, 100));
    let rolledBack = '';
    expect(() =>
      s.store.transaction(() => {
        const job = s.jobs.enqueueNow('diag.steps', { steps: 5, stepMs: 40 });
        expect(job.status).toBe('running');
        rolledBack = job.id;
        throw new Error('the caller changed its mind');
      }),
    ).toThrow('the caller changed its mind');
    expect(s.jobs.jobs.get(rolledBack)).toBeUndefined();
    await new Promise((r) => setTimeout(r, 20));
    // The lane's only slot was given back: the next job runs.
    const next = await s.jobs.enqueue('diag.steps', { steps: 2, stepMs: 10 });
    expect((await s.jobs.waitFor(next.id)).status).toBe('succeeded');
    expect(s.jobs.pool.workers().flatMap((w) => [...w.running])).not.toContain(rolledBack);
  });
});
