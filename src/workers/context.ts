import type { WorkerPaths } from '../shared/jobs/protocol.js';

/** What a job handler gets besides its payload. */
export interface JobContext {
  jobId: string;
  attempt: number;
  /** What the previous attempt saved with `progress(…, checkpoint)`, or null. */
  checkpoint: unknown;
  paths: WorkerPaths;
  /** Aborted when the job is canceled: stop work, clean up, throw. */
  signal: AbortSignal;
  /** Report progress (0…1). A checkpoint is saved with the job and handed back if the job resumes. */
  progress(fraction: number, message?: string | null, checkpoint?: unknown): void;
}

export type JobHandler<P = never, R = unknown> = (payload: P, ctx: JobContext) => Promise<R>;
