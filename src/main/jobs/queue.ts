import type { ErrorInfo } from '../../shared/errors.js';
import type { JobKind, JobPayloadInput } from '../../shared/jobs/kinds.js';
import type { JobStatus, JobView } from '../../shared/jobs/model.js';
import type { QueueName } from '../../shared/jobs/queues.js';

export interface EnqueueOptions {
  queue?: QueueName;
  /** Higher runs first within a queue. */
  priority?: number;
  maxAttempts?: number;
  delayMs?: number;
  estimatedCredits?: number;
  /** The generation project this job works for (its hooks find the project through it). */
  projectId?: string;
  /** The checkpoint the first attempt starts from (work an earlier job began: a publish attempt after one that was cut off). */
  checkpoint?: unknown;
}

export interface SettledHooks<R = unknown> {
  /** Runs in the same transaction that marks the job succeeded. */
  onSuccess?(job: JobView, result: R): void;
  /** Runs in the same transaction that marks the job failed or canceled for good. */
  onFailure?(job: JobView, error: ErrorInfo): void;
  /** Runs in the same transaction that stores a checkpoint the worker waits on (`saveCheckpoint`); throwing refuses it. */
  onCheckpoint?(job: JobView, state: unknown): void;
}

/** The credentials a worker gets with one job (built per job: cloud work carries a token minted for it). */
export type SecretsSource = (job: { id: string; kind: string; payload: unknown }) => Record<string, string> | Promise<Record<string, string>>;

/**
 * Credits around a paid job (ARCHITECTURE.md, Jobs): a hold before it is
 * queued, captured for the actual cost on success, released on failure or
 * cancel — nobody pays for a failed generation. hold/capture/release are
 * synchronous so they commit in the same transaction as the job's row.
 */
export interface CreditsGate {
  /** Makes sure `amount` can be held (may reserve more credits from the cloud). */
  prepare(amount: number): Promise<void>;
  hold(jobId: string, amount: number): string;
  capture(holdId: string, actual: number): void;
  release(holdId: string): void;
}

/**
 * The durable job queue as the rest of main sees it. The embedded back end
 * is SQLite (sqlite-queue.ts); a BullMQ/Redis back end for headless render
 * farms implements the same interface.
 */
export interface JobQueue {
  enqueue<K extends JobKind>(kind: K, payload: JobPayloadInput<K>, options?: EnqueueOptions): Promise<JobView>;
  get(id: string): Promise<JobView | null>;
  list(filter: { status?: JobStatus; kind?: string; limit: number; before?: string }): Promise<{ items: JobView[]; nextBefore: string | null }>;
  counts(): Promise<Record<JobStatus, number>>;
  cancel(id: string): Promise<JobView>;
  retry(id: string): Promise<JobView>;
  /** Resolves when the job has finished (succeeded, failed or canceled). */
  waitFor(id: string): Promise<JobView>;
  onSettled(kind: JobKind, hooks: SettledHooks): void;
  start(): void;
  /** Stops dispatching; running jobs are checkpointed back to the queue so they resume at next start. */
  stop(): Promise<void>;
}
