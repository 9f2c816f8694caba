import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { farmChecks } from '../../src/main/farm/doctor-checks.js';
import { FakeS3 } from '../helpers/fake-s3.js';
import { TestRedis } from '../helpers/redis.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CLI = ['--import', 'tsx', path.join(ROOT, 'src/main/cli/main.ts')];
const hasRedis = await TestRedis.available();
const en = { language: () => 'en' as const };

let redis: TestRedis;
let dir: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(tmpdir(), 'kingjam-farm-doctor-'));
  if (hasRedis) redis = await new TestRedis().start();
});

afterAll(async () => {
  await redis?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!hasRedis)('kingjam doctor on a farm machine', () => {
  it('adds nothing when the machine is not set up for the farm', async () => {
    expect(await farmChecks({}, { language: () => { throw new Error('the language is not needed'); } })).toEqual([]);
  });

  it('passes a Redis that keeps and persists its keys and a writable folder store, and leaves nothing behind', async () => {
    const store = path.join(dir, 'shared');
    const checks = await farmChecks({ KINGJAM_REDIS_URL: redis.url, KINGJAM_FARM_STORE: store }, en);
    expect(checks.map((c) => [c.name, c.status])).toEqual([
      ['farm redis', 'ok'],
      ['farm redis config', 'ok'],
      ['farm store', 'ok'],
    ]);
    expect(checks[0]!.detail).toMatch(/^Redis \d+\.\d+/);
    expect(checks[2]!.detail).toContain(`folder ${store}`);
    expect(fs.readdirSync(path.join(store, 'doctor'))).toEqual([]);
  });

  it('fails an evicting Redis and warns about one without AOF, with the command that fixes it', async () => {
    const client = new Redis(redis.url);
    try {
      await client.config('SET', 'maxmemory-policy', 'allkeys-lru');
      let [, config] = await farmChecks({ KINGJAM_REDIS_URL: redis.url }, en);
      expect(config).toMatchObject({ name: 'farm redis config', status: 'fail' });
      expect(config!.detail).toContain('allkeys-lru');
      expect(config!.fix).toContain('CONFIG SET maxmemory-policy noeviction');

      await client.config('SET', 'maxmemory-policy', 'noeviction');
      await client.config('SET', 'appendonly', 'no');
      [, config] = await farmChecks({ KINGJAM_REDIS_URL: redis.url }, { language: () => 'zh-TW' });
      expect(config).toMatchObject({ status: 'warn' });
      expect(config!.detail).toContain('appendonly 未開啟');
    } finally {
      await client.config('SET', 'appendonly', 'yes');
      client.disconnect();
    }
  });

  it('says which Redis does not answer, without its password', async () => {
    const checks = await farmChecks({ KINGJAM_REDIS_URL: 'redis://:hunter2@127.0.0.1:1' }, en);
    expect(checks).toHaveLength(1);
    expect(checks[0]).toMatchObject({ name: 'farm redis', status: 'fail' });
    expect(checks[0]!.detail).toContain('redis://127.0.0.1:1');
    expect(JSON.stringify(checks)).not.toContain('hunter2');
    expect((await farmChecks({ KINGJAM_REDIS_URL: 'http://x' }, en))[0]!.status).toBe('fail');
  });

  it('fails a store it cannot write, and a bucket with the wrong keys, in the user’s language', async () => {
    const file = path.join(dir, 'a-file');
    fs.writeFileSync(file, 'x');
    const [folder] = await farmChecks({ KINGJAM_FARM_STORE: path.join(file, 'under') }, en);
    expect(folder).toMatchObject({ name: 'farm store', status: 'fail' });

    const s3 = await new FakeS3({ buckets: ['farm'], credentials: { AKIADOC: 'right' } }).start();
    try {
      const spec = `s3://farm/doc?endpoint=${s3.endpoint}`;
      const [good] = await farmChecks({ KINGJAM_FARM_STORE: spec, AWS_ACCESS_KEY_ID: 'AKIADOC', AWS_SECRET_ACCESS_KEY: 'right' }, en);
      expect(good).toMatchObject({ status: 'ok' });
      expect(s3.count('PutObject')).toBe(1);
      expect(s3.count('DeleteObjects')).toBe(1);
      expect(s3.keys('farm')).toEqual([]);
      const [bad] = await farmChecks({ KINGJAM_FARM_STORE: spec, AWS_ACCESS_KEY_ID: 'AKIADOC', AWS_SECRET_ACCESS_KEY: 'wrong' }, { language: () => 'zh-CN' });
      expect(bad).toMatchObject({ status: 'fail' });
      expect(bad!.detail).toContain('拒绝了这组密钥');
      expect(bad!.fix).toContain('AWS_ACCESS_KEY_ID');
      expect(JSON.stringify(bad)).not.toContain('wrong');
    } finally {
      await s3.close();
    }
  });

  it('kingjam doctor --json lists the farm checks after the machine checks', () => {
    const home = fs.mkdtempSync(path.join(tmpdir(), 'kingjam-farm-doctor-home-'));
    const r = spawnSync(process.execPath, [...CLI, 'doctor', '--json'], {
      cwd: ROOT,
      env: { ...process.env, KINGJAM_HOME: home, KINGJAM_REDIS_URL: redis.url, KINGJAM_FARM_STORE: path.join(dir, 'cli-store') },
      encoding: 'utf8',
      timeout: 60_000,
    });
    const report = JSON.parse(r.stdout) as { checks: { name: string; status: string }[] };
    expect(report.checks.slice(-3)).toEqual([
      expect.objectContaining({ name: 'farm redis', status: 'ok' }),
      expect.objectContaining({ name: 'farm redis config', status: 'ok' }),
      expect.objectContaining({ name: 'farm store', status: 'ok' }),
    ]);
    fs.rmSync(home, { recursive: true, force: true });
  });
});
