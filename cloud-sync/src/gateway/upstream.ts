/**
 * Requests to an upstream with the platform key. One AbortController per call carries both the
 * deadline and the client's hang-up: the deadline covers the whole response body (a stream that
 * stops sending is cut at the deadline, not waited on), and a client that leaves aborts the
 * upstream request at once. Node's fetch (undici) aborts body reads with the same signal.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

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

/**
 * Kept-alive connections to the upstreams for streamed calls, shared by every call: a stream is
 * relayed chunk by chunk, and fetch's web streams (a ReadableStream for the request body and one
 * for the answer, a promise per chunk read) were a tenth of the gateway's CPU per streamed call.
 */
const AGENTS = { 'http:': new HttpAgent({ keepAlive: true }), 'https:': new HttpsAgent({ keepAlive: true }) } as const;

/**
 * A POST whose answer is read as a Node stream. As with fetch here: redirects are refused (an
 * error), and the call's signal — the deadline or the client's hang-up — cuts the request and
 * the answer's body alike (reading it then throws).
 */
export function streamRequest(req: Omit<UpstreamRequest, 'deadlineMs' | 'method'> & { body: string }, signal: AbortSignal): Promise<IncomingMessage> {
  const url = new URL(req.url);
  const agent = url.protocol === 'https:' ? AGENTS['https:'] : url.protocol === 'http:' ? AGENTS['http:'] : null;
  if (!agent) return Promise.reject(new Error(`unsupported upstream protocol ${url.protocol}`));
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const body = Buffer.from(req.body, 'utf8');
    const r = send(url, { method: 'POST', agent, signal, headers: { ...req.headers, 'content-length': String(body.length) } }, (res) => {
      if ((res.statusCode ?? 0) >= 300 && (res.statusCode ?? 0) < 400) {
        res.destroy();
        reject(new Error(`the upstream answered a redirect (${res.statusCode ?? ''}), which is not followed`));
        return;
      }
      // After the answer began, an abort must reach its body too: reading it then throws.
      const cut = () => res.destroy(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
      if (signal.aborted) cut();
      else {
        signal.addEventListener('abort', cut, { once: true });
        res.once('close', () => signal.removeEventListener('abort', cut));
      }
      resolve(res);
    });
    r.on('error', reject);
    r.end(body);
  });
}

/** A whole Node-stream body (an upstream error answer), under the call's signal. */
export async function readStream(res: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of res) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
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
