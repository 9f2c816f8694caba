import { afterEach, describe, expect, it } from 'vitest';
import type { WorkerHandle, WorkerSpawner } from '../src/main/jobs/transport.js';
import type { Studio } from '../src/main/studio.js';
import type { FromWorker, ToWorker } from '../src/shared/jobs/protocol.js';
import { openTestStudio, until } from './helpers/studio.js';

/**
 * A worker that does only what the test says: it shows what main sends it and sends what the test
 * scripts, so the race of a cancel and a checkpoint (a worker that has not read the cancel yet when
 * it asks to store its checkpoint) happens every time.
 */
class ScriptedWorker implements WorkerHandle {
  readonly pid = 4242;
  readonly received: ToWorker[] = [];
  private listener: (message: FromWorker) => void = () => undefined;
  private exit: (code: number | null, signal: string | null) => void = () => undefined;
  send(message: ToWorker): void {
    this.received.push(message);
    if (message.type === 'shutdown') queueMicrotask(() => this.exit(0, null));
  }
  onMessage(listener: (message: FromWorker) => void): void {
    this.listener = listener;
    queueMicrotask(() => listener({ type: 'ready', pid: this.pid }));
  }
  onExit(listener: (code: number | null, signal: string | null) => void): void {
    this.exit = listener;
  }
  kill(): void {
    queueMicrotask(() => this.exit(null, 'SIGKILL'));
  }
  say(message: FromWorker): void {
    this.listener(message);
  }
}

const open: Studio[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

function studioWithScriptedWorker(): { studio: Studio; worker: () => ScriptedWorker } {
  let spawned: ScriptedWorker | null = null;
  const spawner: WorkerSpawner = { spawn: () => (spawned = new ScriptedWorker()) };
  const studio = openTestStudio(undefined, {}, true, { spawner });
  open.push(studio);
  return { studio, worker: () => spawned! };
}

/** A diag job handed to a scripted worker, which has done nothing with it yet. */
async function jobOnScriptedWorker() {
  const { studio, worker } = studioWithScriptedWorker();
  const job = await studio.jobs.enqueue('diag.steps', { steps: 3, stepMs: 10 });
  await until(() => worker()?.received.some((m) => m.type === 'run'), 'the job handed to the worker');
  return { studio, worker, job };
}

describe('a checkpoint the worker waits on', () => {
  it('is stored and acknowledged while the job runs', async () => {
    const { studio, worker, job } = await jobOnScriptedWorker();
    worker().say({ type: 'checkpoint', jobId: job.id, seq: 1, state: { step: 1 } });
    expect(worker().received).toContainEqual({ type: 'checkpointSaved', jobId: job.id, seq: 1 });
    expect(studio.jobs.jobs.get(job.id)!.checkpoint).toBe(JSON.stringify({ step: 1 }));
    worker().say({ type: 'done', jobId: job.id, result: { steps: 3, resumedFrom: 0 } });
    expect((await studio.jobs.waitFor(job.id)).status).toBe('succeeded');
  });

  it('leaves a lease set moments ago as it is, and renews an older one', async () => {
    const { studio, worker, job } = await jobOnScriptedWorker();
    const claimed = studio.jobs.jobs.get(job.id)!.lease_expires_at;
    worker().say({ type: 'checkpoint', jobId: job.id, seq: 1, state: { step: 1 } });
    expect(studio.jobs.jobs.get(job.id)).toMatchObject({ checkpoint: JSON.stringify({ step: 1 }), lease_expires_at: claimed });
    // Past a heartbeat (FAST_JOBS: 200 ms) with no heartbeat from the worker: the checkpoint renews the lease.
    await new Promise((r) => setTimeout(r, 250));
    worker().say({ type: 'checkpoint', jobId: job.id, seq: 2, state: { step: 2 } });
    expect(worker().received).toContainEqual({ type: 'checkpointSaved', jobId: job.id, seq: 2 });
    expect(studio.jobs.jobs.get(job.id)!.lease_expires_at!).toBeGreaterThan(claimed! + 200);
    worker().say({ type: 'done', jobId: job.id, result: { steps: 3, resumedFrom: 0 } });
    expect((await studio.jobs.waitFor(job.id)).status).toBe('succeeded');
  });

  it('is refused once a cancel was asked, even by a worker that has not read the cancel yet: the job goes no further', async () => {
    const { studio, worker, job } = await jobOnScriptedWorker();
    await studio.jobs.cancel(job.id);
    const cancels = () => worker().received.filter((m) => m.type === 'cancel' && m.jobId === job.id).length;
    expect(cancels()).toBe(1);
    // The worker sent its checkpoint before it read the cancel.
    worker().say({ type: 'checkpoint', jobId: job.id, seq: 1, state: { step: 1 } });
    expect(worker().received.filter((m) => m.type === 'checkpointSaved')).toEqual([]);
    expect(studio.jobs.jobs.get(job.id)!.checkpoint).toBeNull();
    // The cancel already on its way is not sent twice.
    expect(cancels()).toBe(1);
    worker().say({ type: 'canceled', jobId: job.id });
    expect((await studio.jobs.waitFor(job.id)).status).toBe('canceled');
  });

  it('is refused when another process asked the cancel (only the row says so), and the worker is told to stop', async () => {
    const { studio, worker, job } = await jobOnScriptedWorker();
    // As `kingjam jobs cancel` does from its own process: the row only.
    studio.store.sqlite.prepare("UPDATE jobs SET cancel_requested = 1 WHERE id = ? AND status = 'running'").run(job.id);
    worker().say({ type: 'checkpoint', jobId: job.id, seq: 1, state: { step: 1 } });
    expect(worker().received.filter((m) => m.type === 'checkpointSaved')).toEqual([]);
    expect(studio.jobs.jobs.get(job.id)!.checkpoint).toBeNull();
    expect(worker().received).toContainEqual({ type: 'cancel', jobId: job.id });
    worker().say({ type: 'canceled', jobId: job.id });
    expect((await studio.jobs.waitFor(job.id)).status).toBe('canceled');
  });
});
