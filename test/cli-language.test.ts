import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/main/cli/index.js';
import { dataPaths } from '../src/main/paths.js';
import { openStore } from '../src/main/store/db.js';
import { writeSettings } from '../src/main/store/settings.js';
import type { Language } from '../src/shared/settings.js';
import { tempHome } from './helpers/studio.js';

/**
 * `kingjam` refuses bad input in the studio's language (issue 15: errors from
 * every area printed in English): usage errors exit 2, everything else 1.
 * Most commands run in this process through runCli (what bin/kingjam runs);
 * two run as a real `kingjam` process, for its exit status and the stderr a
 * progress bar writes.
 */
const ROOT = path.resolve(import.meta.dirname, '..');
const CLI = ['--import', 'tsx', path.join(ROOT, 'src/main/cli/main.ts')];

function homeIn(language: Language): string {
  const home = tempHome(`kingjam-lang-${language}-`);
  const store = openStore(dataPaths(home).database);
  writeSettings(store, { language });
  store.close();
  return home;
}

let zhTW: string;
let zhCN: string;
let en: string;
let files: string;
const previousHome = process.env.KINGJAM_HOME;

beforeAll(() => {
  zhTW = homeIn('zh-TW');
  zhCN = homeIn('zh-CN');
  en = homeIn('en');
  files = tempHome('kingjam-lang-files-');
  fs.writeFileSync(path.join(files, 'bad.json'), '{ not json');
});
afterAll(() => {
  if (previousHome === undefined) delete process.env.KINGJAM_HOME;
  else process.env.KINGJAM_HOME = previousHome;
});

async function kingjam(home: string, ...argv: string[]): Promise<{ code: number; err: string[] }> {
  process.env.KINGJAM_HOME = home;
  const err: string[] = [];
  const code = await runCli(argv, { out: () => undefined, err: (line) => err.push(line) });
  return { code, err };
}

describe('kingjam errors in zh-TW', () => {
  it('usage errors: the sentence and what to do, exit 2', async () => {
    expect(await kingjam(zhTW, 'jobs', 'retry')).toEqual({ code: 2, err: ['錯誤：kingjam jobs retry 需要一個 ID（請見 `kingjam jobs list`）。', '怎麼做：執行 `kingjam help` 查看用法。'] });
    expect(await kingjam(zhTW, 'publish', 'list', '--state', 'weird')).toEqual({
      code: 2,
      err: ['錯誤：--state 必須是以下其中之一：draft, scheduled, publishing, published, failed, canceled。', '怎麼做：執行 `kingjam help` 查看用法。'],
    });
    const bad = path.join(files, 'bad.json');
    const batch = await kingjam(zhTW, 'kol', 'batch', 'start', bad);
    expect(batch.code).toBe(2);
    expect(batch.err[0]).toMatch(new RegExp(`^錯誤：${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} 不是有效的 JSON：`));
    expect(batch.err[1]).toBe('怎麼做：請用 JSON 檢查工具看看這個檔案，或照文件裡的範例重寫。');
    // A malformed --redis used to escape as a raw "Invalid URL" (exit 1).
    expect(await kingjam(zhTW, 'import', '--redis', 'notaurl', bad)).toMatchObject({ code: 2, err: [expect.stringMatching(/^錯誤：「notaurl」不是 Redis 位址。$/), expect.stringMatching(/^怎麼做：請寫成 redis:\/\//)] });
  });

  it('things that are not there: the service’s own sentence, exit 1', async () => {
    expect(await kingjam(zhTW, 'jobs', 'retry', 'nope')).toEqual({ code: 1, err: ['錯誤：這項工作已不存在。'] });
    expect(await kingjam(zhTW, 'kol', 'personas', 'show', 'nope')).toEqual({ code: 1, err: ['錯誤：ID：沒有「nope」這個人設——既不是 ID，也不是使用中人設的暱稱（kingjam kol personas list 會列出兩者）。'] });
    expect(await kingjam(zhTW, 'compose', path.join(files, 'missing.json'))).toEqual({ code: 1, err: ['錯誤：「missing.json」不存在或無法讀取。'] });
    expect(await kingjam(zhTW, 'kol', 'batch', 'start', path.join(files, 'missing.json'))).toEqual({
      code: 1,
      err: [`錯誤：找不到檔案 ${path.join(files, 'missing.json')}。`, '怎麼做：請檢查路徑。'],
    });
    const mesh = await kingjam(zhTW, '3d', 'check', path.join(files, 'missing.stl'));
    expect(mesh).toEqual({ code: 1, err: ['錯誤：無法開啟模型檔「missing.stl」。', '怎麼做：請確認檔案仍在、且工作室有權讀取，然後再試一次。'] });
  });
});

describe('kingjam errors in zh-CN', () => {
  it('usage errors, exit 2', async () => {
    expect(await kingjam(zhCN, 'generate', 'blog')).toEqual({ code: 2, err: ['错误：kingjam generate blog 需要 --topic。', '怎么做：运行 `kingjam help` 查看用法。'] });
    expect(await kingjam(zhCN, 'frobnicate')).toEqual({ code: 2, err: ['错误：没有“frobnicate”这个命令。', '怎么做：运行 `kingjam help` 查看所有命令。'] });
    const photo = await kingjam(zhCN, 'photo', 'fuse');
    expect(photo.code).toBe(2);
    expect(photo.err[0]).toMatch(/^错误：用法：\n {2}kingjam photo fuse PHOTO…/);
    expect(await kingjam(zhCN, 'worker', '--concurrency', 'x=1', '--redis', 'redis://127.0.0.1:1')).toMatchObject({ code: 2, err: [expect.stringMatching(/^错误：“x=1”/), '怎么做：请写成 high=4,default=4,video=1,mesh=1，每个队列同时 0 到 64 个任务。'] });
    expect(await kingjam(zhCN, 'kol', 'learn', '--period', '5')).toEqual({ code: 2, err: ['错误：--period 必须是 7、30 或 90（天）。', '怎么做：运行 `kingjam help` 查看用法。'] });
  });

  it('things that are not there, exit 1', async () => {
    expect(await kingjam(zhCN, 'kol', 'review', 'approve', 'nope')).toEqual({ code: 1, err: ['错误：这条帖子已不存在。'] });
    expect(await kingjam(zhCN, 'publish', 'show', 'nope')).toEqual({ code: 1, err: ['错误：这条帖子已不在发件箱中。', '怎么做：请刷新日历；它可能已在别处删除。'] });
    expect(await kingjam(zhCN, 'style', 'apply', 'nope', '--to', 'blog')).toEqual({ code: 1, err: ['错误：找不到风格 nope。'] });
  });
});

describe('English stays as it was', () => {
  it('the same failures word for word in English', async () => {
    expect(await kingjam(en, 'jobs', 'retry')).toEqual({ code: 2, err: ['error: kingjam jobs retry needs an id (see `kingjam jobs list`).', 'what to do: Run `kingjam help` for usage.'] });
    expect(await kingjam(en, 'jobs', 'retry', 'nope')).toEqual({ code: 1, err: ['error: There is no job nope.'] });
  });
});

describe('the kingjam process', () => {
  const run = (env: NodeJS.ProcessEnv, ...args: string[]) => spawnSync(process.execPath, [...CLI, ...args], { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 60_000 });

  it('a file that fails to import is reported in the studio’s language on stderr, exit 1', () => {
    const r = run({ KINGJAM_HOME: zhCN }, 'import', path.join(files, 'gone.png'));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`✗ ${path.join(files, 'gone.png')}: “gone.png”不存在或无法读取。`);
  });

  it('with no data folder yet, KINGJAM_LANGUAGE decides (exit 2 for an unknown command)', () => {
    const fresh = path.join(tempHome('kingjam-lang-fresh-'), 'not-yet');
    const r = run({ KINGJAM_HOME: fresh, KINGJAM_LANGUAGE: 'zh-TW' }, 'frobnicate');
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('錯誤：沒有「frobnicate」這個指令。\n怎麼做：執行 `kingjam help` 查看所有指令。\n');
    // Nothing was created by refusing.
    expect(fs.existsSync(fresh)).toBe(false);
  });
});
