import type { ErrorInfo } from '../errors.js';

/**
 * Set in a kind lane's worker's environment to the lane's job kind: the worker loads that kind's
 * handler before it says it is ready, so a worker started ahead of need (pool.ts) costs the job
 * it then takes no module loading.
 */
export const WORKER_PRELOAD_ENV = 'KINGJAM_WORKER_PRELOAD';

/** Messages between main and a worker process (the same over utilityProcess and child_process). */
export interface WorkerPaths {
  home: string;
  library: string;
  temp: string;
}

export type ToWorker =
  | {
      type: 'run';
      jobId: string;
      kind: string;
      payload: unknown;
      attempt: number;
      checkpoint: unknown;
      paths: WorkerPaths;
      /** API keys for this job, from the keychain; never stored with the job. */
      secrets: Record<string, string>;
    }
  | { type: 'cancel'; jobId: string }
  /** Main has stored the checkpoint `seq` of this job (the answer to a `checkpoint` message). */
  | { type: 'checkpointSaved'; jobId: string; seq: number }
  | { type: 'shutdown' };

export type FromWorker =
  | { type: 'ready'; pid: number }
  | { type: 'heartbeat'; jobId: string }
  | { type: 'progress'; jobId: string; progress: number; message: string | null; checkpoint?: unknown; preview?: string }
  /** A checkpoint that must be stored before the job goes on (a step the platform cannot undo follows): main answers `checkpointSaved`. */
  | { type: 'checkpoint'; jobId: string; seq: number; state: unknown }
  | { type: 'done'; jobId: string; result: unknown }
  | { type: 'failed'; jobId: string; error: ErrorInfo }
  | { type: 'canceled'; jobId: string };
