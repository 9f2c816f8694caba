import type { ErrorInfo } from '../errors.js';
import type { QueueName } from './queues.js';

export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'canceled'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export function isFinished(status: JobStatus): boolean {
  return status === 'succeeded' || status === 'failed' || status === 'canceled';
}

/** A job as the UI and the CLI see it. */
export interface JobView {
  id: string;
  kind: string;
  title: string;
  queue: QueueName;
  priority: number;
  status: JobStatus;
  /** 0…1 */
  progress: number;
  /** What the job is doing, as a label of src/shared/progress-labels.ts (older rows: free text). */
  progressMessage: string | null;
  attempts: number;
  maxAttempts: number;
  createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  /** Not before this time (backoff after a failed attempt). */
  runAfter: number;
  /** Why a queued job is not starting right now (memory floor, rate limit), as a label of src/shared/progress-labels.ts. */
  heldReason: string | null;
  error: ErrorInfo | null;
  result: unknown;
  estimatedCredits: number;
  actualCredits: number | null;
  projectId: string | null;
}

export interface JobProgressEvent {
  id: string;
  progress: number;
  message: string | null;
  /** Streaming output so far (e.g. an article as it is written); not stored. */
  preview?: string;
}
