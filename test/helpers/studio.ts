import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { JobSystemConfig } from '../../src/main/jobs/config.js';
import { NodeWorkerSpawner } from '../../src/main/jobs/node-transport.js';
import { Studio, type StudioOptions } from '../../src/main/studio.js';

export function tempHome(prefix = 'kingjam-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Job timings shrunk for tests: the logic is the same, only the clock is faster. */
export const FAST_JOBS: Partial<JobSystemConfig> = {
  heartbeatMs: 200,
  leaseMs: 10_000,
  backoffBaseMs: 50,
  backoffMaxMs: 200,
  tickMs: 50,
  minFreeMemoryMb: 0,
  cancelGraceMs: 1_000,
};

export function openTestStudio(home = tempHome(), jobConfig: Partial<JobSystemConfig> = {}, startJobs = true, extra: Partial<StudioOptions> = {}): Studio {
  return Studio.open({ home, spawner: new NodeWorkerSpawner(), jobConfig: { ...FAST_JOBS, ...jobConfig }, startJobs, ...extra });
}

export async function until<T>(fn: () => T | Promise<T>, what: string, timeoutMs = 60_000): Promise<NonNullable<T>> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v as NonNullable<T>;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** A job's actual credits, once main has read what the gateway captured for its calls (a cloud job records them after it ends). */
export async function capturedCredits(studio: Studio, jobId: string): Promise<number> {
  const read = await until(async () => {
    const credits = (await studio.jobs.get(jobId))?.actualCredits;
    return credits === null || credits === undefined ? null : { credits };
  }, `the charge of job ${jobId}`, 20_000);
  return read.credits;
}
