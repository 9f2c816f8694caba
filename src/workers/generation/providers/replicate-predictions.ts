import { createHash } from 'node:crypto';
import type { Prediction } from 'replicate';
import { IDEMPOTENCY_HEADER } from '../../../shared/gateway.js';
import { StudioError } from '../../../shared/errors.js';
import type { ReplicateConfig } from './config.js';
import type { HttpClassifier, HttpFailure } from './errors.js';
import { backoff, createFetch, sleep, type FetchLike, type GatewayRoute } from './http.js';
import type { CallOptions } from './types.js';

/**
 * Creating a Replicate prediction exactly once. A create costs money as soon
 * as Replicate has it, and an answer lost on the way back (a 5xx from a proxy,
 * our own deadline) says nothing about whether it has it. So a create is never
 * simply sent again:
 * - 429 means "not created": wait the Retry-After (or back off) and create;
 * - a 5xx, a timeout or a broken connection is ambiguous: list the account's
 *   recent predictions (`GET /v1/predictions`) and adopt ours if it is there,
 *   creating again only when it is not;
 * - when a create finally goes through after an ambiguous one, any twin the
 *   lost one left behind is an orphan nobody will read: it is canceled.
 *
 * How a prediction is recognised as ours: Replicate keeps no client tag on a
 * prediction (no idempotency key, no metadata field; the `webhook` URL is not
 * in the prediction it returns, and it would make Replicate call that URL),
 * and models validate their inputs, so nothing can be slipped into `input`.
 * What Replicate does keep and return, in the list too, is `model`, `input`
 * exactly as sent, `source` and `created_at`. Ours is: same model, same input
 * (file fields aside: Replicate does not keep data URIs), `source: "api"`,
 * created since this call began (less a minute for clock skew), and not one
 * this process already runs. The job's id goes along as `Idempotency-Key`,
 * which KingJam Cloud's gateway honours (Replicate itself ignores it).
 */

const CLOCK_SKEW_MS = 60_000;
const LIST_PAGES = 5;

/** Predictions this process has created or adopted: never adopted again by another call. */
const inUse = new Set<string>();

type Attempt =
  | { ok: true; prediction: Prediction }
  | { ok: false; error: StudioError; kind: 'throttled' | 'ambiguous' | 'refused'; waitMs: number | null };

export interface CreateRequest {
  /** `owner/name` or `owner/name:version`. */
  ref: string;
  input: Record<string, unknown>;
  webhook?: string;
}

export class PredictionCreator {
  constructor(
    private readonly config: ReplicateConfig,
    private readonly classify: HttpClassifier,
    /** Set for the `cloud` provider: its gateway's own refusals (credits, sign-in) are told apart from Replicate's answers. */
    private readonly gateway?: GatewayRoute,
  ) {}

  private get base(): string {
    return (this.config.baseUrl ?? 'https://api.replicate.com/v1').replace(/\/+$/, '');
  }

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    return { authorization: `Bearer ${this.config.apiToken}`, 'content-type': 'application/json', ...extra };
  }

  /** The created (or found) prediction. */
  async create(req: CreateRequest, opts: CallOptions): Promise<Prediction> {
    const since = Date.now() - CLOCK_SKEW_MS;
    const { maxAttempts } = this.config.retry;
    let ambiguous = false;
    let last: StudioError | undefined;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      if (ambiguous) {
        const found = await this.adopt(req, since, opts.signal);
        if (found) return found;
      }
      const out = await this.attempt(req, opts);
      if (out.ok) {
        inUse.add(out.prediction.id);
        if (ambiguous) await this.cancelTwins(req, since, out.prediction.id, opts.signal);
        return out.prediction;
      }
      last = out.error;
      if (out.kind === 'refused') throw out.error;
      if (out.kind === 'ambiguous') ambiguous = true;
      if (attempt < maxAttempts) await sleep(out.waitMs ?? backoff(this.config.retry, attempt), opts.signal);
    }
    if (ambiguous) {
      const found = await this.adopt(req, since, opts.signal);
      if (found) return found;
    }
    throw last ?? new Error('unreachable: no create attempt was made');
  }

  /** One POST, never retried here: its outcome decides what the caller may do next. */
  private async attempt(req: CreateRequest, opts: CallOptions): Promise<Attempt> {
    let failure: HttpFailure | null = null;
    const fetch = createFetch({
      provider: 'replicate',
      timeoutMs: opts.timeoutMs ?? this.config.timeoutMs,
      retry: { ...this.config.retry, maxAttempts: 1 },
      classify: (f) => {
        failure = f;
        return this.classify(f);
      },
      ...(this.gateway ? { gateway: this.gateway } : {}),
    });
    const [ref = req.ref, version] = req.ref.split(':');
    const url = version ? `${this.base}/predictions` : `${this.base}/models/${ref}/predictions`;
    const hook = req.webhook ? { webhook: req.webhook, webhook_events_filter: ['completed'] } : {};
    const body = JSON.stringify({ ...(version ? { version } : {}), input: req.input, ...hook });
    const key: Record<string, string> = opts.jobId ? { [IDEMPOTENCY_HEADER]: `${opts.jobId}:${fingerprint(req)}` } : {};
    try {
      const res = await fetch(url, { method: 'POST', headers: this.headers(key), body, signal: opts.signal ?? null });
      return { ok: true, prediction: (await res.json()) as Prediction };
    } catch (err) {
      if (!(err instanceof StudioError) || err.code === 'CANCELED') throw err;
      const seen = failure as HttpFailure | null;
      if (seen?.status === 429) {
        const tooLong = seen.retryAfterMs !== null && seen.retryAfterMs > this.config.retry.maxRetryAfterMs;
        return { ok: false, error: err, kind: tooLong ? 'refused' : 'throttled', waitMs: seen.retryAfterMs };
      }
      const lost = seen ? seen.status >= 500 || seen.status === 408 : err.code === 'PROVIDER_TIMEOUT' || err.code === 'PROVIDER_UNREACHABLE';
      return { ok: false, error: err, kind: lost ? 'ambiguous' : 'refused', waitMs: null };
    }
  }

  /** Ours, if Replicate has it: the most advanced match is kept, any other match canceled. */
  private async adopt(req: CreateRequest, since: number, signal: AbortSignal | undefined): Promise<Prediction | null> {
    const matches = (await this.recent(since, signal)).filter((p) => isOurs(p, req, since));
    if (matches.length === 0) return null;
    const rank = (p: Prediction): number => (p.status === 'succeeded' ? 0 : p.status === 'processing' ? 1 : 2);
    const [keep, ...twins] = [...matches].sort((a, b) => rank(a) - rank(b) || Date.parse(a.created_at) - Date.parse(b.created_at));
    inUse.add(keep!.id);
    for (const twin of twins) await this.cancel(twin.id);
    return keep!;
  }

  private async cancelTwins(req: CreateRequest, since: number, keep: string, signal: AbortSignal | undefined): Promise<void> {
    try {
      const twins = (await this.recent(since, signal)).filter((p) => p.id !== keep && isOurs(p, req, since));
      for (const twin of twins) await this.cancel(twin.id);
    } catch (err) {
      // The prediction we keep is running; a failed sweep must not fail the job (its twin runs out on its own).
      if (err instanceof StudioError && err.code === 'CANCELED') throw err;
    }
  }

  /** Predictions created since `since`, newest first (the list is sorted that way; paging stops at older ones). */
  private async recent(since: number, signal: AbortSignal | undefined): Promise<Prediction[]> {
    const fetch = this.plainFetch();
    const out: Prediction[] = [];
    let url: string | null = `${this.base}/predictions`;
    for (let page = 0; url && page < LIST_PAGES; page++) {
      const res = await fetch(url, { headers: this.headers(), signal: signal ?? null });
      const body = (await res.json()) as { results?: Prediction[]; next?: string | null };
      const results = body.results ?? [];
      out.push(...results.filter((p) => Date.parse(p.created_at) >= since));
      url = results.some((p) => Date.parse(p.created_at) < since) ? null : (body.next ?? null);
    }
    return out;
  }

  /** Best effort: an orphan that already ended costs nothing more. */
  async cancel(id: string): Promise<void> {
    try {
      await this.plainFetch(10_000)(`${this.base}/predictions/${id}/cancel`, { method: 'POST', headers: this.headers() });
    } catch {
      // Already finished, or Replicate unreachable: nothing more to do.
    }
  }

  private plainFetch(timeoutMs = this.config.timeoutMs): FetchLike {
    return createFetch({ provider: 'replicate', timeoutMs, retry: this.config.retry, classify: this.classify, ...(this.gateway ? { gateway: this.gateway } : {}) });
  }
}

/** Same model, same non-file input, made through the API since the call began, and not already someone's. */
function isOurs(p: Prediction, req: CreateRequest, since: number): boolean {
  if (inUse.has(p.id) || p.source === 'web') return false;
  if (p.status === 'failed' || p.status === 'canceled') return false;
  if (Date.parse(p.created_at) < since) return false;
  const [ref = req.ref, version] = req.ref.split(':');
  if (version ? p.version !== version : p.model !== ref) return false;
  const theirs = (p.input ?? {}) as Record<string, unknown>;
  return Object.entries(req.input).every(([k, v]) => isFile(v) || JSON.stringify(theirs[k]) === JSON.stringify(v));
}

function isFile(v: unknown): boolean {
  if (typeof v === 'string') return /^(data:|https?:\/\/)/.test(v);
  return Array.isArray(v) && v.length > 0 && v.every(isFile);
}

/** Distinct creates of one job (a first frame, then its clip) get distinct keys; a retry of one gets the same. */
function fingerprint(req: CreateRequest): string {
  return createHash('sha256').update(req.ref).update(JSON.stringify(req.input)).digest('hex').slice(0, 24);
}
