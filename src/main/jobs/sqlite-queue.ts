import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { StudioError, toErrorInfo, type ErrorInfo } from '../../shared/errors.js';
import { isJobKind, jobKinds, type JobKind, type JobPayloadInput } from '../../shared/jobs/kinds.js';
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
import type { WorkerSpawner } from './transport.js';
import { say } from '../../shared/messages.js';
import { progressLabel } from '../../shared/progress-labels.js';

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
 * or of a worker leaves rows that the lease logic puts right.
 */
export class SqliteJobQueue implements JobQueue {
  readonly owner = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  readonly jobs: JobStore;
  readonly pool: WorkerPool;
  private readonly active = new Map<string, ActiveJob>();
  /** Running jobs by lane: a queue's name, or the kind of a job with a lane of its own (config.lanes). */
  private readonly activeByLane = new Map<string, number>();
  private readonly starts = new Map<QueueName, number[]>();
  private readonly held = new Map<QueueName, string | null>();
  private readonly paidHeld = new Map<QueueName, string | null>();
  private readonly hooks = new Map<string, SettledHooks[]>();
  private readonly waiters = new Map<string, ((job: JobView) => void)[]>();
  private timer: NodeJS.Timeout | null = null;
  private wakeTimer: NodeJS.Timeout | null = null;
  private running = false;
  private stopping = false;
  private pumping = false;
  private pumpQueued = false;
  private credits: CreditsGate | null = null;
  private secrets: SecretsSource = () => ({});
  private cloudBilled: (kind: string, payload: unknown) => boolean = () => false;

  constructor(
    store: Store,
    private readonly events: EventBus,
    spawner: WorkerSpawner,
    private readonly paths: WorkerPaths,
    readonly config: JobSystemConfig,
    private readonly now: () => number = Date.now,
  ) {
    this.jobs = new JobStore(store);
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
    this.cloudBilled = predicate;
  }

  /** Paid jobs hold credits through this gate (the sync service); without one, paid jobs are refused. */
  setCreditsGate(gate: CreditsGate): void {
    this.credits = gate;
  }

  async enqueue<K extends JobKind>(kind: K, payload: JobPayloadInput<K>, options: EnqueueOptions = {}): Promise<JobView> {
    const cost = this.cloudBilled(kind, payload) ? 0 : (options.estimatedCredits ?? 0);
    if (cost > 0) await this.gate(cost).prepare(cost);
    return this.enqueueNow(kind, payload, options);
  }

  /** Makes sure `amount` credits can be held, for a batch of paid jobs queued one after another. */
  async prepareCredits(amount: number): Promise<void> {
    if (amount > 0) await this.gate(amount).prepare(amount);
  }

  private gate(cost: number): CreditsGate {
    if (!this.credits) {
      throw new StudioError({
        code: 'NOT_SIGNED_IN',
        message: `This job costs ${cost} credits and this studio has no credits wallet.`,
        hint: 'Sign in on the Account page (on the command line: kingjam account login), or use a free local or offline provider.',
        ...say('job.noWallet', { cost }),
      });
    }
    return this.credits;
  }

  /** Synchronous enqueue, for callers inside a store transaction; a paid job's gate must be prepared first. */
  enqueueNow<K extends JobKind>(kind: K, payload: JobPayloadInput<K>, options: EnqueueOptions = {}): JobView {
    if (!isJobKind(kind)) throw new StudioError({ code: 'UNKNOWN_JOB_KIND', message: `Unknown job kind "${String(kind)}".`, ...say('job.unknownKind', { kind: String(kind) }) });
    const spec = jobKinds[kind];
    const parsed = spec.payload.safeParse(payload);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new StudioError({
        code: 'BAD_INPUT',
        message: `Invalid ${kind} job: ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}.`,
        field: issue?.path.join('.'),
        ...say('job.invalidPayload', { field: issue?.path.join('.') || '(root)' }),
      });
    }
    const now = this.now();
    const id = randomUUID();
    const cost = options.estimatedCredits ?? 0;
    const row = this.jobs.store.transaction(() => {
      const inserted = this.jobs.insert({
        id,
        kind,
        title: (spec.title as (p: unknown) => string)(parsed.data),
        queue: options.queue ?? spec.queue,
        priority: options.priority ?? 0,
        payload: parsed.data,
        maxAttempts: options.maxAttempts ?? this.config.maxAttempts,
        runAfter: now + (options.delayMs ?? 0),
        estimatedCredits: cost,
        projectId: options.projectId ?? null,
        checkpoint: options.checkpoint,
        now,
      });
      return cost > 0 && !this.cloudBilled(kind, parsed.data) ? this.jobs.setHold(id, this.gate(cost).hold(id, cost)) : inserted;
    });
    const view = this.view(row);
    this.events.emit('job.updated', view);
    this.schedulePump();
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
      const error: ErrorInfo = { code: 'CANCELED', message: 'Canceled by the user.' };
      const done = this.settle(() => this.jobs.markCanceled(id, this.now()), error);
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
    const cost = this.cloudBilled(row.kind, JSON.parse(row.payload) as unknown) ? 0 : row.estimated_credits;
    if (cost > 0) await this.gate(cost).prepare(cost);
    const again = this.jobs.store.transaction(() => {
      const r = this.jobs.requeueFresh(id, this.now());
      // The first run's hold was captured or released when it finished: a retry holds anew.
      return r && cost > 0 ? this.jobs.setHold(id, this.gate(cost).hold(id, cost)) : r;
    });
    if (!again) throw new StudioError({ code: 'CONFLICT', message: 'The job changed while retrying; try again.', ...say('job.changedWhileRetrying') });
    const view = this.view(again);
    this.events.emit('job.updated', view);
    this.schedulePump();
    return view;
  }

  waitFor(id: string): Promise<JobView> {
    const row = this.mustGet(id);
    if (isFinished(row.status as JobStatus)) return Promise.resolve(this.view(row));
    return new Promise((resolve) => {
      const list = this.waiters.get(id) ?? [];
      list.push(resolve);
      this.waiters.set(id, list);
    });
  }

  onSettled(kind: JobKind, hooks: SettledHooks): void {
    const list = this.hooks.get(kind) ?? [];
    list.push(hooks);
    this.hooks.set(kind, list);
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
    const now = this.now();
    for (const [id, active] of this.active) {
      clearTimeout(active.cancelTimer);
      const back = this.jobs.checkpointBack(id, this.owner, now);
      if (back) this.events.emit('job.updated', this.view(back));
    }
    this.active.clear();
    this.activeByLane.clear();
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
    return this.held.get(queue) ?? null;
  }

  /** Why one queued job is not starting now: its queue's hold, or the paid-start limit if it costs credits. */
  private jobHeldReason(row: JobRow): string | null {
    const queue = row.queue as QueueName;
    return this.heldReason(queue) ?? (row.estimated_credits > 0 ? (this.paidHeld.get(queue) ?? null) : null);
  }

  // ── dispatching ───────────────────────────────────────────────────────

  /** One pass for all the changes of one turn (a batch of jobs queued, several ending together). */
  private schedulePump(): void {
    if (!this.running || this.pumpQueued) return;
    this.pumpQueued = true;
    queueMicrotask(() => {
      this.pumpQueued = false;
      this.pump();
    });
  }

  private tick(): void {
    this.reapExpiredLeases();
    this.pump();
  }

  private pump(): void {
    if (!this.running || this.pumping) return;
    this.pumping = true;
    try {
      // Free memory is read once a pass (reading it is a file read): the jobs started in one pass have not grown yet.
      const memoryReason = this.memoryHold();
      for (const queue of QUEUES) {
        // The queue's own jobs, then each of its kind lanes': their slots are counted apart.
        const laneKinds = this.laneKindsOf(queue);
        const lanes = [
          { name: queue, concurrency: this.config.concurrency[queue], claim: { skip: laneKinds } },
          ...laneKinds.map((kind) => ({ name: kind, concurrency: this.config.lanes[kind]!.concurrency, claim: { kind } })),
        ];
        for (const lane of lanes) {
          while ((this.activeByLane.get(lane.name) ?? 0) < lane.concurrency) {
            const now = this.now();
            this.setHeld(queue, memoryReason);
            if (memoryReason) break;
            // The start limit protects paid model APIs: while it is reached, free (offline, local) jobs still start.
            const limited = this.rateHold(queue, now);
            this.setPaidHeld(queue, limited);
            const row = this.jobs.claim(queue, this.owner, now, this.config.leaseMs, limited !== null, lane.claim);
            if (!row) break;
            if (row.estimated_credits > 0) this.starts.set(queue, [...(this.starts.get(queue) ?? []), now]);
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
    this.wakeTimer = setTimeout(() => this.pump(), delay + 1);
    this.wakeTimer.unref();
  }

  private memoryHold(): string | null {
    const free = this.config.freeMemoryMb();
    if (free < this.config.minFreeMemoryMb) {
      return progressLabel('waitingForMemory', { free: Math.round(free), min: this.config.minFreeMemoryMb });
    }
    return null;
  }

  /** Why paid jobs of a queue may not start now (its start limit counts paid starts only), or null. */
  private rateHold(queue: QueueName, now: number): string | null {
    const limit = this.config.rateLimits[queue];
    if (limit) {
      const recent = (this.starts.get(queue) ?? []).filter((t) => now - t < limit.windowMs);
      this.starts.set(queue, recent);
      if (recent.length >= limit.max) {
        const wait = Math.ceil((recent[0]! + limit.windowMs - now) / 1000);
        return progressLabel('rateLimited', { max: limit.max, queue, window: Math.round(limit.windowMs / 1000), wait });
      }
    }
    return null;
  }

  private setHeld(queue: QueueName, reason: string | null): void {
    this.changeHold(this.held, queue, reason, () => true);
  }

  private setPaidHeld(queue: QueueName, reason: string | null): void {
    this.changeHold(this.paidHeld, queue, reason, (row) => row.estimated_credits > 0);
  }

  private changeHold(holds: Map<QueueName, string | null>, queue: QueueName, reason: string | null, concerns: (row: JobRow) => boolean): void {
    if (holds.get(queue) === reason) return;
    const wasHeld = holds.get(queue) ?? null;
    holds.set(queue, reason);
    // Tell the UI which queued jobs are waiting and why (only on a change, not each tick).
    if ((wasHeld === null) !== (reason === null) || (wasHeld && reason && wasHeld.split('?')[0] !== reason.split('?')[0])) {
      for (const row of this.jobs.byStatus('queued', 200)) {
        if (row.queue === queue && concerns(row)) this.events.emit('job.updated', this.view(row));
      }
    }
  }

  /** The kinds with a lane of their own in a queue: those config.lanes names whose jobs go to that queue. */
  private laneKindsOf(queue: QueueName): JobKind[] {
    return (Object.keys(this.config.lanes) as JobKind[]).filter((kind) => jobKinds[kind]?.queue === queue);
  }

  /** The lane a job runs in: its kind's own when config.lanes has one for the job's queue, else its queue's. */
  private laneOf(row: JobRow): string {
    return this.laneKindsOf(row.queue as QueueName).includes(row.kind as JobKind) ? row.kind : row.queue;
  }

  private dispatch(row: JobRow): void {
    const queue = row.queue as QueueName;
    const lane = this.laneOf(row) === row.kind ? this.config.lanes[row.kind as JobKind] : undefined;
    const worker = this.pool.acquire(queue, lane ? { key: `${queue}:${row.kind}`, maxJobsPerWorker: lane.maxJobsPerWorker } : undefined);
    worker.busyWith = row.id;
    this.active.set(row.id, { row, worker });
    this.activeByLane.set(this.laneOf(row), (this.activeByLane.get(this.laneOf(row)) ?? 0) + 1);
    this.events.emit('job.updated', this.view(row));
    const payload = JSON.parse(row.payload) as unknown;
    const secrets = Promise.resolve().then(() => this.secrets({ id: row.id, kind: row.kind, payload }));
    void Promise.all([worker.ready, secrets]).then(
      ([, jobSecrets]) => {
        if (worker.busyWith !== row.id) return;
        // The lease runs from the hand-over: a worker's start-up is not the job's silence.
        this.jobs.renew(row.id, this.owner, this.now() + this.config.leaseMs);
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
        this.handleFailure(row, toErrorInfo(err));
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
        this.jobs.progress(message.jobId, this.owner, now + this.config.leaseMs, message.progress, message.message, message.checkpoint);
        this.events.emit('job.progress', { id: message.jobId, progress: message.progress, message: message.message });
        break;
      case 'checkpoint':
        this.storeCheckpoint(active, message.seq, message.state, now);
        break;
      case 'done':
        this.finishActive(active);
        this.settleSuccess(active.row, message.result);
        break;
      case 'failed':
        this.finishActive(active);
        this.handleFailure(active.row, message.error);
        break;
      case 'canceled':
        this.finishActive(active);
        this.settle(() => this.jobs.markCanceled(active.row.id, now), { code: 'CANCELED', message: 'Canceled by the user.' });
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
      this.settle(() => this.jobs.markCanceled(active.row.id, this.now()), { code: 'CANCELED', message: 'Canceled by the user.' });
      return;
    }
    const overMemory = memoryCapFailure(worker, code, signal);
    if (overMemory) {
      this.handleFailure(active.row, overMemory);
      return;
    }
    this.handleFailure(active.row, {
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
    const hooks = this.hooks.get(active.row.kind) ?? [];
    let stored = false;
    try {
      stored = this.jobs.store.transaction(() => {
        const current = this.jobs.get(active.row.id);
        if (!current || !this.jobs.progress(current.id, this.owner, now + this.config.leaseMs, current.progress, current.progress_message, state ?? null)) return false;
        for (const h of hooks) h.onCheckpoint?.(rowToView(this.jobs.get(current.id)!), state);
        return true;
      });
    } catch {
      // A hook refused it (its row is gone): the job cannot go on safely, so it is stopped; the waiting worker sees the cancel.
      this.cancelActive(active);
      return;
    }
    if (stored) this.pool.send(active.worker, { type: 'checkpointSaved', jobId: active.row.id, seq });
  }

  private finishActive(active: ActiveJob, releaseWorker = true): void {
    clearTimeout(active.cancelTimer);
    this.active.delete(active.row.id);
    const lane = this.laneOf(active.row);
    this.activeByLane.set(lane, Math.max(0, (this.activeByLane.get(lane) ?? 1) - 1));
    if (releaseWorker) this.pool.release(active.worker);
    this.schedulePump();
  }

  private handleFailure(row: JobRow, error: ErrorInfo): void {
    const latest = this.jobs.get(row.id) ?? row;
    if (error.code === 'CANCELED' || latest.cancel_requested) {
      this.settle(() => this.jobs.markCanceled(row.id, this.now()), { code: 'CANCELED', message: 'Canceled by the user.' });
      return;
    }
    if (error.retryable && latest.attempts < latest.max_attempts) {
      const delay = Math.min(this.config.backoffMaxMs, this.config.backoffBaseMs * 2 ** Math.max(0, latest.attempts - 1));
      const back = this.jobs.retryLater(row.id, error, this.now() + delay);
      if (back) this.events.emit('job.updated', this.view(back));
      return;
    }
    this.settle(() => this.jobs.fail(row.id, error, this.now()), error);
  }

  private settleSuccess(row: JobRow, result: unknown): void {
    const hooks = this.hooks.get(row.kind) ?? [];
    let done: JobRow | undefined;
    try {
      done = this.jobs.store.transaction(() => {
        let r = this.jobs.succeed(row.id, this.owner, result, this.now());
        if (r?.hold_id) {
          const actual = actualCost(result, r.estimated_credits);
          this.gate(r.estimated_credits).capture(r.hold_id, actual);
          r = this.jobs.setActualCredits(r.id, actual);
        }
        if (r) for (const h of hooks) h.onSuccess?.(rowToView(r), result);
        return r;
      });
    } catch (err) {
      // A hook refused the result (e.g. the asset was deleted meanwhile): the job fails with that reason.
      const info = err instanceof StudioError ? err.toInfo() : { code: 'INTERNAL' as const, message: String(err) };
      this.settle(() => this.jobs.fail(row.id, { ...info, retryable: false }, this.now()), info);
      return;
    }
    if (done) this.announceFinished(done);
  }

  /** Marks a job finished-unsuccessfully and runs the failure hooks, in one transaction. */
  private settle(update: () => JobRow | undefined, error: ErrorInfo): JobRow | undefined {
    const done = this.jobs.store.transaction(() => {
      const r = update();
      if (r?.hold_id && this.credits) this.credits.release(r.hold_id);
      if (r) for (const h of this.hooks.get(r.kind) ?? []) h.onFailure?.(rowToView(r), error);
      return r;
    });
    if (done) this.announceFinished(done);
    return done;
  }

  private announceFinished(row: JobRow): void {
    const view = this.view(row);
    this.events.emit('job.updated', view);
    const waiting = this.waiters.get(row.id);
    this.waiters.delete(row.id);
    for (const w of waiting ?? []) w(view);
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
      this.handleFailure(row, {
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
    const host = os.hostname();
    const now = this.now();
    for (const row of this.jobs.runningNotOwnedBy(this.owner)) {
      const [ownerHost, ownerPid] = (row.lease_owner ?? '').split(':');
      if (ownerHost !== host || !ownerPid || isAlive(Number(ownerPid))) continue;
      const back = this.jobs.checkpointBack(row.id, row.lease_owner!, now);
      if (back) this.events.emit('job.updated', this.view(back));
    }
  }

  private mustGet(id: string): JobRow {
    const row = this.jobs.get(id);
    if (!row) throw new StudioError({ code: 'NOT_FOUND', message: `There is no job ${id}.`, ...say('job.notFound') });
    return row;
  }

  private view(row: JobRow): JobView {
    return rowToView(row, row.status === 'queued' ? this.jobHeldReason(row) : null);
  }
}

/** What a paid job really cost: the worker may report less than estimated (`creditsUsed`), never more. */
function actualCost(result: unknown, estimated: number): number {
  const used = (result as { creditsUsed?: unknown } | null)?.creditsUsed;
  return typeof used === 'number' && Number.isInteger(used) && used >= 0 ? Math.min(used, estimated) : estimated;
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
