import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { StudioError } from '../../shared/errors.js';
import type { JobKind, JobPayloadInput } from '../../shared/jobs/kinds.js';
import { isFinished, type JobStatus, type JobView } from '../../shared/jobs/model.js';
import type { WorkerPaths } from '../../shared/jobs/protocol.js';
import { QUEUES, type QueueName } from '../../shared/jobs/queues.js';
import type { EventBus } from '../events.js';
import type { Store } from '../store/db.js';
import type { JobSystemConfig } from './config.js';
import { WorkerPool } from './pool.js';
import type { CreditsGate, EnqueueOptions, JobQueue, SecretsSource, SettledHooks } from './queue.js';
import { JobStore, rowToView, type JobRow } from './store.js';
import { StartAdmission } from './admission.js';
import { LaneSlots } from './lanes.js';
import { JobCredits } from './job-credits.js';
import { JobSettlement } from './settlement.js';
import { validJobPayload } from './job-rows.js';
import { reapExpiredLeases, recoverOrphans } from './leases.js';
import type { WorkerSpawner } from './transport.js';
import { WorkerRuns } from './worker-runs.js';
import { say } from '../../shared/messages.js';

/**
 * The embedded job queue: rows in SQLite, dispatched to worker processes.
 * Every state change is a guarded single-row UPDATE, so a second process
 * (the CLI beside the desktop app) can share the queue, and a crash of main
 * or of a worker leaves rows that the lease logic puts right. The render
 * farm's dispatcher (src/main/farm/bullmq-queue.ts) is this queue with its
 * dispatching (pump, tick) replaced: the protected members are what it reuses.
 * What happens to a job once handed to a worker is worker-runs.ts's; the
 * lease clean-up after crashes is leases.ts's.
 */
export class SqliteJobQueue implements JobQueue {
  readonly owner = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  readonly jobs: JobStore;
  readonly pool: WorkerPool;
  protected readonly admission: StartAdmission;
  private readonly credits = new JobCredits();
  private readonly lanes: LaneSlots;
  protected readonly settlement: JobSettlement;
  private readonly runs: WorkerRuns;
  private timer: NodeJS.Timeout | null = null;
  private wakeTimer: NodeJS.Timeout | null = null;
  protected running = false;
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
      onMessage: (worker, message) => this.runs.onWorkerMessage(worker, message),
      onExit: (worker, code, signal) => this.runs.onWorkerExit(worker, code, signal),
    });
    this.runs = new WorkerRuns({
      jobs: this.jobs,
      pool: this.pool,
      lanes: this.lanes,
      settlement: this.settlement,
      events,
      config,
      owner: this.owner,
      paths,
      now,
      secrets: (job) => this.secrets(job),
      view: (row) => this.view(row),
      onEnded: () => this.schedulePump(false),
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

  /**
   * Synchronous enqueue, for callers inside a store transaction; a paid job's gate must be prepared first.
   * A free job of a kind lane with a free slot and nothing queued in it is claimed as it is inserted
   * (`mayStartAtEnqueue`): the caller's commit queues and starts it at once, where the pump's claim would
   * cost a commit of its own (bench:publish: one per post).
   */
  enqueueNow<K extends JobKind>(kind: K, payload: JobPayloadInput<K>, options: EnqueueOptions = {}): JobView {
    const { spec, payload: parsed } = validJobPayload(kind, payload);
    const now = this.now();
    const id = randomUUID();
    const cost = options.estimatedCredits ?? 0;
    const queue = options.queue ?? spec.queue;
    const held = this.credits.localCost(kind, parsed, cost);
    const claim = held === 0 && cost === 0 && !options.delayMs && this.mayStartAtEnqueue({ queue, kind }) ? { owner: this.owner, leaseUntil: now + this.config.leaseMs } : undefined;
    const row = this.jobs.store.transaction(() => {
      const inserted = this.jobs.insert(
        {
          id,
          kind,
          title: (spec.title as (p: unknown) => string)(parsed),
          queue,
          priority: options.priority ?? 0,
          payload: parsed,
          maxAttempts: options.maxAttempts ?? this.config.maxAttempts,
          runAfter: now + (options.delayMs ?? 0),
          estimatedCredits: cost,
          projectId: options.projectId ?? null,
          checkpoint: options.checkpoint,
          now,
        },
        claim,
      );
      return held > 0 ? this.jobs.setHold(id, this.credits.hold(id, held)) : inserted;
    });
    if (claim) {
      // Its slot is taken now; it goes to a worker once the caller's transaction has committed (microtasks run after it).
      this.lanes.started(row);
      queueMicrotask(() => this.handOverClaimed(row));
      return this.view(row);
    }
    const view = this.view(row);
    this.events.emit('job.updated', view);
    this.lanes.workArrived(row);
    this.schedulePump(false);
    return view;
  }

  /** Whether this queue dispatches its own jobs and may start one as it queues it (the farm's dispatcher does neither). */
  protected mayStartAtEnqueue(row: Pick<JobRow, 'queue' | 'kind'>): boolean {
    return this.running && this.lanes.mayStartAtEnqueue(row) && this.admission.memoryHold() === null;
  }

  /** A job claimed as it was queued: to its worker, unless the caller's transaction was rolled back or the queue stopped meanwhile. */
  private handOverClaimed(claimed: JobRow): void {
    const row = this.jobs.get(claimed.id);
    if (!row || row.status !== 'running' || row.lease_owner !== this.owner) {
      this.lanes.ended(claimed);
      return;
    }
    if (!this.running) {
      // Stopped before the hand-over: it goes back to the queue, as the running ones did.
      const back = this.jobs.checkpointBack(row.id, this.owner, this.now());
      if (back) this.events.emit('job.updated', this.view(back));
      return;
    }
    this.runs.dispatch(row);
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
    this.runs.cancel(id);
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
    recoverOrphans(this.jobs, this.owner, this.events, (row) => this.view(row), this.now());
    this.timer = setInterval(() => this.tick(), this.config.tickMs);
    this.timer.unref();
    this.schedulePump();
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    if (this.timer) clearInterval(this.timer);
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
    this.runs.handBack();
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
    reapExpiredLeases(this.jobs, this.runs, this.settlement, this.config.leaseMs, this.now());
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
            this.lanes.started(row);
            this.runs.dispatch(row);
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

  protected mustGet(id: string): JobRow {
    const row = this.jobs.get(id);
    if (!row) throw new StudioError({ code: 'NOT_FOUND', message: `There is no job ${id}.`, ...say('job.notFound') });
    return row;
  }

  protected view(row: JobRow): JobView {
    return rowToView(row, row.status === 'queued' ? this.admission.jobHeldReason(row) : null);
  }
}
