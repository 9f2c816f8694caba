import { Queue, QueueEvents, type Job, type JobState } from 'bullmq';
import type { Redis } from 'ioredis';
import { toErrorInfo, type ErrorInfo } from '../../shared/errors.js';
import { isFinished, type JobStatus, type JobView } from '../../shared/jobs/model.js';
import type { WorkerPaths } from '../../shared/jobs/protocol.js';
import { QUEUES, type QueueName } from '../../shared/jobs/queues.js';
import type { EventBus } from '../events.js';
import type { JobSystemConfig } from '../jobs/config.js';
import { SqliteJobQueue } from '../jobs/sqlite-queue.js';
import { rowToView, type JobRow } from '../jobs/store.js';
import type { WorkerSpawner } from '../jobs/transport.js';
import type { Store } from '../store/db.js';
import { FarmRows } from './farm-rows.js';
import type { SharedFileStore } from './file-store.js';
import { payloadPaths, receiveOutputs, stagePayload } from './file-map.js';
import { watchRedis, type RedisChange } from './redis-reach.js';
import { CANCEL_CHANNEL, FLAG_TTL_S, bullQueueName, cancelKey, checkpointAckKey, openRedis, redisOptions } from './redis.js';
import { WORKER_OWN_SECRETS, decodeError, farmProgressSchema, farmReturnSchema, type FarmJobData } from './wire.js';

/** How long closing waits on Redis (pushes in flight, then BullMQ's own close) before it cuts the connections. */
const CLOSE_WAIT_MS = 5_000;

/** Whether every promise settled within `ms` (the wait ends at `ms` either way). */
async function settledWithin(ms: number, work: Promise<unknown>[]): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([Promise.allSettled(work).then(() => true as const), late]);
  } finally {
    clearTimeout(timer);
  }
}

export interface FarmDispatchOptions {
  redisUrl: string;
  store: SharedFileStore;
  /** How often every unfinished row is checked against Redis (events missed while Redis was away). */
  reconcileMs?: number;
  /** Told when Redis is lost (at once, then at most every 30 s) and when it answers again; jobs wait in SQLite meanwhile. */
  onRedis?: (change: RedisChange) => void;
}

/** BullMQ runs priority 1 first; ours runs higher first. Every job gets one, so none jumps the line as "no priority". */
export function bullPriority(priority: number): number {
  return Math.min(2_097_151, Math.max(1, 1_000_000 - priority));
}

/**
 * The render farm's dispatcher: the SQLite queue whose dispatching goes to
 * BullMQ on Redis instead of this machine's worker processes. Every row,
 * credit hold, settled hook and event stays exactly as on one machine (the
 * inherited enqueue, settlement and History); `kingjam worker --redis`
 * processes anywhere take the jobs, and what they report comes back through
 * BullMQ's queue events. Retries follow settlement.ts as on one machine: a
 * failed run comes back here, and a retry is pushed again after its backoff.
 */
export class BullMqJobQueue extends SqliteJobQueue {
  private readonly rows: FarmRows;
  private readonly pushed = new Set<string>();
  /** Each job's event handling in order (an "active" before its "completed"), one job's never two at once. */
  private readonly busy = new Map<string, Promise<void>>();
  /** The payload paths a job was staged with, to put its outputs where they belong. */
  private readonly staged = new Map<string, string[]>();
  private queues = new Map<QueueName, Queue>();
  private queueEvents: QueueEvents[] = [];
  private redis: Redis | null = null;
  private reconcileTimer: NodeJS.Timeout | null = null;
  private pushing = false;

  constructor(
    store: Store,
    events: EventBus,
    spawner: WorkerSpawner,
    paths: WorkerPaths,
    config: JobSystemConfig,
    private readonly farm: FarmDispatchOptions,
    now: () => number = Date.now,
  ) {
    super(store, events, spawner, paths, config, now);
    this.rows = new FarmRows(store);
  }

  override start(): void {
    if (this.running) return;
    const connection = redisOptions(this.farm.redisUrl);
    this.redis = openRedis(this.farm.redisUrl);
    if (this.farm.onRedis) watchRedis(this.redis, this.farm.redisUrl, this.farm.onRedis);
    let connectedBefore = false;
    // Back from a lost connection: whatever happened meanwhile is read from Redis.
    this.redis.on('ready', () => {
      if (connectedBefore) void this.reconcile();
      connectedBefore = true;
    });
    for (const queue of QUEUES) {
      const q = new Queue(bullQueueName(queue), { connection });
      q.on('error', () => undefined); // connection trouble: commands wait for the reconnect
      this.queues.set(queue, q);
      const ev = new QueueEvents(bullQueueName(queue), { connection });
      ev.on('active', ({ jobId }) => void this.serial(jobId, () => this.onActive(jobId)));
      ev.on('progress', ({ jobId, data }) => void this.serial(jobId, () => this.onProgress(jobId, data)));
      ev.on('completed', ({ jobId }) => void this.serial(jobId, () => this.onEnded(jobId, 'completed')));
      ev.on('failed', ({ jobId }) => void this.serial(jobId, () => this.onEnded(jobId, 'failed')));
      ev.on('error', () => undefined); // connection trouble: ioredis reconnects, reconcile catches up
      this.queueEvents.push(ev);
    }
    super.start();
    this.reconcileTimer = setInterval(() => void this.reconcile(), this.farm.reconcileMs ?? 10_000);
    this.reconcileTimer.unref();
    void Promise.all(this.queueEvents.map((e) => e.waitUntilReady())).then(() => this.reconcile(), () => undefined);
  }

  override async stop(): Promise<void> {
    if (!this.running) return;
    await super.stop();
    if (this.reconcileTimer) clearInterval(this.reconcileTimer);
    // A Redis that went away never answers (its clients reconnect forever): the close waits a bounded time, then cuts them.
    const answered = await settledWithin(CLOSE_WAIT_MS, [...this.busy.values()]);
    // As on one machine: running rows go back to queued; at next start the jobs' fate is read back from Redis (they go on on their workers meanwhile).
    for (const row of this.rows.runningOwnedBy(this.owner)) {
      const back = this.jobs.checkpointBack(row.id, this.owner, this.now());
      if (back) this.events.emit('job.updated', this.view(back));
    }
    this.pushed.clear();
    const closed = answered && (await settledWithin(CLOSE_WAIT_MS, [...this.queueEvents.map((e) => e.close()), ...[...this.queues.values()].map((q) => q.close())]));
    if (!closed) for (const client of [...this.queueEvents, ...this.queues.values()]) void client.disconnect().catch(() => undefined);
    this.redis?.disconnect();
    this.queueEvents = [];
    this.queues = new Map();
    this.redis = null;
  }

  override async cancel(id: string): Promise<JobView> {
    const before = this.jobs.get(id);
    const view = await super.cancel(id);
    if (before && !isFinished(before.status as JobStatus) && this.redis) {
      // The worker that has it (or takes it in a moment) sees the flag; a job still waiting in Redis is taken out.
      await this.redis.set(cancelKey(id), '1', 'EX', FLAG_TTL_S);
      await this.redis.publish(CANCEL_CHANNEL, id);
      if (before.status === 'queued') {
        const removed = await this.queueOf(before.queue).remove(id).catch(() => 0);
        if (removed) await this.cleanup(id, before.queue);
      }
    }
    return view;
  }

  // ── dispatching: queued rows go to BullMQ ─────────────────────────────

  /** Every job goes through Redis: none starts here as it is queued. */
  protected override mayStartAtEnqueue(): boolean {
    return false;
  }

  protected override tick(): void {
    this.rows.renewAll(this.owner, this.now() + this.config.leaseMs);
    this.pump();
  }

  /** Pushes every due queued row not pushed yet; paid jobs of a queue with a start limit wait while the limit is reached (admission.ts), farm-wide since one dispatcher pushes them all. */
  protected override pump(): void {
    if (!this.running || this.pushing || !this.redis) return;
    this.pushing = true;
    try {
      const now = this.now();
      for (const row of this.jobs.byStatus('queued', 2000)) {
        if (row.run_after > now || row.cancel_requested || this.pushed.has(row.id)) continue;
        if (row.estimated_credits > 0 && this.admission.rateHold(row.queue as QueueName, now)) continue;
        this.admission.recordStart(row, now);
        this.pushed.add(row.id);
        void this.serial(row.id, () => this.push(row.id));
      }
      for (const queue of QUEUES) this.admission.setPaidHeld(queue, this.admission.rateHold(queue, now));
    } finally {
      this.pushing = false;
    }
  }

  private async push(id: string): Promise<void> {
    const row = this.jobs.get(id);
    if (!row || row.status !== 'queued' || !this.running) {
      this.pushed.delete(id);
      return;
    }
    const payload = JSON.parse(row.payload) as unknown;
    try {
      const staged = await stagePayload(this.farm.store, id, payload);
      this.staged.set(id, staged.paths);
      const secrets = await this.secrets({ id, kind: row.kind, payload });
      const data: FarmJobData = {
        kind: row.kind,
        payload: staged.payload,
        attempt: row.attempts + 1,
        checkpoint: row.checkpoint === null ? null : (JSON.parse(row.checkpoint) as unknown),
        secrets: Object.fromEntries(Object.entries(secrets).filter(([name]) => !WORKER_OWN_SECRETS.has(name))),
      };
      // The job id is ours: a second push of the same job (after a reconnect) adds nothing.
      await this.queueOf(row.queue).add(row.kind, data, { jobId: id, priority: bullPriority(row.priority), attempts: 1, removeOnComplete: false, removeOnFail: false });
    } catch (err) {
      // An input file gone, no credential for the job: it ends (or waits to retry) as a failed run would.
      this.pushed.delete(id);
      const started = this.rows.started(id, this.owner, this.now(), this.config.leaseMs);
      if (started) this.settlement.failure(started, toErrorInfo(err));
      this.schedulePump();
    }
  }

  // ── what the workers report ───────────────────────────────────────────

  private serial(id: string, work: () => Promise<void>): Promise<void> {
    const next = (this.busy.get(id) ?? Promise.resolve())
      .then(work)
      .catch((err: unknown) => {
        process.stderr.write(`farm: job ${id}: ${toErrorInfo(err).message}\n`);
      })
      .finally(() => {
        if (this.busy.get(id) === next) this.busy.delete(id);
      });
    this.busy.set(id, next);
    return next;
  }

  /** The row as running (a worker has it), whatever event told us first. */
  private ensureStarted(row: JobRow): JobRow {
    if (row.status !== 'queued') return row;
    const started = this.rows.started(row.id, this.owner, this.now(), this.config.leaseMs);
    if (started) this.events.emit('job.updated', this.view(started));
    return started ?? this.jobs.get(row.id) ?? row;
  }

  private async onActive(id: string): Promise<void> {
    const row = this.jobs.get(id);
    if (!row) return;
    if (row.status === 'canceled' || row.cancel_requested) {
      // Canceled as a worker took it: that worker stops it at once.
      await this.redis?.set(cancelKey(id), '1', 'EX', FLAG_TTL_S);
      await this.redis?.publish(CANCEL_CHANNEL, id);
      return;
    }
    if (row.status === 'queued') this.ensureStarted(row);
  }

  private async onProgress(id: string, data: unknown): Promise<void> {
    const row = this.jobs.get(id);
    const parsed = farmProgressSchema.safeParse(data);
    if (!row || isFinished(row.status as JobStatus) || !parsed.success) return;
    const current = this.ensureStarted(row);
    const now = this.now();
    const p = parsed.data;
    if (p.t === 'progress') {
      if (p.preview !== undefined) {
        this.events.emit('job.progress', { id, progress: p.progress, message: p.message, preview: p.preview });
        return;
      }
      this.jobs.progress(id, this.owner, now + this.config.leaseMs, p.progress, p.message, p.checkpoint);
      this.events.emit('job.progress', { id, progress: p.progress, message: p.message });
      return;
    }
    // A checkpoint the worker waits on: stored with the kind's hooks in one transaction, then acknowledged.
    const hooks = this.settlement.hooksOf(current.kind);
    let stored = false;
    try {
      stored = this.jobs.store.transaction(() => {
        const r = this.jobs.get(id);
        if (!r || !this.jobs.progress(id, this.owner, now + this.config.leaseMs, r.progress, r.progress_message, p.state ?? null)) return false;
        for (const h of hooks) h.onCheckpoint?.(rowToView(this.jobs.get(id)!), p.state);
        return true;
      });
    } catch {
      // A hook refused it: the job cannot go on safely, so it is canceled (the waiting worker sees the flag).
      await this.cancel(id);
      return;
    }
    if (stored) await this.redis?.set(checkpointAckKey(id, p.seq), '1', 'EX', FLAG_TTL_S);
  }

  /**
   * A run's end as QueueEvents tells it, acted on as Redis holds it now: only while the job under
   * that id is still so ended, and with its own result. A retry goes back under the same job id, so
   * an attempt's report can come after reconcile already settled that attempt from Redis and pushed
   * the retry; read from the event, it would end the retry with the earlier attempt's outcome.
   */
  private async onEnded(id: string, state: 'completed' | 'failed'): Promise<void> {
    const row = this.jobs.get(id);
    if (!row) return;
    const now = await this.jobNow(row.queue, id);
    if (now?.state !== state) return;
    if (state === 'completed') await this.onCompleted(id, now.job.returnvalue);
    else await this.onFailed(id, now.job.failedReason);
  }

  /**
   * The job under `id` and the state Redis holds it in. The state is read first: a job seen ended
   * then carries its result, as an ended job changes no more until it is removed. Read the other
   * way round, a job that ended between the two reads looked failed with no failedReason.
   */
  private async jobNow(queue: string, id: string): Promise<{ job: Job; state: JobState | 'unknown' } | null> {
    const q = this.queueOf(queue);
    const state = await q.getJobState(id);
    const job = await q.getJob(id);
    return job ? { job, state } : null;
  }

  private async onCompleted(id: string, returnvalue: unknown): Promise<void> {
    const row = this.jobs.get(id);
    if (!row || isFinished(row.status as JobStatus)) {
      if (row) await this.cleanup(id, row.queue);
      return;
    }
    const current = this.ensureStarted(row);
    const back = farmReturnSchema.safeParse(typeof returnvalue === 'string' ? safeJson(returnvalue) : returnvalue);
    let result: unknown;
    try {
      if (!back.success) throw new Error(`the worker's answer is not one this dispatcher reads (${back.error.issues[0]?.message ?? 'invalid'})`);
      result = await receiveOutputs(this.farm.store, back.data, this.staged.get(id) ?? payloadPaths(JSON.parse(row.payload)), this.paths.home);
    } catch (err) {
      await this.cleanup(id, row.queue);
      this.settlement.failure(current, { ...toErrorInfo(err), retryable: true });
      this.schedulePump();
      return;
    }
    await this.cleanup(id, row.queue);
    this.settlement.success(current, result);
  }

  private async onFailed(id: string, reason: string): Promise<void> {
    const row = this.jobs.get(id);
    if (!row || isFinished(row.status as JobStatus)) {
      if (row) await this.cleanup(id, row.queue);
      return;
    }
    const current = this.ensureStarted(row);
    const error: ErrorInfo = decodeError(reason);
    // The BullMQ job goes first, so a retry is pushed under the same id.
    await this.cleanup(id, row.queue);
    this.settlement.failure(current, error);
    this.schedulePump();
  }

  /** A settled (or retried) job leaves Redis and the store; what it made is in the dispatcher's folders by now. */
  private async cleanup(id: string, queue: string): Promise<void> {
    this.pushed.delete(id);
    this.staged.delete(id);
    await this.queueOf(queue).remove(id).catch(() => 0);
    await this.redis?.del(cancelKey(id));
    await this.farm.store.deletePrefix(`jobs/${id}`);
  }

  /**
   * Reads every unfinished row's job back from Redis: what finished while
   * this dispatcher was away or its events were lost is settled, a running
   * row whose job Redis no longer has goes back to the queue, a queued row
   * with no job is pushed (again).
   */
  private async reconcile(): Promise<void> {
    if (!this.running) return;
    const rows = [...this.rows.runningOwnedBy(this.owner), ...this.jobs.byStatus('queued', 5000)];
    await Promise.all(
      rows.map((row) =>
        this.serial(row.id, async () => {
          const now = await this.jobNow(row.queue, row.id);
          const latest = this.jobs.get(row.id);
          if (!latest || isFinished(latest.status as JobStatus)) return;
          if (!now) {
            if (latest.status === 'running') {
              const back = this.jobs.checkpointBack(row.id, this.owner, this.now());
              if (back) this.events.emit('job.updated', this.view(back));
            }
            // A push of it earlier in this job's line has landed by now, so none is on its way: it is pushed anew.
            this.pushed.delete(row.id);
            return;
          }
          const { job, state } = now;
          if (state === 'completed') await this.onCompleted(row.id, job.returnvalue);
          else if (state === 'failed') await this.onFailed(row.id, job.failedReason);
          else if (state === 'active') this.ensureStarted(latest);
          else this.pushed.add(row.id);
        }),
      ),
    );
    this.schedulePump();
  }

  private queueOf(queue: string): Queue {
    const q = this.queues.get(queue as QueueName);
    if (!q) throw new Error(`the farm dispatcher is not started (no queue ${queue})`);
    return q;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
