/**
 * The render farm's scaling and dispatch overhead: 400 jobs that each wait
 * 250 ms on a loopback fake provider (I/O-bound like real generation: a
 * `providers.test` of Ollama, one HTTP call to /api/tags answered after
 * 250 ms), through 1, 2 and 4 `kingjam worker` processes (one job at a time
 * each) on BullMQ with a real Redis, against the same jobs through the SQLite
 * queue with one worker process, in one run.
 * Goals: throughput ×≥3.5 from 1 to 4 farm workers; dispatch overhead
 * ≤ 5 ms per job, measured as (wall on BullMQ with 1 worker − wall on SQLite
 * with 1 worker) / jobs: both run the same jobs in one worker process at a
 * time, so the difference is what the farm's path adds per job (push to
 * Redis, a worker taking it, progress and result back through queue events).
 * The overhead is the median of OVERHEAD_PAIRS alternating pairs (SQLite,
 * then BullMQ) of OVERHEAD_JOBS jobs of a 25 ms call: what the path adds does
 * not depend on how long the call waits, and one 400 × 250 ms pair measured
 * it with ±20 ms of noise per job from whatever else the machine was doing.
 * Usage: npm run bench:farm   (BENCH_FARM_JOBS=N to change the 400)
 */
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { NodeWorkerSpawner } from '../src/main/jobs/node-transport.js';
import { BullMqJobQueue } from '../src/main/farm/bullmq-queue.js';
import { FolderFileStore } from '../src/main/farm/folder-store.js';
import { Studio } from '../src/main/studio.js';
import { TestRedis } from '../test/helpers/redis.js';
import { WorkerProcess } from '../test/farm/worker-process.js';

const JOBS = Number(process.env.BENCH_FARM_JOBS ?? 400);
const WAIT_MS = 250;
const OVERHEAD_WAIT_MS = 25;
const OVERHEAD_JOBS = Number(process.env.BENCH_FARM_OVERHEAD_JOBS ?? 200);
const OVERHEAD_PAIRS = Number(process.env.BENCH_FARM_OVERHEAD_PAIRS ?? 4);
const PER_PROCESS = 100_000; // no recycling inside a run: process start-ups are not what is measured
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'kingjam-bench-farm-'));

/** Ollama's /api/tags, answered after waitMs. */
async function fakeOllama(waitMs: number): Promise<{ url: string; calls: () => number; close: () => Promise<void> }> {
  let calls = 0;
  const server = http.createServer((req, res) => {
    calls += 1;
    setTimeout(() => {
      res.writeHead(req.url === '/api/tags' ? 200 : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify(req.url === '/api/tags' ? { models: [{ name: 'llama3.1:8b', model: 'llama3.1:8b' }] } : { error: 'not found' }));
    }, waitMs);
  });
  // Clients keep connections between jobs: a server closing idle ones first would reset some mid-request.
  server.keepAliveTimeout = 120_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, calls: () => calls, close: () => new Promise((r) => server.close(() => r())) };
}

async function runJobs(studio: Studio, n: number): Promise<number> {
  const t = performance.now();
  const ids = [];
  for (let i = 0; i < n; i++) ids.push((await studio.jobs.enqueue('providers.test', { provider: 'ollama' })).id);
  const done = await Promise.all(ids.map((id) => studio.jobs.waitFor(id)));
  const elapsed = performance.now() - t;
  const bad = done.filter((j) => j.status !== 'succeeded' || !(j.result as { ok: boolean }).ok);
  if (bad.length) throw new Error(`${bad.length} benchmark jobs did not succeed: ${JSON.stringify(bad[0]?.error ?? bad[0]?.result)}`);
  return elapsed;
}

async function sqlite(ollama: string, jobs: number): Promise<number> {
  const studio = Studio.open({
    home: fs.mkdtempSync(path.join(home, 'sqlite-')),
    spawner: new NodeWorkerSpawner(),
    jobConfig: { concurrency: { high: 1, default: 1, video: 1, mesh: 1 }, maxJobsPerWorker: PER_PROCESS, minFreeMemoryMb: 0 },
  });
  studio.jobs.setSecretsSource(() => ({ KINGJAM_OLLAMA_URL: ollama }));
  try {
    await runJobs(studio, 4);
    return await runJobs(studio, jobs);
  } finally {
    await studio.close();
  }
}

async function farm(redis: TestRedis, workers: number, ollama: string, jobs: number): Promise<number> {
  const storeDir = path.join(fs.mkdtempSync(path.join(home, 'store-')), 'store');
  const store = new FolderFileStore(storeDir);
  const studio = Studio.open({
    home: fs.mkdtempSync(path.join(home, 'farm-')),
    spawner: new NodeWorkerSpawner(),
    jobConfig: { minFreeMemoryMb: 0 },
    jobQueue: (p) => new BullMqJobQueue(p.store, p.events, p.spawner, p.paths, p.config, { redisUrl: redis.url, store }),
  });
  const procs = Array.from(
    { length: workers },
    (_, i) => new WorkerProcess(redis.url, storeDir, `bench-${workers}-${i}`, 'high=1,default=0,video=0,mesh=0', { KINGJAM_OLLAMA_URL: ollama }, ['--jobs-per-process', String(PER_PROCESS)]),
  );
  try {
    await Promise.all(procs.map((p) => p.started()));
    await runJobs(studio, workers * 4); // every worker's process started
    return await runJobs(studio, jobs);
  } finally {
    await Promise.all(procs.map((p) => p.stop('SIGTERM')));
    await studio.close();
  }
}

if (!(await TestRedis.available())) {
  console.log('bench:farm needs redis-server (apt-get install redis-server, or KINGJAM_REDIS_SERVER=/path/to/redis-server)');
  process.exit(1);
}
const ollama = await fakeOllama(WAIT_MS);
const quick = await fakeOllama(OVERHEAD_WAIT_MS);
const redis = await new TestRedis().start();
const wall: Record<string, number> = {};
const overheads: number[] = [];
try {
  wall.sqlite1 = await sqlite(ollama.url, JOBS);
  console.error(`SQLite, 1 worker: ${(wall.sqlite1 / 1000).toFixed(1)} s`);
  for (const n of [1, 2, 4]) {
    wall[`farm${n}`] = await farm(redis, n, ollama.url, JOBS);
    console.error(`BullMQ, ${n} worker(s): ${(wall[`farm${n}`]! / 1000).toFixed(1)} s`);
  }
  for (let pair = 0; pair < OVERHEAD_PAIRS; pair++) {
    const bare = await sqlite(quick.url, OVERHEAD_JOBS);
    const farmed = await farm(redis, 1, quick.url, OVERHEAD_JOBS);
    overheads.push((farmed - bare) / OVERHEAD_JOBS);
    console.error(`overhead pair ${pair + 1}: SQLite ${(bare / OVERHEAD_JOBS).toFixed(2)} ms/job, BullMQ ${(farmed / OVERHEAD_JOBS).toFixed(2)} ms/job`);
  }
} finally {
  // A failed run leaves no redis-server behind.
  await redis.close();
  await ollama.close();
  await quick.close();
  fs.rmSync(home, { recursive: true, force: true });
}

const rate = (ms: number) => (JOBS / ms) * 1000;
console.log(`bench:farm — ${JOBS} jobs of one ${WAIT_MS} ms HTTP call each (providers.test → loopback Ollama), ${os.cpus().length} cores, Node ${process.versions.node}`);
console.log(`SQLite queue, 1 worker process     ${(wall.sqlite1! / 1000).toFixed(1)} s  ${rate(wall.sqlite1!).toFixed(2)} jobs/s`);
for (const n of [1, 2, 4]) console.log(`BullMQ farm, ${n} worker process${n > 1 ? 'es' : '  '}    ${(wall[`farm${n}`]! / 1000).toFixed(1)} s  ${rate(wall[`farm${n}`]!).toFixed(2)} jobs/s`);
const scaling = wall.farm1! / wall.farm4!;
const longOverhead = (wall.farm1! - wall.sqlite1!) / JOBS;
const sorted = [...overheads].sort((a, b) => a - b);
const overhead = sorted.length % 2 ? sorted[(sorted.length - 1) / 2]! : (sorted[sorted.length / 2 - 1]! + sorted[sorted.length / 2]!) / 2;
console.log(`scaling 1 → 4 farm workers: ×${scaling.toFixed(2)} (goal ≥ 3.5: ${scaling >= 3.5 ? 'met' : 'NOT met'})`);
console.log(`the ${JOBS} × ${WAIT_MS} ms pair above: (BullMQ 1 worker − SQLite 1 worker) / jobs = ${longOverhead.toFixed(2)} ms per job`);
console.log(`dispatch overhead per job, median of ${overheads.length} alternating pairs of ${OVERHEAD_JOBS} × ${OVERHEAD_WAIT_MS} ms jobs: ${overhead.toFixed(2)} ms (pairs: ${overheads.map((o) => o.toFixed(2)).join(', ')}; goal ≤ 5 ms: ${overhead <= 5 ? 'met' : 'NOT met'})`);
