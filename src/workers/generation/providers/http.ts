import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import type { StudioError } from '../../../shared/errors.js';
import { IDEMPOTENCY_HEADER } from '../../../shared/gateway.js';
import type { RetryPolicy } from './config.js';
import { canceled, timedOut, unreachable, type HttpClassifier, type HttpFailure } from './errors.js';
import type { ProviderId } from './types.js';

/**
 * The one place our providers touch the network. Both SDKs accept a `fetch`,
 * so retries, timeouts and error mapping live here instead of in each SDK's
 * own (different, and for Retry-After, missing) retry logic:
 * - 429 and 5xx are retried with exponential backoff, honouring Retry-After
 *   (or Google's RetryInfo in the error body), up to `maxAttempts` in all;
 * - every attempt has its own deadline, covering the body too: a stream that
 *   stalls mid-way fails with the same timeout error as a silent server;
 * - every POST carries an Idempotency-Key, one per logical call and the same
 *   on each retry of it, so the cloud gateway never runs or charges it twice;
 * - a final failure is thrown as a StudioError from the provider's classifier.
 */
export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export interface HttpOptions {
  provider: ProviderId;
  timeoutMs: number;
  retry: RetryPolicy;
  classify: HttpClassifier;
  /** The underlying fetch (the global one unless a test or the SDK hands another). */
  fetch?: FetchLike;
  /** Set when the calls go through the KingJam cloud gateway rather than to the service itself. */
  gateway?: GatewayRoute;
}

/**
 * A provider's calls sent through the KingJam cloud gateway (the `cloud`
 * provider): the same wire format, but each call carries an idempotency key
 * (so a retried call is neither sent upstream twice nor charged twice), and
 * the gateway's own refusals — credits, sign-in, the allow-list — are told
 * apart from the upstream's answers, which it passes through.
 */
export interface GatewayRoute {
  /** Whose name a timeout or a refused connection carries. */
  provider: ProviderId;
  /** The gateway's own refusal as an error, or undefined for an upstream answer (left to the provider's classifier). */
  classify(failure: HttpFailure): StudioError | undefined;
  /** Headers for the gateway itself on every POST (the call that is metered): the free photo's grant. */
  headers?: Readonly<Record<string, string>>;
}

export function createFetch(options: HttpOptions): FetchLike {
  const base = options.fetch ?? globalThis.fetch;
  // The replicate SDK re-invokes fetch with the same init after a thrown error
  // (its own, nearly immediate retry loop); remembering the verdict per init
  // keeps that from multiplying our attempts.
  const verdicts = new WeakMap<object, StudioError>();
  // Same init, same logical call: the key survives the replicate SDK's re-invocation too.
  const keys = new WeakMap<object, string>();

  return async function resilientFetch(input, init = {}) {
    const known = verdicts.get(init);
    if (known) throw known;
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const userSignal = init.signal ?? undefined;
    const via = options.gateway?.provider ?? options.provider;
    const headers = withIdempotencyKey(input, init, keys, options.gateway?.headers);
    const { maxAttempts } = options.retry;
    for (let attempt = 1; ; attempt++) {
      if (userSignal?.aborted) throw canceled(userSignal);
      const deadline = AbortSignal.timeout(options.timeoutMs);
      const signal = userSignal ? AbortSignal.any([userSignal, deadline]) : deadline;
      let res: Response;
      try {
        res = await base(input, { ...init, headers, signal });
      } catch (err) {
        const mapped = userSignal?.aborted ? canceled(userSignal) : deadline.aborted ? timedOut(via, options.timeoutMs) : unreachable(via, url, err);
        verdicts.set(init, mapped);
        throw mapped;
      }
      if (res.ok) return bodyWithDeadline(res, deadline, () => timedOut(via, options.timeoutMs));

      const failure = await describeFailure(options.provider, res, url);
      const retryable = res.status === 429 || res.status >= 500;
      const tooLong = failure.retryAfterMs !== null && failure.retryAfterMs > options.retry.maxRetryAfterMs;
      if (retryable && attempt < maxAttempts && !tooLong) {
        await sleep(failure.retryAfterMs ?? backoff(options.retry, attempt), userSignal);
        continue;
      }
      const mapped = options.gateway?.classify(failure) ?? options.classify(failure);
      verdicts.set(init, mapped);
      throw mapped;
    }
  };
}

function withIdempotencyKey(input: string | URL | Request, init: RequestInit, keys: WeakMap<object, string>, extra?: Readonly<Record<string, string>>): Headers {
  const headers = new Headers(init.headers);
  const method = (init.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
  if (method !== 'POST') return headers;
  for (const [name, value] of Object.entries(extra ?? {})) headers.set(name, value);
  if (headers.has(IDEMPOTENCY_HEADER)) return headers;
  let key = keys.get(init);
  if (!key) {
    key = randomUUID();
    keys.set(init, key);
  }
  headers.set(IDEMPOTENCY_HEADER, key);
  return headers;
}

/**
 * The response with its body read under the attempt's deadline: when the
 * deadline ends a read (a stream that stopped sending), the reader gets our
 * timeout error rather than a bare AbortError or the HTTP client's own body
 * timeout minutes later.
 */
function bodyWithDeadline(res: Response, deadline: AbortSignal, onTimeout: () => StudioError): Response {
  // Null-body statuses cannot be rebuilt with a body, and have nothing to stall on.
  if (!res.body || res.status === 204 || res.status === 205 || res.status === 304) return res;
  const reader = res.body.getReader();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const step = await reader.read();
        if (step.done) controller.close();
        else controller.enqueue(step.value);
      } catch (err) {
        controller.error(deadline.aborted ? onTimeout() : err);
      }
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
  return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
}

/** 1×, 2×, 4× the base delay, with up to 25 % jitter so parallel jobs do not retry in step. */
export function backoff(policy: RetryPolicy, attempt: number): number {
  const exp = policy.baseDelayMs * 2 ** (attempt - 1);
  return Math.min(policy.maxDelayMs, Math.round(exp * (1 + Math.random() * 0.25)));
}

/** Retry-After as seconds or an HTTP date, in ms; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

async function describeFailure(provider: ProviderId, res: Response, url: string): Promise<HttpFailure> {
  let text = '';
  try {
    text = await res.text();
  } catch {
    // The body is only for the message; a broken one must not hide the status.
  }
  let json: unknown = null;
  try {
    json = text ? (JSON.parse(text) as unknown) : null;
  } catch {
    json = null;
  }
  const retryAfterMs = parseRetryAfter(res.headers.get('retry-after')) ?? retryInfoDelay(json);
  return { provider, status: res.status, json, text: text.slice(0, 2000), retryAfterMs, url };
}

const RETRY_INFO_TYPE = 'type.googleapis.com/google.rpc.RetryInfo';

/**
 * Google APIs say how long to wait in the error body, not in a header:
 * `{"error":{"details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"17s"}]}}`
 * (a protobuf Duration: seconds with an optional fraction). Null when absent.
 */
export function retryInfoDelay(json: unknown): number | null {
  const details = (json as { error?: { details?: unknown } } | null)?.error?.details;
  if (!Array.isArray(details)) return null;
  for (const d of details as { '@type'?: unknown; retryDelay?: unknown }[]) {
    if (d?.['@type'] !== RETRY_INFO_TYPE || typeof d.retryDelay !== 'string') continue;
    const m = /^(\d+(?:\.\d+)?)s$/.exec(d.retryDelay.trim());
    if (m) return Math.round(Number(m[1]) * 1000);
  }
  return null;
}

/** Waits, or rejects with CANCELED as soon as the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(canceled(signal));
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(canceled(signal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Streams a URL to a file (written beside it first, renamed when complete, so a canceled download leaves nothing half-written). */
export async function downloadTo(fetchFn: FetchLike, url: string, outPath: string, signal?: AbortSignal, headers?: Record<string, string>): Promise<{ bytes: number; mimeType: string }> {
  const res = await fetchFn(url, { signal: signal ?? null, ...(headers ? { headers } : {}) });
  if (!res.body) throw new Error(`Empty response body from ${url}`);
  await fs.promises.mkdir(path.dirname(outPath), { recursive: true });
  const part = `${outPath}.part`;
  try {
    await pipeline(Readable.fromWeb(res.body as NodeReadableStream<Uint8Array>), fs.createWriteStream(part));
    await fs.promises.rename(part, outPath);
  } catch (err) {
    await fs.promises.rm(part, { force: true });
    throw err;
  }
  const { size } = await fs.promises.stat(outPath);
  return { bytes: size, mimeType: res.headers.get('content-type') ?? 'application/octet-stream' };
}

/** Two signals as one (either aborts it); undefined stays undefined. */
export function anySignal(...signals: (AbortSignal | undefined)[]): AbortSignal | undefined {
  const present = signals.filter((s): s is AbortSignal => s !== undefined);
  if (present.length === 0) return undefined;
  if (present.length === 1) return present[0];
  return AbortSignal.any(present);
}
