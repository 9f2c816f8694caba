import { z } from 'zod';

/**
 * The gateway's side of Replicate's HTTP API, with the platform token: create a
 * prediction (by model), get, cancel, list. Only what the gateway forwards:
 * the caller's `input` and `Prefer: wait`; never a webhook (it would hand the
 * platform account's prediction events to a URL a user chose).
 *
 * The token never leaves this module: it is sent only as the Authorization
 * header, and errors carry the status and Replicate's problem document, never
 * the request.
 */

export interface ReplicateUpstreamConfig {
  /** The platform's `REPLICATE_API_TOKEN`. */
  token: string;
  /** `KINGJAM_REPLICATE_BASE_URL` (ends in /v1; the core's config defaults it to api.replicate.com). */
  baseUrl: string;
  /** Deadline of a create without `Prefer: wait`, and of a poll, cancel or list. */
  timeoutMs: number;
  /** Deadline of a create with `Prefer: wait` (Replicate holds it up to 60 s). */
  waitTimeoutMs: number;
}

/**
 * The statuses a prediction ends in. `aborted` is what Replicate reports for a prediction stopped
 * before it started (e.g. its deadline passed): it never ran. Any other status (`starting`,
 * `processing`, or one Replicate adds later) is still running.
 */
export const ENDED: readonly string[] = ['succeeded', 'failed', 'canceled', 'aborted'];

/** A prediction as Replicate answers it; other fields pass through untouched. */
export const PredictionSchema = z.looseObject({
  id: z.string().min(1),
  model: z.string().optional(),
  status: z.string().min(1),
  input: z.record(z.string(), z.unknown()).optional(),
  output: z.unknown().optional(),
  error: z.unknown().optional(),
  created_at: z.string().optional(),
});
export type UpstreamPrediction = z.infer<typeof PredictionSchema>;

const PageSchema = z.looseObject({ next: z.string().nullable().optional(), results: z.array(PredictionSchema) });

/** An answer that is not a prediction: its status (0 = no answer: network error or deadline) and body. */
export class UpstreamFailure extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly retryAfter: string | null,
    readonly timedOut: boolean,
  ) {
    super(status ? `Replicate answered ${status}` : timedOut ? 'Replicate did not answer in time' : 'Replicate could not be reached');
    this.name = 'UpstreamFailure';
  }
}

/** `Prefer: wait` or `wait=N` (1–60) as Replicate takes it; anything else is not forwarded. */
export function preferWait(header: unknown): string | null {
  if (typeof header !== 'string') return null;
  const v = header.trim();
  if (v === 'wait') return v;
  const m = /^wait=(\d{1,2})$/.exec(v);
  return m && Number(m[1]) >= 1 && Number(m[1]) <= 60 ? v : null;
}

export class ReplicateUpstream {
  constructor(private readonly cfg: ReplicateUpstreamConfig) {}

  /** By model (official models), or by the pinned `version` (community models, which have no model-level endpoint). */
  create(model: string, input: Record<string, unknown>, prefer: string | null, version?: string): Promise<UpstreamPrediction> {
    const [owner, name] = model.split('/');
    const [path, body] = version ? ['/predictions', { version, input }] : [`/models/${encodeURIComponent(owner ?? '')}/${encodeURIComponent(name ?? '')}/predictions`, { input }];
    return this.call('POST', path, body, prefer, prefer ? this.cfg.waitTimeoutMs : this.cfg.timeoutMs).then((b) => PredictionSchema.parse(b));
  }

  get(id: string): Promise<UpstreamPrediction> {
    return this.call('GET', `/predictions/${encodeURIComponent(id)}`).then((b) => PredictionSchema.parse(b));
  }

  cancel(id: string): Promise<UpstreamPrediction> {
    return this.call('POST', `/predictions/${encodeURIComponent(id)}/cancel`).then((b) => PredictionSchema.parse(b));
  }

  /** Recent predictions of the platform account, newest first, up to `pages` pages. */
  async recent(pages: number): Promise<UpstreamPrediction[]> {
    const out: UpstreamPrediction[] = [];
    let path: string | null = '/predictions';
    for (let i = 0; i < pages && path; i++) {
      const page = PageSchema.parse(await this.call('GET', path));
      out.push(...page.results);
      path = page.next ? this.relative(page.next) : null;
    }
    return out;
  }

  /** Replicate's `next` is absolute: follow it only on our configured base. */
  private relative(next: string): string | null {
    return next.startsWith(this.cfg.baseUrl) ? next.slice(this.cfg.baseUrl.length) : null;
  }

  private async call(method: 'GET' | 'POST', path: string, body?: unknown, prefer?: string | null, timeoutMs = this.cfg.timeoutMs): Promise<unknown> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.cfg.token}`, accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (prefer) headers.prefer = prefer;
    const signal = AbortSignal.timeout(timeoutMs);
    let res: Response;
    let text: string;
    try {
      res = await fetch(`${this.cfg.baseUrl}${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }), signal, redirect: 'error' });
      text = await res.text();
    } catch {
      // The error may quote the request; only whether the deadline passed is kept.
      throw new UpstreamFailure(0, null, null, signal.aborted);
    }
    let parsed: unknown = null;
    try {
      parsed = text ? (JSON.parse(text) as unknown) : null;
    } catch {
      parsed = null;
    }
    if (!res.ok) throw new UpstreamFailure(res.status, parsed, res.headers.get('retry-after'), false);
    return parsed;
  }
}
