import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/main/cli/index.js';
import { parseConcurrency, parseRedisUrl, takeFarmFlags, workerLanguage } from '../../src/main/farm/cli-options.js';
import type { FarmWorkerEvent } from '../../src/main/farm/farm-worker.js';
import { StudioError } from '../../src/shared/errors.js';
import { TestRedis } from '../helpers/redis.js';
import { tempHome } from '../helpers/studio.js';
import { flushRedis, startFarmWorker, farmSuite } from './farm-harness.js';

const DEFAULTS = { high: 4, default: 4, video: 1, mesh: 1 };

describe('farm flags', () => {
  it('takes --redis and --store out of any command, in both spellings', () => {
    const r = takeFarmFlags(['run', 'jobs.yaml', '--redis', 'redis://h:6379', '--store=/mnt/farm', '--yes']);
    expect(r).toEqual({ redis: 'redis://h:6379', store: '/mnt/farm', rest: ['run', 'jobs.yaml', '--yes'] });
    expect(takeFarmFlags(['--json'])).toEqual({ redis: null, store: undefined, rest: ['--json'] });
  });

  it('refuses a bad Redis URL without echoing its password, a flag with no value, and --store alone', () => {
    const bad = () => parseRedisUrl('http://:s3cret@host:6379');
    expect(bad).toThrow(StudioError);
    try {
      bad();
    } catch (err) {
      expect((err as StudioError).message).not.toContain('s3cret');
      expect((err as StudioError).toInfo().key).toBe('farm.badRedisUrl');
    }
    expect(() => takeFarmFlags(['--redis'])).toThrow(/needs a value/);
    expect(() => takeFarmFlags(['--store', '/x'])).toThrow(/--store goes with --redis/);
  });

  it('reads --concurrency per queue and refuses unknown queues and silly numbers', () => {
    expect(parseConcurrency('video=2,high=0', DEFAULTS)).toEqual({ high: 0, default: 4, video: 2, mesh: 1 });
    expect(() => parseConcurrency('gpu=2', DEFAULTS)).toThrow(StudioError);
    expect(() => parseConcurrency('video=500', DEFAULTS)).toThrow(StudioError);
    expect(() => parseConcurrency('video', DEFAULTS)).toThrow(StudioError);
  });

  it('speaks the language asked for, else the system locale, else English', () => {
    expect(workerLanguage({ KINGJAM_LANGUAGE: 'zh-CN' })).toBe('zh-CN');
    expect(workerLanguage({ LANG: 'zh_TW.UTF-8' })).toBe('zh-TW');
    expect(workerLanguage({ LANG: 'zh_CN.UTF-8' })).toBe('zh-CN');
    expect(workerLanguage({ LANG: 'de_DE.UTF-8' })).toBe('en');
  });

  it('kingjam worker takes its Redis URL from KINGJAM_REDIS_URL when --redis is not given (no password on the command line)', async () => {
    const saved = process.env.KINGJAM_REDIS_URL;
    const err: string[] = [];
    const io = { out: () => undefined, err: (l: string) => err.push(l) };
    try {
      delete process.env.KINGJAM_REDIS_URL;
      expect(await runCli(['worker'], io)).toBe(2);
      expect(err.join('\n')).toContain('KINGJAM_REDIS_URL');
      err.length = 0;
      // A URL from the environment is checked like the flag's, and its password is never echoed.
      process.env.KINGJAM_REDIS_URL = 'http://:s3cret@redis.lan:6379';
      expect(await runCli(['worker'], io)).toBe(2);
      expect(err.join('\n')).toContain('//…@redis.lan');
      expect(err.join('\n')).not.toContain('s3cret');
    } finally {
      if (saved === undefined) delete process.env.KINGJAM_REDIS_URL;
      else process.env.KINGJAM_REDIS_URL = saved;
    }
  });
});

const available = await TestRedis.available();

describe.skipIf(!available)(farmSuite('an engine command with --redis', available), () => {
  const redis = new TestRedis();
  beforeAll(async () => {
    await redis.start();
  });
  afterAll(async () => {
    await redis.close();
  });

  it('`kingjam import --redis` runs its probe jobs on a farm worker and gets their thumbnails back', async () => {
    await flushRedis(redis.url);
    const storeDir = path.join(tempHome('kingjam-farm-store-'), 'store');
    const seen: FarmWorkerEvent[] = [];
    const worker = await startFarmWorker(redis.url, storeDir, DEFAULTS, (e) => seen.push(e));
    const home = tempHome('kingjam-cli-farm-');
    const before = process.env.KINGJAM_HOME;
    process.env.KINGJAM_HOME = home;
    try {
      const image = path.join(tempHome('kingjam-cli-in-'), 'sunset.png');
      await sharp({ create: { width: 800, height: 600, channels: 3, background: '#f80' } }).png().toFile(image);
      const out: string[] = [];
      const err: string[] = [];
      const code = await runCli(['import', image, '--json', '--redis', redis.url, '--store', storeDir], { out: (l) => out.push(l), err: (l) => err.push(l) });
      expect(code, err.join('\n')).toBe(0);
      const summary = JSON.parse(out.at(-1)!) as { added: number; failed: unknown[] };
      expect(summary).toMatchObject({ added: 1, failed: [] });
      expect(seen.filter((e) => e.type === 'done').map((e) => e.kind)).toEqual(['media.probe']);
      const thumbsDir = path.join(home, 'library', 'thumbs');
      const thumbs = fs.readdirSync(thumbsDir, { recursive: true }).map((f) => path.join(thumbsDir, String(f))).filter((f) => fs.statSync(f).isFile());
      expect(thumbs).toHaveLength(1);
      expect((await sharp(thumbs[0]!).metadata()).width).toBeGreaterThan(0);
      expect(err.join('\n')).toContain(redis.url);
    } finally {
      if (before === undefined) delete process.env.KINGJAM_HOME;
      else process.env.KINGJAM_HOME = before;
      await worker.close();
    }
  }, 120_000);
});
