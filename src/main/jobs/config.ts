import os from 'node:os';
import { DEFAULT_CONCURRENCY } from '../../shared/settings.js';
import type { JobKind } from '../../shared/jobs/kinds.js';
import type { QueueName } from '../../shared/jobs/queues.js';

export interface RateLimit {
  max: number;
  windowMs: number;
}

/**
 * A job kind that runs in a lane of its own inside its queue: its own number
 * of jobs at once and its own worker processes, each kept for more jobs. For
 * HTTP-bound work that holds no big memory (publishing), whose jobs would
 * otherwise wait behind the queue's few slots and pay a process start every
 * few jobs. The queue's memory floor, memory cap and start limit still apply.
 */
export interface KindLane {
  concurrency: number;
  maxJobsPerWorker: number;
  /**
   * Jobs one worker process runs at once. A job that mostly waits on the network leaves its
   * process idle: sharing one among several costs far less CPU than a process each (bench:publish).
   */
  jobsAtOnce: number;
}

export interface JobSystemConfig {
  concurrency: Record<QueueName, number>;
  /** A running job whose worker sends no heartbeat for this long goes back to the queue. */
  leaseMs: number;
  heartbeatMs: number;
  maxAttempts: number;
  /** Backoff before attempt n+1 is base·2^(n−1), capped. */
  backoffBaseMs: number;
  backoffMaxMs: number;
  rateLimits: Partial<Record<QueueName, RateLimit>>;
  maxJobsPerWorker: number;
  lanes: Partial<Record<JobKind, KindLane>>;
  workerIdleMs: number;
  /** Memory cap of a queue's worker processes (MiB); the video worker's is 4 GB (seed §9.3). */
  workerMemoryMb: Partial<Record<QueueName, number>>;
  /** How often a busy capped worker's memory is sampled. */
  memoryCheckMs: number;
  /** Jobs wait while free memory is below this (MiB). */
  minFreeMemoryMb: number;
  freeMemoryMb: () => number;
  /** How long a canceled job's worker gets to stop before it is killed. */
  cancelGraceMs: number;
  tickMs: number;
}

/** Seed: video worker isolated, 1 at a time, at most 10 video jobs a minute (paid ones: the limit guards paid model APIs, free offline/local jobs are not counted or held), at most 10 tasks per child, at most 4 GB. */
export const DEFAULT_JOB_CONFIG: JobSystemConfig = {
  concurrency: { ...DEFAULT_CONCURRENCY },
  leaseMs: 60_000,
  heartbeatMs: 5_000,
  maxAttempts: 3,
  backoffBaseMs: 2_000,
  backoffMaxMs: 60_000,
  rateLimits: { video: { max: 10, windowMs: 60_000 } },
  maxJobsPerWorker: 10,
  // Above the busiest platform's 4 at once (PUBLISH_RATE): the outbox's per-platform limits are what bound publishing.
  // KOL posts (issue 14) are one text call each, HTTP-bound and small in memory like publishing: a lane whose workers stay for a whole batch.
  lanes: { 'publish.post': { concurrency: 8, maxJobsPerWorker: 500, jobsAtOnce: 4 }, 'kol.write': { concurrency: 4, maxJobsPerWorker: 500, jobsAtOnce: 4 } },
  workerIdleMs: 120_000,
  // A 1,000,000-triangle mesh with its BVH and repair copies needs a few hundred MB; the cap stops a runaway model file.
  workerMemoryMb: { video: 4096, mesh: 4096 },
  memoryCheckMs: 1_000,
  minFreeMemoryMb: 256,
  freeMemoryMb: recentFreeMemoryMb(),
  cancelGraceMs: 5_000,
  tickMs: 250,
};

/**
 * Free memory, read again at most every 100 ms: os.freemem() reads /proc/meminfo, and a busy lane's
 * pump asks before each start (a burst of posts asked hundreds of times a second, at ~0.1 ms a read).
 */
function recentFreeMemoryMb(): () => number {
  let readAt = -Infinity;
  let freeMb = 0;
  return () => {
    const now = performance.now();
    if (now - readAt >= 100) {
      freeMb = os.freemem() / (1024 * 1024);
      readAt = now;
    }
    return freeMb;
  };
}
