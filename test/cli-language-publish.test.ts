import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../src/main/cli/index.js';
import { printError } from '../src/main/cli/error-lines.js';
import { dataPaths } from '../src/main/paths.js';
import { OutboxStore } from '../src/main/publish/store.js';
import { openStore } from '../src/main/store/db.js';
import { LATEST_SCHEMA_VERSION } from '../src/main/store/migrations/index.js';
import { writeSettings } from '../src/main/store/settings.js';
import type { OutboxPostView } from '../src/shared/publish/post.js';
import type { Language } from '../src/shared/settings.js';
import { tempHome } from './helpers/studio.js';
import { seedAccounts } from './publish/bulk-fixtures.js';

/**
 * `kingjam publish`, the demo's ffmpeg check and errors with nothing to say
 * them by, in the studio's language (zh-TW, zh-CN) and in English as it was:
 * the real commands through runCli (what bin/kingjam runs), on a data folder
 * with two publishing accounts and signed out of KingJam Cloud.
 */

interface World {
  home: string;
  /** The Facebook post `publish now` fails (signed out, the vault hands out no token). */
  facebook: string;
  /** The Threads post whose failure names its platform by id, as a worker's post check does. */
  threads: string;
}

const worlds = {} as Record<Language, World>;
const previousHome = process.env.KINGJAM_HOME;

async function kingjam(home: string, ...argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  process.env.KINGJAM_HOME = home;
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, out, err };
}

async function world(language: Language): Promise<World> {
  const home = tempHome(`kingjam-pub-${language}-`);
  const store = openStore(dataPaths(home).database);
  writeSettings(store, { language });
  seedAccounts(store, [
    { platform: 'facebook', displayName: 'Tea House' },
    { platform: 'threads', displayName: 'Tea House' },
  ]);
  store.close();
  const csv = path.join(home, 'posts.csv');
  fs.writeFileSync(csv, 'account,time,text\nfacebook:Tea House,2030-01-10 09:00,Spring tea\nthreads:Tea House,2030-01-11 09:00,Autumn tea\n');
  const imported = await kingjam(home, 'publish', 'import', csv);
  expect(imported.code, imported.err.join('\n')).toBe(0);
  const posts = JSON.parse((await kingjam(home, 'publish', 'list', '--json')).out.join('')) as OutboxPostView[];
  const facebook = posts.find((p) => p.platform === 'facebook')!.id;
  const threads = posts.find((p) => p.platform === 'threads')!.id;
  // A worker's post check names the platform by its id (src/shared/publish/validate.ts); the CLI must say its name.
  const db = openStore(dataPaths(home).database);
  new OutboxStore(db).failed(threads, 'bad-post', { code: 'BAD_INPUT', message: 'Threads does not take images here.', key: 'publish.imageNotAccepted', params: { platform: 'threads' } }, Date.now());
  db.close();
  return { home, facebook, threads };
}

beforeAll(async () => {
  for (const language of ['zh-TW', 'zh-CN', 'en'] as const) worlds[language] = await world(language);
}, 60_000);
afterAll(() => {
  if (previousHome === undefined) delete process.env.KINGJAM_HOME;
  else process.env.KINGJAM_HOME = previousHome;
});

/** What a progress bar drew on a terminal (stderr as a TTY), with the redraw codes taken out. */
async function onTerminal<T>(run: () => Promise<T>): Promise<{ result: T; drawn: string }> {
  const stderr = process.stderr as NodeJS.WriteStream & { isTTY: boolean };
  const wasTTY = stderr.isTTY;
  const wasColumns = stderr.columns;
  let drawn = '';
  const write = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    drawn += String(chunk);
    return true;
  });
  stderr.isTTY = true;
  stderr.columns = 200;
  try {
    const result = await run();
    return { result, drawn: drawn.split('\r\u001b[2K').join('\n') };
  } finally {
    write.mockRestore();
    stderr.isTTY = wasTTY;
    stderr.columns = wasColumns;
  }
}

afterEach(() => vi.restoreAllMocks());

/** What each language says (the post ids filled in by the test). */
const SAID: Record<Language, {
  bar: (id: string) => string;
  waiting: string;
  sending: string;
  attemptFailed: string;
  error: string[];
  show: (id: string, account: string) => string[];
  listTail: string;
  demo: [RegExp, RegExp];
  internal: string;
  writable: (home: string) => string;
  persona: RegExp[];
  scores: RegExp;
}> = {
  'zh-TW': {
    bar: (id) => `發布 ${id.slice(0, 8)} [`,
    waiting: '0% 等待輪到它',
    sending: '50% 傳送到平台',
    attemptFailed: '第 1 次嘗試失敗：請先登入您的 KingJam 帳號。',
    error: ['錯誤：請先登入您的 KingJam 帳號。', '怎麼做：請到「帳號」頁登入（命令列：kingjam account login）。'],
    show: (id, account) => [
      `貼文       ${id}`,
      `帳號       Threads · Tea House (${account})`,
      '狀態       失敗',
      '時間       2030-01-11 09:00 Asia/Taipei (2030-01-11T01:00:00Z)',
      '錯過時     照樣發布',
      '內文',
      '  Autumn tea',
      '失敗（貼文被拒）',
      '  Threads 這裡不接受圖片。',
      '  怎麼做：請改用影片。',
      '嘗試       還沒有',
    ],
    listTail: '  失敗       2030-01-11 09:00 Asia/Taipei   Threads · Tea House  Autumn tea  Threads 這裡不接受圖片。',
    demo: [/^找不到 ffmpeg 和 ffprobe（FFMPEG_PATH \/ FFPROBE_PATH、ffmpeg-static 套件、PATH 都沒有）：範例的影片需要它。$/, /^請先安裝，再執行一次範例：\S/],
    writable: (home) => `${home} 可以寫入`,
    scores: / 風險 \w+ +品質 +\d+ +Oolong$/,
    persona: [/^人設 {7}\S+ {2}Mia$/, /^限制 {7}每天 4 則，安靜時段 22:30-08:00（Asia\/Taipei）；自動核准 關$/, /^貼文 {7}0 則（待審 0、已發布 0、失敗 0）；平均互動 —$/],
    internal: '錯誤：內部錯誤——KingJam 沒有預期到這個狀況。請連同下面這行一起回報（這行保留英文，方便開發人員查找）。',
  },
  'zh-CN': {
    bar: (id) => `发布 ${id.slice(0, 8)} [`,
    waiting: '0% 等待轮到它',
    sending: '50% 发送到平台',
    attemptFailed: '第 1 次尝试失败：请先登录您的 KingJam 账号。',
    error: ['错误：请先登录您的 KingJam 账号。', '怎么做：请到“账号”页登录（命令行：kingjam account login）。'],
    show: (id, account) => [
      `帖子       ${id}`,
      `账号       Threads · Tea House (${account})`,
      '状态       失败',
      '时间       2030-01-11 09:00 Asia/Taipei (2030-01-11T01:00:00Z)',
      '错过时     照样发布',
      '正文',
      '  Autumn tea',
      '失败（帖子被拒）',
      '  Threads 这里不接受图片。',
      '  怎么做：请改用视频。',
      '尝试       还没有',
    ],
    listTail: '  失败       2030-01-11 09:00 Asia/Taipei   Threads · Tea House  Autumn tea  Threads 这里不接受图片。',
    demo: [/^找不到 ffmpeg 和 ffprobe（FFMPEG_PATH \/ FFPROBE_PATH、ffmpeg-static 包、PATH 都没有）：示例的视频需要它。$/, /^请先安装，再运行一次示例：\S/],
    writable: (home) => `${home} 可以写入`,
    scores: / 风险 \w+ +质量 +\d+ +Oolong$/,
    persona: [/^人设 {7}\S+ {2}Mia$/, /^限制 {7}每天 4 条，安静时段 22:30-08:00（Asia\/Taipei）；自动批准 关$/, /^帖子 {7}0 条（待审 0、已发布 0、失败 0）；平均互动 —$/],
    internal: '错误：内部错误——KingJam 没有预料到这种情况。请连同下面这行一起反馈（这行保留英文，方便开发人员查找）。',
  },
  en: {
    bar: (id) => `Publishing ${id.slice(0, 8)} [`,
    waiting: '0% waiting for its turn',
    sending: '50% sending to the platform',
    attemptFailed: 'attempt 1 failed: Sign in to your KingJam account first.',
    error: ['error: Sign in to your KingJam account first.', 'what to do: Sign in on the Account page (on the command line: kingjam account login).'],
    // Word for word what it printed before it was said in the other languages.
    show: (id, account) => [
      `post       ${id}`,
      `account    Threads · Tea House (${account})`,
      'state      failed',
      'time       2030-01-11 09:00 Asia/Taipei (2030-01-11T01:00:00Z)',
      'if missed  publish',
      'text',
      '  Autumn tea',
      'failed (bad-post)',
      '  Threads does not take images here.',
      '  what to do: Use a video instead.',
      'attempts   none yet',
    ],
    listTail: '  failed     2030-01-11 09:00 Asia/Taipei   Threads · Tea House  Autumn tea  Threads does not take images here.',
    demo: [/^ffmpeg and ffprobe not found \(FFMPEG_PATH \/ FFPROBE_PATH, the ffmpeg-static package, PATH\): the demo needs it for its video\.$/, /^Install it, then run the demo again: \S/],
    writable: (home) => `${home} is writable`,
    scores: / risk \w+ +q +\d+ +Oolong$/,
    persona: [/^persona {4}\S+ {2}Mia$/, /^limits {5}4 a day, quiet 22:30-08:00 \(Asia\/Taipei\); auto-approve off$/, /^posts {6}0 \(pending 0, published 0, failed 0\); mean engagement —$/],
    internal: 'error: boom',
  },
};

describe.each(['zh-TW', 'zh-CN', 'en'] as const)('kingjam in %s', (language) => {
  const said = SAID[language];

  it('publish now: the bar and the failed attempt on the terminal, the error and what to do, exit 1', async () => {
    const { home, facebook } = worlds[language];
    const { result, drawn } = await onTerminal(() => kingjam(home, 'publish', 'now', facebook));
    expect(result.code).toBe(1);
    expect(result.err).toEqual(said.error);
    const lines = drawn.split('\n').filter(Boolean);
    expect(lines[0]).toContain(said.bar(facebook));
    expect(lines[0]).toContain(said.waiting);
    expect(lines).toContain(said.attemptFailed);
    expect(lines.some((l) => l.startsWith(said.bar(facebook)) && l.endsWith(said.sending))).toBe(true);
  }, 60_000);

  it('publish show: every label, the state, the failure class and the platform by its name, exit 0', async () => {
    const { home, threads } = worlds[language];
    const accounts = await kingjam(home, 'publish', 'accounts');
    expect(accounts.code).toBe(0);
    const account = accounts.out.find((l) => l.includes('threads:Tea House'))!.split(' ')[0]!;
    expect(await kingjam(home, 'publish', 'show', threads)).toEqual({ code: 0, out: said.show(threads, account), err: [] });
    const list = await kingjam(home, 'publish', 'list', '--platform', 'threads');
    expect(list).toEqual({ code: 0, out: [`${threads}${said.listTail}`], err: [] });
  }, 60_000);

  it('demo: ffmpeg and ffprobe missing stops it before its first step, exit 1', async () => {
    const bin = tempHome('kingjam-bare-');
    fs.symlinkSync(process.execPath, path.join(bin, 'node'));
    const saved = { PATH: process.env.PATH, FFMPEG_PATH: process.env.FFMPEG_PATH, FFPROBE_PATH: process.env.FFPROBE_PATH };
    process.env.PATH = bin;
    delete process.env.FFMPEG_PATH;
    delete process.env.FFPROBE_PATH;
    try {
      const r = await kingjam(worlds[language].home, 'demo');
      expect(r.code).toBe(1);
      expect(r.err).toHaveLength(2);
      expect(r.err[0]).toMatch(said.demo[0]);
      expect(r.err[1]).toMatch(said.demo[1]);
      expect(r.out).toEqual([]);
    } finally {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  }, 60_000);

  it('doctor: each check said in the language; exit 1 only when a check failed', async () => {
    const { home } = worlds[language];
    const r = await kingjam(home, 'doctor');
    expect(r.out).toContain(`✓ data folder      ${said.writable(home)}`);
    expect(r.code).toBe(r.out.some((l) => l.startsWith('✗')) ? 1 : 0);
  }, 60_000);

  it('kol personas show: each field said in the language, exit 0', async () => {
    const { home } = worlds[language];
    const created = await kingjam(home, 'kol', 'personas', 'create', '--nickname', 'Mia', '--persona', 'tea lover', '--per-day', '4', '--quiet', '22:30-08:00', '--json');
    expect(created.code, created.err.join('\n')).toBe(0);
    const id = (JSON.parse(created.out.join('')) as { id: string }).id;
    const shown = await kingjam(home, 'kol', 'personas', 'show', id);
    expect(shown.code).toBe(0);
    expect(shown.out[0]).toMatch(said.persona[0]!);
    expect(shown.out).toContainEqual(expect.stringMatching(said.persona[1]!));
    expect(shown.out).toContainEqual(expect.stringMatching(said.persona[2]!));
    // Its post's scores in `kol posts list`, the status as --status takes it.
    const post = await kingjam(home, 'kol', 'posts', 'create', '--persona', id, '--topic', 'tea', '--content', 'Oolong', '--draft');
    expect(post.code, post.err.join('\n')).toBe(0);
    const list = await kingjam(home, 'kol', 'posts', 'list', '--persona', id);
    expect(list.code).toBe(0);
    expect(list.out).toHaveLength(1);
    expect(list.out[0]).toMatch(said.scores);
  }, 60_000);

  it('an error with nothing to say it by: English under a line that says it is internal (English: the message alone)', () => {
    const err: string[] = [];
    printError({ out: () => undefined, err: (l) => err.push(l) }, new Error('boom'), language);
    expect(err).toEqual(language === 'en' ? [said.internal] : [said.internal, '  boom']);
  });
});

describe('errors that used to print in English', () => {
  it('a platform id in an error said by key is said by its name', () => {
    const err: string[] = [];
    printError({ out: () => undefined, err: (l) => err.push(l) }, { code: 'BAD_INPUT', message: 'x', key: 'publish.textEmpty', params: { platform: 'line-oa' } }, 'zh-TW');
    expect(err[0]).toBe('錯誤：這則 LINE 官方帳號 貼文沒有文字也沒有媒體。');
  });

  it('a database written by a newer KingJam: said in the language KINGJAM_LANGUAGE names, exit 1', async () => {
    const home = tempHome('kingjam-newer-');
    const store = openStore(dataPaths(home).database);
    store.sqlite.prepare('INSERT INTO schema_version (version, applied_at) VALUES (9999, 0)').run();
    store.close();
    const previous = process.env.KINGJAM_LANGUAGE;
    process.env.KINGJAM_LANGUAGE = 'zh-CN';
    try {
      const r = await kingjam(home, 'jobs', 'list');
      expect(r.code).toBe(1);
      expect(r.err).toEqual([
        `错误：${dataPaths(home).database} 的数据库是由较新版本的 KingJam Studio 写入的（结构版本 9999；这个版本只认识到 ${LATEST_SCHEMA_VERSION}）。`,
        '怎么做：请把 KingJam Studio 更新到最新版本，或把 KINGJAM_HOME 设为另一个文件夹重新开始。没有更改任何数据。',
      ]);
    } finally {
      if (previous === undefined) delete process.env.KINGJAM_LANGUAGE;
      else process.env.KINGJAM_LANGUAGE = previous;
    }
  });

  it('publish export to a folder that is not there: said by key, exit 1', async () => {
    const { home } = worlds['zh-TW'];
    const file = path.join(home, 'no-such-folder', 'out.csv');
    const r = await kingjam(home, 'publish', 'export', file);
    expect(r.code).toBe(1);
    expect(r.err[0]).toMatch(new RegExp(`^錯誤：無法寫入 ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}：ENOENT`));
    expect(r.err[1]).toBe('怎麼做：請確認資料夾存在，而且你有權限寫入。');
  });
});
