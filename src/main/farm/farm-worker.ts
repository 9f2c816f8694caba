import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { DelayedError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { toErrorInfo, type ErrorInfo } from '../../shared/errors.js';
import type { FromWorker, WorkerPaths } from '../../shared/jobs/protocol.js';
import { QUEUES, type QueueName } from '../../shared/jobs/queues.js';
import type { JobSystemConfig } from '../jobs/config.js';
import { memoryCapFailure } from '../jobs/memory-cap.js';
import { WorkerPool, type PooledWorker } from '../jobs/pool.js';
import type { WorkerSpawner } from '../jobs/transport.js';
import type { SharedFileStore } from './file-store.js';
import { localizePayload, publishOutputs } from './file-map.js';
import { CANCEL_CHANNEL, bullQueueName, cancelKey, checkpointAckKey, openRedis, redisOptions } from './redis.js';
import { watchRedis, type RedisChange } from './redis-reach.js';
import { encodeError, farmJobDataSchema, farmProgressSchema, type FarmJobData, type FarmReturn } from './wire.js';

export interface FarmWorkerOptions {
  redisUrl: string;
  store: SharedFileStore;
  /** Jobs at once per queue on this machine; 0 takes none of that queue. */
  concurrency: Record<QueueName, number>;
  name: string;
  spawner: WorkerSpawner;
  /** This machine's data folder (the jobs' temp files, and what handlers write in their own folders). */
  paths: WorkerPaths;
  /** Heartbeat, memory caps, jobs per process and the cancel grace, as on one machine. */
  config: JobSystemConfig;
  /** How long a job's lock lasts without renewal: a worker that dies loses its jobs to the others this long after (BullMQ's stalled check). */
  lockMs: number;
  /** Credentials this machine configures for itself (its API keys, local servers), merged under each job's own. */
  secrets: Record<string, string>;
  onEvent?: (event: FarmWorkerEvent) => void;
  /** Told when this machine stops taking jobs for lack of free memory, and when it takes them again. */
  onMemoryHold?: (hold: MemoryHold) => void;
  /** Told when Redis cannot be reached (at once, then at most every 30 s while it lasts) and when it answers again; the worker keeps retrying. */
  onRedis?: (change: RedisChange) => void;
}

export interface MemoryHold {
  held: boolean;
  freeMb: number;
  minMb: number;
}

/** How often free memory is read while the worker runs; taking jobs again waits for this much above the floor, so it does not flap. */
const MEMORY_POLL_MS = 2_000;
const RESUME_MARGIN = 1.25;

export interface FarmWorkerEvent {
  type: 'start' | 'done' | 'failed';
  jobId: string;
  kind: string;
  queue: QueueName;
  attempt: number;
  at: number;
  error?: ErrorInfo;
}

type Outcome = { ok: true; result: unknown } | { ok: false; error: ErrorInfo };

const canceled = (): ErrorInfo => ({ code: 'CANCELED', message: 'Canceled by the user.' });

/**
 * `kingjam worker`: BullMQ workers, one per queue this machine takes, each
 * job run in a worker process of the same pool, entry and protocol as on
 * one machine (src/workers never knows it is on a farm). Files come from and
 * go to the shared store; progress, checkpoints and results go back to the
 * dispatcher through BullMQ; a cancel comes as a Redis flag.
 */
export class FarmWorker {
  private readonly pool: WorkerPool;
  private readonly routes = new Map<PooledWorker, (message: FromWorker) => void>();
  private readonly exits = new Map<PooledWorker, (code: number | null, signal: string | null) => void>();
  private readonly cancels = new Map<string, () => void>();
  private readonly workers: Worker[] = [];
  private redis: Redis | null = null;
  private subscriber: Redis | null = null;
  private memoryTimer: NodeJS.Timeout | null = null;
  private memoryHeld = false;

  constructor(private readonly options: FarmWorkerOptions) {
    const c = options.config;
    this.pool = new WorkerPool(options.spawner, {
      maxJobsPerWorker: c.maxJobsPerWorker,
      heartbeatMs: c.heartbeatMs,
      idleMs: c.workerIdleMs,
      memoryLimitMb: c.workerMemoryMb,
      memoryCheckMs: c.memoryCheckMs,
      onMessage: (worker, message) => this.routes.get(worker)?.(message),
      onExit: (worker, code, signal) => this.exits.get(worker)?.(code, signal),
    });
  }

  async start(): Promise<void> {
    const { redisUrl, lockMs } = this.options;
    this.redis = openRedis(redisUrl);
    // Watched before anything waits on it: a worker started while Redis is down says so instead of hanging silently.
    if (this.options.onRedis) watchRedis(this.redis, redisUrl, this.options.onRedis);
    this.subscriber = openRedis(redisUrl);
    this.subscriber.on('message', (_channel: string, jobId: string) => this.cancels.get(jobId)?.());
    await this.subscriber.subscribe(CANCEL_CHANNEL);
    for (const queue of QUEUES) {
      const concurrency = this.options.concurrency[queue];
      if (concurrency <= 0) continue;
      const worker = new Worker(bullQueueName(queue), (job, token) => this.process(queue, job, token), {
        connection: redisOptions(redisUrl),
        concurrency,
        name: this.options.name,
        lockDuration: lockMs,
        stalledInterval: Math.max(1_000, Math.round(lockMs / 2)),
        // A job whose workers died twice is failed back to the dispatcher, whose retry policy decides.
        maxStalledCount: 2,
      });
      worker.on('error', () => undefined); // connection trouble: ioredis reconnects, the job's lock covers the gap
      this.workers.push(worker);
    }
    await Promise.all(this.workers.map((w) => w.waitUntilReady()));
    await this.checkMemory();
    this.memoryTimer = setInterval(() => void this.checkMemory(), MEMORY_POLL_MS);
    this.memoryTimer.unref();
  }

  /**
   * The machine's memory floor, as on one machine (the queue's admission):
   * below it this worker takes no new jobs — they stay in Redis for the
   * farm's other machines — and the running ones go on. It takes jobs again
   * once free memory is back a margin above the floor.
   */
  private async checkMemory(): Promise<void> {
    const { config } = this.options;
    const freeMb = config.freeMemoryMb();
    const minMb = config.minFreeMemoryMb;
    const hold = this.memoryHeld ? freeMb < minMb * RESUME_MARGIN : freeMb < minMb;
    if (hold === this.memoryHeld) return;
    this.memoryHeld = hold;
    if (hold) await Promise.all(this.workers.map((w) => w.pause(true)));
    else for (const w of this.workers) w.resume();
    this.options.onMemoryHold?.({ held: hold, freeMb: Math.round(freeMb), minMb });
  }

  /** Stops taking jobs; running ones are left to their lock, so another worker takes them over (as a restart on one machine resumes them). */
  async close(): Promise<void> {
    if (this.memoryTimer) clearInterval(this.memoryTimer);
    await Promise.allSettled(this.workers.map((w) => w.close(true)));
    this.pool.closeAll();
    this.subscriber?.disconnect();
    this.redis?.disconnect();
  }

  private async process(queue: QueueName, job: Job, token: string | undefined): Promise<FarmReturn> {
    const id = job.id!;
    // A fetch already waiting in Redis when the worker paused for memory can still bring a job: it goes
    // back untouched (not an attempt) for this or another machine to take in a moment.
    if (this.memoryHeld) {
      await job.moveToDelayed(Date.now() + MEMORY_POLL_MS, token);
      throw new DelayedError();
    }
    const parsed = farmJobDataSchema.safeParse(job.data);
    if (!parsed.success) throw new Error(encodeError({ code: 'BAD_INPUT', message: `The farm job ${id} is not one this worker reads: ${parsed.error.issues[0]?.message ?? 'invalid'}.` }));
    const data = parsed.data;
    const event = { jobId: id, kind: data.kind, queue, attempt: data.attempt };
    this.options.onEvent?.({ type: 'start', ...event, at: Date.now() });
    const workDir = path.join(this.options.paths.temp, 'farm', `${id}-${randomUUID().slice(0, 8)}`);
    try {
      // A job canceled as it was taken: the flag is read while its inputs are fetched (one round trip less per job).
      const [flagged, local] = await Promise.all([this.redis!.exists(cancelKey(id)), localizePayload(this.options.store, id, data.payload, workDir)]);
      if (flagged) throw new Error(encodeError(canceled()));
      // A job taken over from a worker that died resumes from the last checkpoint that worker reported.
      const before = farmProgressSchema.safeParse(job.progress);
      const checkpoint = before.success && before.data.t === 'progress' && before.data.checkpoint !== undefined ? before.data.checkpoint : data.checkpoint;
      const outcome = await this.runInPool(queue, job, data, local.payload, checkpoint);
      if (!outcome.ok) throw new Error(encodeError(outcome.error));
      const back = await publishOutputs(this.options.store, id, outcome.result, local.slots, this.options.paths.home);
      this.options.onEvent?.({ type: 'done', ...event, at: Date.now() });
      return back;
    } catch (err) {
      const error = err instanceof Error && err.message.startsWith('{') ? (JSON.parse(err.message) as ErrorInfo) : toErrorInfo(err);
      this.options.onEvent?.({ type: 'failed', ...event, at: Date.now(), error });
      throw new Error(encodeError(error));
    } finally {
      await fs.rm(workDir, { recursive: true, force: true });
    }
  }

  private runInPool(queue: QueueName, job: Job, data: FarmJobData, payload: unknown, checkpoint: unknown): Promise<Outcome> {
    const id = job.id!;
    const { config } = this.options;
    return new Promise<Outcome>((resolve) => {
      const worker = this.pool.acquire(queue, id);
      let lastCheckpoint = checkpoint;
      let cancelTimer: NodeJS.Timeout | undefined;
      let finished = false;
      const finish = (outcome: Outcome) => {
        if (finished) return;
        finished = true;
        clearTimeout(cancelTimer);
        this.routes.delete(worker);
        this.exits.delete(worker);
        this.cancels.delete(id);
        if (!worker.exited) this.pool.release(worker, id);
        resolve(outcome);
      };
      this.cancels.set(id, () => {
        if (cancelTimer) return;
        this.pool.send(worker, { type: 'cancel', jobId: id });
        // A worker that does not stop in time is killed; its exit ends the job as canceled.
        cancelTimer = setTimeout(() => this.pool.kill(worker), config.cancelGraceMs);
        cancelTimer.unref();
      });
      this.routes.set(worker, (m) => {
        if (m.type === 'ready' || m.jobId !== id) return;
        switch (m.type) {
          case 'heartbeat':
            void this.redis!.exists(cancelKey(id)).then((n) => (n ? this.cancels.get(id)?.() : undefined), () => undefined);
            break;
          case 'progress':
            if (m.checkpoint !== undefined) lastCheckpoint = m.checkpoint;
            void job
              .updateProgress({ t: 'progress', progress: m.progress, message: m.message, ...(lastCheckpoint !== null && lastCheckpoint !== undefined ? { checkpoint: lastCheckpoint } : {}), ...(m.preview !== undefined ? { preview: m.preview } : {}) })
              .catch(() => undefined);
            break;
          case 'checkpoint':
            lastCheckpoint = m.state;
            void this.checkpoint(job, m.seq, m.state, () => finished).then((saved) => {
              if (saved) this.pool.send(worker, { type: 'checkpointSaved', jobId: id, seq: m.seq });
            });
            break;
          case 'done':
            finish({ ok: true, result: m.result });
            break;
          case 'failed':
            finish({ ok: false, error: m.error });
            break;
          case 'canceled':
            finish({ ok: false, error: canceled() });
            break;
        }
      });
      this.exits.set(worker, (code, signal) => {
        const error: ErrorInfo = cancelTimer
          ? canceled()
          : (memoryCapFailure(worker, code, signal) ?? {
              code: 'WORKER_CRASHED',
              message: `The worker process stopped unexpectedly (${signal ? `signal ${signal}` : `exit code ${code}`}) while running this job.`,
              hint: 'It is retried automatically; if it keeps failing, check free memory and disk space.',
              retryable: true,
            });
        finish({ ok: false, error });
      });
      void worker.ready.then(() => {
        if (finished || worker.exited) return;
        this.pool.send(worker, {
          type: 'run',
          jobId: id,
          kind: data.kind,
          payload,
          attempt: data.attempt,
          checkpoint: lastCheckpoint ?? null,
          paths: this.options.paths,
          secrets: { ...this.options.secrets, ...data.secrets },
        });
      });
    });
  }

  /** Sends a checkpoint the job waits on and waits until the dispatcher has stored it (false: the job ended first). */
  private async checkpoint(job: Job, seq: number, state: unknown, ended: () => boolean): Promise<boolean> {
    await job.updateProgress({ t: 'checkpoint', seq, state });
    const key = checkpointAckKey(job.id!, seq);
    while (!ended()) {
      if (await this.redis!.exists(key)) return true;
      await new Promise((r) => setTimeout(r, 100));
    }
    return false;
  }
}
