import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { JobProgressEvent, JobView } from '../../src/shared/jobs/model.js';
import type { CreditsGate } from '../../src/main/jobs/queue.js';
import type { Studio } from '../../src/main/studio.js';
import { tempHome, until } from '../helpers/studio.js';

/** A studio on one queue back end, with whatever runs its jobs (local worker processes, or farm workers on Redis). */
export interface QueueHarness {
  studio: Studio;
  close(): Promise<void>;
}

/** Every back end runs one job of each queue at a time here, so order and waiting are observable. */
export type HarnessFactory = (home: string) => Promise<QueueHarness>;

/** A credits gate that records what the queue holds, captures and releases (the ledger's own tests cover the ledger). */
function recordingGate(): CreditsGate & { held: Map<string, number>; released: string[]; captured: string[] } {
  const held = new Map<string, number>();
  const released: string[] = [];
  const captured: string[] = [];
  let n = 0;
  return {
    held,
    released,
    captured,
    async prepare() {},
    hold(_jobId, amount) {
      const id = `hold-${++n}`;
      held.set(id, amount);
      return id;
    },
    capture(holdId) {
      captured.push(holdId);
    },
    release(holdId) {
      released.push(holdId);
    },
  };
}

/**
 * The `JobQueue` contract (src/main/jobs/queue.ts): one suite, run against
 * the SQLite queue (test/jobs/sqlite-queue.contract.test.ts) and the BullMQ
 * farm (test/farm/bullmq-queue.contract.test.ts) with real worker processes.
 */
export function jobQueueContract(name: string, open: HarnessFactory): void {
  describe(`JobQueue contract: ${name}`, () => {
    let harness: QueueHarness | null = null;
    const start = async () => (harness = await open(tempHome('kingjam-contract-')));
    afterEach(async () => {
      await harness?.close();
      harness = null;
    });

    it('enqueues, gets, lists and counts jobs; waitFor resolves with the finished job', async () => {
      const { studio } = await start();
      const job = await studio.jobs.enqueue('diag.noop', {});
      expect(job.status).toBe('queued');
      const done = await studio.jobs.waitFor(job.id);
      expect(done.status).toBe('succeeded');
      expect((done.result as { pid: number }).pid).toBeGreaterThan(0);
      expect((done.result as { pid: number }).pid).not.toBe(process.pid);
      expect((await studio.jobs.get(job.id))?.status).toBe('succeeded');
      const listed = await studio.jobs.list({ limit: 10 });
      expect(listed.items.map((j) => j.id)).toContain(job.id);
      expect((await studio.jobs.counts()).succeeded).toBe(1);
      expect(await studio.jobs.get('no-such-job')).toBeNull();
    });

    it('starts the higher priority first when a queue is busy', async () => {
      const { studio } = await start();
      const blocker = await studio.jobs.enqueue('diag.steps', { steps: 1, stepMs: 800 });
      await until(async () => (await studio.jobs.get(blocker.id))?.status === 'running', 'the blocker to run', 20_000);
      const low1 = await studio.jobs.enqueue('diag.noop', { n: 1 }, { priority: 0 });
      const low2 = await studio.jobs.enqueue('diag.noop', { n: 2 }, { priority: 0 });
      const high = await studio.jobs.enqueue('diag.noop', { n: 3 }, { priority: 10 });
      const done = await Promise.all([low1, low2, high, blocker].map((j) => studio.jobs.waitFor(j.id)));
      expect(done.every((j) => j.status === 'succeeded')).toBe(true);
      const [l1, l2, h] = done as [JobView, JobView, JobView];
      expect(h.startedAt!).toBeLessThanOrEqual(l1.startedAt!);
      expect(h.startedAt!).toBeLessThanOrEqual(l2.startedAt!);
      expect(l1.startedAt!).toBeLessThanOrEqual(l2.startedAt!);
    });

    it('runs the settled hooks, and a paid job that fails releases its hold', async () => {
      const { studio } = await start();
      const gate = recordingGate();
      studio.jobs.setCreditsGate(gate);
      const seen: string[] = [];
      studio.jobs.onSettled('diag.noop', { onSuccess: (job) => seen.push(`ok:${job.id}:${job.status}`) });
      studio.jobs.onSettled('diag.fail', { onFailure: (job, error) => seen.push(`fail:${job.id}:${error.message}`) });
      const ok = await studio.jobs.enqueue('diag.noop', {}, { estimatedCredits: 3 });
      const bad = await studio.jobs.enqueue('diag.fail', { message: 'no luck', retryable: false }, { estimatedCredits: 5 });
      expect((await studio.jobs.waitFor(ok.id)).status).toBe('succeeded');
      const failed = await studio.jobs.waitFor(bad.id);
      expect(failed.status).toBe('failed');
      expect(failed.error?.message).toContain('no luck');
      expect(seen).toContain(`ok:${ok.id}:succeeded`);
      expect(seen.find((s) => s.startsWith(`fail:${bad.id}:`))).toContain('no luck');
      expect([...gate.held.values()].sort()).toEqual([3, 5]);
      expect(gate.captured).toHaveLength(1);
      expect(gate.released).toHaveLength(1);
      expect(gate.held.get(gate.released[0]!)).toBe(5);
    });

    it('retries a retryable failure with backoff up to its attempts, then fails with its error; retry() runs it again', async () => {
      const { studio } = await start();
      const job = await studio.jobs.enqueue('diag.fail', { message: 'flaky', retryable: true }, { maxAttempts: 2 });
      const failed = await studio.jobs.waitFor(job.id);
      expect(failed.status).toBe('failed');
      expect(failed.attempts).toBe(2);
      expect(failed.error?.message).toContain('flaky (attempt 2)');
      const again = await studio.jobs.retry(job.id);
      expect(again.status).toBe('queued');
      const second = await studio.jobs.waitFor(job.id);
      expect(second.status).toBe('failed');
      expect(second.error?.message).toContain('flaky (attempt 2)');
      const ok = await studio.jobs.enqueue('diag.noop', {});
      await studio.jobs.waitFor(ok.id);
      await expect(studio.jobs.retry(ok.id)).rejects.toThrow(/retried/);
    });

    it('cancels a queued job (it never starts) and a running one (its worker stops)', async () => {
      const { studio } = await start();
      const out = path.join(tempHome('kingjam-cancel-'), 'steps');
      const running = await studio.jobs.enqueue('diag.steps', { steps: 200, stepMs: 50, outDir: out });
      await until(async () => ((await studio.jobs.get(running.id))?.progress ?? 0) > 0, 'the job to make progress', 20_000);
      const queued = await studio.jobs.enqueue('diag.noop', {});
      expect((await studio.jobs.cancel(queued.id)).status).toBe('canceled');
      await studio.jobs.cancel(running.id);
      const stopped = await studio.jobs.waitFor(running.id);
      expect(stopped.status).toBe('canceled');
      const after = await studio.jobs.get(queued.id);
      expect(after?.status).toBe('canceled');
      expect(after?.startedAt).toBeNull();
      // The worker stopped well before its 200 steps.
      await new Promise((r) => setTimeout(r, 500));
      const steps = fs.existsSync(out) ? fs.readdirSync(out).length : 0;
      expect(steps).toBeLessThan(200);
    });

    it('reports progress events, and a job running at stop() finishes after start()', async () => {
      const { studio } = await start();
      const events: JobProgressEvent[] = [];
      studio.events.on('job.progress', (e) => events.push(e));
      const job = await studio.jobs.enqueue('diag.steps', { steps: 10, stepMs: 150 });
      await until(async () => events.some((e) => e.id === job.id && e.progress > 0), 'a progress event', 20_000);
      await studio.jobs.stop();
      studio.jobs.start();
      const done = await studio.jobs.waitFor(job.id);
      expect(done.status).toBe('succeeded');
      expect((done.result as { steps: number }).steps).toBe(10);
      const progress = events.filter((e) => e.id === job.id).map((e) => e.progress);
      expect(progress.length).toBeGreaterThan(1);
      expect(Math.max(...progress)).toBeGreaterThan(0.1);
    });
  });
}
