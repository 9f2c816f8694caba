import { Redis } from 'ioredis';
import type { QueueName } from '../../shared/jobs/queues.js';

/**
 * How every farm process talks to Redis. `maxRetriesPerRequest: null` makes
 * ioredis hold commands while the server is away and send them once it is
 * back (BullMQ's workers require it), so a restart of Redis costs a wait,
 * never a lost command.
 */
export function redisOptions(url: string) {
  return { url, maxRetriesPerRequest: null, enableOfflineQueue: true, retryStrategy: (times: number) => Math.min(2_000, 50 * times) };
}

export function openRedis(url: string): Redis {
  const client = new Redis(url, { maxRetriesPerRequest: null, retryStrategy: (times: number) => Math.min(2_000, 50 * times) });
  // A lost connection is retried for ever (commands wait for it); its errors are not the process's to crash on.
  client.on('error', () => undefined);
  return client;
}

/** One BullMQ queue per job queue, so a worker machine chooses how many of each it runs (video apart from the rest). */
export function bullQueueName(queue: QueueName): string {
  return `kingjam-${queue}`;
}

/** Set by the dispatcher when a running job is canceled; the worker checks it at start and on every heartbeat. */
export function cancelKey(jobId: string): string {
  return `kingjam:farm:cancel:${jobId}`;
}

/** Told at once to every worker when a job is canceled (the key covers a worker that missed it). */
export const CANCEL_CHANNEL = 'kingjam:farm:cancel';

/** Set by the dispatcher once it has stored checkpoint `seq` of a job: the worker waits on it before going on. */
export function checkpointAckKey(jobId: string, seq: number): string {
  return `kingjam:farm:ack:${jobId}:${seq}`;
}

/** Flags and acknowledgements outlive no job by much: a day is longer than any job's life. */
export const FLAG_TTL_S = 86_400;
