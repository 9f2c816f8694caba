import { createHash, createHmac } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadable } from 'node:stream/web';
import type { ByteRange, RelayStorage } from './storage.js';
import { checkKey } from './storage.js';

export interface S3Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
}

export const EMPTY_SHA256 = createHash('sha256').update('').digest('hex');

const hmac = (key: Buffer | string, data: string): Buffer => createHmac('sha256', key).update(data).digest();
const hex = (data: string): string => createHash('sha256').update(data).digest('hex');
/** RFC 3986 encoding, as SigV4 wants it (encodeURIComponent leaves !'()* alone). */
const uriEncode = (s: string): string => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** `20130524T000000Z` */
export const amzDate = (d: Date): string => d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/**
 * AWS Signature Version 4 for S3 (the canonical request, the string to sign,
 * the derived key; "Signature Calculations for the Authorization Header" in
 * the S3 API reference). Signs `host`, every `x-amz-*` header and the other
 * headers given; answers the headers to send, Authorization included. S3
 * paths are encoded once, segment by segment (not twice as for other services).
 */
export function signV4(req: { method: string; url: URL; headers: Record<string, string>; payloadSha256: string }, c: S3Credentials, now: Date): Record<string, string> {
  const date = amzDate(now);
  const day = date.slice(0, 8);
  const headers: Record<string, string> = { ...req.headers, host: req.url.host, 'x-amz-content-sha256': req.payloadSha256, 'x-amz-date': date };
  const names = Object.keys(headers)
    .map((n) => n.toLowerCase())
    .sort();
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v.trim().replace(/\s+/g, ' ')]));
  const canonicalUri = req.url.pathname
    .split('/')
    .map((seg) => uriEncode(decodeURIComponent(seg)))
    .join('/');
  const query = [...req.url.searchParams.entries()]
    .map(([k, v]) => [uriEncode(k), uriEncode(v)] as const)
    .sort((a, b) => (a[0] === b[0] ? (a[1] < b[1] ? -1 : 1) : a[0] < b[0] ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const signedHeaders = names.join(';');
  const canonical = [req.method, canonicalUri || '/', query, names.map((n) => `${n}:${lower[n]}\n`).join(''), signedHeaders, req.payloadSha256].join('\n');
  const scope = `${day}/${c.region}/s3/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', date, scope, hex(canonical)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${c.secretAccessKey}`, day), c.region), 's3'), 'aws4_request');
  const signature = createHmac('sha256', key).update(toSign).digest('hex');
  return { ...headers, authorization: `AWS4-HMAC-SHA256 Credential=${c.accessKeyId}/${scope},SignedHeaders=${signedHeaders},Signature=${signature}` };
}

/** S3's error code from its XML body (`<Error><Code>NoSuchKey</Code>…`), never the request's credentials. */
async function s3Error(res: Response, what: string): Promise<Error> {
  const text = await res.text().catch(() => '');
  const code = /<Code>([^<]{1,100})<\/Code>/.exec(text)?.[1] ?? 'no error code';
  return new Error(`S3 ${what}: HTTP ${res.status} ${code}`);
}

/**
 * An S3-compatible bucket (AWS S3, Cloudflare R2, MinIO, Backblaze B2…) as the
 * relay's store: `KINGJAM_RELAY_S3_URL=https://KEY:SECRET@host/bucket?region=…`,
 * path-style addressing. Uploads still arrive on local disk first, so only a
 * complete, checked file is PUT, with its SHA-256 signed as the payload hash.
 */
export class S3Storage implements RelayStorage {
  readonly kind = 's3';
  readonly incoming: string;

  constructor(
    private readonly endpoint: string,
    private readonly bucket: string,
    private readonly creds: S3Credentials,
    localDir: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.incoming = join(localDir, 'incoming');
  }

  static fromUrl(spec: string, localDir: string): S3Storage {
    const u = new URL(spec);
    const bucket = u.pathname.replace(/^\/+|\/+$/g, '');
    if (!u.username || !u.password || !bucket || bucket.includes('/')) throw new Error('KINGJAM_RELAY_S3_URL: expected https://KEY:SECRET@host/bucket?region=…');
    const creds = { accessKeyId: decodeURIComponent(u.username), secretAccessKey: decodeURIComponent(u.password), region: u.searchParams.get('region') ?? 'us-east-1' };
    return new S3Storage(`${u.protocol}//${u.host}`, bucket, creds, localDir);
  }

  private url(key: string): URL {
    return new URL(`${this.endpoint}/${this.bucket}/${checkKey(key)}`);
  }

  private async send(method: string, key: string, headers: Record<string, string>, payloadSha256: string, body?: ReadableStream, timeoutMs = 60_000): Promise<Response> {
    const url = this.url(key);
    const signed = signV4({ method, url, headers, payloadSha256 }, this.creds, this.now());
    delete signed.host;
    return fetch(url, { method, headers: signed, ...(body ? { body, duplex: 'half' } : {}), signal: AbortSignal.timeout(timeoutMs) } as RequestInit);
  }

  async put(key: string, file: string, meta: { bytes: number; sha256: string; contentType: string }): Promise<void> {
    const body = Readable.toWeb(createReadStream(file)) as unknown as ReadableStream;
    // A gigabyte at a slow few MB/s still fits.
    const res = await this.send('PUT', key, { 'content-length': String(meta.bytes), 'content-type': meta.contentType }, meta.sha256, body, 60 * 60_000);
    if (!res.ok) throw await s3Error(res, 'PUT');
    await res.arrayBuffer();
  }

  async read(key: string, range: ByteRange | null): Promise<Readable> {
    const res = await this.send('GET', key, range ? { range: `bytes=${range.start}-${range.end}` } : {}, EMPTY_SHA256, undefined, 10 * 60_000);
    if (!res.ok || !res.body) throw await s3Error(res, 'GET');
    return Readable.fromWeb(res.body as unknown as WebReadable);
  }

  async delete(key: string): Promise<void> {
    const res = await this.send('DELETE', key, {}, EMPTY_SHA256);
    if (!res.ok && res.status !== 404) throw await s3Error(res, 'DELETE');
    await res.arrayBuffer();
  }
}
