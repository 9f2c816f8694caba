import { isPlainBody, type AnswerHeaders } from '../../node/plain-http.js';
import { say } from '../../shared/messages.js';
import { PLATFORM_LABELS } from '../../shared/publish/platforms.js';
import type { PublishPlatform } from '../../shared/publish/platforms.js';
import { parseRetryAfter } from '../generation/providers/http.js';
import { PublishFailure } from './failure.js';
import type { PublishContext } from './types.js';

/**
 * One HTTP exchange with a platform, as every publisher makes it: a deadline
 * over the whole body, the answer read once (status, headers, JSON when it is
 * JSON), network failures turned into `retry`. HTTP error statuses are not
 * thrown: the publisher reads the platform's own error body first and falls
 * back to `statusFailure` for what it does not recognise.
 */
export interface PlatformAnswer {
  status: number;
  headers: AnswerHeaders;
  /** The body parsed as JSON, or null when it was empty or not JSON. */
  json: unknown;
  text: string;
  /** Milliseconds the platform asked us to wait (Retry-After), or null. */
  retryAfterMs: number | null;
}

export interface CallOptions extends Omit<RequestInit, 'signal'> {
  /** The whole exchange, body included (default 60 s; uploads pass more). */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 60_000;

export async function platformCall(ctx: PublishContext, platform: PublishPlatform, url: string, options: CallOptions = {}): Promise<PlatformAnswer> {
  const { timeoutMs = DEFAULT_TIMEOUT_MS, ...init } = options;
  // One controller for the job's cancel and the deadline, let go of when the exchange ends: a post
  // makes a few calls, and AbortSignal.timeout + AbortSignal.any cost several times as much
  // (two more signals each, held by the job's signal until collected).
  const controller = new AbortController();
  const deadline = { aborted: false };
  const timer = setTimeout(() => {
    deadline.aborted = true;
    controller.abort(new DOMException('The platform did not answer in time.', 'TimeoutError'));
  }, timeoutMs);
  const onCancel = (): void => controller.abort(ctx.signal.reason);
  if (ctx.signal.aborted) onCancel();
  else ctx.signal.addEventListener('abort', onCancel, { once: true });
  const signal = controller.signal;
  const label = PLATFORM_LABELS[platform];
  try {
    // Most calls send a body held in memory: the lighter client takes them (ctx.exchange); uploads go through fetch.
    const { status, headers, text } = ctx.exchange && isPlainBody(init.body) ? await ctx.exchange(url, { ...init, body: init.body, signal }) : await fetched(ctx, url, { ...init, signal });
    let json: unknown = null;
    try {
      json = text ? (JSON.parse(text) as unknown) : null;
    } catch {
      json = null;
    }
    return { status, headers, json, text: text.slice(0, 100_000), retryAfterMs: parseRetryAfter(headers.get('retry-after'), ctx.now()) };
  } catch (err) {
    // A fetch that refuses on its own (WordPress's SSRF guard) has already classified the failure.
    if (ctx.signal.aborted || err instanceof PublishFailure) throw err;
    if (deadline.aborted) {
      throw new PublishFailure('retry', say('publish.platform.timeout', { platform: label, seconds: Math.round(timeoutMs / 1000) }), `${label}: no complete answer within ${Math.round(timeoutMs / 1000)} s`);
    }
    const detail = err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err);
    throw new PublishFailure('retry', say('publish.platform.unreachable', { platform: label, detail }), `${label}: could not reach ${new URL(url).host}: ${detail}`);
  } finally {
    clearTimeout(timer);
    ctx.signal.removeEventListener('abort', onCancel);
  }
}

async function fetched(ctx: PublishContext, url: string, init: RequestInit): Promise<{ status: number; headers: AnswerHeaders; text: string }> {
  const res = await ctx.fetch(url, init);
  return { status: res.status, headers: res.headers, text: await res.text() };
}

/** A short, token-free description of what the platform said, for the message and the log. */
export function describe(answer: PlatformAnswer): string {
  const body = answer.text.replace(/\s+/g, ' ').trim().slice(0, 300);
  return body ? `HTTP ${answer.status}: ${body}` : `HTTP ${answer.status}`;
}

/**
 * What an error status means when the platform's body said nothing more
 * specific: 429 and 5xx are retried (after Retry-After when given), 401 asks
 * for a token refresh, 403 means the account lost the permission, any other
 * 4xx is the post's to fix.
 */
export function statusFailure(platform: PublishPlatform, answer: PlatformAnswer, detail = describe(answer)): PublishFailure {
  const label = PLATFORM_LABELS[platform];
  const log = `${label}: ${detail}`;
  if (answer.status === 429) {
    const seconds = answer.retryAfterMs !== null ? Math.ceil(answer.retryAfterMs / 1000) : 60;
    return new PublishFailure('retry', say('publish.platform.rateLimited', { platform: label, seconds }), log, answer.retryAfterMs ?? undefined);
  }
  if (answer.status >= 500 || answer.status === 408) {
    return new PublishFailure('retry', say('publish.platform.unavailable', { platform: label, status: answer.status }), log, answer.retryAfterMs ?? undefined);
  }
  if (answer.status === 401) return new PublishFailure('refresh-token', say('publish.platform.tokenExpired', { platform: label }), log);
  if (answer.status === 403) return new PublishFailure('disconnected', say('publish.platform.disconnected', { platform: label, detail }), log);
  return new PublishFailure('bad-post', say('publish.platform.rejected', { platform: label, detail }), log);
}

/** Throws statusFailure unless the answer is 2xx; answers it otherwise. */
export function expectOk(platform: PublishPlatform, answer: PlatformAnswer): PlatformAnswer {
  if (answer.status >= 200 && answer.status < 300) return answer;
  throw statusFailure(platform, answer);
}

/** Polls `check` until it answers a value (not undefined), waiting `intervalMs` between tries, at most `timeoutMs` in all. */
export async function pollUntil<T>(ctx: PublishContext, platform: PublishPlatform, check: () => Promise<T | undefined>, intervalMs: number, timeoutMs: number): Promise<T> {
  const until = ctx.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (ctx.now() + intervalMs > until) {
      const label = PLATFORM_LABELS[platform];
      throw new PublishFailure('retry', say('publish.platform.stillProcessing', { platform: label, minutes: Math.round(timeoutMs / 60_000) }), `${label}: still processing after ${Math.round(timeoutMs / 1000)} s`);
    }
    await ctx.sleep(intervalMs);
  }
}
