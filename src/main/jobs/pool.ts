import { WORKER_PRELOAD_ENV, type FromWorker, type ToWorker } from '../../shared/jobs/protocol.js';
import type { QueueName } from '../../shared/jobs/queues.js';
import { residentMb } from './memory-cap.js';
import type { WorkerHandle, WorkerSpawner } from './transport.js';

export interface PooledWorker {
  readonly id: number;
  readonly queue: QueueName;
  /** Its queue, or "queue:kind" for a kind with a lane of its own (config.ts KindLane): idle workers are reused within one lane. */
  readonly lane: string;
  /** It is replaced after this many jobs. */
  readonly maxJobs: number;
  /** How many jobs it runs at once: 1, or more in a lane of HTTP-bound jobs (config.ts KindLane.jobsAtOnce). */
  readonly jobsAtOnce: number;
  readonly handle: WorkerHandle;
  readonly ready: Promise<void>;
  jobsDone: number;
  /** The ids of the jobs it runs now. */
  readonly running: Set<string>;
  /** It takes no more jobs and is retired when its running jobs end (its last job was handed out, or a capped worker's job failed). */
  draining: boolean;
  exited: boolean;
  /** The queue's memory cap (MiB), null when uncapped. */
  readonly memoryLimitMb: number | null;
  /** Set when the pool killed the worker for going over its cap: the resident memory seen then (MiB). */
  overMemoryMb: number | null;
}

/** A kind's own lane (config.ts KindLane) as the pool sees it. */
export interface PoolLane {
  key: string;
  /** The lane's one job kind: its workers load its handler before they say they are ready. */
  kind: string;
  maxJobsPerWorker: number;
  jobsAtOnce: number;
}

export interface PoolOptions {
  /** A worker process is replaced after this many jobs (leaks and fragmentation stay bounded); a kind's lane may say otherwise. */
  maxJobsPerWorker: number;
  heartbeatMs: number;
  /** Idle workers are stopped after this long. */
  idleMs: number;
  /** Memory cap per queue (MiB): the worker's V8 heap is capped and its resident memory watched (see memory-cap.ts). */
  memoryLimitMb: Partial<Record<QueueName, number>>;
  /** How often a busy capped worker's resident memory is sampled. */
  memoryCheckMs: number;
  onMessage(worker: PooledWorker, message: FromWorker): void;
  onExit(worker: PooledWorker, code: number | null, signal: string | null): void;
}

/**
 * Worker processes per queue (the video queue's workers are isolated from
 * the rest). One job at a time per process, so a crash costs one job; a lane
 * of HTTP-bound jobs may run several at once in one process, whose crash then
 * costs each of them an attempt (they are retried), for a fraction of the CPU
 * that a process per job spends on its own heap, IPC and scheduling.
 */
export class WorkerPool {
  private nextId = 1;
  private readonly idle = new Map<string, PooledWorker[]>();
  private readonly all = new Set<PooledWorker>();
  private readonly idleTimers = new Map<PooledWorker, NodeJS.Timeout>();
  private memoryTimer: NodeJS.Timeout | null = null;
  spawned = 0;

  constructor(
    private readonly spawner: WorkerSpawner,
    private readonly options: PoolOptions,
  ) {}

  /**
   * A worker for job `jobId`: in a lane that runs several jobs per worker, a busy one with room
   * first (fewer processes, the point of sharing), then an idle one of the lane (the queue's own
   * unless a kind's lane is named), or a new one.
   */
  acquire(queue: QueueName, jobId: string, lane?: PoolLane): PooledWorker {
    const key = lane?.key ?? queue;
    const worker = this.busyWithRoom(key) ?? this.takeIdle(key) ?? this.spawn(queue, key, lane?.maxJobsPerWorker ?? this.options.maxJobsPerWorker, lane?.jobsAtOnce ?? 1, lane?.kind);
    worker.running.add(jobId);
    if (worker.jobsDone + worker.running.size >= worker.maxJobs) {
      // Its last job is handed out: it takes no more, so no job lands on a worker that is about to be
      // retired. A kind lane's worker (hundreds of jobs of one kind in a row) has its successor started
      // now, while those last jobs run, so the lane's next job does not wait a process start (~1 s);
      // unused, the successor is stopped after idleMs like any idle worker.
      worker.draining = true;
      if (lane) this.keepIdle(this.spawn(queue, key, worker.maxJobs, worker.jobsAtOnce, lane.kind));
    }
    return worker;
  }

  /**
   * Job `jobId` ended on `worker`. An idle worker goes back to the idle list, or is retired: after
   * its last job, and — for a memory-capped queue (video) — after a failed job, so whatever the
   * failed job held (a half-built render, native buffers) goes back to the system with the process
   * instead of staying in a worker kept for the next job.
   */
  release(worker: PooledWorker, jobId: string, failed = false): void {
    if (!worker.running.delete(jobId)) return;
    worker.jobsDone += 1;
    if (worker.exited) return;
    if (failed && worker.memoryLimitMb !== null) worker.draining = true;
    if (worker.running.size > 0) return;
    if (worker.draining) {
      this.retire(worker);
      return;
    }
    this.keepIdle(worker);
  }

  /** Puts a worker on its lane's idle list, to be stopped after idleMs unless a job takes it. */
  private keepIdle(worker: PooledWorker): void {
    const list = this.idle.get(worker.lane) ?? [];
    list.push(worker);
    this.idle.set(worker.lane, list);
    const timer = setTimeout(() => this.retire(worker), this.options.idleMs);
    timer.unref();
    this.idleTimers.set(worker, timer);
  }

  private busyWithRoom(lane: string): PooledWorker | undefined {
    for (const w of this.all) if (w.lane === lane && w.running.size > 0 && w.running.size < w.jobsAtOnce && !w.draining && !w.exited) return w;
    return undefined;
  }

  private takeIdle(lane: string): PooledWorker | undefined {
    const list = this.idle.get(lane) ?? [];
    let worker = list.pop();
    while (worker && worker.exited) worker = list.pop();
    if (!worker) return undefined;
    clearTimeout(this.idleTimers.get(worker));
    this.idleTimers.delete(worker);
    return worker;
  }

  /** Ends a worker now (hung, or its job was canceled and it does not answer). */
  kill(worker: PooledWorker): void {
    worker.handle.kill('SIGKILL');
  }

  send(worker: PooledWorker, message: ToWorker): void {
    if (!worker.exited) worker.handle.send(message);
  }

  workers(): PooledWorker[] {
    return [...this.all];
  }

  closeAll(): void {
    this.stopMemoryWatch();
    for (const w of this.all) {
      clearTimeout(this.idleTimers.get(w));
      w.handle.kill('SIGKILL');
    }
    this.idle.clear();
    this.idleTimers.clear();
  }

  private retire(worker: PooledWorker): void {
    this.removeIdle(worker);
    this.send(worker, { type: 'shutdown' });
    setTimeout(() => worker.handle.kill('SIGKILL'), 2000).unref();
  }

  private removeIdle(worker: PooledWorker): void {
    const list = this.idle.get(worker.lane);
    if (list) this.idle.set(worker.lane, list.filter((w) => w !== worker));
    clearTimeout(this.idleTimers.get(worker));
    this.idleTimers.delete(worker);
  }

  /** Samples the busy capped workers; one over its cap is killed, and its exit fails its jobs as WORKER_MEMORY_LIMIT. */
  private async checkMemory(): Promise<void> {
    for (const w of this.all) {
      if (!w.memoryLimitMb || w.running.size === 0 || w.exited || w.overMemoryMb !== null || w.handle.pid === undefined) continue;
      const mb = await residentMb(w.handle.pid);
      if (mb !== null && mb > w.memoryLimitMb && !w.exited) {
        w.overMemoryMb = mb;
        w.handle.kill('SIGKILL');
      }
    }
  }

  private startMemoryWatch(): void {
    if (this.memoryTimer) return;
    this.memoryTimer = setInterval(() => void this.checkMemory(), this.options.memoryCheckMs);
    this.memoryTimer.unref();
  }

  private stopMemoryWatch(): void {
    if (this.memoryTimer) clearInterval(this.memoryTimer);
    this.memoryTimer = null;
  }

  private spawn(queue: QueueName, lane: string, maxJobs: number, jobsAtOnce: number, laneKind?: string): PooledWorker {
    const memoryLimitMb = this.options.memoryLimitMb[queue] ?? null;
    const handle = this.spawner.spawn({
      name: `kingjam-worker-${queue}`,
      env: { KINGJAM_HEARTBEAT_MS: String(this.options.heartbeatMs), KINGJAM_WORKER_QUEUE: queue, ...(laneKind ? { [WORKER_PRELOAD_ENV]: laneKind } : {}) },
      ...(memoryLimitMb ? { memoryLimitMb } : {}),
    });
    let markReady: () => void = () => undefined;
    const worker: PooledWorker = {
      id: this.nextId++,
      queue,
      lane,
      maxJobs,
      jobsAtOnce,
      handle,
      ready: new Promise<void>((resolve) => (markReady = resolve)),
      jobsDone: 0,
      running: new Set(),
      draining: false,
      exited: false,
      memoryLimitMb,
      overMemoryMb: null,
    };
    this.spawned += 1;
    this.all.add(worker);
    if (memoryLimitMb) this.startMemoryWatch();
    handle.onMessage((message) => {
      if (message.type === 'ready') markReady();
      else this.options.onMessage(worker, message);
    });
    handle.onExit((code, signal) => {
      worker.exited = true;
      markReady();
      this.all.delete(worker);
      this.removeIdle(worker);
      if (![...this.all].some((w) => w.memoryLimitMb)) this.stopMemoryWatch();
      this.options.onExit(worker, code, signal);
    });
    return worker;
  }
}
