import fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FolderFileStore } from '../../src/main/farm/folder-store.js';
import { openSharedFileStore } from '../../src/main/farm/open-store.js';
import { S3FileStore } from '../../src/main/farm/s3-store.js';
import { StudioError } from '../../src/shared/errors.js';
import { farmText } from '../../src/shared/farm/text.js';
import { FakeS3 } from '../helpers/fake-s3.js';

const env = { AWS_ACCESS_KEY_ID: 'AKIAOPEN', AWS_SECRET_ACCESS_KEY: 'open-secret' };
let s3: FakeS3;
let dir: string;

beforeAll(async () => {
  s3 = await new FakeS3({ buckets: ['render-farm'], credentials: { AKIAOPEN: 'open-secret' }, region: 'eu-central-1' }).start();
  dir = await fs.mkdtemp(path.join(tmpdir(), 'kingjam-open-store-'));
});

afterAll(async () => {
  await s3.close();
  await fs.rm(dir, { recursive: true, force: true });
});

function refusal(spec: string): StudioError {
  try {
    openSharedFileStore(spec, { home: '/home/op', env });
  } catch (err) {
    expect(err).toBeInstanceOf(StudioError);
    return err as StudioError;
  }
  throw new Error(`${spec} was accepted`);
}

describe('openSharedFileStore', () => {
  test('a path opens a folder: absolute as given, relative to the working folder, ~ in the home folder', () => {
    expect(openSharedFileStore('/mnt/kingjam-farm', { home: '/home/op' }).description).toBe('folder /mnt/kingjam-farm');
    expect(openSharedFileStore('farm/shared', { home: '/home/op', cwd: '/srv' }).description).toBe('folder /srv/farm/shared');
    expect(openSharedFileStore('~/farm', { home: '/home/op' }).description).toBe('folder /home/op/farm');
    expect(openSharedFileStore('./x', { home: '/home/op', cwd: '/srv' })).toBeInstanceOf(FolderFileStore);
  });

  test('an s3:// URL opens the bucket with its prefix, endpoint, region and path style, and files go through it', async () => {
    const store = openSharedFileStore(`s3://render-farm/studio/a?endpoint=${encodeURIComponent(s3.endpoint)}&region=eu-central-1&forcePathStyle=true`, { home: '/home/op', env });
    expect(store).toBeInstanceOf(S3FileStore);
    expect(store.description).toBe(`S3 bucket render-farm, prefix studio/a, endpoint ${s3.endpoint}`);
    const src = path.join(dir, 'in.txt');
    await fs.writeFile(src, 'through the URL');
    await store.put('jobs/1/in.txt', src);
    // Path-style, in the region the URL named (the fake refuses signatures for any other region).
    expect(s3.object('render-farm', 'studio/a/jobs/1/in.txt')?.toString()).toBe('through the URL');
    (store as S3FileStore).close();
  });

  test('the region falls back to AWS_REGION; a bucket alone has no prefix', async () => {
    const store = openSharedFileStore(`s3://render-farm?endpoint=${s3.endpoint}`, { home: '/h', env: { ...env, AWS_REGION: 'eu-central-1' } }) as S3FileStore;
    expect(store.description).toBe(`S3 bucket render-farm, endpoint ${s3.endpoint}`);
    expect(await store.exists('nothing/here')).toBe(false);
    store.close();
    // An empty AWS_REGION (compose passes unset variables as '') is no region: the default applies, and the fake refuses it.
    const blank = openSharedFileStore(`s3://render-farm?endpoint=${s3.endpoint}`, { home: '/h', env: { ...env, AWS_REGION: '' } }) as S3FileStore;
    await expect(blank.get('nothing/here', path.join(dir, 'blank'))).rejects.toMatchObject({ message: expect.stringContaining('us-east-1') as unknown });
    blank.close();
  });

  test('anything else is BAD_INPUT naming both accepted forms, in all three languages', () => {
    for (const bad of ['', '   ', 'ftp://host/farm', 'https://bucket.s3.amazonaws.com/x', 's3://', 's3://Bad_Bucket/x', 's3://b/x', 's3://bucket/x?colour=red', 's3://bucket/x?endpoint=ftp://h', 's3://bucket/x?forcePathStyle=yes', 's3://bucket/../x', 's3://bucket/a/%2e%2e/x', 's3://bucket/a/%zz']) {
      const err = refusal(bad);
      expect(err.code, bad).toBe('BAD_INPUT');
      expect(err.key, bad).toBe('farm.store.badSpec');
      expect(err.message).toContain('s3://bucket/prefix?endpoint=');
    }
    const en = farmText.say('en', 'msg.farm.store.badSpec.hint');
    const tw = farmText.say('zh-TW', 'msg.farm.store.badSpec.hint');
    const cn = farmText.say('zh-CN', 'msg.farm.store.badSpec.hint');
    for (const text of [en, tw, cn]) {
      expect(text).toContain('/mnt/kingjam-farm');
      expect(text).toContain('s3://bucket/prefix?endpoint=');
    }
    expect(new Set([en, tw, cn]).size).toBe(3);
  });

  test('keys in the URL are refused without being repeated', () => {
    for (const spec of ['s3://AKIA:topsecret@bucket/x', 's3://bucket/x?endpoint=http://AKIA:topsecret@minio:9000']) {
      const err = refusal(spec);
      expect(err.key).toBe('farm.store.secretInUrl');
      expect(JSON.stringify({ m: err.message, p: err.params })).not.toContain('topsecret');
    }
  });
});
