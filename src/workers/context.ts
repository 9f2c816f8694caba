import type { WorkerPaths } from '../shared/jobs/protocol.js';
import type { ProgressLabel } from '../shared/progress-labels.js';

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
  progress(fraction: number, message?: ProgressLabel | null, checkpoint?: unknown): void;
  /**
   * Saves a checkpoint and resolves only once main has stored it (with the
   * job's row and any hook of the job's kind), so a step that cannot be undone
   * may follow: a crash after it finds the checkpoint on the next attempt.
   */
  saveCheckpoint(state: unknown): Promise<void>;
  /** Something the user should know about this job (a model replaced): reported at once, never thinned out, shown until the next progress. */
  notice(message: ProgressLabel): void;
  /** Output so far, for a live preview (e.g. an article while it is written); not stored. */
  preview(text: string): void;
  /** API keys for this job (from the keychain), by environment-variable name; never written anywhere. */
  secrets: Record<string, string>;
}

export type JobHandler<P = never, R = unknown> = (payload: P, ctx: JobContext) => Promise<R>;
