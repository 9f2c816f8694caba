import { z } from 'zod';
import { ERROR_CODES, type ErrorInfo } from '../../shared/errors.js';
import { isMessageId } from '../../shared/messages.js';
import { COMFY_WORKFLOW_ENV, KEYED_PROVIDERS, LOCAL_PROVIDERS } from '../../shared/providers.js';

/** Credentials a worker machine configures for itself (its environment): API keys never travel through Redis, and local servers' addresses and workflow files are the worker's own. */
export const WORKER_OWN_SECRETS: ReadonlySet<string> = new Set([...Object.values(KEYED_PROVIDERS), ...Object.values(LOCAL_PROVIDERS), ...Object.values(COMFY_WORKFLOW_ENV)]);

/**
 * What travels through Redis between the dispatcher and the workers. Redis
 * is outside this process, so every read is checked: a job written by an
 * older or foreign dispatcher fails with a clear error instead of reaching a
 * handler half-formed.
 */
export const farmJobDataSchema = z.object({
  kind: z.string().min(1),
  /** The payload with its file paths replaced by store tokens (file-map.ts). */
  payload: z.unknown(),
  /** The attempt number the row has (1 for the first run). */
  attempt: z.number().int().min(0),
  checkpoint: z.unknown(),
  /** Short-lived per-job credentials (a cloud generation token, a platform token); long-lived API keys never go to Redis. */
  secrets: z.record(z.string(), z.string()),
});
export type FarmJobData = z.infer<typeof farmJobDataSchema>;

/** A worker's progress as `job.updateProgress` carries it; `checkpoint` is kept on the job so a worker that takes over resumes from it. */
export const farmProgressSchema = z.discriminatedUnion('t', [
  z.object({ t: z.literal('progress'), progress: z.number(), message: z.string().nullable(), checkpoint: z.unknown().optional(), preview: z.string().optional() }),
  /** A checkpoint the job waits on until the dispatcher has stored it (FromWorker `checkpoint`). */
  z.object({ t: z.literal('checkpoint'), seq: z.number().int(), state: z.unknown() }),
]);
export type FarmProgress = z.infer<typeof farmProgressSchema>;

/** A file the worker put in the store for the dispatcher: the slot of the payload path it belongs to (or the worker's home) and where under it. */
export const farmFileSchema = z.object({
  key: z.string().min(1),
  slot: z.union([z.number().int().min(0), z.literal('home')]),
  rel: z.string(),
});
export type FarmFile = z.infer<typeof farmFileSchema>;

export const farmReturnSchema = z.object({ result: z.unknown(), files: z.array(farmFileSchema) });
export type FarmReturn = z.infer<typeof farmReturnSchema>;

const errorInfoSchema = z
  .object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    hint: z.string().optional(),
    field: z.string().optional(),
    retryable: z.boolean().optional(),
    key: z.string().optional(),
    params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  })
  .passthrough();

/** A failed run travels as BullMQ's failedReason: the ErrorInfo as JSON. */
export function encodeError(error: ErrorInfo): string {
  return JSON.stringify(error);
}

/** The ErrorInfo back; a reason BullMQ wrote itself (a job stalled too often: its workers kept dying) is a crash, retried. */
export function decodeError(reason: string): ErrorInfo {
  try {
    const parsed = errorInfoSchema.safeParse(JSON.parse(reason));
    if (parsed.success) {
      // A message key this build does not know is dropped: the English message still says it.
      const { key, params, ...rest } = parsed.data;
      return (isMessageId(key) ? { ...rest, key, ...(params ? { params } : {}) } : rest) as ErrorInfo;
    }
  } catch {
    // not ours: BullMQ's own words
  }
  return {
    code: 'WORKER_CRASHED',
    message: `The farm worker running this job stopped (${reason}).`,
    hint: 'It is retried automatically; if it keeps failing, check the worker machines.',
    retryable: true,
  };
}
