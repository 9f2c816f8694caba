import type { FailureClass } from '../../shared/publish/post.js';

/**
 * When a published post's numbers are read (issue 14): often while it is
 * young and its engagement moves, then rarer, then never. Each read sets the
 * next to the first point of the schedule still ahead, so a read the user
 * asked for, or one late after the studio was closed, never piles up reads.
 */
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** After publishing: 1 h, 6 h, 24 h, 3 d, 7 d, 30 d, then stop. */
export const METRICS_SCHEDULE_MS = [HOUR, 6 * HOUR, DAY, 3 * DAY, 7 * DAY, 30 * DAY] as const;

/** The first scheduled read after `now`, or null once the last has passed. */
export function nextScheduledRead(publishedAt: number, now: number): number | null {
  for (const offset of METRICS_SCHEDULE_MS) if (publishedAt + offset > now) return publishedAt + offset;
  return null;
}

/** A failed read is tried again after 15 min, doubling, at most 6 h (never sooner than the platform's Retry-After). */
export const RETRY_BASE_MS = 15 * 60_000;
export const RETRY_MAX_MS = 6 * HOUR;
/** A post whose token needs the account reconnected is looked at again this much later (a reconnect in between is picked up then). */
export const RECONNECT_WAIT_MS = 6 * HOUR;
/** Reads that keep failing for a retryable reason give up on the current point and wait for the next one. */
export const MAX_RETRIES = 5;

export type FetchState = 'scheduled' | 'manual' | 'reconnect' | 'done';

export interface AfterFailure {
  state: FetchState;
  nextFetchAt: number | null;
  attempts: number;
}

/**
 * What a failed read does to the schedule, by the failure's class (as
 * publishing classifies it): `retry` backs off; a token the platform refused
 * waits for a reconnect without losing the schedule; `bad-post` (the post is
 * gone or the platform will never answer for it) ends it.
 */
export function afterFailure(failure: FailureClass, o: { publishedAt: number; attempts: number; now: number; retryAfterMs?: number }): AfterFailure {
  const attempts = o.attempts + 1;
  if (failure === 'bad-post') return { state: 'done', nextFetchAt: null, attempts };
  // The schedule is kept: the next good read sets the next point from the post's age again.
  if (failure === 'refresh-token' || failure === 'disconnected') return { state: 'reconnect', nextFetchAt: o.now + RECONNECT_WAIT_MS, attempts };
  if (attempts > MAX_RETRIES) {
    const next = nextScheduledRead(o.publishedAt, o.now);
    return next === null ? { state: 'done', nextFetchAt: null, attempts } : { state: 'scheduled', nextFetchAt: next, attempts: 0 };
  }
  const backoff = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** (attempts - 1));
  return { state: 'scheduled', nextFetchAt: o.now + Math.max(backoff, o.retryAfterMs ?? 0), attempts };
}
