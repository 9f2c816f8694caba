import { lookup as dnsLookup } from 'node:dns/promises';
import type { LookupAddress } from 'node:dns';
import { request as httpRequest } from 'node:http';
import type { IncomingMessage, RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import type { LookupFunction } from 'node:net';
import { isForbiddenAddress } from '../../../src/shared/net/address-policy.js';

/**
 * The one way the server fetches a URL a user gave it (a WordPress site today; feeds and webhooks
 * later), against SSRF (issue 11 §2.4): the host is resolved first and refused if any of its
 * addresses is not public (src/shared/net/address-policy.ts); the connection goes to the address that was
 * checked — the socket's `lookup` answers it, so there is no second DNS lookup to rebind — while
 * TLS SNI and `Host` keep the name; redirects are followed by hand, each hop checked again; the
 * response has a size and a time limit.
 */

export class OutboundRefused extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'OutboundRefused';
  }
}

export interface SafeFetchOptions {
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** Redirects followed (each re-checked); more is an error. */
  maxRedirects?: number;
  maxBytes?: number;
  timeoutMs?: number;
  /** How names are resolved (tests inject one); all addresses are checked. */
  resolve?: (host: string) => Promise<LookupAddress[]>;
  /**
   * Tests and intranets only: `true` allows every address and plain http; a list allows exactly
   * those origins (`http://127.0.0.1:4321`) — a redirect elsewhere is still checked.
   */
  allowPrivate?: boolean | readonly string[];
}

export interface SafeResponse {
  status: number;
  headers: IncomingMessage['headers'];
  body: Buffer;
  /** The URL that answered (after redirects). */
  url: string;
}

const defaultResolve = (host: string) => dnsLookup(host, { all: true, verbatim: true });

/** The address to connect to for `url`, or a refusal. */
async function checkedAddress(url: URL, opts: SafeFetchOptions): Promise<LookupAddress> {
  const allowed = opts.allowPrivate === true || (Array.isArray(opts.allowPrivate) && opts.allowPrivate.includes(url.origin));
  if (url.protocol !== 'https:' && !(allowed && url.protocol === 'http:')) throw new OutboundRefused('only https:// addresses may be fetched');
  if (url.username || url.password) throw new OutboundRefused('addresses with credentials are not fetched');
  // WHATWG URL parsing already turned 2130706433, 0x7f.1 and 017700000001 into 127.0.0.1, and
  // [::ffff:127.0.0.1] into [::ffff:7f00:1].
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const literal = isIP(host);
  const addresses = literal ? [{ address: host, family: literal }] : await (opts.resolve ?? defaultResolve)(host).catch(() => []);
  if (addresses.length === 0) throw new OutboundRefused(`${host} does not resolve`);
  if (!allowed) {
    // Any bad address refuses the name: a name that resolves to a public and a private address is
    // a rebinding set-up, and the connection could otherwise land on either.
    const bad = addresses.find((a) => isForbiddenAddress(a.address));
    if (bad) throw new OutboundRefused(`${host} resolves to a non-public address`);
  }
  return addresses[0]!;
}

function once(url: URL, address: LookupAddress, opts: SafeFetchOptions, deadline: number): Promise<{ res: IncomingMessage; body: Buffer }> {
  const pinned: LookupFunction = (_host, options, callback) => {
    // net asks for every address (autoSelectFamily) or for one: either way, only the checked one.
    if ((options as { all?: boolean }).all) (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, [address]);
    else callback(null, address.address, address.family);
  };
  const maxBytes = opts.maxBytes ?? 1024 * 1024;
  const reqOpts: RequestOptions = { method: opts.method ?? 'GET', headers: opts.headers, lookup: pinned, timeout: Math.max(1, deadline - Date.now()) };
  return new Promise((resolve, reject) => {
    const req = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, reqOpts, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > maxBytes) {
          req.destroy(new Error(`the answer is larger than ${maxBytes} bytes`));
          return;
        }
        chunks.push(c);
      });
      res.on('end', () => resolve({ res, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    const timer = setTimeout(() => req.destroy(new Error('timed out')), Math.max(1, deadline - Date.now()));
    req.on('close', () => clearTimeout(timer));
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** Fetches `input` under the rules above. Throws OutboundRefused for a refused address, Error for a network failure. */
export async function safeFetch(input: string, opts: SafeFetchOptions = {}): Promise<SafeResponse> {
  const deadline = Date.now() + (opts.timeoutMs ?? 15_000);
  const maxRedirects = opts.maxRedirects ?? 3;
  const first = new URL(input);
  let url = first;
  let current = opts;
  for (let hop = 0; ; hop++) {
    const address = await checkedAddress(url, current);
    const { res, body } = await once(url, address, current, deadline);
    const status = res.statusCode ?? 0;
    const location = res.headers.location;
    if (status < 300 || status >= 400 || status === 304 || !location) return { status, headers: res.headers, body, url: url.toString() };
    if (hop >= maxRedirects) throw new OutboundRefused(`more than ${maxRedirects} redirects`);
    url = new URL(location, url);
    // As browsers do: 307/308 repeat the request, the others become a GET; credentials never
    // follow a redirect to another origin.
    const headers = { ...current.headers };
    if (url.origin !== first.origin) for (const k of Object.keys(headers)) if (k.toLowerCase() === 'authorization' || k.toLowerCase() === 'cookie') delete headers[k];
    current = status === 307 || status === 308 ? { ...current, headers } : { ...current, headers, method: 'GET', body: undefined };
  }
}
