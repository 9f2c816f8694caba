import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LearningReport } from '../../src/shared/kol/learning/index.js';
import type { Language } from '../../src/shared/settings.js';
import { openTestStudio, tempHome } from '../helpers/studio.js';
import { plantedPosts } from './learning-fixtures.js';
import { seedAccount, seedPersona, seedPost } from './kol-fixtures.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CLI = ['--import', 'tsx', path.join(ROOT, 'src/main/cli/main.ts')];

/** The real `kingjam` entry in its own process, on a temp data folder. */
function kingjam(home: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [...CLI, ...args], { cwd: ROOT, env: { ...process.env, KINGJAM_HOME: home, TZ: 'UTC' }, encoding: 'utf8', timeout: 90_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const { posts, planted } = plantedPosts();

async function setLanguage(home: string, language: Language): Promise<void> {
  const studio = openTestStudio(home, {}, false);
  try {
    studio.updateSettings({ language });
  } finally {
    await studio.close();
  }
}
let home: string;
const dbId = new Map<string, string>();
let tiktokPost: string;

beforeAll(async () => {
  home = tempHome('kingjam-kol-cli-');
  const studio = openTestStudio(home, {}, false);
  try {
    seedPersona(studio.store, { id: 'persona-a', nickname: '股市阿明' });
    seedPersona(studio.store, { id: 'persona-b', nickname: '理財小美' });
    const account = seedAccount(studio.store, { platform: 'instagram', connectionId: 'conn-meta', platformAccountId: '1', targetId: '17841400000001' });
    for (const p of posts) {
      dbId.set(p.id, seedPost(studio.store, { personaId: p.personaId, accountId: account, platform: 'instagram', publishedAt: p.publishedAt, content: p.content, topic: p.topic, tags: p.tags, metrics: { ...p.metrics, at: p.publishedAt } }));
    }
    const tiktok = seedAccount(studio.store, { platform: 'tiktok', connectionId: 'conn-tiktok', platformAccountId: 'open-1' });
    tiktokPost = seedPost(studio.store, { personaId: 'persona-a', accountId: tiktok, platform: 'tiktok', publishedAt: Date.now() - 3_600_000 });
  } finally {
    await studio.close();
  }
}, 60_000);

describe('kingjam kol', () => {
  it('learn --json prints the report; its top 20 % is the planted posts', () => {
    const r = kingjam(home, 'kol', 'learn', '--period', '90', '--json');
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as LearningReport;
    expect(report.posts).toBe(200);
    expect(report.top.map((p) => p.id).sort()).toEqual(planted.map((id) => dbId.get(id)!).sort());
  }, 60_000);

  it('learn prints the report in the studio’s language: zh-TW by default, zh-CN when set', async () => {
    const tw = kingjam(home, 'kol', 'learn', '--period', '90', '--persona', '股市阿明');
    expect(tw.code, tw.stderr).toBe(0);
    expect(tw.stdout).toContain('最近 90 天的學習（人設 股市阿明）：100 則有數據的已發布貼文。');
    expect(tw.stdout).toMatch(/hour 20:00–22:00 +100% 對/);
    expect(tw.stdout).toMatch(/- 在 20:00–22:00 發布的貼文，互動是其他貼文的 \d\.\d 倍（\d+ 則對 \d+ 則）。/);
    expect(tw.stdout).toContain('建議：');
    await setLanguage(home, 'zh-CN');
    const cn = kingjam(home, 'kol', 'learn', '--period', '90', '--persona', '股市阿明');
    expect(cn.stdout).toContain('最近 90 天的学习（人设 股市阿明）：100 条有数据的已发布帖子。');
    expect(cn.stdout).toMatch(/- 在 20:00–22:00 发布的帖子，互动是其他帖子的 \d\.\d 倍（\d+ 条对 \d+ 条）。/);
    for (const out of [tw.stdout, cn.stdout]) expect(out).not.toMatch(/Posts at|Suggestions|published post\(s\)/);
    await setLanguage(home, 'en');
  }, 60_000);

  it('learn prints the differences and the suggestions in words, for one persona by nickname (English)', () => {
    const r = kingjam(home, 'kol', 'learn', '--period', '90', '--persona', '股市阿明');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('for 股市阿明: 100 published post(s) with numbers');
    expect(r.stdout).toMatch(/hour 20:00–22:00 +100% vs/);
    expect(r.stdout).toMatch(/- Posts at 20:00–22:00 get \d\.\d× the engagement \(\d+ vs \d+ posts\)\./);
    expect(r.stdout).toContain('[prompt: Use 3 to 5 hashtags.]');
  }, 60_000);

  it('metrics import reports a bad line and writes nothing, in zh-TW and en; a good file is written', async () => {
    const bad = path.join(home, 'bad.csv');
    fs.writeFileSync(bad, `post,views,likes,comments,shares,saves\n${tiktokPost},100,10,1,1,1\nnot-a-post,1,1,1,1,1\n`);
    await setLanguage(home, 'zh-TW');
    const said = kingjam(home, 'kol', 'metrics', 'import', bad);
    expect(said.code).toBe(1);
    expect(said.stdout).toContain('第 3 行，post：找不到貼文「not-a-post」。');
    expect(said.stderr).toContain('1 行有問題：沒有寫入任何資料。');
    await setLanguage(home, 'en');
    const refused = kingjam(home, 'kol', 'metrics', 'import', bad);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('line 3, post: No published post is “not-a-post”.');
    expect(refused.stderr).toContain('nothing was written');
    const good = path.join(home, 'good.csv');
    fs.writeFileSync(good, `post,views,likes,comments,shares,saves\n${tiktokPost},100,10,1,1,1\n`);
    const done = kingjam(home, 'kol', 'metrics', 'import', good, '--json');
    expect(done.code, done.stderr).toBe(0);
    expect(JSON.parse(done.stdout)).toMatchObject({ dryRun: false, imported: 1 });
  }, 60_000);
});
