import { spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/main/cli/index.js';
import { workerCommand } from '../../src/main/cli/commands/worker.js';
import { farmChecks } from '../../src/main/farm/doctor-checks.js';
import { openRedis } from '../../src/main/farm/redis.js';
import { connectRedisOnce, redisTrouble, redisWaitMs, waitForRedis, watchRedis, type RedisChange } from '../../src/main/farm/redis-reach.js';
import { StudioError } from '../../src/shared/errors.js';
import { TestRedis, freePort } from '../helpers/redis.js';
import { tempHome } from '../helpers/studio.js';
import { farmSuite } from './farm-harness.js';

const available = await TestRedis.available();

/** Sets env vars for one test and puts them back after it. */
const savedEnv = new Map<string, string | undefined>();
function setEnv(vars: Record<string, string>): void {
  for (const [k, v] of Object.entries(vars)) {
    if (!savedEnv.has(k)) savedEnv.set(k, process.env[k]);
    process.env[k] = v;
  }
}
afterEach(() => {
  for (const [k, v] of savedEnv) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  savedEnv.clear();
});

async function until(check: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A loopback TCP server that answers every connection with an HTTP response (a wrong port: a web server, not Redis). */
async function httpOnlyServer(): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const close = () =>
    new Promise<void>((r) => {
      for (const s of sockets) s.destroy();
      server.close(() => r());
    });
  return { port: (server.address() as net.AddressInfo).port, close };
}

async function keyOf(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(StudioError);
    return (err as StudioError).key;
  }
  return undefined;
}

describe('why Redis cannot be reached', () => {
  it('names the cause of a real failed connection: refused, unknown host, not Redis', async () => {
    const closed = await freePort();
    expect(await keyOf(connectRedisOnce(`redis://:hunter2@127.0.0.1:${closed}`, 2_000))).toBe('farm.redis.refused');
    expect(await keyOf(connectRedisOnce('redis://no-such-host.invalid:6379', 5_000))).toBe('farm.redis.notFound');
    const web = await httpOnlyServer();
    try {
      expect(await keyOf(connectRedisOnce(`redis://127.0.0.1:${web.port}`, 2_000))).toBe('farm.redis.notRedis');
    } finally {
      await web.close();
    }
  });

  it('names a timeout and a refused password from the errors ioredis gives for them', () => {
    expect(redisTrouble(Object.assign(new Error('connect ETIMEDOUT'), { code: 'ETIMEDOUT' }))).toBe('timeout');
    expect(redisTrouble(new Error('WRONGPASS invalid username-password pair or user is disabled.'))).toBe('auth');
    expect(redisTrouble(new Error('NOAUTH Authentication required.'))).toBe('auth');
    expect(redisTrouble(Object.assign(new Error('connect EHOSTUNREACH'), { code: 'EHOSTUNREACH' }))).toBe('other');
  });

  it('reads KINGJAM_REDIS_WAIT_SECONDS, else waits 30 s', () => {
    expect(redisWaitMs({})).toBe(30_000);
    expect(redisWaitMs({ KINGJAM_REDIS_WAIT_SECONDS: '5' })).toBe(5_000);
    expect(redisWaitMs({ KINGJAM_REDIS_WAIT_SECONDS: 'soon' })).toBe(30_000);
  });

  it('a one-shot --redis command gives up after the wait with exit 1, the cause and what to do, in zh-TW and en, never the password', async () => {
    const closed = await freePort();
    const home = tempHome('kingjam-redis-down-');
    const image = path.join(home, 'in.png');
    await sharp({ create: { width: 64, height: 48, channels: 3, background: '#08f' } }).png().toFile(image);
    setEnv({ KINGJAM_HOME: home, KINGJAM_REDIS_WAIT_SECONDS: '1' });
    for (const [language, cause, gaveUp] of [
      ['zh-TW', '拒絕連線', '等候 Redis 1 秒後放棄'],
      ['en', 'refused the connection', 'Gave up after waiting 1 s for Redis'],
    ] as const) {
      setEnv({ KINGJAM_LANGUAGE: language });
      const err: string[] = [];
      const started = Date.now();
      const code = await runCli(['import', image, '--redis', `redis://:hunter2@127.0.0.1:${closed}`], { out: () => undefined, err: (l) => err.push(l) });
      const text = err.join('\n');
      expect(code, text).toBe(1);
      expect(Date.now() - started).toBeLessThan(15_000);
      expect(text).toContain(cause);
      expect(text).toContain(gaveUp);
      expect(text).toContain(`redis://127.0.0.1:${closed}`);
      expect(text).toContain('systemctl start redis-server');
      expect(text).not.toContain('hunter2');
    }
  }, 60_000);

  it('kingjam doctor says which Redis is down and why, in the language KINGJAM_LANGUAGE asks for, and fails', async () => {
    const closed = await freePort();
    const home = tempHome('kingjam-redis-doctor-');
    setEnv({ KINGJAM_HOME: home, KINGJAM_LANGUAGE: 'zh-CN', KINGJAM_REDIS_URL: `redis://:hunter2@127.0.0.1:${closed}` });
    const out: string[] = [];
    const code = await runCli(['doctor'], { out: (l) => out.push(l), err: (l) => out.push(l) });
    const line = out.find((l) => l.includes('farm redis'));
    expect(code).toBe(1);
    expect(line).toContain('✗');
    expect(line).toContain(`位于 redis://127.0.0.1:${closed} 的 Redis 拒绝连接`);
    expect(out.join('\n')).toContain('systemctl start redis-server');
    expect(out.join('\n')).not.toContain('hunter2');
    const [check] = await farmChecks({ KINGJAM_REDIS_URL: 'redis://no-such-host.invalid:6379' }, { language: () => 'zh-TW' });
    expect(check).toMatchObject({ status: 'fail', detail: '連不上位於 redis://no-such-host.invalid:6379 的 Redis：找不到這個主機名稱。' });
  }, 60_000);

  it('a long-lived client tells the first failure at once and then at most once per period', async () => {
    const closed = await freePort();
    const url = `redis://127.0.0.1:${closed}`;
    const client = openRedis(url);
    const changes: RedisChange[] = [];
    let errors = 0;
    client.on('error', () => errors++);
    watchRedis(client, url, (c) => changes.push(c), 1_000);
    try {
      await new Promise((r) => setTimeout(r, 2_500));
    } finally {
      client.disconnect();
    }
    // ioredis retried many times; the user heard of it at 0 s, ~1 s and ~2 s.
    expect(errors).toBeGreaterThan(changes.length);
    expect(changes.length).toBeGreaterThanOrEqual(2);
    expect(changes.length).toBeLessThanOrEqual(3);
    expect(changes.every((c) => !c.up && c.error.key === 'farm.redis.refused')).toBe(true);
  }, 20_000);
});

describe.skipIf(!available)(farmSuite('Redis that is down, then up', available), () => {
  const redis = new TestRedis();
  let authPort = 0;
  let authServer: ReturnType<typeof spawn> | null = null;
  beforeAll(async () => {
    redis.port = await freePort(); // not started: the worker below starts before Redis does
    authPort = await freePort();
    authServer = spawn(TestRedis.binary(), ['--port', String(authPort), '--bind', '127.0.0.1', '--requirepass', 'right', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  });
  afterAll(async () => {
    authServer?.kill('SIGTERM');
    await redis.close();
  });

  it('a wrong password is final at once (no 30 s wait) and said as such', async () => {
    await waitForRedis(`redis://:right@127.0.0.1:${authPort}`, 10_000); // the server is up and the right password works
    const started = Date.now();
    expect(await keyOf(waitForRedis(`redis://:wrong@127.0.0.1:${authPort}`, 30_000))).toBe('farm.redis.auth');
    expect(await keyOf(waitForRedis(`redis://127.0.0.1:${authPort}`, 30_000))).toBe('farm.redis.auth');
    expect(Date.now() - started).toBeLessThan(5_000);
  }, 30_000);

  it('a worker started while Redis is down says so in zh-CN, keeps trying, says when Redis is back, and then takes jobs', async () => {
    const storeDir = path.join(tempHome('kingjam-redis-store-'), 'store');
    setEnv({ KINGJAM_LANGUAGE: 'zh-CN', KINGJAM_HOME: tempHome('kingjam-redis-worker-') });
    const lines: string[] = [];
    const signals = new EventEmitter();
    const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) };
    const running = workerCommand(['--redis', redis.url, '--store', storeDir, '--name', 'early-bird'], io, signals);
    try {
      await until(() => lines.some((l) => l.includes('拒绝连接')), 10_000, 'the down line');
      expect(lines.join('\n')).toContain(`位于 ${redis.url} 的 Redis 拒绝连接`);
      expect(lines.join('\n')).toContain('每隔几秒会重试一次');
      // Retrying every ≤2 s for a few seconds still says it only once (the next line is ~30 s away).
      await new Promise((r) => setTimeout(r, 3_000));
      expect(lines.filter((l) => l.includes('拒绝连接'))).toHaveLength(1);
      await redis.start();
      await until(() => lines.some((l) => l.includes('已恢复响应')), 15_000, 'the back line');
      await until(() => lines.some((l) => l.includes('工作节点 early-bird 已加入农场')), 15_000, 'the ready line');
      // A job sent now is taken by this worker.
      const home = tempHome('kingjam-redis-dispatch-');
      const image = path.join(home, 'in.png');
      await sharp({ create: { width: 80, height: 60, channels: 3, background: '#f80' } }).png().toFile(image);
      setEnv({ KINGJAM_HOME: home });
      const err: string[] = [];
      const code = await runCli(['import', image, '--json', '--redis', redis.url, '--store', storeDir], { out: () => undefined, err: (l) => err.push(l) });
      expect(code, err.join('\n')).toBe(0);
      await until(() => lines.some((l) => l.startsWith('✓ media.probe')), 10_000, 'the job line');
      const thumbs = fs.readdirSync(path.join(home, 'library', 'thumbs'), { recursive: true }).map(String).filter((f) => /\.\w+$/.test(f));
      expect(thumbs.length).toBe(1);
    } finally {
      signals.emit('SIGTERM');
      expect(await running).toBe(0);
    }
  }, 120_000);
});
