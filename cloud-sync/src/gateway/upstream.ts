/**
 * Requests to an upstream with the platform key. One AbortController per call carries both the
 * deadline and the client's hang-up: the deadline covers the whole response body (a stream that
 * stops sending is cut at the deadline, not waited on), and a client that leaves aborts the
 * upstream request at once. Node's fetch (undici) aborts body reads with the same signal.
 */
export type AbortCause = 'timeout' | 'client';

export interface UpstreamRequest {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  deadlineMs: number;
}

export class UpstreamCall {
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;
  private why: AbortCause | null = null;

  constructor(deadlineMs: number) {
    this.timer = setTimeout(() => this.abort('timeout'), deadlineMs);
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Why the call was cut: the deadline passed, or the client left; null while neither. */
  get cause(): AbortCause | null {
    return this.why;
  }

  abort(cause: AbortCause): void {
    if (this.why) return;
    this.why = cause;
    this.controller.abort(new Error(cause === 'timeout' ? 'upstream deadline passed' : 'client disconnected'));
  }

  /** The call is over (answered, failed or cut): the deadline timer stops. */
  done(): void {
    clearTimeout(this.timer);
  }

  /** Redirects are not followed unless asked ('manual'): a followed redirect would carry the platform key's header along. */
  fetch(req: Omit<UpstreamRequest, 'deadlineMs'> & { redirect?: 'manual' }): Promise<Response> {
    return fetch(req.url, { method: req.method, headers: req.headers, body: req.body, signal: this.signal, redirect: req.redirect ?? 'error' });
  }
}

/** Reads a whole body under the call's deadline (abort reaches the read). */
export async function readBody(res: Response): Promise<Buffer> {
  return Buffer.from(await res.arrayBuffer());
}

/** Every secret in a text replaced: upstream error bodies and messages may echo the key they were sent. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s) out = out.split(s).join('[redacted]');
  return out;
}
