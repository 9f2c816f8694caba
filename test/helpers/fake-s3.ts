import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback S3 for tests, speaking the REST wire format Amazon documents
 * (path-style URLs `/<bucket>/<key>`): PutObject, GetObject, HeadObject,
 * ListObjectsV2, DeleteObjects, and the multipart calls (CreateMultipartUpload
 * `POST ?uploads`, UploadPart `PUT ?partNumber&uploadId`,
 * CompleteMultipartUpload `POST ?uploadId`, AbortMultipartUpload
 * `DELETE ?uploadId`). Errors are S3's XML bodies (`<Error><Code>…`).
 *
 * Every request must carry a valid SigV4 `Authorization` header: the access
 * key must be known and the signature is recomputed from the canonical
 * request, so a wrong secret fails as it does on AWS. When the client signs
 * its payload (`x-amz-content-sha256` is a hash, not UNSIGNED-PAYLOAD), the
 * body is hashed and checked too.
 */
export interface FakeS3Options {
  buckets: string[];
  credentials: Record<string, string>; // access key id → secret
  region?: string;
}

interface StoredObject {
  body: Buffer;
  etag: string;
  modified: Date;
}

interface Upload {
  bucket: string;
  key: string;
  parts: Map<number, { body: Buffer; etag: string }>;
}

export interface FakeS3Fault {
  /** Which operation to fail (as counted in `calls`). */
  op: string;
  status: number;
  code: string;
  /** How many of the next matching requests fail. */
  times: number;
}

const MIN_PART = 5 * 1024 * 1024;
const EMPTY_SHA = createHash('sha256').update('').digest('hex');

export class FakeS3 {
  readonly buckets = new Map<string, Map<string, StoredObject>>();
  readonly uploads = new Map<string, Upload>();
  /** Requests per operation name, including failed ones. */
  readonly calls = new Map<string, number>();
  /** Access keys seen on requests whose signature verified. */
  readonly verifiedKeys = new Set<string>();
  /** Requests whose payload hash was checked against the body. */
  payloadsChecked = 0;
  private faults: FakeS3Fault[] = [];
  /** GetObject answers that stop halfway (the connection drops after the headers and half the bytes). */
  private cutShort = 0;
  private server: http.Server | null = null;
  port = 0;

  constructor(private readonly options: FakeS3Options) {
    for (const b of options.buckets) this.buckets.set(b, new Map());
  }

  get endpoint(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => {
        if (!res.headersSent) sendError(res, 500, 'InternalError', String(err));
        else res.destroy();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async close(): Promise<void> {
    const s = this.server;
    this.server = null;
    if (!s) return;
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  failNext(fault: FakeS3Fault): void {
    this.faults.push({ ...fault });
  }

  clearFaults(): void {
    this.faults = [];
    this.cutShort = 0;
  }

  /** The next `times` GetObject answers promise the whole object and drop the connection halfway. */
  cutNextDownloads(times: number): void {
    this.cutShort += times;
  }

  count(op: string): number {
    return this.calls.get(op) ?? 0;
  }

  object(bucket: string, key: string): Buffer | undefined {
    return this.buckets.get(bucket)?.get(key)?.body;
  }

  keys(bucket: string): string[] {
    return [...(this.buckets.get(bucket)?.keys() ?? [])].sort();
  }

  /** Fills a bucket directly (fast setup for listing tests). */
  seed(bucket: string, key: string, body: Buffer): void {
    this.buckets.get(bucket)!.set(key, { body, etag: `"${md5(body)}"`, modified: new Date() });
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const rawUrl = req.url ?? '/';
    const q = rawUrl.indexOf('?');
    const rawPath = q < 0 ? rawUrl : rawUrl.slice(0, q);
    const rawQuery = q < 0 ? '' : rawUrl.slice(q + 1);
    const query = parseQuery(rawQuery);
    const slash = rawPath.indexOf('/', 1);
    const bucket = decodeURIComponent(slash < 0 ? rawPath.slice(1) : rawPath.slice(1, slash));
    const key = slash < 0 ? '' : decodeURIComponent(rawPath.slice(slash + 1));
    const method = req.method ?? 'GET';
    const op = operation(method, key, query);
    this.calls.set(op, (this.calls.get(op) ?? 0) + 1);

    const body = await readBody(req);
    const auth = this.verify(req, method, rawPath, rawQuery, body);
    if (auth) return sendError(res, auth.status, auth.code, auth.message, method === 'HEAD');

    const faultAt = this.faults.findIndex((f) => f.op === op && f.times > 0);
    if (faultAt >= 0) {
      const f = this.faults[faultAt]!;
      f.times -= 1;
      if (f.times === 0) this.faults.splice(faultAt, 1);
      return sendError(res, f.status, f.code, 'Injected by the test.', method === 'HEAD');
    }

    const objects = this.buckets.get(bucket);
    if (!objects) return sendError(res, 404, 'NoSuchBucket', 'The specified bucket does not exist', method === 'HEAD');

    switch (op) {
      case 'PutObject': {
        const etag = `"${md5(body)}"`;
        objects.set(key, { body, etag, modified: new Date() });
        res.writeHead(200, { ETag: etag, 'Content-Length': '0' }).end();
        return;
      }
      case 'GetObject':
      case 'HeadObject': {
        const o = objects.get(key);
        if (!o) return sendError(res, 404, 'NoSuchKey', 'The specified key does not exist.', op === 'HeadObject');
        res.writeHead(200, {
          ETag: o.etag,
          'Content-Length': String(o.body.length),
          'Content-Type': 'application/octet-stream',
          'Last-Modified': o.modified.toUTCString(),
          'Accept-Ranges': 'bytes',
        });
        if (op === 'GetObject' && this.cutShort > 0) {
          this.cutShort -= 1;
          res.write(o.body.subarray(0, Math.floor(o.body.length / 2)), () => res.destroy());
          return;
        }
        res.end(op === 'GetObject' ? o.body : undefined);
        return;
      }
      case 'ListObjectsV2':
        return this.list(res, bucket, objects, query);
      case 'DeleteObjects':
        return this.deleteObjects(req, res, objects, body);
      case 'CreateMultipartUpload': {
        const uploadId = randomUUID();
        this.uploads.set(uploadId, { bucket, key, parts: new Map() });
        sendXml(res, 200, `<InitiateMultipartUploadResult><Bucket>${esc(bucket)}</Bucket><Key>${esc(key)}</Key><UploadId>${uploadId}</UploadId></InitiateMultipartUploadResult>`);
        return;
      }
      case 'UploadPart': {
        const upload = this.uploads.get(query.get('uploadId') ?? '');
        if (!upload) return sendError(res, 404, 'NoSuchUpload', 'The specified upload does not exist.');
        const n = Number(query.get('partNumber'));
        if (!Number.isInteger(n) || n < 1 || n > 10_000) return sendError(res, 400, 'InvalidArgument', 'Part number must be an integer between 1 and 10000.');
        const etag = `"${md5(body)}"`;
        upload.parts.set(n, { body, etag });
        res.writeHead(200, { ETag: etag, 'Content-Length': '0' }).end();
        return;
      }
      case 'CompleteMultipartUpload':
        return this.complete(res, objects, query.get('uploadId') ?? '', body);
      case 'AbortMultipartUpload': {
        if (!this.uploads.delete(query.get('uploadId') ?? '')) return sendError(res, 404, 'NoSuchUpload', 'The specified upload does not exist.');
        res.writeHead(204).end();
        return;
      }
      case 'DeleteObject': {
        objects.delete(key);
        res.writeHead(204).end();
        return;
      }
      default:
        return sendError(res, 501, 'NotImplemented', `The fake does not speak ${op}.`);
    }
  }

  private list(res: http.ServerResponse, bucket: string, objects: Map<string, StoredObject>, query: Map<string, string>): void {
    if (query.get('list-type') !== '2') return sendError(res, 400, 'InvalidArgument', 'Only ListObjectsV2 is spoken here.');
    const prefix = query.get('prefix') ?? '';
    const maxKeys = Math.min(1000, Number(query.get('max-keys') ?? 1000));
    const after = query.has('continuation-token') ? Buffer.from(query.get('continuation-token')!, 'base64url').toString() : (query.get('start-after') ?? '');
    const all = [...objects.keys()].filter((k) => k.startsWith(prefix) && k > after).sort();
    const page = all.slice(0, maxKeys);
    const truncated = all.length > page.length;
    const contents = page
      .map((k) => {
        const o = objects.get(k)!;
        return `<Contents><Key>${esc(k)}</Key><LastModified>${o.modified.toISOString()}</LastModified><ETag>${esc(o.etag)}</ETag><Size>${o.body.length}</Size><StorageClass>STANDARD</StorageClass></Contents>`;
      })
      .join('');
    const next = truncated ? `<NextContinuationToken>${Buffer.from(page[page.length - 1]!).toString('base64url')}</NextContinuationToken>` : '';
    const token = query.has('continuation-token') ? `<ContinuationToken>${esc(query.get('continuation-token')!)}</ContinuationToken>` : '';
    sendXml(
      res,
      200,
      `<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>${esc(bucket)}</Name><Prefix>${esc(prefix)}</Prefix><KeyCount>${page.length}</KeyCount><MaxKeys>${maxKeys}</MaxKeys><IsTruncated>${truncated}</IsTruncated>${token}${contents}${next}</ListBucketResult>`,
    );
  }

  private deleteObjects(req: http.IncomingMessage, res: http.ServerResponse, objects: Map<string, StoredObject>, body: Buffer): void {
    // S3 refuses a multi-object delete whose body has no integrity header.
    const hasChecksum = req.headers['content-md5'] !== undefined || Object.keys(req.headers).some((h) => h.startsWith('x-amz-checksum-'));
    if (!hasChecksum) return sendError(res, 400, 'InvalidRequest', 'Missing required header for this request: Content-MD5 or x-amz-checksum-*');
    const md5Header = req.headers['content-md5'];
    if (typeof md5Header === 'string' && md5Header !== createHash('md5').update(body).digest('base64')) return sendError(res, 400, 'BadDigest', 'The Content-MD5 you specified did not match what we received.');
    const xml = body.toString('utf8');
    const keys = [...xml.matchAll(/<Object>\s*<Key>([\s\S]*?)<\/Key>/g)].map((m) => unesc(m[1]!));
    if (keys.length === 0 || keys.length > 1000) return sendError(res, 400, 'MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema');
    const quiet = /<Quiet>true<\/Quiet>/.test(xml);
    for (const k of keys) objects.delete(k);
    sendXml(res, 200, `<DeleteResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${quiet ? '' : keys.map((k) => `<Deleted><Key>${esc(k)}</Key></Deleted>`).join('')}</DeleteResult>`);
  }

  private complete(res: http.ServerResponse, objects: Map<string, StoredObject>, uploadId: string, body: Buffer): void {
    const upload = this.uploads.get(uploadId);
    if (!upload) return sendError(res, 404, 'NoSuchUpload', 'The specified upload does not exist.');
    const listed = [...body.toString('utf8').matchAll(/<Part>([\s\S]*?)<\/Part>/g)].map((m) => ({
      n: Number(/<PartNumber>(\d+)<\/PartNumber>/.exec(m[1]!)?.[1]),
      etag: unesc(/<ETag>([\s\S]*?)<\/ETag>/.exec(m[1]!)?.[1] ?? ''),
    }));
    if (listed.length === 0) return sendError(res, 400, 'MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema');
    const chunks: Buffer[] = [];
    for (let i = 0; i < listed.length; i++) {
      const { n, etag } = listed[i]!;
      if (i > 0 && n <= listed[i - 1]!.n) return sendError(res, 400, 'InvalidPartOrder', 'The list of parts was not in ascending order.');
      const part = upload.parts.get(n);
      if (!part || part.etag !== etag) return sendError(res, 400, 'InvalidPart', 'One or more of the specified parts could not be found.');
      if (i < listed.length - 1 && part.body.length < MIN_PART) return sendError(res, 400, 'EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed object size.');
      chunks.push(part.body);
    }
    const whole = Buffer.concat(chunks);
    const etag = `"${createHash('md5')
      .update(Buffer.concat(chunks.map((c) => createHash('md5').update(c).digest())))
      .digest('hex')}-${chunks.length}"`;
    objects.set(upload.key, { body: whole, etag, modified: new Date() });
    this.uploads.delete(uploadId);
    sendXml(res, 200, `<CompleteMultipartUploadResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Location>${esc(this.endpoint)}/${esc(upload.bucket)}/${esc(upload.key)}</Location><Bucket>${esc(upload.bucket)}</Bucket><Key>${esc(upload.key)}</Key><ETag>${esc(etag)}</ETag></CompleteMultipartUploadResult>`);
  }

  /** SigV4 (AWS4-HMAC-SHA256) as the SDK signs a header-authorized request; null when it holds. */
  private verify(req: http.IncomingMessage, method: string, rawPath: string, rawQuery: string, body: Buffer): { status: number; code: string; message: string } | null {
    const header = req.headers.authorization ?? '';
    const m = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/.exec(header);
    if (!m) return { status: 403, code: 'AccessDenied', message: 'Access Denied' };
    const [, accessKey, day, region, signedHeaders, signature] = m as unknown as [string, string, string, string, string, string];
    const secret = this.options.credentials[accessKey];
    if (secret === undefined) return { status: 403, code: 'InvalidAccessKeyId', message: 'The AWS Access Key Id you provided does not exist in our records.' };
    if (this.options.region && region !== this.options.region) return { status: 400, code: 'AuthorizationHeaderMalformed', message: `the region '${region}' is wrong; expecting '${this.options.region}'` };
    const amzDate = String(req.headers['x-amz-date'] ?? '');
    const payloadHash = String(req.headers['x-amz-content-sha256'] ?? '');
    if (!payloadHash) return { status: 400, code: 'InvalidRequest', message: 'Missing required header for this request: x-amz-content-sha256' };
    const canonicalHeaders = signedHeaders
      .split(';')
      .map((h) => `${h}:${String(req.headers[h] ?? '').trim().replace(/\s+/g, ' ')}\n`)
      .join('');
    const canonicalRequest = [method, rawPath, canonicalQuery(rawQuery), canonicalHeaders, signedHeaders, payloadHash].join('\n');
    const scope = `${day}/${region}/s3/aws4_request`;
    const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonicalRequest)].join('\n');
    let k = hmac(`AWS4${secret}`, day);
    k = hmac(k, region);
    k = hmac(k, 's3');
    k = hmac(k, 'aws4_request');
    const expected = Buffer.from(createHmac('sha256', k).update(stringToSign).digest('hex'));
    if (!timingSafeEqual(expected, Buffer.from(signature))) return { status: 403, code: 'SignatureDoesNotMatch', message: 'The request signature we calculated does not match the signature you provided. Check your key and signing method.' };
    if (/^[0-9a-f]{64}$/.test(payloadHash)) {
      this.payloadsChecked += 1;
      const actual = body.length === 0 ? EMPTY_SHA : createHash('sha256').update(body).digest('hex');
      if (actual !== payloadHash) return { status: 400, code: 'XAmzContentSHA256Mismatch', message: "The provided 'x-amz-content-sha256' header does not match what was computed." };
    }
    this.verifiedKeys.add(accessKey);
    return null;
  }
}

function operation(method: string, key: string, query: Map<string, string>): string {
  if (key === '') {
    if (method === 'GET') return 'ListObjectsV2';
    if (method === 'POST' && query.has('delete')) return 'DeleteObjects';
    return `Bucket${method}`;
  }
  if (method === 'POST' && query.has('uploads')) return 'CreateMultipartUpload';
  if (method === 'POST' && query.has('uploadId')) return 'CompleteMultipartUpload';
  if (method === 'PUT' && query.has('uploadId')) return 'UploadPart';
  if (method === 'DELETE' && query.has('uploadId')) return 'AbortMultipartUpload';
  if (method === 'PUT') return 'PutObject';
  if (method === 'GET') return 'GetObject';
  if (method === 'HEAD') return 'HeadObject';
  if (method === 'DELETE') return 'DeleteObject';
  return `Object${method}`;
}

function parseQuery(raw: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const pair of raw.split('&').filter(Boolean)) {
    const eq = pair.indexOf('=');
    out.set(decodeURIComponent(eq < 0 ? pair : pair.slice(0, eq)), decodeURIComponent(eq < 0 ? '' : pair.slice(eq + 1).replace(/\+/g, ' ')));
  }
  return out;
}

/** SigV4's canonical query string: names and values RFC 3986-encoded, sorted by name. */
function canonicalQuery(raw: string): string {
  return [...parseQuery(raw).entries()]
    .map(([k, v]) => [rfc3986(k), rfc3986(v)] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

function rfc3986(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

async function readBody(req: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

function sendXml(res: http.ServerResponse, status: number, xml: string): void {
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n${xml}`;
  res.writeHead(status, { 'Content-Type': 'application/xml', 'Content-Length': String(Buffer.byteLength(body)), 'x-amz-request-id': randomUUID() });
  res.end(body);
}

function sendError(res: http.ServerResponse, status: number, code: string, message: string, headOnly = false): void {
  if (headOnly) {
    // HEAD responses carry no body; S3 says only the status.
    res.writeHead(status, { 'x-amz-request-id': randomUUID() }).end();
    return;
  }
  sendXml(res, status, `<Error><Code>${esc(code)}</Code><Message>${esc(message)}</Message><RequestId>${randomUUID()}</RequestId></Error>`);
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

function unesc(s: string): string {
  return s
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#x([0-9a-fA-F]+);/g, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&amp;/g, '&');
}

function md5(b: Buffer): string {
  return createHash('md5').update(b).digest('hex');
}

function sha256(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data).digest();
}
