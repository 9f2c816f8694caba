import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANY_PATH } from '../../src/main/client-files.js';
import { NodeWorkerSpawner } from '../../src/main/jobs/node-transport.js';
import { Studio } from '../../src/main/studio.js';
import type { OutboxPostView, PublishAccountView } from '../../src/shared/publish/post.js';
import { FAST_JOBS, tempHome } from '../helpers/studio.js';
import { seedAccounts } from './bulk-fixtures.js';
import { graphErrorAnswer } from './fakes/graph-common.js';
import { outboxWorld, type OutboxWorld } from './outbox-harness.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CLI = ['--import', 'tsx', path.join(ROOT, 'src/main/cli/main.ts')];

/** The real `kingjam` entry in its own process, on a temp data folder, signed out of KingJam Cloud, in English. */
function kingjam(home: string, ...args: string[]) {
  return kingjamIn('en', home, ...args);
}

function kingjamIn(language: 'en' | 'zh-TW' | 'zh-CN', home: string, ...args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, KINGJAM_HOME: home, TZ: 'UTC', KINGJAM_LANGUAGE: language };
  const r = spawnSync(process.execPath, [...CLI, ...args], { cwd: ROOT, env, encoding: 'utf8', timeout: 90_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let home: string;
let ids: Record<string, string>;
let assetId: string;

beforeAll(async () => {
  home = tempHome();
  const studio = Studio.open({ home, spawner: new NodeWorkerSpawner(), jobConfig: FAST_JOBS });
  try {
    ids = seedAccounts(studio.store, [
      { platform: 'instagram', displayName: 'Lin Bakery' },
      { platform: 'facebook', displayName: 'Lin Bakery' },
      { platform: 'youtube', displayName: 'Lin NY', timeZone: 'America/New_York' },
    ]);
    const jpeg = path.join(home, 'in', 'bread.jpg');
    fs.mkdirSync(path.dirname(jpeg), { recursive: true });
    await sharp({ create: { width: 800, height: 1000, channels: 3, background: '#f5deb3' } }).jpeg().toFile(jpeg);
    const [outcome] = await studio.library.import([jpeg], ANY_PATH);
    await studio.jobs.waitFor(outcome!.jobId!);
    assetId = outcome!.assetId!;
  } finally {
    await studio.close();
  }
}, 60_000);

const write = (name: string, lines: string[]): string => {
  const file = path.join(home, name);
  fs.writeFileSync(file, `\uFEFF${lines.join('\r\n')}\r\n`);
  return file;
};

describe('kingjam publish', () => {
  it('accounts lists the ids and names a CSV names', () => {
    const r = kingjam(home, 'publish', 'accounts', '--json');
    expect(r.code).toBe(0);
    const accounts = JSON.parse(r.stdout) as PublishAccountView[];
    expect(accounts.map((a) => [a.id, a.platform, a.displayName, a.timeZone]).sort()).toEqual(
      [
        [ids['facebook:Lin Bakery'], 'facebook', 'Lin Bakery', 'Asia/Taipei'],
        [ids['instagram:Lin Bakery'], 'instagram', 'Lin Bakery', 'Asia/Taipei'],
        [ids['youtube:Lin NY'], 'youtube', 'Lin NY', 'America/New_York'],
      ].sort(),
    );
    expect(kingjam(home, 'publish', 'accounts').stdout).toContain(`${ids['youtube:Lin NY']}  youtube:Lin NY`);
  }, 90_000);

  it('import --dry-run lists each line’s problems with what to do, exits 1, and schedules nothing', () => {
    const file = write('bad.csv', [
      'account,time,text,title,media',
      'nobody,2030-01-10 09:00,hi,,',
      'youtube:Lin NY,2030-03-10 02:30,desc,,',
      `instagram:Lin Bakery,2030-01-10 09:00,"ok, this one",,${assetId}`,
    ]);
    const r = kingjam(home, 'publish', 'import', file, '--dry-run');
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n').filter(Boolean)).toEqual([
      'line 2, account: No account "nobody".',
      '    what to do: Use an account id from `kingjam publish accounts`, or "platform:name" as listed there.',
      'line 3, time: 2030-03-10 02:30 does not exist in America/New_York: the clocks jump forward over it.',
      '    what to do: Pick a time an hour later, or write it with its UTC offset.',
      'line 3, title: YouTube needs a title.',
      '    what to do: Add a title in the YouTube tab.',
      'line 3, media: YouTube needs an image or a video.',
      '    what to do: Add media from the library.',
    ]);
    expect(r.stderr).toContain('2 line(s) with problems: nothing was scheduled.');
    // Without --dry-run it is refused the same way: all or nothing.
    expect(kingjam(home, 'publish', 'import', file).code).toBe(1);
    expect(JSON.parse(kingjam(home, 'publish', 'list', '--json').stdout)).toEqual([]);
  }, 120_000);

  it('the same problems in zh-TW: each line and what to do in Chinese, the column names as the file has them', () => {
    const r = kingjamIn('zh-TW', home, 'publish', 'import', path.join(home, 'bad.csv'), '--dry-run');
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n').filter(Boolean)).toEqual([
      '第 2 行，account：找不到帳號「nobody」。',
      '    怎麼做：請使用 `kingjam publish accounts` 列出的帳號 ID，或其中的「平台:名稱」。',
      '第 3 行，time：2030-03-10 02:30 在 America/New_York 不存在：時鐘在這段時間向前撥快。',
      '    怎麼做：請改成晚一小時，或連同 UTC 時差一起寫。',
      '第 3 行，title：YouTube 需要標題。',
      '    怎麼做：請在 YouTube 分頁加上標題。',
      '第 3 行，media：YouTube 需要圖片或影片。',
      '    怎麼做：請從媒體庫加入媒體。',
    ]);
    expect(r.stderr.trim()).toBe('有 2 行有問題：沒有排程任何貼文。');
  }, 120_000);

  it('import schedules a clean file; list shows each post on its account’s clock and filters', () => {
    const file = write('good.csv', [
      'account,time,text,media',
      `instagram:Lin Bakery,2030-01-10 09:00,"早安, Taipei",${assetId}`,
      `${ids['facebook:Lin Bakery']},2030-01-11T09:00:00Z,Second post,`,
    ]);
    const dry = kingjam(home, 'publish', 'import', file, '--dry-run', '--json');
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ dryRun: true, created: 0, rows: [{ line: 2, problems: [] }, { line: 3, problems: [] }] });
    const r = kingjam(home, 'publish', 'import', file);
    expect(r).toMatchObject({ code: 0, stdout: '' });
    expect(r.stderr).toContain('2 post(s) scheduled.');

    const list = kingjam(home, 'publish', 'list');
    expect(list.code).toBe(0);
    const lines = list.stdout.split('\n').filter(Boolean);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\S+ {2}scheduled {2}2030-01-10 09:00 Asia\/Taipei +Instagram · Lin Bakery {2}早安, Taipei$/);
    expect(lines[1]).toMatch(/2030-01-11 17:00 Asia\/Taipei +Facebook · Lin Bakery {2}Second post$/);
    const only = JSON.parse(kingjam(home, 'publish', 'list', '--account', 'facebook:lin bakery', '--json').stdout) as OutboxPostView[];
    expect(only.map((p) => p.payload.text)).toEqual(['Second post']);
    const ranged = JSON.parse(kingjam(home, 'publish', 'list', '--from', '2030-01-11', '--to', '2030-01-12', '--state', 'scheduled,failed', '--json').stdout) as OutboxPostView[];
    expect(ranged.map((p) => p.payload.text)).toEqual(['Second post']);
  }, 120_000);

  it('export writes the calendar as CSV that imports again', () => {
    const out = path.join(home, 'calendar.csv');
    const r = kingjam(home, 'publish', 'export', out, '--from', '2030-01-01');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`Wrote 2 post(s) to ${out}.`);
    const csv = fs.readFileSync(out, 'utf8');
    expect(csv).toContain(',instagram,2030-01-10T09:00:00+08:00,Asia/Taipei,2030-01-10T01:00:00Z,scheduled,"早安, Taipei",');
    const again = kingjam(home, 'publish', 'import', out, '--dry-run');
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('2 post(s) checked: no problems.');
  }, 120_000);

  it('now fails a post it cannot publish with the reason and what to do (exit 1); show lists the attempt; cancel and retry', () => {
    const [post] = JSON.parse(kingjam(home, 'publish', 'list', '--account', 'facebook:Lin Bakery', '--json').stdout) as OutboxPostView[];
    // Signed out of KingJam Cloud, the vault cannot hand out the platform token: the post fails at once, nothing is sent.
    const now = kingjam(home, 'publish', 'now', post!.id);
    expect(now.code).toBe(1);
    expect(now.stderr).toMatch(/error: .+/);
    expect(now.stderr).toMatch(/what to do: .+/);

    const show = kingjam(home, 'publish', 'show', post!.id);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain(`post       ${post!.id}`);
    expect(show.stdout).toContain('state      failed');
    expect(show.stdout).toContain('text\n  Second post');
    expect(show.stdout).toMatch(/attempt 1 {2}\S+ → \S+ {2}disconnected\n {2}.+\n {2}what to do: .+/);

    const canceled = kingjam(home, 'publish', 'cancel', post!.id, '--json');
    expect(canceled.code).toBe(0);
    expect((JSON.parse(canceled.stdout) as OutboxPostView).state).toBe('canceled');
    const retried = kingjam(home, 'publish', 'retry', post!.id, '--json');
    expect(retried.code).toBe(0);
    expect((JSON.parse(retried.stdout) as OutboxPostView).state).toBe('scheduled');
  }, 180_000);

  it('answers usage errors with exit 2, and a post that does not exist with exit 1', () => {
    const noId = kingjam(home, 'publish', 'show');
    expect(noId.code).toBe(2);
    expect(noId.stderr).toContain('needs an id (see `kingjam publish list`)');
    expect(kingjam(home, 'publish', 'list', '--state', 'sent').code).toBe(2);
    expect(kingjam(home, 'publish', 'list', '--from', '10/01/2030').stderr).toContain('--from must be a date');
    expect(kingjam(home, 'publish', 'frob').code).toBe(2);
    const missing = kingjam(home, 'publish', 'show', 'no-such-post');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('There is no post no-such-post in the outbox.');
    const noFile = kingjam(home, 'publish', 'import', path.join(home, 'missing.csv'));
    expect(noFile.code).toBe(1);
    expect(noFile.stderr).toContain('There is no file');
  }, 120_000);
});

/**
 * The same entry, asynchronously: the cloud and the fake platform answer from
 * this process, which a synchronous spawn would block.
 */
function kingjamAsync(env: NodeJS.ProcessEnv, ...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...CLI, ...args], { cwd: ROOT, env: { ...process.env, TZ: 'UTC', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('kingjam publish now, against KingJam Cloud and the platform', () => {
  let world: OutboxWorld;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    // A real cloud-sync whose vault holds a Meta login, and the fake Graph API as Facebook (test/publish/outbox-harness.ts).
    world = await outboxWorld();
    env = { KINGJAM_HOME: tempHome(), KINGJAM_SECRET_KEY: randomBytes(32).toString('hex'), KINGJAM_PASSWORD: 'correct horse battery staple', KINGJAM_LANGUAGE: 'en' };
    // The harness's agency account, signed in through the CLI itself.
    const login = await kingjamAsync(env, 'account', 'login', '--cloud', world.cloudUrl, '--email', 'agency@example.com');
    expect(login.code, login.stderr).toBe(0);
  }, 90_000);

  afterAll(async () => {
    await world?.close();
  });

  const schedule = async (text: string): Promise<string> => {
    const file = path.join(env.KINGJAM_HOME!, `${text.replace(/\W+/g, '-')}.csv`);
    fs.writeFileSync(file, `account,time,text\nfacebook:Tea House,2030-01-10 09:00,${text}\n`);
    const r = await kingjamAsync(env, 'publish', 'import', file);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const posts = JSON.parse((await kingjamAsync(env, 'publish', 'list', '--json')).stdout) as OutboxPostView[];
    return posts.find((p) => p.payload.text === text)!.id;
  };

  it('publishes and waits: exit 0, the post\'s URL, and the platform got it exactly once', async () => {
    const accounts = await kingjamAsync(env, 'publish', 'accounts', '--refresh');
    expect(accounts.code, accounts.stderr).toBe(0);
    expect(accounts.stdout).toMatch(/ {2}facebook:Tea House +Asia\/Taipei/);

    const id = await schedule('Spring tea from the command line');
    const before = world.graph.publishes;
    const r = await kingjamAsync(env, 'publish', 'now', id);
    expect(r.code, r.stderr).toBe(0);
    const live = world.graph.posts.filter((p) => p.message === 'Spring tea from the command line');
    expect(live).toHaveLength(1);
    expect(world.graph.publishes).toBe(before + 1);
    expect(r.stdout.trim()).toBe(`Published: ${live[0]!.permalink_url}`);
    const shown = await kingjamAsync(env, 'publish', 'show', id);
    expect(shown.stdout).toContain('state      published');
    expect(shown.stdout).toContain(`url        ${live[0]!.permalink_url}`);
    expect(shown.stdout).toMatch(/attempt 1 {2}\S+ → \S+ {2}published/);
  }, 180_000);

  it('exits 1 with the platform\'s reason and what to do when the platform refuses the post', async () => {
    const id = await schedule('A post Facebook refuses');
    world.graph.faults.push({ method: 'POST', path: /^\/1000001\/feed$/, answer: graphErrorAnswer(400, 100, '(#100) The post contains a link that is not allowed') });
    const r = await kingjamAsync(env, 'publish', 'now', id);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('attempt 1 failed: ');
    expect(r.stderr).toMatch(/error: .*The post contains a link that is not allowed/);
    expect(r.stderr).toContain(`what to do: Change the post as the platform says, then \`kingjam publish retry ${id}\`.`);
    const post = JSON.parse((await kingjamAsync(env, 'publish', 'show', id, '--json')).stdout) as OutboxPostView;
    expect(post).toMatchObject({ state: 'failed', failure: { class: 'bad-post' } });
  }, 180_000);
});
