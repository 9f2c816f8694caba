import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_JOB_CONFIG } from '../../src/main/jobs/config.js';
import type { Studio } from '../../src/main/studio.js';
import { lifecycleText } from '../../src/shared/lifecycle/text.js';
import { LANGUAGES } from '../../src/shared/settings.js';
import { openTestStudio } from '../helpers/studio.js';

/** Seed §9.3: the video worker capped at 4 GB, and its memory given back after a failed job. */
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
const alive = (pid: number) => fs.existsSync(`/proc/${pid}`) && !/^State:\s+Z/m.test(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
const pidOf = async (s: Studio, queue: 'video' | 'default') => ((await s.jobs.waitFor((await s.jobs.enqueue('diag.noop', {}, { queue })).id)).result as { pid: number }).pid;

async function waitGone(pid: number): Promise<boolean> {
  const end = Date.now() + 10_000;
  while (Date.now() < end) {
    if (!alive(pid)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

describe('the video worker', () => {
  it('is capped at 4096 MB by default', () => {
    expect(DEFAULT_JOB_CONFIG.workerMemoryMb.video).toBe(4096);
  });

  it.runIf(linux)('is recycled after a failed job: its process exits (memory back to the system) and the next job gets a fresh one', async () => {
    const s = studio();
    const before = await pidOf(s, 'video');
    expect(await pidOf(s, 'video')).toBe(before); // kept between good jobs
    const failed = await s.jobs.waitFor((await s.jobs.enqueue('diag.fail', { message: 'render broke', retryable: false }, { queue: 'video' })).id);
    expect(failed.status).toBe('failed');
    expect(await waitGone(before)).toBe(true);
    const after = await pidOf(s, 'video');
    expect(after).not.toBe(before);
    // An uncapped queue keeps its worker after a failure (its jobs hold no big memory).
    const plain = await pidOf(s, 'default');
    await s.jobs.waitFor((await s.jobs.enqueue('diag.fail', { message: 'x', retryable: false }, { queue: 'default' })).id);
    expect(await pidOf(s, 'default')).toBe(plain);
  });

  it.runIf(linux)('is killed past its cap, its job failed with a three-language message, and no video worker is left holding memory', async () => {
    // A Node worker's resident memory is well over 40 MB at rest: a 40 MB cap stands in for 4 GB.
    const s = studio(undefined, { workerMemoryMb: { video: 40 }, memoryCheckMs: 100 });
    const job = await s.jobs.enqueue('diag.steps', { steps: 200, stepMs: 50 }, { queue: 'video' });
    const done = await s.jobs.waitFor(job.id);
    expect(done.status).toBe('failed');
    expect(done.error?.code).toBe('WORKER_MEMORY_LIMIT');
    expect(done.error?.key).toBe('lifecycle.workerMemoryLimit');
    const params = done.error?.params as { limit: number; used: number };
    expect(params.limit).toBe(40);
    expect(params.used).toBeGreaterThan(40);
    for (const language of LANGUAGES) {
      const text = lifecycleText.say(language, 'msg.lifecycle.workerMemoryLimit', params);
      expect(text).toContain('40 MB');
      expect(text).toContain(`${params.used} MB`);
      expect(text).not.toMatch(/\{\w+\}/);
    }
    expect(s.jobs.pool.workers().filter((w) => w.queue === 'video' && !w.exited).length).toBe(0);
  });
});
