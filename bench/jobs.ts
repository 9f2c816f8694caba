/**
 * Dispatch overhead of the job queue: no-op jobs through SQLite rows and
 * worker processes, against a baseline of bare IPC round trips to the same
 * worker entry in this process. Goal: ≤ 5 ms per job.
 * Usage: npm run bench:jobs
 */
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { NodeWorkerSpawner, workerEntry } from '../src/main/jobs/node-transport.js';
import { Studio } from '../src/main/studio.js';
import type { FromWorker } from '../src/shared/jobs/protocol.js';
import { fmt } from './stats.js';

const JOBS = Number(process.env.BENCH_JOBS ?? 2000);
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'kingjam-bench-jobs-'));
const paths = { home, library: path.join(home, 'library'), temp: path.join(home, 'tmp') };

async function baselineIpc(n: number): Promise<number> {
  const entry = workerEntry();
  const child = fork(entry.file, [], { execArgv: entry.execArgv, serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const waiters = new Map<string, () => void>();
  child.on('message', (m: FromWorker) => {
    if (m.type === 'done') waiters.get(m.jobId)?.();
  });
  await new Promise<void>((r) => child.once('message', () => r()));
  const roundTrip = (i: number) =>
    new Promise<void>((resolve) => {
      const jobId = `b${i}`;
      waiters.set(jobId, resolve);
      child.send({ type: 'run', jobId, kind: 'diag.noop', payload: {}, attempt: 1, checkpoint: null, paths, secrets: {} });
    });
  for (let i = 0; i < 50; i++) await roundTrip(i); // warm-up
  const t = performance.now();
  for (let i = 0; i < n; i++) await roundTrip(i);
  const ms = (performance.now() - t) / n;
  child.kill();
  return ms;
}

async function throughQueue(n: number, concurrency: number, maxJobsPerWorker: number): Promise<{ perJobMs: number; jobsPerSec: number }> {
  const studio = Studio.open({
    home: fs.mkdtempSync(path.join(home, 'q-')),
    spawner: new NodeWorkerSpawner(),
    jobConfig: { concurrency: { high: concurrency, default: concurrency, video: 1, mesh: 1 }, maxJobsPerWorker, minFreeMemoryMb: 0 },
  });
  try {
    // Warm up: start the worker processes.
    await Promise.all(Array.from({ length: concurrency * 2 }, async () => studio.jobs.waitFor((await studio.jobs.enqueue('diag.noop', {})).id)));
    const t = performance.now();
    if (concurrency === 1) {
      for (let i = 0; i < n; i++) await studio.jobs.waitFor((await studio.jobs.enqueue('diag.noop', {})).id);
    } else {
      const ids = [];
      for (let i = 0; i < n; i++) ids.push((await studio.jobs.enqueue('diag.noop', {})).id);
      await Promise.all(ids.map((id) => studio.jobs.waitFor(id)));
    }
    const elapsed = performance.now() - t;
    const failed = (await studio.jobs.counts()).failed;
    if (failed > 0) throw new Error(`${failed} benchmark jobs failed`);
    return { perJobMs: elapsed / n, jobsPerSec: (n / elapsed) * 1000 };
  } finally {
    await studio.close();
  }
}

const baseline = await baselineIpc(JOBS);
const sequential = await throughQueue(JOBS, 1, 1_000_000);
const parallel = await throughQueue(JOBS, 4, 1_000_000);
const recycled = await throughQueue(Math.min(JOBS, 500), 1, 10);

console.log(`bench:jobs — ${JOBS} no-op jobs, ${os.cpus().length} cores, Node ${process.versions.node}`);
console.log(`baseline: bare IPC round trip to a worker      ${fmt(baseline)} per message`);
console.log(`queue, 1 worker, one job at a time          ${fmt(sequential.perJobMs)} per job (${sequential.jobsPerSec.toFixed(0)} jobs/s) — ${(sequential.perJobMs / baseline).toFixed(1)}× baseline, overhead ${fmt(sequential.perJobMs - baseline)}`);
console.log(`queue, 4 workers, all queued at once        ${fmt(parallel.perJobMs)} per job (${parallel.jobsPerSec.toFixed(0)} jobs/s)`);
console.log(`queue, 1 worker recycled every 10 jobs      ${fmt(recycled.perJobMs)} per job (${recycled.jobsPerSec.toFixed(0)} jobs/s; includes process start-ups)`);
console.log(`goal ≤ 5 ms per job (warm worker): ${sequential.perJobMs <= 5 ? 'met' : 'NOT met'}`);
fs.rmSync(home, { recursive: true, force: true });
