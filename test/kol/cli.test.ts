import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PersonaView } from '../../src/shared/kol/persona.js';
import type { KolPostView } from '../../src/shared/kol/post-record.js';
import type { ReviewResult } from '../../src/shared/api/kol-contract.js';
import { NodeWorkerSpawner } from '../../src/main/jobs/node-transport.js';
import { Studio } from '../../src/main/studio.js';
import { tempHome } from '../helpers/studio.js';
import { seedAccounts } from '../publish/bulk-fixtures.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CLI = ['--import', 'tsx', path.join(ROOT, 'src/main/cli/main.ts')];

/** The real `kingjam` entry in its own process, on a temp data folder, signed out of KingJam Cloud. */
function kingjam(home: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [...CLI, ...args], { cwd: ROOT, env: { ...process.env, KINGJAM_HOME: home, TZ: 'UTC' }, encoding: 'utf8', timeout: 90_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let home: string;
let account: string;

beforeAll(async () => {
  home = tempHome('kingjam-kol-cli-');
  const studio = Studio.open({ home, spawner: new NodeWorkerSpawner(), startJobs: false });
  try {
    account = seedAccounts(studio.store, [{ platform: 'facebook', displayName: 'Tea House' }])['facebook:Tea House']!;
  } finally {
    await studio.close();
  }
}, 60_000);

describe('kingjam kol', () => {
  it('personas create and list --json print the personas as the contract returns them; a bad account exits 2 naming it', () => {
    const created = kingjam(home, 'kol', 'personas', 'create', '--nickname', '林小美', '--persona', '台北美食部落客', '--account', account, '--per-day', '4', '--quiet', '22:30-08:00', '--json');
    expect(created.code, created.stderr).toBe(0);
    const persona = JSON.parse(created.stdout) as PersonaView;
    expect(persona).toMatchObject({ nickname: '林小美', accountIds: [account], limits: { perDay: 4, quietHours: { start: '22:30', end: '08:00' }, timeZone: 'Asia/Taipei' }, autoApprove: false });

    const listed = kingjam(home, 'kol', 'personas', 'list', '--json');
    expect(listed.code).toBe(0);
    expect((JSON.parse(listed.stdout) as PersonaView[]).map((p) => [p.id, p.nickname, p.stats.posts])).toEqual([[persona.id, '林小美', 0]]);

    const bad = kingjam(home, 'kol', 'personas', 'create', '--nickname', 'x', '--persona', 'y', '--account', 'acct-nobody', '--json');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('acct-nobody');
    expect(bad.stdout).toBe('');

    // A required flag left out is said as such in the user's language, not as an internal error.
    const missing = kingjam(home, 'kol', 'personas', 'create', '--persona', '台北美食部落客');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('缺少必填的「nickname」');
    expect(missing.stderr).not.toContain('內部錯誤');
  }, 120_000);

  it('review approve --json approves the posts and says who (this computer’s user, signed out); reject needs notes', () => {
    const persona = (JSON.parse(kingjam(home, 'kol', 'personas', 'list', '--json').stdout) as PersonaView[])[0]!;
    const created = kingjam(home, 'kol', 'posts', 'create', '--persona', persona.id, '--topic', '小吃', '--content', '今天吃什麼？#合作', '--json');
    expect(created.code, created.stderr).toBe(0);
    const post = JSON.parse(created.stdout) as KolPostView;
    expect(post.status).toBe('pending_review');

    const noNotes = kingjam(home, 'kol', 'review', 'reject', post.id);
    expect(noNotes.code).toBe(2);

    const approved = kingjam(home, 'kol', 'review', 'approve', post.id, '--notes', '可以', '--json');
    expect(approved.code, approved.stderr).toBe(0);
    const result = JSON.parse(approved.stdout) as ReviewResult;
    const who = (JSON.parse(kingjam(home, 'kol', 'review', 'whoami', '--json').stdout) as { name: string; source: string });
    expect(who.source).toBe('os');
    expect(result.posts.map((p) => [p.id, p.status, p.approvedBy, p.reviewerNotes])).toEqual([[post.id, 'approved', who.name, '可以']]);

    const again = kingjam(home, 'kol', 'review', 'approve', post.id);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('approved');
  }, 120_000);
});
