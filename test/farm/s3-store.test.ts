import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { S3FileStore, type S3StoreOptions } from '../../src/main/farm/s3-store.js';
import { StudioError } from '../../src/shared/errors.js';
import { FakeS3 } from '../helpers/fake-s3.js';

const KEY = 'AKIAFARMTEST0001';
const SECRET = 'farm-secret-never-logged/abc+123';
const MB = 1024 * 1024;

let s3: FakeS3;
let dir: string;
const stores: S3FileStore[] = [];

function open(extra: Partial<S3StoreOptions> = {}): S3FileStore {
  const store = new S3FileStore({
    bucket: 'farm',
    prefix: 'studio-a',
    endpoint: s3.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    env: { AWS_ACCESS_KEY_ID: KEY, AWS_SECRET_ACCESS_KEY: SECRET },
    ...extra,
  });
  stores.push(store);
  return store;
}

async function sha(file: string): Promise<string> {
  const h = createHash('sha256');
  for await (const c of createReadStream(file)) h.update(c as Buffer);
  return h.digest('hex');
}

async function caught(p: Promise<unknown>): Promise<StudioError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(StudioError);
  return err as StudioError;
}

beforeAll(async () => {
  s3 = await new FakeS3({ buckets: ['farm'], credentials: { [KEY]: SECRET }, region: 'us-east-1' }).start();
  dir = await fs.mkdtemp(path.join(tmpdir(), 'kingjam-s3-store-'));
});

afterEach(() => {
  s3.calls.clear();
  s3.clearFaults();
});

afterAll(async () => {
  for (const s of stores) s.close();
  await s3.close();
  await fs.rm(dir, { recursive: true, force: true });
});

describe('S3FileStore against a loopback S3', () => {
  test('a small file goes up in one signed PutObject under the prefix and comes back byte for byte', async () => {
    const src = path.join(dir, 'cover.png');
    await fs.writeFile(src, randomBytes(300_000));
    const store = open();
    await store.put('jobs/j1/in/cover image+1.png', src);
    expect(s3.count('PutObject')).toBe(1);
    expect(s3.keys('farm')).toContain('studio-a/jobs/j1/in/cover image+1.png');
    expect(s3.verifiedKeys.has(KEY)).toBe(true);
    // The SDK signed the body's hash and the fake checked it against the bytes.
    expect(s3.payloadsChecked).toBeGreaterThan(0);

    const out = path.join(dir, 'back', 'cover.png');
    await store.get('jobs/j1/in/cover image+1.png', out);
    expect(await sha(out)).toBe(await sha(src));
    expect(await store.exists('jobs/j1/in/cover image+1.png')).toBe(true);
    expect(await store.exists('jobs/j1/in/other.png')).toBe(false);
    expect(await fs.readdir(path.dirname(out))).toEqual(['cover.png']);
  });

  test('a file over 64 MB goes up in parts from disk and comes back with the same SHA-256', async () => {
    // Sparse 80 MB with random islands, so every part differs and a misplaced part changes the hash.
    const big = path.join(dir, 'big.mp4');
    const fh = await fs.open(big, 'w');
    await fh.truncate(70 * MB);
    for (let at = 0; at < 70 * MB; at += 7 * MB + 4093) await fh.write(randomBytes(4096), 0, 4096, at);
    await fh.write(randomBytes(1000), 0, 1000, 70 * MB - 1000);
    await fh.close();
    const store = open();
    await store.put('jobs/j2/out/render.mp4', big);
    expect(s3.count('PutObject')).toBe(0);
    expect(s3.count('CreateMultipartUpload')).toBe(1);
    expect(s3.count('UploadPart')).toBe(5); // 16 MB parts
    expect(s3.count('CompleteMultipartUpload')).toBe(1);
    expect(s3.uploads.size).toBe(0);
    const stored = s3.object('farm', 'studio-a/jobs/j2/out/render.mp4')!;
    expect(stored.length).toBe(70 * MB);

    const out = path.join(dir, 'back', 'render.mp4');
    await store.get('jobs/j2/out/render.mp4', out);
    expect(await sha(out)).toBe(await sha(big));
    expect(createHash('sha256').update(stored).digest('hex')).toBe(await sha(big));
  });

  test('a multipart upload that fails is aborted: no parts left, no object', async () => {
    const src = path.join(dir, 'mid.bin');
    await fs.writeFile(src, randomBytes(12 * MB));
    const store = open({ multipartThreshold: 6 * MB, partSize: 5 * MB, partConcurrency: 1 });
    s3.failNext({ op: 'UploadPart', status: 400, code: 'InvalidArgument', times: 1 });
    const err = await caught(store.put('jobs/j3/out/mid.bin', src));
    expect(err.key).toBe('farm.store.failed');
    expect(s3.count('AbortMultipartUpload')).toBe(1);
    expect(s3.uploads.size).toBe(0);
    expect(s3.object('farm', 'studio-a/jobs/j3/out/mid.bin')).toBeUndefined();
  });

  test('a missing key is NOT_FOUND and leaves no file behind', async () => {
    const out = path.join(dir, 'missing', 'x.png');
    const err = await caught(open().get('jobs/none/x.png', out));
    expect(err.code).toBe('NOT_FOUND');
    expect(err.key).toBe('farm.store.notFound');
    expect(await fs.readdir(path.dirname(out))).toEqual([]);
  });

  test('a download cut off halfway is a retryable error and leaves no file, whole or partial', async () => {
    const src = path.join(dir, 'cut.bin');
    await fs.writeFile(src, randomBytes(2 * MB));
    const store = open();
    await store.put('jobs/cut/out/cut.bin', src);
    s3.cutNextDownloads(1);
    const out = path.join(dir, 'cut', 'cut.bin');
    const err = await caught(store.get('jobs/cut/out/cut.bin', out));
    expect(err.key).toBe('farm.store.cutShort');
    expect(err.retryable).toBe(true);
    expect(await fs.readdir(path.dirname(out))).toEqual([]);
    // Tried again, it arrives whole.
    await store.get('jobs/cut/out/cut.bin', out);
    expect(await sha(out)).toBe(await sha(src));
  });

  test('deletePrefix pages through more than 1000 keys and deletes in batches of 1000, sparing neighbours', async () => {
    for (let i = 0; i < 2500; i++) s3.seed('farm', `studio-a/jobs/j7/out/f${String(i).padStart(4, '0')}.png`, Buffer.from(String(i)));
    s3.seed('farm', 'studio-a/jobs/j70/out/keep.png', Buffer.from('k'));
    s3.seed('farm', 'studio-b/jobs/j7/out/keep.png', Buffer.from('k'));
    await open().deletePrefix('jobs/j7/');
    expect(s3.keys('farm').filter((k) => k.includes('jobs/j7/'))).toEqual(['studio-b/jobs/j7/out/keep.png']);
    expect(s3.keys('farm')).toContain('studio-a/jobs/j70/out/keep.png');
    expect(s3.count('ListObjectsV2')).toBe(3);
    expect(s3.count('DeleteObjects')).toBe(3);
  });

  test('a wrong secret or an unknown key id is a clear UNAUTHORIZED that never shows the secret', async () => {
    const src = path.join(dir, 'a.txt');
    await fs.writeFile(src, 'a');
    const wrongSecret = await caught(open({ env: { AWS_ACCESS_KEY_ID: KEY, AWS_SECRET_ACCESS_KEY: 'not-the-secret' } }).put('k/a.txt', src));
    expect(wrongSecret.code).toBe('UNAUTHORIZED');
    expect(wrongSecret.key).toBe('farm.store.denied');
    expect(wrongSecret.message).toContain('SignatureDoesNotMatch');
    const unknown = await caught(open({ env: { AWS_ACCESS_KEY_ID: 'AKIANOBODY', AWS_SECRET_ACCESS_KEY: SECRET } }).exists('k/a.txt'));
    expect(unknown.code).toBe('UNAUTHORIZED');
    for (const e of [wrongSecret, unknown]) {
      expect(JSON.stringify({ m: e.message, p: e.params })).not.toContain('not-the-secret');
      expect(JSON.stringify({ m: e.message, p: e.params })).not.toContain(SECRET);
    }
    expect(s3.object('farm', 'studio-a/k/a.txt')).toBeUndefined();
  });

  test('a 500 from the server is retried by the SDK; one that persists fails as retryable', async () => {
    const src = path.join(dir, 'r.txt');
    await fs.writeFile(src, 'retry me');
    const store = open();
    s3.failNext({ op: 'PutObject', status: 500, code: 'InternalError', times: 2 });
    await store.put('jobs/r/r.txt', src);
    expect(s3.count('PutObject')).toBe(3);
    expect(s3.object('farm', 'studio-a/jobs/r/r.txt')?.toString()).toBe('retry me');

    s3.failNext({ op: 'GetObject', status: 503, code: 'SlowDown', times: 1 });
    const out = path.join(dir, 'retry', 'r.txt');
    await store.get('jobs/r/r.txt', out);
    expect(await fs.readFile(out, 'utf8')).toBe('retry me');
    expect(s3.count('GetObject')).toBe(2);

    s3.calls.clear();
    s3.failNext({ op: 'HeadObject', status: 500, code: 'InternalError', times: 10 });
    const err = await caught(store.exists('jobs/r/r.txt'));
    expect(err.retryable).toBe(true);
    expect(s3.count('HeadObject')).toBe(4); // maxAttempts
  });

  test('a bucket that does not exist and an endpoint nobody listens on say so', async () => {
    const noBucket = await caught(open({ bucket: 'gone' }).get('a/b', path.join(dir, 'nb', 'b')));
    expect(noBucket.key).toBe('farm.store.noBucket');
    const down = await caught(open({ endpoint: 'http://127.0.0.1:1' }).exists('a/b'));
    expect(down.key).toBe('farm.store.unreachable');
    expect(down.retryable).toBe(true);
  });

  test('keys that climb out with .. or are absolute are refused before any request', async () => {
    const store = open();
    const src = path.join(dir, 'a.txt');
    await fs.writeFile(src, 'a');
    for (const bad of ['../x', 'jobs/../../x', '/etc/passwd', 'jobs//x', 'a\\b', '']) {
      await expect(store.put(bad, src)).rejects.toThrow(/not a store key/);
      await expect(store.get(bad, path.join(dir, 'never'))).rejects.toThrow(/not a store key/);
      await expect(store.exists(bad)).rejects.toThrow(/not a store key/);
    }
    await expect(store.deletePrefix('..')).rejects.toThrow(/not a store key/);
    expect([...s3.calls.values()].reduce((a, b) => a + b, 0)).toBe(0);
  });

  test('the description names bucket, prefix and endpoint, never a key', () => {
    const store = open();
    expect(store.description).toBe(`S3 bucket farm, prefix studio-a, endpoint ${s3.endpoint}`);
    expect(store.description).not.toContain(KEY);
    expect(store.description).not.toContain(SECRET);
  });
});
