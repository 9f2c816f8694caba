import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_JOB_CONFIG } from '../src/main/jobs/config.js';
import { memoryCapFailure, residentMb } from '../src/main/jobs/memory-cap.js';
import type { Studio } from '../src/main/studio.js';
import { openTestStudio } from './helpers/studio.js';

/** Seed §9.3: the video worker is capped at 4 GB — its V8 heap by flag, its resident memory (with ffmpeg) by the pool. */
const open: Studio[] = [];
function studio(...args: Parameters<typeof openTestStudio>): Studio {
  const s = openTestStudio(...args);
  open.push(s);
  return s;
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

const linux = process.platform === 'linux';

function cmdline(pid: number): string[] {
  return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
}

describe('the video worker memory cap', () => {
  it('defaults to 4096 MB for the video and mesh queues only', () => {
    expect(DEFAULT_JOB_CONFIG.workerMemoryMb).toEqual({ video: 4096, mesh: 4096 });
  });

  it.runIf(linux)('starts the video queue worker with a 4 GB V8 heap cap, and the other queues without one', async () => {
    const s = studio();
    const video = await s.jobs.waitFor((await s.jobs.enqueue('diag.noop', {}, { queue: 'video' })).id);
    const plain = await s.jobs.waitFor((await s.jobs.enqueue('diag.noop', {}, { queue: 'default' })).id);
    expect(video.status).toBe('succeeded');
    const videoPid = (video.result as { pid: number }).pid;
    const plainPid = (plain.result as { pid: number }).pid;
    expect(cmdline(videoPid)).toContain('--max-old-space-size=4096');
    expect(cmdline(plainPid).some((a) => a.startsWith('--max-old-space-size'))).toBe(false);
    expect(s.jobs.pool.workers().find((w) => w.handle.pid === videoPid)?.memoryLimitMb).toBe(4096);
    // The pool can read what it caps: the worker's resident memory, in MiB.
    const rss = await residentMb(videoPid);
    expect(rss).toBeGreaterThan(10);
    expect(rss).toBeLessThan(4096);
  });

  it.runIf(linux)('stops a worker past its cap and fails the job with WORKER_MEMORY_LIMIT, once, without hanging', async () => {
    // A Node worker's resident memory is well over 40 MB at rest, while its heap stays under a 40 MB heap cap.
    const s = studio(undefined, { workerMemoryMb: { video: 40 }, memoryCheckMs: 100 });
    const started = Date.now();
    const job = await s.jobs.enqueue('diag.steps', { steps: 200, stepMs: 50 }, { queue: 'video' });
    const done = await s.jobs.waitFor(job.id);
    expect(done.status).toBe('failed');
    expect(done.error?.code).toBe('WORKER_MEMORY_LIMIT');
    expect(done.error?.message).toMatch(/memory limit of 40 MB \(\d+ MB in use\)/);
    expect(done.attempts).toBe(1);
    expect(Date.now() - started).toBeLessThan(10_000); // the job would have taken 10 s
  });

  it('reads a capped worker that V8 aborted (heap full) as WORKER_MEMORY_LIMIT, and leaves uncapped crashes alone', () => {
    expect(memoryCapFailure({ memoryLimitMb: 4096, overMemoryMb: null }, null, 'SIGABRT')?.code).toBe('WORKER_MEMORY_LIMIT');
    expect(memoryCapFailure({ memoryLimitMb: 4096, overMemoryMb: null }, null, 'SIGKILL')).toBeNull();
    expect(memoryCapFailure({ memoryLimitMb: null, overMemoryMb: null }, null, 'SIGABRT')).toBeNull();
  });
});
