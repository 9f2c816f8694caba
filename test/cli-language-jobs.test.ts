import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/main/cli/index.js';
import type { JobView } from '../src/shared/jobs/model.js';
import type { Language } from '../src/shared/settings.js';
import { tempHome } from './helpers/studio.js';

/**
 * `kingjam jobs list`, the cost line of `kingjam generate` and a refused
 * kol batch/trigger file in zh-TW, zh-CN and en: the real commands through
 * runCli (what bin/kingjam runs), on one data folder whose language
 * KINGJAM_LANGUAGE picks. English stays what it always printed.
 */

const SAMPLE = path.resolve(import.meta.dirname, '../resources/samples/cafe-latte.jpg');
const CJK = /[\u3400-\u9fff]/;
const saved = { home: process.env.KINGJAM_HOME, language: process.env.KINGJAM_LANGUAGE };
let home: string;

async function kingjam(language: Language, ...argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  process.env.KINGJAM_HOME = home;
  process.env.KINGJAM_LANGUAGE = language;
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

beforeAll(async () => {
  home = tempHome('kingjam-lang-jobs-');
  const image = path.join(home, 'latte.jpg');
  fs.copyFileSync(SAMPLE, image);
  const imported = await kingjam('en', 'import', image);
  expect(imported.code, imported.err.join('\n')).toBe(0);
  const social = await kingjam('en', 'generate', 'social', '--topic', '烏龍茶', '--platform', 'threads', '--json');
  expect(social.code, social.err.join('\n')).toBe(0);
  fs.writeFileSync(path.join(home, 'trigger.json'), JSON.stringify({ title: 'Morning', trigger: { type: 'time', timeZone: 'Asia/Taipei' } }));
}, 120_000);

afterAll(() => {
  for (const [name, value] of [['KINGJAM_HOME', saved.home], ['KINGJAM_LANGUAGE', saved.language]] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

describe('kingjam jobs list in the user’s language', () => {
  it('each row: the status, the queue and the title said in zh-TW, zh-CN and en; --json keeps the ids and main’s title', async () => {
    const listed = await kingjam('zh-CN', 'jobs', 'list', '--json');
    expect(listed.code).toBe(0);
    const jobs = JSON.parse(listed.out.join('')) as JobView[];
    const probe = jobs.find((j) => j.kind === 'media.probe' && j.title === 'Import latte.jpg')!;
    const post = jobs.find((j) => j.kind === 'generate.social')!;
    expect(probe.status).toBe('succeeded');
    expect(post).toMatchObject({ status: 'succeeded', queue: 'default', title: 'Social post (threads): 烏龍茶' });

    const rows = async (language: Language) => {
      const r = await kingjam(language, 'jobs', 'list');
      expect(r.code).toBe(0);
      expect(r.out).toHaveLength(jobs.length);
      return { probe: r.out.find((l) => l.startsWith(probe.id))!, post: r.out.find((l) => l.startsWith(post.id))!, all: r.out };
    };
    const zhTW = await rows('zh-TW');
    expect(zhTW.probe).toBe(`${probe.id}  已完成    100%  一般    匯入 latte.jpg`);
    expect(zhTW.post).toBe(`${post.id}  已完成    100%  一般    社群貼文（threads）：烏龍茶`);
    const zhCN = await rows('zh-CN');
    expect(zhCN.probe).toBe(`${probe.id}  已完成    100%  普通    导入 latte.jpg`);
    expect(zhCN.post).toBe(`${post.id}  已完成    100%  普通    社交帖子（threads）：烏龍茶`);
    // Every job's title is said: no row ends in main's English title.
    for (const line of [...zhTW.all, ...zhCN.all]) expect(line).not.toMatch(/(Import|Library output|Social post) /);
    const en = await rows('en');
    expect(en.probe).toBe(`${probe.id}  succeeded 100%  default Import latte.jpg`);
    expect(en.post).toBe(`${post.id}  succeeded 100%  default Social post (threads): 烏龍茶`);
  });
});

describe('kingjam generate: the cost line before it runs', () => {
  it('KingJam Cloud credits line by line, and no run without --yes (exit 2)', async () => {
    const zhTW = await kingjam('zh-TW', 'generate', 'blog', '--topic', '烏龍茶', '--provider', 'cloud');
    expect(zhTW.code).toBe(2);
    expect(zhTW.err[0]).toMatch(/^預估費用：在 KingJam Cloud 上 (\d+) 點（文章 \d+ 點、封面圖 \d+ 點）。$/);
    expect(zhTW.err[1]).toMatch(/^錯誤：這會花費 \d+ 點。/);
    const zhCN = await kingjam('zh-CN', 'generate', 'blog', '--topic', '烏龍茶', '--provider', 'cloud');
    expect(zhCN.code).toBe(2);
    expect(zhCN.err[0]).toMatch(/^预估费用：在 KingJam Cloud 上 (\d+) 点（文章 \d+ 点、封面图 \d+ 点）。$/);
    const en = await kingjam('en', 'generate', 'blog', '--topic', '烏龍茶', '--provider', 'cloud');
    expect(en.code).toBe(2);
    expect(en.err[0]).toMatch(/^Estimated cost: (\d+) credits on KingJam Cloud \(article \d+, cover \d+\)\.$/);
    // The same numbers in every language.
    const numbers = (line: string) => line.match(/\d+/g);
    expect(numbers(zhTW.err[0]!)).toEqual(numbers(en.err[0]!));
    expect(numbers(zhCN.err[0]!)).toEqual(numbers(en.err[0]!));
  });

  it('the user’s own key: no credits, billed by the provider (then refused: no key, exit 1)', async () => {
    const zhCN = await kingjam('zh-CN', 'generate', 'blog', '--topic', '烏龍茶', '--provider', 'gemini');
    expect(zhCN.code).toBe(1);
    expect(zhCN.err[0]).toBe('预估费用：不花点数。文章、封面图：不花点数，由服务商向你自己的账号收费。');
    const zhTW = await kingjam('zh-TW', 'generate', 'blog', '--topic', '烏龍茶', '--provider', 'gemini');
    expect(zhTW.err[0]).toBe('預估費用：不花點數。文章、封面圖：不花點數，由服務商向你自己的帳號收費。');
    const en = await kingjam('en', 'generate', 'blog', '--topic', '烏龍茶', '--provider', 'gemini');
    expect(en.err[0]).toBe('Estimated cost: no credits. article, cover: no credits, billed by the provider to your own account.');
  });
});

describe('kingjam generate: a topic too short to write about is a usage error, exit 2', () => {
  it('says the length in zh-TW, zh-CN and en, before any estimate', async () => {
    expect(await kingjam('zh-TW', 'generate', 'blog', '--topic', '茶')).toMatchObject({ code: 2, out: [], err: ['錯誤：--topic 必須是 2 到 300 個字。', '怎麼做：執行 `kingjam help` 查看用法。'] });
    expect(await kingjam('zh-CN', 'generate', 'social', '--topic', ' 茶 ')).toMatchObject({ code: 2, out: [], err: ['错误：--topic 必须是 2 到 300 个字。', '怎么做：运行 `kingjam help` 查看用法。'] });
    expect(await kingjam('en', 'generate', 'video', '--topic', 'x')).toMatchObject({ code: 2, out: [], err: ['error: --topic must be 2 to 300 characters long.', 'what to do: Run `kingjam help` for usage.'] });
  });
});

describe('a kol trigger file its schema refuses: the field and what is wrong, exit 2', () => {
  it('says the missing field in zh-TW, zh-CN and en', async () => {
    const file = path.join(home, 'trigger.json');
    const zhTW = await kingjam('zh-TW', 'kol', 'triggers', 'create', file);
    expect(zhTW).toMatchObject({ code: 2, err: [`錯誤：${file}：trigger.cron：必須填寫`, '怎麼做：請修正這個欄位；指令的文件列出了每個欄位。'] });
    const zhCN = await kingjam('zh-CN', 'kol', 'triggers', 'create', file);
    expect(zhCN).toMatchObject({ code: 2, err: [`错误：${file}：trigger.cron：必须填写`, '怎么做：请修正这个字段；命令的文档列出了每个字段。'] });
    const en = await kingjam('en', 'kol', 'triggers', 'create', file);
    expect(en).toMatchObject({ code: 2, err: [`error: ${file}: trigger.cron: is required`, 'what to do: Run `kingjam help` for usage.'] });
    expect(en.err.join('\n')).not.toMatch(CJK);
  });
});

describe('kingjam kol batch: states and the default title in the user’s language', () => {
  it('start, list and show in zh-TW, zh-CN and en (the English ids as before)', async () => {
    const persona = await kingjam('en', 'kol', 'personas', 'create', '--nickname', '小茶', '--persona', '愛喝茶的台北上班族', '--json');
    expect(persona.code, persona.err.join('\n')).toBe(0);
    const topics = path.join(home, 'topics.txt');
    fs.writeFileSync(topics, '烏龍茶\n');
    const started = await kingjam('zh-TW', 'kol', 'batch', 'start', '--personas', '小茶', '--topics-file', topics);
    expect(started.code, started.err.join('\n')).toBe(0);
    expect(started.out.at(-1)).toBe('批次已完成：共 1 則，已寫 1 則，失敗 0 則');
    const id = /^批次 (\S+) 已開始：1 則貼文/.exec(started.out.find((l) => l.startsWith('批次 ') && l.includes('已開始'))!)![1]!;
    // Started in zh-TW without --title: the title is said in zh-TW, and stays as written in other languages.
    const title = /^\d{4}-\d\d-\d\d \d\d:\d\d 的批次$/;
    const zhCN = await kingjam('zh-CN', 'kol', 'batch', 'show', id);
    expect(zhCN.code).toBe(0);
    expect(zhCN.out[0]).toMatch(new RegExp(`^${id}  已完成    1/1（100%）  已写 1 条，失败 0 条  `));
    expect(zhCN.out[0]!.split('  ').at(-1)).toMatch(title);
    expect(zhCN.out[1]).toMatch(/^ {2}#1 {2}已撰写 {5}小茶: 烏龍茶 {2}帖子 \S+“.+”$/);
    const en = await kingjam('en', 'kol', 'batch', 'list');
    expect(en.out).toHaveLength(1);
    expect(en.out[0]).toMatch(new RegExp(`^${id}  finished  1/1 \\(100%\\)  1 written, 0 failed  `));
    const enShow = await kingjam('en', 'kol', 'batch', 'show', id);
    expect(enShow.out[1]).toMatch(/^ {2}#1 {2}succeeded {2}小茶: 烏龍茶 {2}post \S+ “.+”$/);
  }, 120_000);
});

describe('kingjam kol triggers: a schedule’s status, type, allocation and runs in the user’s language', () => {
  it('show after a run and a pause in zh-TW, zh-CN and en (the English ids as before)', async () => {
    const persona = await kingjam('en', 'kol', 'personas', 'create', '--nickname', '阿明', '--persona', '台南美食家', '--json');
    expect(persona.code, persona.err.join('\n')).toBe(0);
    const personaId = (JSON.parse(persona.out.join('')) as { id: string }).id;
    const file = path.join(home, 'morning.json');
    const trigger = { type: 'time', cron: '0 9 * * *', timeZone: 'Asia/Taipei', topic: '早安茶' };
    fs.writeFileSync(file, JSON.stringify({ title: '早安', trigger, allocation: 'round-robin', personaIds: [personaId], postsPerRun: 1, postTime: null, status: 'active' }));
    const created = await kingjam('en', 'kol', 'triggers', 'create', file, '--json');
    expect(created.code, created.err.join('\n')).toBe(0);
    const id = (JSON.parse(created.out.join('')) as { schedule: { id: string } }).schedule.id;
    const listed = await kingjam('zh-CN', 'kol', 'triggers', 'list');
    expect(listed.out.find((l) => l.startsWith(id))).toMatch(new RegExp(`^${id}  启用中  定时       早安  下次 \\S+  运行 0 次，成功 0，错误 0$`));
    expect((await kingjam('zh-TW', 'kol', 'triggers', 'run', id)).code).toBe(0);
    expect((await kingjam('zh-TW', 'kol', 'triggers', 'pause', id)).code).toBe(0);

    const zhTW = await kingjam('zh-TW', 'kol', 'triggers', 'show', id);
    expect(zhTW.code).toBe(0);
    expect(zhTW.out[0]).toBe(`${id}  已暫停  定時       早安  下次 —  執行 1 次，成功 1，錯誤 0`);
    expect(zhTW.out[1]).toBe('  cron「0 9 * * *」（Asia/Taipei）；輪流，每個項目 1 則貼文，由審核者決定時間');
    expect(zhTW.out).toContainEqual(expect.stringMatching(/^ {2}\S+Z {2}已啟動 {4}manual:\d+ {2}批次 \S+$/));
    const zhCN = await kingjam('zh-CN', 'kol', 'triggers', 'show', id);
    expect(zhCN.out[0]).toBe(`${id}  已暂停  定时       早安  下次 —  运行 1 次，成功 1，错误 0`);
    expect(zhCN.out[1]).toBe('  cron“0 9 * * *”（Asia/Taipei）；轮流，每个项目 1 条帖子，由审核者决定时间');
    expect(zhCN.out).toContainEqual(expect.stringMatching(/^ {2}\S+Z {2}已启动 {4}manual:\d+ {2}批次 \S+$/));
    const en = await kingjam('en', 'kol', 'triggers', 'show', id);
    expect(en.out[0]).toMatch(new RegExp(`^${id}  paused  time {7}早安  next —  `));
    expect(en.out[1]).toMatch(/round-robin/);
    expect(en.out).toContainEqual(expect.stringMatching(/^ {2}\S+Z {2}started {3}manual:\d+ {2}batch \S+$/));
  }, 120_000);
});
