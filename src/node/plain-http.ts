import http from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, OutgoingHttpHeaders } from 'node:http';
import https from 'node:https';
import zlib from 'node:zlib';

/**
 * One HTTP exchange whose request body is in memory and whose answer is read
 * whole, over kept-alive sockets: the many small JSON calls a worker makes to
 * platform APIs. Node's fetch (undici) spends 1–2 ms of CPU a call on its
 * Request/Response, web-stream and AbortSignal machinery; the same call over
 * node:http on a reused socket costs a fifth of that (docs/outbox.md, "The
 * HTTP client"). Uploads and streamed downloads keep using fetch.
 *
 * Where fetch has a rule that matters, this follows it: redirects are
 * followed (at most 20; a 303, or a 301/302 answering a POST, becomes a GET
 * without a body; credentials never follow a redirect to another origin);
 * gzip, deflate and br answers are decoded; a form body gets fetch's
 * content type; the signal aborts connecting, sending and reading, and the
 * promise rejects with the signal's reason.
 */

export type PlainBody = string | URLSearchParams | Uint8Array | null | undefined;

/** fetch's HeadersInit, as both the DOM's and Node's declarations of it allow. */
export type RequestHeaders = Headers | string[][] | Record<string, string | readonly string[]>;

export interface PlainRequest {
  method?: string;
  headers?: RequestHeaders;
  body?: PlainBody;
  signal?: AbortSignal;
}

/** The answer's headers: what the callers read of fetch's Headers. */
export interface AnswerHeaders {
  get(name: string): string | null;
}

export interface PlainAnswer {
  status: number;
  headers: AnswerHeaders;
  text: string;
  /** The address that answered (after redirects). */
  url: string;
}

export type PlainExchange = (url: string, init?: PlainRequest) => Promise<PlainAnswer>;

/** Whether `plainExchange` can send this body (fetch is used for FormData, Blob and streams). */
export function isPlainBody(body: unknown): body is PlainBody {
  return body === undefined || body === null || typeof body === 'string' || body instanceof URLSearchParams || body instanceof Uint8Array;
}

const MAX_REDIRECTS = 20;
const MAX_ANSWER_BYTES = 16 * 1024 * 1024;
/**
 * Idle sockets are closed after this long. Servers commonly close theirs after
 * 5 s (Node's default keepAliveTimeout); closing ours first keeps a request
 * from being written to a socket the server is closing at that moment.
 */
const IDLE_SOCKET_MS = 4000;
const agents = {
  'http:': new http.Agent({ keepAlive: true, timeout: IDLE_SOCKET_MS, scheduling: 'lifo' }),
  'https:': new https.Agent({ keepAlive: true, timeout: IDLE_SOCKET_MS, scheduling: 'lifo' }),
};

class IncomingHeaders implements AnswerHeaders {
  constructor(private readonly raw: IncomingHttpHeaders) {}

  get(name: string): string | null {
    const value = this.raw[name.toLowerCase()];
    if (value === undefined) return null;
    return Array.isArray(value) ? value.join(', ') : value;
  }
}

/** Request headers with lowercase names, fetch's defaults under the caller's. */
function requestHeaders(init: RequestHeaders | undefined, body: string | Uint8Array | null, form: boolean): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = { accept: '*/*', 'accept-encoding': 'gzip, deflate, br', 'user-agent': 'KingJam-Studio' };
  if (init instanceof Headers) init.forEach((value, name) => (headers[name] = value));
  else if (Array.isArray(init)) for (const [name, value] of init) headers[name!.toLowerCase()] = value;
  else if (init) for (const [name, value] of Object.entries(init)) headers[name.toLowerCase()] = typeof value === 'string' ? value : [...value];
  if (body !== null) {
    if (headers['content-type'] === undefined && form) headers['content-type'] = 'application/x-www-form-urlencoded;charset=UTF-8';
    else if (headers['content-type'] === undefined && typeof body === 'string') headers['content-type'] = 'text/plain;charset=UTF-8';
    headers['content-length'] = typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength;
  }
  return headers;
}

function decoded(res: IncomingMessage, bytes: Buffer): Buffer {
  const encoding = (res.headers['content-encoding'] ?? '').trim().toLowerCase();
  const limit = { maxOutputLength: MAX_ANSWER_BYTES };
  if (bytes.length === 0) return bytes;
  if (encoding === 'gzip' || encoding === 'x-gzip') return zlib.gunzipSync(bytes, limit);
  if (encoding === 'br') return zlib.brotliDecompressSync(bytes, limit);
  if (encoding === 'deflate') {
    // As fetch does: zlib-wrapped deflate, or raw deflate from servers that send that instead.
    try {
      return zlib.inflateSync(bytes, limit);
    } catch {
      return zlib.inflateRawSync(bytes, limit);
    }
  }
  return bytes;
}

function once(url: URL, method: string, headers: OutgoingHttpHeaders, body: string | Uint8Array | null, signal: AbortSignal | undefined): Promise<{ res: IncomingMessage; bytes: Buffer }> {
  return new Promise((resolve, reject) => {
    const send = url.protocol === 'https:' ? https.request : url.protocol === 'http:' ? http.request : null;
    if (!send) {
      reject(new TypeError(`${url.protocol} addresses are not fetched`));
      return;
    }
    let settled = false;
    const finish = (err: unknown, value?: { res: IncomingMessage; bytes: Buffer }): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      if (err !== null) reject(err);
      else resolve(value!);
    };
    const req = send(url, { method, headers, agent: agents[url.protocol as 'http:' | 'https:'] }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_ANSWER_BYTES) {
          req.destroy();
          finish(new Error(`${url.host} answered more than ${MAX_ANSWER_BYTES} bytes`));
        } else chunks.push(chunk);
      });
      res.on('end', () => {
        try {
          finish(null, { res, bytes: decoded(res, chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)) });
        } catch (err) {
          finish(err);
        }
      });
      res.on('error', (err) => finish(err));
      // The server cut the answer short: 'end' never comes.
      res.on('aborted', () => finish(new Error(`${url.host} closed the connection before the answer was complete`)));
    });
    const onAbort = (): void => {
      req.destroy();
      finish(signal!.reason);
    };
    if (signal?.aborted) {
      onAbort();
      return;
    }
    signal?.addEventListener('abort', onAbort, { once: true });
    req.on('error', (err) => finish(err));
    req.end(body ?? undefined);
  });
}

/** Sends `init` to `url` and reads the whole answer (see the module's comment for what follows fetch). */
export async function plainExchange(url: string, init: PlainRequest = {}): Promise<PlainAnswer> {
  const signal = init.signal;
  signal?.throwIfAborted();
  const first = new URL(url);
  let current = first;
  let method = (init.method ?? 'GET').toUpperCase();
  let body: string | Uint8Array | null = init.body instanceof URLSearchParams ? init.body.toString() : (init.body ?? null);
  const headers = requestHeaders(init.headers, body, init.body instanceof URLSearchParams);
  for (let hop = 0; ; hop++) {
    const { res, bytes } = await once(current, method, headers, body, signal);
    const status = res.statusCode ?? 0;
    const location = res.headers.location;
    if (status < 300 || status > 308 || status === 304 || status === 305 || status === 306 || !location) {
      return { status, headers: new IncomingHeaders(res.headers), text: bytes.toString('utf8'), url: current.toString() };
    }
    if (hop >= MAX_REDIRECTS) throw new TypeError(`${first.host}: redirect count exceeded`);
    const next = new URL(location, current);
    if (next.origin !== current.origin) {
      delete headers.authorization;
      delete headers.cookie;
      delete headers['proxy-authorization'];
    }
    if ((status === 303 && method !== 'HEAD') || ((status === 301 || status === 302) && method === 'POST')) {
      method = 'GET';
      body = null;
      for (const name of ['content-type', 'content-length', 'content-encoding', 'content-language', 'content-location']) delete headers[name];
    }
    current = next;
  }
}
