import { lookup as dnsLookup } from 'node:dns/promises';
import type { LookupAddress } from 'node:dns';
import { request as httpRequest } from 'node:http';
import type { IncomingMessage, OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { ipVersion, isForbiddenAddress } from '../shared/net/address-policy.js';

/**
 * A `fetch` for addresses a user typed (a WordPress site), guarded against
 * SSRF: the name is resolved first and refused when any of its addresses is
 * not public (src/shared/net/address-policy.ts, the rules cloud-sync's
 * safeFetch uses); the socket connects to the address that was checked — its
 * `lookup` answers only that one, so no second DNS answer can rebind it —
 * while TLS SNI and `Host` keep the name; redirects are followed by hand and
 * each hop is checked again; credentials never follow a redirect to another
 * origin. It has fetch's shape so a publisher can hand it to platformCall.
 */

export class AddressRefused extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'AddressRefused';
  }
}

export interface GuardOptions {
  /**
   * Tests and intranets only: `true` allows every address and plain http; a
   * list allows exactly those origins (`http://127.0.0.1:4321`) — a redirect
   * elsewhere is still checked.
   */
  allowPrivate?: boolean | readonly string[];
  /** How names are resolved (tests inject one); every address is checked. */
  resolve?: (host: string) => Promise<LookupAddress[]>;
  /** Redirects followed (each re-checked); more is an error. Default 3. */
  maxRedirects?: number;
  /** Largest answer read (default 16 MiB); a larger one fails the request. */
  maxResponseBytes?: number;
}

const defaultResolve = (host: string) => dnsLookup(host, { all: true, verbatim: true });

function allowedOrigin(url: URL, opts: GuardOptions): boolean {
  return opts.allowPrivate === true || (Array.isArray(opts.allowPrivate) && opts.allowPrivate.includes(url.origin));
}

/**
 * The address to connect to for `url`, or AddressRefused. A name that cannot be
 * resolved now (offline, a DNS outage) is a network failure, not a refusal:
 * the resolver's error is passed on.
 */
async function checkedAddress(url: URL, opts: GuardOptions): Promise<LookupAddress> {
  const allowed = allowedOrigin(url, opts);
  if (url.protocol !== 'https:' && !(allowed && url.protocol === 'http:')) throw new AddressRefused('only https:// addresses may be used');
  if (url.username || url.password) throw new AddressRefused('addresses with credentials in them are not used');
  // WHATWG URL parsing already turned 2130706433, 0x7f.1 and 017700000001 into 127.0.0.1, and
  // [::ffff:127.0.0.1] into [::ffff:7f00:1].
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const literal = ipVersion(host);
  const addresses = literal ? [{ address: host, family: literal }] : await (opts.resolve ?? defaultResolve)(host);
  if (addresses.length === 0) throw new Error(`${host} has no address`);
  // Any bad address refuses the name: a name with a public and a private address is a
  // rebinding set-up, and the connection could otherwise land on either.
  if (!allowed && addresses.some((a) => isForbiddenAddress(a.address))) throw new AddressRefused(`${host} resolves to a non-public address`);
  return addresses[0]!;
}

type Body = string | Uint8Array | Readable | null;

async function toBody(body: RequestInit['body']): Promise<Body> {
  if (body === undefined || body === null) return null;
  if (typeof body === 'string' || body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (body instanceof URLSearchParams) return body.toString();
  if (body instanceof Blob) return new Uint8Array(await body.arrayBuffer());
  if (body instanceof ReadableStream) return Readable.fromWeb(body as NodeReadableStream);
  throw new TypeError('guardedFetch: unsupported body type');
}

function exchange(url: URL, address: LookupAddress, method: string, headers: OutgoingHttpHeaders, body: Body, signal: AbortSignal | undefined): Promise<IncomingMessage> {
  const pinned: LookupFunction = (_host, options, callback) => {
    // net asks for every address (autoSelectFamily) or for one: either way, only the checked one.
    if ((options as { all?: boolean }).all) (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, [address]);
    else callback(null, address.address, address.family);
  };
  return new Promise((resolve, reject) => {
    const req = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, { method, headers, lookup: pinned, agent: false, ...(signal ? { signal } : {}) }, resolve);
    req.on('error', reject);
    if (body instanceof Readable) {
      body.on('error', (err) => req.destroy(err));
      body.pipe(req);
    } else req.end(body ?? undefined);
  });
}

function responseOf(res: IncomingMessage, url: URL, maxBytes: number): Response {
  const headers = new Headers();
  for (const [name, value] of Object.entries(res.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.set(name, value);
  }
  let size = 0;
  res.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > maxBytes) res.destroy(new Error(`${url.host} answered more than ${maxBytes} bytes`));
  });
  const status = res.statusCode ?? 0;
  const nullBody = status === 204 || status === 205 || status === 304;
  if (nullBody) res.resume();
  const response = new Response(nullBody ? null : (Readable.toWeb(res) as ReadableStream<Uint8Array>), { status, statusText: res.statusMessage ?? '', headers });
  Object.defineProperty(response, 'url', { value: url.toString() });
  return response;
}

/** A fetch that only reaches public addresses (unless `allowPrivate`), with every redirect re-checked. */
export function guardedFetch(opts: GuardOptions = {}): typeof fetch {
  const maxRedirects = opts.maxRedirects ?? 3;
  const maxBytes = opts.maxResponseBytes ?? 16 * 1024 * 1024;
  return async (input, init = {}) => {
    const first = new URL(input instanceof Request ? input.url : input.toString());
    let url = first;
    let method = (init.method ?? 'GET').toUpperCase();
    let headers: Record<string, string> = Object.fromEntries(new Headers(init.headers).entries());
    let body = await toBody(init.body);
    const signal = init.signal ?? undefined;
    for (let hop = 0; ; hop++) {
      signal?.throwIfAborted();
      const address = await checkedAddress(url, opts);
      const res = await exchange(url, address, method, headers, body, signal);
      const status = res.statusCode ?? 0;
      const location = res.headers.location;
      if (status < 300 || status >= 400 || status === 304 || !location || init.redirect === 'manual') return responseOf(res, url, maxBytes);
      res.resume();
      if (init.redirect === 'error') throw new AddressRefused(`${url.host} redirected`);
      if (hop >= maxRedirects) throw new AddressRefused(`more than ${maxRedirects} redirects`);
      url = new URL(location, url);
      // As browsers do: 307/308 repeat the request, the others become a GET; credentials
      // never follow a redirect to another origin.
      if (url.origin !== first.origin) headers = Object.fromEntries(Object.entries(headers).filter(([k]) => k !== 'authorization' && k !== 'cookie'));
      if (status === 307 || status === 308) {
        if (body instanceof Readable) throw new AddressRefused(`${first.host} redirected an upload`);
      } else {
        method = 'GET';
        body = null;
        headers = Object.fromEntries(Object.entries(headers).filter(([k]) => k !== 'content-type' && k !== 'content-length' && k !== 'content-disposition'));
      }
    }
  };
}
