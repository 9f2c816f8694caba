import { toErrorInfo } from '../../shared/errors.js';
import type { JobKind } from '../../shared/jobs/kinds.js';
import type { JobView } from '../../shared/jobs/model.js';
import type { FromWorker, WorkerPaths } from '../../shared/jobs/protocol.js';
import type { QueueName } from '../../shared/jobs/queues.js';
import type { EventBus } from '../events.js';
import type { JobSystemConfig } from './config.js';
import type { LaneSlots } from './lanes.js';
import { memoryCapFailure } from './memory-cap.js';
import type { PooledWorker, WorkerPool } from './pool.js';
import { ProgressWrites } from './progress-writes.js';
import type { SecretsSource } from './queue.js';
import type { JobSettlement } from './settlement.js';
import { rowToView, type JobRow, type JobStore } from './store.js';

interface ActiveJob {
  row: JobRow;
  worker: PooledWorker;
  /** The worker was sent the job (it was ready and the job's secrets came). */
  handedOver: boolean;
  /** When this process last set the job's lease (the claim, a renewal, a checkpoint that renewed it). */
  leaseSetAt: number;
  /** Canceled before the hand-over: it is settled then, and the worker never sees it. */
  canceledEarly?: boolean;
  cancelTimer?: NodeJS.Timeout;
}

/** What the runs need of the queue around them, passed one by one so this module never reaches back into the queue. */
export interface WorkerRunsDeps {
  jobs: JobStore;
  pool: WorkerPool;
  lanes: LaneSlots;
  settlement: JobSettlement;
  events: EventBus;
  config: JobSystemConfig;
  /** This process's lease owner: every row write is guarded by it. */
  owner: string;
  paths: WorkerPaths;
  now: () => number;
  /** Read at each hand-over: the queue's source may be replaced while running. */
  secrets: SecretsSource;
  view: (row: JobRow) => JobView;
  /** A run ended and freed its lane slot and worker: the queue looks for the next job. */
  onEnded: () => void;
}

/**
 * The jobs this process has claimed and handed to its pooled worker
 * processes, from the hand-over to their end: what the workers report
 * (heartbeats, progress, checkpoints, results), a worker that exits under a
 * job, and cancels, which a worker that does not stop in time is killed for.
 * How a run's row ends is the settlement's business; this only decides when.
 */
export class WorkerRuns {
  private readonly active = new Map<string, ActiveJob>();
  private readonly progressWrites: ProgressWrites;

  constructor(private readonly deps: WorkerRunsDeps) {
    this.progressWrites = new ProgressWrites((jobId, p) => {
      deps.jobs.progress(jobId, deps.owner, deps.now() + deps.config.leaseMs, p.progress, p.message, undefined);
    });
  }

  /** Hands a claimed (running) row to a worker of its queue, or of its kind's own lane. */
  dispatch(row: JobRow): void {
    const { jobs, pool, lanes, config } = this.deps;
    // The caller has counted it in its lane's slots (lanes.started) when it claimed it.
    const queue = row.queue as QueueName;
    const lane = lanes.laneOf(row) === row.kind ? config.lanes[row.kind as JobKind] : undefined;
    const worker = pool.acquire(queue, row.id, lane ? { key: `${queue}:${row.kind}`, kind: row.kind, maxJobsPerWorker: lane.maxJobsPerWorker, jobsAtOnce: lane.jobsAtOnce } : undefined);
    const run: ActiveJob = { row, worker, handedOver: false, leaseSetAt: row.started_at ?? 0 };
    this.active.set(row.id, run);
    this.deps.events.emit('job.updated', this.deps.view(row));
    const payload = JSON.parse(row.payload) as unknown;
    const secrets = Promise.resolve().then(() => this.deps.secrets({ id: row.id, kind: row.kind, payload }));
    void Promise.all([worker.ready, secrets]).then(
      ([, jobSecrets]) => {
        if (this.active.get(row.id) !== run) return;
        if (run.canceledEarly) {
          this.finish(run);
          this.deps.settlement.canceled(row.id);
          return;
        }
        // The lease runs from the hand-over: a worker's start-up is not the job's silence. A hand-over
        // within a heartbeat of the claim (a warm worker) leaves the claim's lease nearly whole, and
        // the first heartbeat renews it: a commit per job is spared.
        const now = this.deps.now();
        if (!this.leaseIsFresh(run, now)) {
          jobs.renew(row.id, this.deps.owner, now + config.leaseMs);
          run.leaseSetAt = now;
        }
        run.handedOver = true;
        pool.send(worker, {
          type: 'run',
          jobId: row.id,
          kind: row.kind,
          payload,
          attempt: row.attempts,
          checkpoint: row.checkpoint === null ? null : (JSON.parse(row.checkpoint) as unknown),
          paths: this.deps.paths,
          secrets: jobSecrets,
        });
      },
      (err: unknown) => {
        // No credential for the job (a generation token could not be minted: offline, signed out): it ends or waits like a failed run.
        const active = this.active.get(row.id);
        if (!active || active.worker !== worker) return;
        this.finish(active);
        this.deps.settlement.failure(row, toErrorInfo(err));
      },
    );
  }

  onWorkerMessage(worker: PooledWorker, message: FromWorker): void {
    if (message.type === 'ready') return;
    const active = this.active.get(message.jobId);
    if (!active || active.worker !== worker) return; // a late message from a job already taken away
    const { jobs, events, settlement, owner, config } = this.deps;
    const now = this.deps.now();
    switch (message.type) {
      case 'heartbeat':
        jobs.renew(message.jobId, owner, now + config.leaseMs);
        active.leaseSetAt = now;
        this.checkCancelFromElsewhere(active);
        break;
      case 'progress':
        if (message.preview !== undefined) {
          // Previews are for watching, not for keeping: no row is written.
          events.emit('job.progress', { id: message.jobId, progress: message.progress, message: message.message, preview: message.preview });
          break;
        }
        if (message.checkpoint === undefined) this.progressWrites.defer(message.jobId, { progress: message.progress, message: message.message });
        else {
          this.progressWrites.drop(message.jobId);
          jobs.progress(message.jobId, owner, now + config.leaseMs, message.progress, message.message, message.checkpoint);
        }
        events.emit('job.progress', { id: message.jobId, progress: message.progress, message: message.message });
        break;
      case 'checkpoint':
        this.storeCheckpoint(active, message.seq, message.state, now);
        break;
      case 'done':
        this.finish(active);
        settlement.success(active.row, message.result);
        break;
      case 'failed':
        this.finish(active, true, true);
        settlement.failure(active.row, message.error);
        break;
      case 'canceled':
        this.finish(active);
        settlement.canceled(active.row.id);
        break;
    }
  }

  /** A worker ended under its jobs: each still ours is settled (after handBack() none is, so the exits of the workers being closed settle nothing). */
  onWorkerExit(worker: PooledWorker, code: number | null, signal: string | null): void {
    for (const id of [...worker.running]) {
      const active = this.active.get(id);
      if (active?.worker === worker) this.settleExited(active, code, signal);
    }
  }

  /** Asks the worker running job `id` (if one of ours does) to stop; the row already carries the cancel request. */
  cancel(id: string): void {
    const active = this.active.get(id);
    if (active) this.cancelActive(active);
  }

  /** The lease of job `id` ran out: if our worker has it, that worker hung, so the job is taken away from it and the process ended. */
  abandon(id: string): void {
    const active = this.active.get(id);
    if (!active) return;
    this.finish(active, false);
    this.deps.pool.kill(active.worker);
  }

  /**
   * At stop: progress still waiting for its write lands, then every running
   * job goes back to the queue with its checkpoint (before the store is
   * closed), to resume at the next start.
   */
  handBack(): void {
    this.progressWrites.flush();
    const now = this.deps.now();
    for (const [id, active] of this.active) {
      clearTimeout(active.cancelTimer);
      const back = this.deps.jobs.checkpointBack(id, this.deps.owner, now);
      if (back) this.deps.events.emit('job.updated', this.deps.view(back));
    }
    this.active.clear();
  }

  /**
   * A checkpoint the worker waits on: stored with the job's row and by the
   * kind's hooks in one transaction, then acknowledged. One that cannot be
   * stored (the job was taken away) is not acknowledged, so the worker never
   * goes past it.
   */
  private storeCheckpoint(active: ActiveJob, seq: number, state: unknown, now: number): void {
    const { jobs, owner, config } = this.deps;
    const hooks = this.deps.settlement.hooksOf(active.row.kind);
    let stored = false;
    // A lease set within a heartbeat is left as it is (the next heartbeat renews it): the write then skips the lease index.
    const renew = !this.leaseIsFresh(active, now);
    try {
      stored = jobs.store.transaction(() => {
        const row = jobs.checkpoint(active.row.id, owner, renew ? now + config.leaseMs : null, state ?? null);
        if (!row) return false;
        // A job whose cancel was asked goes no further than its checkpoint (a publish attempt never reaches the platform).
        if (row.cancel_requested) throw new Error('canceled');
        for (const h of hooks) h.onCheckpoint?.(rowToView(row), state);
        return true;
      });
    } catch {
      // Canceled, or a hook refused it (its row is gone): the job cannot go on safely, so it is stopped; the waiting worker sees the cancel.
      this.cancelActive(active);
      return;
    }
    if (!stored) return;
    if (renew) active.leaseSetAt = now;
    this.deps.pool.send(active.worker, { type: 'checkpointSaved', jobId: active.row.id, seq });
  }

  /** Whether the job's lease was set recently enough to be left as it is (well within its length, as heartbeats keep it). */
  private leaseIsFresh(active: ActiveJob, now: number): boolean {
    const { config } = this.deps;
    return now - active.leaseSetAt < Math.min(config.heartbeatMs, config.leaseMs / 4);
  }

  private settleExited(active: ActiveJob, code: number | null, signal: string | null): void {
    const { jobs, settlement } = this.deps;
    this.finish(active, false);
    const current = jobs.get(active.row.id);
    if (current?.cancel_requested) {
      settlement.canceled(active.row.id);
      return;
    }
    const overMemory = memoryCapFailure(active.worker, code, signal);
    if (overMemory) {
      settlement.failure(active.row, overMemory);
      return;
    }
    settlement.failure(active.row, {
      code: 'WORKER_CRASHED',
      message: `The worker process stopped unexpectedly (${signal ? `signal ${signal}` : `exit code ${code}`}) while running this job.`,
      hint: 'It is retried automatically; if it keeps failing, check free memory and disk space.',
      retryable: true,
    });
  }

  private finish(active: ActiveJob, releaseWorker = true, failed = false): void {
    clearTimeout(active.cancelTimer);
    this.progressWrites.drop(active.row.id);
    this.active.delete(active.row.id);
    this.deps.lanes.ended(active.row);
    if (releaseWorker) this.deps.pool.release(active.worker, active.row.id, failed);
    this.deps.onEnded();
  }

  private cancelActive(active: ActiveJob): void {
    // A worker still starting would drop the message (and be killed for it, with any other job it runs).
    if (!active.handedOver) {
      active.canceledEarly = true;
      return;
    }
    if (active.cancelTimer) return;
    this.deps.pool.send(active.worker, { type: 'cancel', jobId: active.row.id });
    active.cancelTimer = setTimeout(() => {
      // The worker did not stop in time: kill it; its exit settles the job as canceled.
      if (this.active.get(active.row.id) === active) this.deps.pool.kill(active.worker);
    }, this.deps.config.cancelGraceMs);
    active.cancelTimer.unref();
  }

  /** A cancel requested by another process (e.g. `kingjam jobs cancel`) reaches us through the row. */
  private checkCancelFromElsewhere(active: ActiveJob): void {
    if (active.cancelTimer) return;
    if (this.deps.jobs.get(active.row.id)?.cancel_requested) this.cancelActive(active);
  }
}
