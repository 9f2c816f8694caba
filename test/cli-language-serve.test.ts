import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import net from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/main/cli/index.js';
import { dataPaths } from '../src/main/paths.js';
import { openStore } from '../src/main/store/db.js';
import { writeSettings } from '../src/main/store/settings.js';
import type { Language } from '../src/shared/settings.js';
import { TestRedis } from './helpers/redis.js';
import { tempHome } from './helpers/studio.js';
import { farmSuite, openFarmStudio } from './farm/farm-harness.js';

/**
 * The long-running commands a user watches in a terminal, as real `kingjam`
 * processes: `kingjam serve` (the studio's language setting, or
 * KINGJAM_LANGUAGE) and `kingjam worker --redis` (KINGJAM_LANGUAGE, else the
 * system locale: it opens no studio). Each prints its lines in zh-TW, zh-CN
 * and en, stops on SIGTERM and exits 0.
 */

const ROOT = path.resolve(import.meta.dirname, '..');
const CLI = ['--import', 'tsx', path.join(ROOT, 'src/main/cli/main.ts')];
const SAMPLE = path.join(ROOT, 'resources/samples/cafe-latte.jpg');
const running: ChildProcess[] = [];

/** A `kingjam` process whose stdout and stderr lines are collected as they come. */
function kingjam(argv: string[], env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, [...CLI, ...argv], { cwd: ROOT, env: { ...process.env, KINGJAM_LANGUAGE: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  running.push(child);
  const lines = { out: [] as string[], err: [] as string[] };
  for (const [stream, into] of [[child.stdout!, lines.out], [child.stderr!, lines.err]] as const) {
    let rest = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      const parts = (rest + chunk).split('\n');
      rest = parts.pop()!;
      into.push(...parts);
    });
  }
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  async function until(what: string, test: () => boolean, timeoutMs = 60_000): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (!test()) {
      if (child.exitCode !== null) throw new Error(`kingjam exited (${child.exitCode}) before ${what}:\n${[...lines.out, ...lines.err].join('\n')}`);
      if (Date.now() > end) throw new Error(`no ${what} within ${timeoutMs} ms:\n${[...lines.out, ...lines.err].join('\n')}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  async function stop(): Promise<number | null> {
    child.kill('SIGTERM');
    return exited;
  }
  return { lines, until, stop };
}

function homeIn(language: Language): string {
  const home = tempHome(`kingjam-serve-${language}-`);
  const store = openStore(dataPaths(home).database);
  writeSettings(store, { language });
  store.close();
  return home;
}

afterAll(() => {
  for (const child of running) if (child.exitCode === null) child.kill('SIGKILL');
});

describe('kingjam serve', () => {
  const expected: Record<Language, { exposed: string; stop: string }> = {
    'zh-TW': { exposed: '警告：正在 0.0.0.0 上監聽，不只這台機器可連。任何連得到它又有權杖的人都能控制這個工作室。', stop: '按 Ctrl+C 停止。' },
    'zh-CN': { exposed: '警告：正在 0.0.0.0 上监听，不只这台机器可连。任何连得到它又有令牌的人都能控制这个工作室。', stop: '按 Ctrl+C 停止。' },
    en: { exposed: 'warning: listening on 0.0.0.0, not only on this machine. Anyone who can reach it and has the token controls this studio.', stop: 'Press Ctrl+C to stop.' },
  };

  it('the URL with its token first on stdout, then the warning and how to stop in the studio’s language; SIGTERM exits 0', async () => {
    await Promise.all(
      (['zh-TW', 'zh-CN', 'en'] as const).map(async (language) => {
        // zh-CN through KINGJAM_LANGUAGE over an English studio; the others by the studio's setting.
        const home = language === 'zh-CN' ? homeIn('en') : homeIn(language);
        const serve = kingjam(['serve', '--port', '0', '--host', '0.0.0.0'], { KINGJAM_HOME: home, ...(language === 'zh-CN' ? { KINGJAM_LANGUAGE: 'zh-CN' } : {}) });
        await serve.until('the line on how to stop', () => serve.lines.err.length >= 2);
        expect(serve.lines.out).toHaveLength(1);
        const url = new URL(serve.lines.out[0]!);
        expect(url.hash).toMatch(/^#token=[0-9a-f]{48}$/);
        // The URL is live: the API answers a call without the token with 401.
        const refused = await fetch(`http://127.0.0.1:${url.port}/api/settings.get`, { method: 'POST', body: '{}' });
        expect(refused.status).toBe(401);
        expect(await serve.stop()).toBe(0);
        expect(serve.lines.err).toEqual([expected[language].exposed, expected[language].stop]);
        expect(serve.lines.out).toHaveLength(1);
      }),
    );
  }, 180_000);
});

describe('kingjam serve cannot listen: said in the studio’s language', () => {
  it('a port another program holds (exit 1) and a host that is not this machine (exit 2), in zh-TW, zh-CN and en', async () => {
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as net.AddressInfo).port;
    const before = { home: process.env.KINGJAM_HOME, language: process.env.KINGJAM_LANGUAGE };
    const serve = async (language: Language, ...argv: string[]) => {
      process.env.KINGJAM_HOME = homeIn(language);
      delete process.env.KINGJAM_LANGUAGE;
      const out: string[] = [];
      const err: string[] = [];
      const code = await runCli(['serve', ...argv], { out: (l) => out.push(l), err: (l) => err.push(l) });
      return { code, out, err };
    };
    try {
      expect(await serve('zh-TW', '--port', String(port))).toEqual({
        code: 1,
        out: [],
        err: [`錯誤：已有其他程式在 127.0.0.1:${port} 上監聽。`, '怎麼做：請停止那個程式，或用 --port 換一個連接埠（--port 0 會自動選一個空的）。'],
      });
      expect(await serve('zh-CN', '--port', String(port))).toEqual({
        code: 1,
        out: [],
        err: [`错误：已有其他程序在 127.0.0.1:${port} 上监听。`, '怎么做：请停止那个程序，或用 --port 换一个端口（--port 0 会自动选一个空闲端口）。'],
      });
      expect(await serve('en', '--port', String(port))).toEqual({
        code: 1,
        out: [],
        err: [`error: Another program already listens on 127.0.0.1:${port}.`, 'what to do: Stop that program, or give another port with --port (--port 0 takes any free one).'],
      });
      // 192.0.2.0/24 is reserved for documentation: never an address of this machine.
      expect(await serve('zh-CN', '--host', '192.0.2.7', '--port', '0')).toEqual({
        code: 2,
        out: [],
        err: ['错误：192.0.2.7 不是这台机器的地址。', '怎么做：请给 --host 这台机器的地址：127.0.0.1（只有这台机器）或 0.0.0.0（所有网络）。'],
      });
      expect((await serve('en', '--host', '192.0.2.7', '--port', '0')).err[0]).toBe('error: 192.0.2.7 is not an address of this machine.');
    } finally {
      taken.close();
      for (const [name, value] of [['KINGJAM_HOME', before.home], ['KINGJAM_LANGUAGE', before.language]] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  }, 60_000);
});

const available = await TestRedis.available();

describe.skipIf(!available)(farmSuite('kingjam worker --redis', available), () => {
  const expected: Record<Language, { ready: (name: string, store: string) => string; started: RegExp; failed: (id: string) => string; stopping: string }> = {
    'zh-TW': {
      ready: (name, store) => `工作節點 ${name} 已加入農場：同時執行高優先 0、一般 1、影片 0、3D 1 個工作；檔案經由 資料夾 ${store}。按 Ctrl-C 停止。`,
      started: /^▶ mesh\.check (\S+)（第 1 次）$/,
      failed: (id) => `✗ mesh.check ${id}：「latte.jpg」不是 STL、3MF、GLB 或 glTF 模型。`,
      stopping: '正在停止：這個工作節點執行中的工作會交回農場，由其他節點接手。',
    },
    'zh-CN': {
      ready: (name, store) => `工作节点 ${name} 已加入农场：同时运行高优先 0、普通 1、视频 0、3D 1 个任务；文件经由 文件夹 ${store}。按 Ctrl-C 停止。`,
      started: /^▶ mesh\.check (\S+)（第 1 次）$/,
      failed: (id) => `✗ mesh.check ${id}：“latte.jpg”不是 STL、3MF、GLB 或 glTF 模型。`,
      stopping: '正在停止：这个工作节点运行中的任务会交回农场，由其他节点接手。',
    },
    en: {
      ready: (name, store) => `Worker ${name} joined the farm: 0 high, 1 default, 0 video and 1 3D jobs at once; files through folder ${store}. Ctrl-C stops it.`,
      started: /^▶ mesh\.check (\S+) \(attempt 1\)$/,
      failed: (id) => `✗ mesh.check ${id}: latte.jpg is not an STL, 3MF, GLB or glTF model.`,
      stopping: 'Stopping: the jobs this worker was running go back to the farm for another worker.',
    },
  };

  it('joins, runs a job that fails and says why, and leaves on SIGTERM (exit 0), in zh-TW, zh-CN and en', async () => {
    await Promise.all(
      (['zh-TW', 'zh-CN', 'en'] as const).map(async (language) => {
        const redis = await new TestRedis().start();
        const storeDir = path.join(tempHome('kingjam-serve-store-'), 'store');
        fs.mkdirSync(storeDir, { recursive: true });
        const name = `w-${language}`;
        const worker = kingjam(['worker', '--redis', redis.url, '--store', storeDir, '--name', name, '--concurrency', 'high=0,default=1,video=0,mesh=1'], {
          KINGJAM_HOME: tempHome('kingjam-serve-worker-'),
          KINGJAM_LANGUAGE: language,
        });
        const studio = openFarmStudio(tempHome('kingjam-serve-dispatch-'), redis.url, storeDir);
        try {
          await worker.until('the ready line', () => worker.lines.err.length >= 1);
          expect(worker.lines.err).toEqual([expected[language].ready(name, storeDir)]);
          // A model check of a photo: the worker fails it with a keyed error, said in its language.
          const input = path.join(tempHome('kingjam-serve-in-'), 'latte.jpg');
          fs.copyFileSync(SAMPLE, input);
          const job = await studio.jobs.enqueue('mesh.check', { input, sizeMm: 120, process: 'fdm' });
          await worker.until('the failed line', () => worker.lines.out.length >= 2);
          expect(worker.lines.out[0]).toMatch(expected[language].started);
          expect(worker.lines.out[0]).toContain(job.id);
          expect(worker.lines.out[1]).toBe(expected[language].failed(job.id));
          expect(await worker.stop()).toBe(0);
          expect(worker.lines.err).toEqual([expected[language].ready(name, storeDir), expected[language].stopping]);
          expect(worker.lines.out).toHaveLength(2);
        } finally {
          await studio.close();
          await redis.close();
        }
      }),
    );
  }, 240_000);

  it('a command that sends its jobs to the farm names the store in the user’s language (jobs run --redis), exit 0', async () => {
    const redis = await new TestRedis().start();
    const storeDir = path.join(tempHome('kingjam-serve-store-'), 'store');
    const before = { home: process.env.KINGJAM_HOME, language: process.env.KINGJAM_LANGUAGE };
    const said: Record<Language, string> = {
      'zh-TW': `工作會送到位於 ${redis.url} 的算圖農場（檔案經由 資料夾 ${storeDir}）；請用 kingjam worker --redis 啟動工作節點。`,
      'zh-CN': `任务会发送到位于 ${redis.url} 的渲染农场（文件经由 文件夹 ${storeDir}）；请用 kingjam worker --redis 启动工作节点。`,
      en: `Jobs go to the render farm at ${redis.url} (files through folder ${storeDir}); start workers with kingjam worker --redis.`,
    };
    try {
      for (const language of ['zh-TW', 'zh-CN', 'en'] as const) {
        process.env.KINGJAM_HOME = homeIn(language);
        delete process.env.KINGJAM_LANGUAGE;
        const err: string[] = [];
        const code = await runCli(['jobs', 'run', '--until-idle', '--redis', redis.url, '--store', storeDir], { out: () => undefined, err: (l) => err.push(l) });
        expect(code).toBe(0);
        expect(err[0]).toBe(said[language]);
      }
    } finally {
      for (const [name, value] of [['KINGJAM_HOME', before.home], ['KINGJAM_LANGUAGE', before.language]] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      await redis.close();
    }
  }, 120_000);
});
