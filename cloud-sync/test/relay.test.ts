import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMPTY_SHA256, signV4 } from '../src/relay/s3.js';
import { describeEachDb } from './support/db.js';
import type { Session } from './support/http.js';
import type { PartnerServer } from './support/partners.js';
import { startPartnerServer } from './support/partners.js';
import type { FakeS3 } from './support/s3-fake.js';
import { startFakeS3 } from './support/s3-fake.js';

const KiB = 1024;
const MAX = 64 * KiB;
const QUOTA = 200 * KiB;
const TTL = 3600_000;

const jpeg = (n: number) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(n - 4)]);
const png = (n: number) => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(n - 8)]);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Every file under `dir`, relative. */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, rel: string) => {
    let names: string[] = [];
    try {
      names = readdirSync(d);
    } catch {
      return;
    }
    for (const n of names) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p, `${rel}${n}/`);
      else out.push(`${rel}${n}`);
    }
  };
  walk(dir, '');
  return out;
}

interface RelayReply {
  id: string;
  url: string;
  sha256: string;
  bytes: number;
  content_type: string;
  expires_at: number;
  error?: { code: string; message: string; details?: Record<string, number> };
}

async function upload(base: string, body: Buffer | ReadableStream, type: string, token?: string): Promise<{ status: number; body: RelayReply }> {
  const res = await fetch(`${base}/v1/relay`, {
    method: 'POST',
    headers: { 'content-type': type, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body,
    ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
  } as RequestInit);
  return { status: res.status, body: (await res.json()) as RelayReply };
}

function chunked(data: Buffer, chunk = 8 * KiB): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream({
    pull(c) {
      if (at >= data.length) return c.close();
      c.enqueue(new Uint8Array(data.subarray(at, at + chunk)));
      at += chunk;
    },
  });
}

describeEachDb('media relay', (kind) => {
  let s: PartnerServer;
  let dir: string;
  let u: Session;
  let base = '';
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kingjam-relay-'));
    s = await startPartnerServer(kind, { relay: { dir, maxBytes: MAX, quotaBytes: QUOTA, ttlMs: TTL }, publicUrl: () => base });
    base = s.base;
    s.clock.set(Date.now());
    u = await s.register();
  });
  afterAll(async () => {
    await s?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses an upload without the access token, and keeps nothing', async () => {
    const r = await upload(base, jpeg(2 * KiB), 'image/jpeg');
    expect(r.status).toBe(401);
    expect(r.body.error?.code).toBe('UNAUTHENTICATED');
    const bad = await upload(base, jpeg(2 * KiB), 'image/jpeg', 'not-a-token');
    expect(bad.status).toBe(401);
    expect(filesUnder(dir)).toEqual([]);
  });

  it('refuses a file whose first bytes are not its declared type, and types it does not relay', async () => {
    const lie = await upload(base, jpeg(4 * KiB), 'image/png', u.token);
    expect(lie.status).toBe(415);
    expect(lie.body.error?.code).toBe('RELAY_TYPE_MISMATCH');
    const html = await upload(base, Buffer.from('<html><script>alert(1)</script></html>'), 'text/html', u.token);
    expect(html.status).toBe(415);
    expect(html.body.error?.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    // HTML declared as an image.
    const posing = await upload(base, Buffer.from('<html><body>not an image at all</body></html>'), 'image/gif', u.token);
    expect(posing.body.error?.code).toBe('RELAY_TYPE_MISMATCH');
    expect(filesUnder(dir)).toEqual([]);
  });

  it('stores a file, serves it at an unguessable URL with ranges, and stores the same bytes once', async () => {
    const data = jpeg(10 * KiB);
    const r = await upload(base, data, 'image/jpeg', u.token);
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ sha256: sha(data), bytes: data.length, content_type: 'image/jpeg', expires_at: s.clock.now() + TTL });
    const token = r.body.url.slice(`${base}/m/`.length);
    expect(r.body.url.startsWith(`${base}/m/`)).toBe(true);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(r.body.url).not.toContain(sha(data));
    expect(r.body.url).not.toContain(r.body.id);

    const got = await fetch(r.body.url);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('image/jpeg');
    expect(got.headers.get('content-length')).toBe(String(data.length));
    expect(got.headers.get('accept-ranges')).toBe('bytes');
    expect(got.headers.get('cache-control')).toBe('private, no-store');
    expect(Buffer.from(await got.arrayBuffer()).equals(data)).toBe(true);

    const head = await fetch(r.body.url, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(data.length));
    expect((await head.arrayBuffer()).byteLength).toBe(0);
    const part = await fetch(r.body.url, { headers: { range: 'bytes=100-199' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-199/${data.length}`);
    expect(part.headers.get('content-length')).toBe('100');
    expect(Buffer.from(await part.arrayBuffer()).equals(data.subarray(100, 200))).toBe(true);
    const tail = await fetch(r.body.url, { headers: { range: 'bytes=-16' } });
    expect(Buffer.from(await tail.arrayBuffer()).equals(data.subarray(data.length - 16))).toBe(true);
    const outside = await fetch(r.body.url, { headers: { range: `bytes=${data.length}-` } });
    expect(outside.status).toBe(416);
    expect(outside.headers.get('content-range')).toBe(`bytes */${data.length}`);

    // The same bytes again: the same file, URL and storage; its lifetime starts again.
    s.clock.advance(60_000);
    const again = await upload(base, data, 'image/jpeg', u.token);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: r.body.id, url: r.body.url, expires_at: s.clock.now() + TTL });
    expect(filesUnder(join(dir, 'files', u.id))).toEqual([r.body.id]);
    const list = await s.call<{ files: RelayReply[] }>('GET', '/v1/relay', undefined, u.token);
    expect(list.body.files.map((f) => f.id)).toEqual([r.body.id]);
    // A guessed or altered token is not found.
    expect((await fetch(`${base}/m/${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`)).status).toBe(404);
    expect((await fetch(`${base}/m/${sha(data)}`)).status).toBe(404);
    await s.call('DELETE', `/v1/relay/${r.body.id}`, undefined, u.token);
  });

  it('refuses a file over the size limit, declared or streamed, with nothing left on disk', async () => {
    const before = filesUnder(dir);
    const declared = await upload(base, jpeg(MAX + 1), 'image/jpeg', u.token);
    expect(declared.status).toBe(413);
    expect(declared.body.error).toMatchObject({ code: 'RELAY_FILE_TOO_LARGE', details: { limit_bytes: MAX } });
    const streamed = await upload(base, chunked(jpeg(MAX + 20 * KiB)), 'image/jpeg', u.token);
    expect(streamed.status).toBe(413);
    expect(streamed.body.error?.code).toBe('RELAY_FILE_TOO_LARGE');
    expect(filesUnder(dir)).toEqual(before);
    // Exactly at the limit, streamed, is accepted.
    const edge = await upload(base, chunked(png(MAX)), 'image/png', u.token);
    expect(edge.status).toBe(201);
    await s.call('DELETE', `/v1/relay/${edge.body.id}`, undefined, u.token);
  });

  it('refuses past the quota with the figures, and frees room when a file is deleted', async () => {
    const q = await s.register();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await upload(base, jpeg(60 * KiB), 'image/jpeg', q.token);
      expect(r.status).toBe(201);
      ids.push(r.body.id);
    }
    const over = await upload(base, jpeg(60 * KiB), 'image/jpeg', q.token);
    expect(over.status).toBe(429);
    expect(over.body.error).toMatchObject({ code: 'RELAY_QUOTA_EXCEEDED', details: { used_bytes: 180 * KiB, incoming_bytes: 60 * KiB, quota_bytes: QUOTA } });
    expect(filesUnder(join(dir, 'files', q.id))).toHaveLength(3);
    expect((await s.call('DELETE', `/v1/relay/${ids[0]}`, undefined, q.token)).status).toBe(200);
    expect((await upload(base, jpeg(60 * KiB), 'image/jpeg', q.token)).status).toBe(201);
  });

  it("keeps another user's files out of reach: not listed, not deletable", async () => {
    const owner = await s.register();
    const other = await s.register();
    const r = await upload(base, png(3 * KiB), 'image/png', owner.token);
    expect((await s.call<{ files: RelayReply[] }>('GET', '/v1/relay', undefined, other.token)).body.files).toEqual([]);
    const del = await s.call<RelayReply>('DELETE', `/v1/relay/${r.body.id}`, undefined, other.token);
    expect(del.status).toBe(404);
    expect(del.body.error?.code).toBe('RELAY_FILE_NOT_FOUND');
    expect((await fetch(r.body.url)).status).toBe(200);
    expect((await s.call('GET', '/v1/relay')).status).toBe(401);
    // The owner deletes it once the post is published: gone from the URL and the disk.
    expect((await s.call('DELETE', `/v1/relay/${r.body.id}`, undefined, owner.token)).status).toBe(200);
    expect((await fetch(r.body.url)).status).toBe(404);
    expect(filesUnder(join(dir, 'files', owner.id))).toEqual([]);
  });

  it('expires: the URL answers 404 at once, and the sweep removes the file from storage and the table', async () => {
    const e = await s.register();
    const r = await upload(base, jpeg(5 * KiB), 'image/jpeg', e.token);
    expect(filesUnder(join(dir, 'files', e.id))).toEqual([r.body.id]);
    s.clock.advance(TTL + 1);
    const gone = await fetch(r.body.url);
    expect(gone.status).toBe(404);
    expect(((await gone.json()) as RelayReply).error?.code).toBe('RELAY_FILE_NOT_FOUND');
    expect((await s.call<{ files: RelayReply[] }>('GET', '/v1/relay', undefined, e.token)).body.files).toEqual([]);
    const swept = await s.app.relay.sweep();
    expect(swept.deleted).toBeGreaterThanOrEqual(1);
    expect(filesUnder(join(dir, 'files', e.id))).toEqual([]);
    expect(await s.db.db.selectFrom('relay_files').select('id').where('id', '=', r.body.id).executeTakeFirst()).toBeUndefined();
    // The same bytes can be relayed again afterwards, at a new address.
    const back = await upload(base, jpeg(5 * KiB), 'image/jpeg', e.token);
    expect(back.status).toBe(201);
  });
});

describe('media relay on an S3-compatible bucket', () => {
  let s3: FakeS3;
  let s: PartnerServer;
  let dir: string;
  let base = '';
  beforeAll(async () => {
    s3 = await startFakeS3('kingjam-relay', 'AKIDRELAYTEST', 'relay/secret+key');
    dir = mkdtempSync(join(tmpdir(), 'kingjam-relay-s3-'));
    s = await startPartnerServer('sqlite', { relay: { dir, s3Url: s3.url('ap-northeast-1'), maxBytes: MAX, ttlMs: TTL }, publicUrl: () => base });
    base = s.base;
  });
  afterAll(async () => {
    await s?.close();
    await s3?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('signs like the AWS documentation example (GET /test.txt with a Range)', () => {
    const headers = signV4(
      { method: 'GET', url: new URL('https://examplebucket.s3.amazonaws.com/test.txt'), headers: { range: 'bytes=0-9' }, payloadSha256: EMPTY_SHA256 },
      { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', region: 'us-east-1' },
      new Date('2013-05-24T00:00:00Z'),
    );
    expect(headers.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );
  });

  it('PUTs the checked file, serves it (ranges too) through the relay URL, and DELETEs it on expiry', async () => {
    const u = await s.register();
    const data = png(20 * KiB);
    const r = await upload(base, data, 'image/png', u.token);
    expect(r.status).toBe(201);
    expect(s3.refused).toEqual([]);
    const key = `${u.id}/${r.body.id}`;
    expect(s3.objects.get(key)?.body.equals(data)).toBe(true);
    expect(s3.objects.get(key)?.contentType).toBe('image/png');
    // Nothing stays on local disk once the bucket has it.
    expect(filesUnder(dir)).toEqual([]);
    const got = await fetch(r.body.url);
    expect(Buffer.from(await got.arrayBuffer()).equals(data)).toBe(true);
    const part = await fetch(r.body.url, { headers: { range: 'bytes=10-19' } });
    expect(part.status).toBe(206);
    expect(Buffer.from(await part.arrayBuffer()).equals(data.subarray(10, 20))).toBe(true);
    s.clock.advance(TTL + 1);
    await s.app.relay.sweep();
    expect(s3.objects.has(key)).toBe(false);
    expect(s3.requests.filter((q) => q.method === 'DELETE').map((q) => q.path)).toEqual([`/kingjam-relay/${key}`]);
    expect(s3.refused).toEqual([]);
  });

  it('a wrong secret is refused by the bucket and the upload fails without a row', async () => {
    const wrong = await startPartnerServer('sqlite', { relay: { dir, s3Url: s3.url('ap-northeast-1', 'not-the-secret'), maxBytes: MAX } });
    try {
      const u = await wrong.register();
      const r = await upload(wrong.base, jpeg(2 * KiB), 'image/jpeg', u.token);
      expect(r.status).toBe(500);
      expect(s3.refused.at(-1)).toMatch(/SignatureDoesNotMatch/);
      expect(await wrong.db.db.selectFrom('relay_files').selectAll().execute()).toEqual([]);
      expect(filesUnder(dir)).toEqual([]);
      expect(wrong.logs.join('')).not.toContain('not-the-secret');
    } finally {
      await wrong.close();
    }
  });
});
