import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { StudioError, toErrorInfo } from '../../shared/errors.js';
import type { JobKind, JobPayloadInput } from '../../shared/jobs/kinds.js';
import { isFinished, type JobStatus, type JobView } from '../../shared/jobs/model.js';
import type { FromWorker, WorkerPaths } from '../../shared/jobs/protocol.js';
import { QUEUES, type QueueName } from '../../shared/jobs/queues.js';
import type { EventBus } from '../events.js';
import type { Store } from '../store/db.js';
import type { JobSystemConfig } from './config.js';
import { memoryCapFailure } from './memory-cap.js';
import { WorkerPool, type PooledWorker } from './pool.js';
import type { CreditsGate, EnqueueOptions, JobQueue, SettledHooks } from './queue.js';
import { JobStore, rowToView, type JobRow } from './store.js';
import { StartAdmission } from './admission.js';
import { ProgressWrites } from './progress-writes.js';
import { LaneSlots } from './lanes.js';
import { JobCredits } from './job-credits.js';
import { JobSettlement } from './settlement.js';
import { orphanedRuns, validJobPayload } from './job-rows.js';
import type { WorkerSpawner } from './transport.js';
import { say } from '../../shared/messages.js';

/** The credentials a worker gets with one job (built per job: cloud work carries a token minted for it). */
export type SecretsSource = (job: { id: string; kind: string; payload: unknown }) => Record<string, string> | Promise<Record<string, string>>;

interface ActiveJob {
  row: JobRow;
  worker: PooledWorker;
  cancelTimer?: NodeJS.Timeout;
}

/**
 * The embedded job queue: rows in SQLite, dispatched to worker processes.
 * Every state change is a guarded single-row UPDATE, so a second process
 * (the CLI beside the desktop app) can share the queue, and a crash of main
 * or of a worker leaves rows that the lease logic puts right. The render
 * farm's dispatcher (src/main/farm/bullmq-queue.ts) is this queue with its
 * dispatching (pump, tick) replaced: the protected members are what it reuses.
 */
export class SqliteJobQueue implements JobQueue {
  readonly owner = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  readonly jobs: JobStore;
  readonly pool: WorkerPool;
  private readonly active = new Map<string, ActiveJob>();
  protected readonly admission: StartAdmission;
  private readonly credits = new JobCredits();
  private readonly lanes: LaneSlots;
  private readonly progressWrites = new ProgressWrites((jobId, p) => {
    this.jobs.progress(jobId, this.owner, this.now() + this.config.leaseMs, p.progress, p.message, undefined);
  });
  protected readonly settlement: JobSettlement;
  private timer: NodeJS.Timeout | null = null;
  private wakeTimer: NodeJS.Timeout | null = null;
  protected running = false;
  private stopping = false;
  private pumping = false;
  private pumpQueued = false;
  protected secrets: SecretsSource = () => ({});

  constructor(
    store: Store,
    protected readonly events: EventBus,
    spawner: WorkerSpawner,
    protected readonly paths: WorkerPaths,
    readonly config: JobSystemConfig,
    protected readonly now: () => number = Date.now,
  ) {
    this.jobs = new JobStore(store);
    this.lanes = new LaneSlots(config);
    this.settlement = new JobSettlement(this.jobs, this.credits, events, config, this.owner, now, (row) => this.view(row));
    this.admission = new StartAdmission(config, this.jobs, (view) => this.events.emit('job.updated', view), (row) => this.view(row));
    this.pool = new WorkerPool(spawner, {
      maxJobsPerWorker: config.maxJobsPerWorker,
      heartbeatMs: config.heartbeatMs,
      idleMs: config.workerIdleMs,
      memoryLimitMb: config.workerMemoryMb,
      memoryCheckMs: config.memoryCheckMs,
      onMessage: (worker, message) => this.onWorkerMessage(worker, message),
      onExit: (worker, code, signal) => this.onWorkerExit(worker, code, signal),
    });
  }

  // ── the JobQueue interface ────────────────────────────────────────────

  /** API keys (and, for cloud work, a generation token minted for the job) handed to workers with each job, kept in memory only. */
  setSecretsSource(source: SecretsSource): void {
    this.secrets = source;
  }

  /**
   * Jobs whose model calls KingJam Cloud charges one by one at its gateway:
   * they keep their estimate but take no local allowance hold (and so
   * capture nothing locally).
   */
  setCloudBilled(predicate: (kind: string, payload: unknown) => boolean): void {
    this.credits.setCloudBilled(predicate);
  }

  /** Paid jobs hold credits through this gate (the sync service); without one, paid jobs are refused. */
  setCreditsGate(gate: CreditsGate): void {
    this.credits.setGate(gate);
  }

  async enqueue<K extends JobKind>(kind: K, payload: JobPayloadInput<K>, options: EnqueueOptions = {}): Promise<JobView> {
    await this.credits.prepare(this.credits.localCost(kind, payload, options.estimatedCredits ?? 0));
    return this.enqueueNow(kind, payload, options);
  }

  /** Makes sure `amount` credits can be held, for a batch of paid jobs queued one after another. */
  async prepareCredits(amount: number): Promise<void> {
    await this.credits.prepare(amount);
  }

  /** Synchronous enqueue, for callers inside a store transaction; a paid job's gate must be prepared first. */
  enqueueNow<K extends JobKind>(kind: K, payload: JobPayloadInput<K>, options: EnqueueOptions = {}): JobView {
    const { spec, payload: parsed } = validJobPayload(kind, payload);
    const now = this.now();
    const id = randomUUID();
    const cost = options.estimatedCredits ?? 0;
    const row = this.jobs.store.transaction(() => {
      const inserted = this.jobs.insert({
        id,
        kind,
        title: (spec.title as (p: unknown) => string)(parsed),
        queue: options.queue ?? spec.queue,
        priority: options.priority ?? 0,
        payload: parsed,
        maxAttempts: options.maxAttempts ?? this.config.maxAttempts,
        runAfter: now + (options.delayMs ?? 0),
        estimatedCredits: cost,
        projectId: options.projectId ?? null,
        checkpoint: options.checkpoint,
        now,
      });
      const held = this.credits.localCost(kind, parsed, cost);
      return held > 0 ? this.jobs.setHold(id, this.credits.hold(id, held)) : inserted;
    });
    const view = this.view(row);
    this.events.emit('job.updated', view);
    this.lanes.workArrived(row);
    this.schedulePump(false);
    return view;
  }

  async get(id: string): Promise<JobView | null> {
    const row = this.jobs.get(id);
    return row ? this.view(row) : null;
  }

  async list(filter: { status?: JobStatus; kind?: string; limit: number; before?: string }) {
    const rows = this.jobs.list(filter);
    return {
      items: rows.map((r) => this.view(r)),
      nextBefore: rows.length === filter.limit ? rows[rows.length - 1]!.id : null,
    };
  }

  async counts() {
    return this.jobs.counts();
  }

  async cancel(id: string): Promise<JobView> {
    const row = this.mustGet(id);
    if (isFinished(row.status as JobStatus)) return this.view(row);
    if (row.status === 'queued') {
      const done = this.settlement.canceled(id);
      return done ? this.view(done) : this.view(this.mustGet(id));
    }
    const marked = this.jobs.requestCancel(id);
    const active = this.active.get(id);
    if (active) this.cancelActive(active);
    return this.view(marked ?? this.mustGet(id));
  }

  async retry(id: string): Promise<JobView> {
    const row = this.mustGet(id);
    if (row.status !== 'failed' && row.status !== 'canceled') {
      throw new StudioError({ code: 'CONFLICT', message: `Only failed or canceled jobs can be retried; this one is ${row.status}.`, ...say('job.retryOnlyFinished') });
    }
    const cost = this.credits.localCost(row.kind, JSON.parse(row.payload) as unknown, row.estimated_credits);
    await this.credits.prepare(cost);
    const again = this.jobs.store.transaction(() => {
      const r = this.jobs.requeueFresh(id, this.now());
      // The first run's hold was captured or released when it finished: a retry holds anew.
      return r && cost > 0 ? this.jobs.setHold(id, this.credits.hold(id, cost)) : r;
    });
    if (!again) throw new StudioError({ code: 'CONFLICT', message: 'The job changed while retrying; try again.', ...say('job.changedWhileRetrying') });
    const view = this.view(again);
    this.events.emit('job.updated', view);
    this.lanes.workArrived(again);
    this.schedulePump(false);
    return view;
  }

  waitFor(id: string): Promise<JobView> {
    const row = this.mustGet(id);
    if (isFinished(row.status as JobStatus)) return Promise.resolve(this.view(row));
    return new Promise((resolve) => this.settlement.wait(id, resolve));
  }

  onSettled(kind: JobKind, hooks: SettledHooks): void {
    this.settlement.addHooks(kind, hooks);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.stopping = false;
    this.recoverOrphans();
    this.timer = setInterval(() => this.tick(), this.config.tickMs);
    this.timer.unref();
    this.schedulePump();
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
    // Progress still waiting for its write lands before the rows are handed back (and the store closed).
    this.progressWrites.flush();
    const now = this.now();
    for (const [id, active] of this.active) {
      clearTimeout(active.cancelTimer);
      const back = this.jobs.checkpointBack(id, this.owner, now);
      if (back) this.events.emit('job.updated', this.view(back));
    }
    this.active.clear();
    this.lanes.reset();
    const exits = this.pool.workers().map((w) => new Promise<void>((resolve) => w.handle.onExit(() => resolve())));
    this.pool.closeAll();
    await Promise.race([Promise.all(exits), new Promise((r) => setTimeout(r, 3000))]);
  }

  // ── configuration that can change while running ───────────────────────

  setConcurrency(concurrency: Record<QueueName, number>): void {
    this.config.concurrency = { ...concurrency };
    this.schedulePump();
  }

  setMinFreeMemoryMb(mb: number): void {
    this.config.minFreeMemoryMb = mb;
    this.schedulePump();
  }

  /** Why queued jobs of a queue are not starting now, or null. */
  heldReason(queue: QueueName): string | null {
    return this.admission.heldReason(queue);
  }

  // ── dispatching ───────────────────────────────────────────────────────

  /**
   * One pass for all the changes of one turn (a batch of jobs queued, several ending together).
   * `everyLane` false: the caller only freed a slot (a job ended) or cleared the lane it queued a
   * job in, so the other lanes known empty stay skipped.
   */
  protected schedulePump(everyLane = true): void {
    if (everyLane) this.lanes.forgetEmpty();
    if (!this.running || this.pumpQueued) return;
    this.pumpQueued = true;
    queueMicrotask(() => {
      this.pumpQueued = false;
      this.pump();
    });
  }

  protected tick(): void {
    this.reapExpiredLeases();
    this.lanes.forgetEmpty();
    this.pump();
  }

  protected pump(): void {
    if (!this.running || this.pumping) return;
    this.pumping = true;
    this.lanes.beginPass();
    try {
      // Free memory is read (a file read) only when some lane may start a job.
      let memory: { reason: string | null } | null = null;
      for (const queue of QUEUES) {
        for (const lane of this.lanes.lanesOf(queue)) {
          while (this.lanes.mayClaim(lane)) {
            const now = this.now();
            memory ??= { reason: this.admission.memoryHold() };
            const memoryReason = memory.reason;
            this.admission.setHeld(queue, memoryReason);
            if (memoryReason) break;
            // The start limit protects paid model APIs: while it is reached, free (offline, local) jobs still start.
            const limited = this.admission.rateHold(queue, now);
            this.admission.setPaidHeld(queue, limited);
            const row = this.jobs.claim(queue, this.owner, now, this.config.leaseMs, limited !== null, lane.claim);
            if (!row) {
              this.lanes.foundEmpty(lane);
              break;
            }
            this.admission.recordStart(row, now);
            this.dispatch(row);
          }
        }
      }
    } finally {
      this.pumping = false;
    }
    this.armWakeTimer();
  }

  /** Wakes the pump when the earliest backed-off job becomes due (sooner than the next tick matters in tests). */
  private armWakeTimer(): void {
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
    const next = this.jobs.nextRunAfter();
    if (next === null) return;
    const delay = next - this.now();
    if (delay <= 0 || delay >= this.config.tickMs) return;
    this.wakeTimer = setTimeout(() => {
      this.lanes.forgetEmpty();
      this.pump();
    }, delay + 1);
    this.wakeTimer.unref();
  }

  private dispatch(row: JobRow): void {
    const queue = row.queue as QueueName;
    const lane = this.lanes.laneOf(row) === row.kind ? this.config.lanes[row.kind as JobKind] : undefined;
    const worker = this.pool.acquire(queue, lane ? { key: `${queue}:${row.kind}`, maxJobsPerWorker: lane.maxJobsPerWorker } : undefined);
    worker.busyWith = row.id;
    this.active.set(row.id, { row, worker });
    this.lanes.started(row);
    this.events.emit('job.updated', this.view(row));
    const payload = JSON.parse(row.payload) as unknown;
    const secrets = Promise.resolve().then(() => this.secrets({ id: row.id, kind: row.kind, payload }));
    void Promise.all([worker.ready, secrets]).then(
      ([, jobSecrets]) => {
        if (worker.busyWith !== row.id) return;
        // The lease runs from the hand-over: a worker's start-up is not the job's silence. A hand-over
        // within a heartbeat of the claim (a warm worker) leaves the claim's lease nearly whole, and
        // the first heartbeat renews it: a commit per job is spared.
        const now = this.now();
        if (now - (row.started_at ?? 0) >= Math.min(this.config.heartbeatMs, this.config.leaseMs / 4)) this.jobs.renew(row.id, this.owner, now + this.config.leaseMs);
        this.pool.send(worker, {
          type: 'run',
          jobId: row.id,
          kind: row.kind,
          payload,
          attempt: row.attempts,
          checkpoint: row.checkpoint === null ? null : (JSON.parse(row.checkpoint) as unknown),
          paths: this.paths,
          secrets: jobSecrets,
        });
      },
      (err: unknown) => {
        // No credential for the job (a generation token could not be minted: offline, signed out): it ends or waits like a failed run.
        const active = this.active.get(row.id);
        if (!active || active.worker !== worker) return;
        this.finishActive(active);
        this.settlement.failure(row, toErrorInfo(err));
      },
    );
  }

  private onWorkerMessage(worker: PooledWorker, message: FromWorker): void {
    if (message.type === 'ready') return;
    const active = this.active.get(message.jobId);
    if (!active || active.worker !== worker) return; // a late message from a job already taken away
    const now = this.now();
    switch (message.type) {
      case 'heartbeat':
        this.jobs.renew(message.jobId, this.owner, now + this.config.leaseMs);
        this.checkCancelFromElsewhere(active);
        break;
      case 'progress':
        if (message.preview !== undefined) {
          // Previews are for watching, not for keeping: no row is written.
          this.events.emit('job.progress', { id: message.jobId, progress: message.progress, message: message.message, preview: message.preview });
          break;
        }
        if (message.checkpoint === undefined) this.progressWrites.defer(message.jobId, { progress: message.progress, message: message.message });
        else {
          this.progressWrites.drop(message.jobId);
          this.jobs.progress(message.jobId, this.owner, now + this.config.leaseMs, message.progress, message.message, message.checkpoint);
        }
        this.events.emit('job.progress', { id: message.jobId, progress: message.progress, message: message.message });
        break;
      case 'checkpoint':
        this.storeCheckpoint(active, message.seq, message.state, now);
        break;
      case 'done':
        this.finishActive(active);
        this.settlement.success(active.row, message.result);
        break;
      case 'failed':
        this.finishActive(active, true, true);
        this.settlement.failure(active.row, message.error);
        break;
      case 'canceled':
        this.finishActive(active);
        this.settlement.canceled(active.row.id);
        break;
    }
  }

  private onWorkerExit(worker: PooledWorker, code: number | null, signal: string | null): void {
    if (this.stopping || !worker.busyWith) return;
    const active = this.active.get(worker.busyWith);
    if (!active) return;
    this.finishActive(active, false);
    const current = this.jobs.get(active.row.id);
    if (current?.cancel_requested) {
      this.settlement.canceled(active.row.id);
      return;
    }
    const overMemory = memoryCapFailure(worker, code, signal);
    if (overMemory) {
      this.settlement.failure(active.row, overMemory);
      return;
    }
    this.settlement.failure(active.row, {
      code: 'WORKER_CRASHED',
      message: `The worker process stopped unexpectedly (${signal ? `signal ${signal}` : `exit code ${code}`}) while running this job.`,
      hint: 'It is retried automatically; if it keeps failing, check free memory and disk space.',
      retryable: true,
    });
  }

  /**
   * A checkpoint the worker waits on: stored with the job's row and by the
   * kind's hooks in one transaction, then acknowledged. One that cannot be
   * stored (the job was taken away) is not acknowledged, so the worker never
   * goes past it.
   */
  private storeCheckpoint(active: ActiveJob, seq: number, state: unknown, now: number): void {
    const hooks = this.settlement.hooksOf(active.row.kind);
    let stored = false;
    try {
      stored = this.jobs.store.transaction(() => {
        const row = this.jobs.checkpoint(active.row.id, this.owner, now + this.config.leaseMs, state ?? null);
        if (!row) return false;
        for (const h of hooks) h.onCheckpoint?.(rowToView(row), state);
        return true;
      });
    } catch {
      // A hook refused it (its row is gone): the job cannot go on safely, so it is stopped; the waiting worker sees the cancel.
      this.cancelActive(active);
      return;
    }
    if (stored) this.pool.send(active.worker, { type: 'checkpointSaved', jobId: active.row.id, seq });
  }

  private finishActive(active: ActiveJob, releaseWorker = true, failed = false): void {
    clearTimeout(active.cancelTimer);
    this.progressWrites.drop(active.row.id);
    this.active.delete(active.row.id);
    this.lanes.ended(active.row);
    if (releaseWorker) this.pool.release(active.worker, failed);
    this.schedulePump(false);
  }

  private cancelActive(active: ActiveJob): void {
    if (active.cancelTimer) return;
    this.pool.send(active.worker, { type: 'cancel', jobId: active.row.id });
    active.cancelTimer = setTimeout(() => {
      // The worker did not stop in time: kill it; its exit settles the job as canceled.
      if (this.active.get(active.row.id) === active) this.pool.kill(active.worker);
    }, this.config.cancelGraceMs);
    active.cancelTimer.unref();
  }

  /** A cancel requested by another process (e.g. `kingjam jobs cancel`) reaches us through the row. */
  private checkCancelFromElsewhere(active: ActiveJob): void {
    if (active.cancelTimer) return;
    if (this.jobs.get(active.row.id)?.cancel_requested) this.cancelActive(active);
  }

  private reapExpiredLeases(): void {
    const now = this.now();
    for (const row of this.jobs.expiredLeases(now)) {
      const active = this.active.get(row.id);
      if (active) {
        // Our worker hung: take the job away from it and end the process.
        this.finishActive(active, false);
        this.pool.kill(active.worker);
      }
      this.settlement.failure(row, {
        code: 'WORKER_TIMEOUT',
        message: `The job stopped reporting for ${Math.round(this.config.leaseMs / 1000)} s (its worker hung or the app was closed abruptly).`,
        hint: 'It was put back in the queue and is retried automatically.',
        retryable: true,
      });
    }
  }

  /**
   * At start: jobs left running by a process of ours that is gone (killed,
   * crashed) go straight back to the queue and resume from their checkpoint;
   * jobs of a live process elsewhere are left to their lease.
   */
  private recoverOrphans(): void {
    const now = this.now();
    for (const row of orphanedRuns(this.jobs, this.owner)) {
      const back = this.jobs.checkpointBack(row.id, row.lease_owner!, now);
      if (back) this.events.emit('job.updated', this.view(back));
    }
  }

  protected mustGet(id: string): JobRow {
    const row = this.jobs.get(id);
    if (!row) throw new StudioError({ code: 'NOT_FOUND', message: `There is no job ${id}.`, ...say('job.notFound') });
    return row;
  }

  protected view(row: JobRow): JobView {
    return rowToView(row, row.status === 'queued' ? this.admission.jobHeldReason(row) : null);
  }
}
