import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NodeWorkerSpawner } from '../../src/main/jobs/node-transport.js';
import { Studio } from '../../src/main/studio.js';
import { styleCliText } from '../../src/shared/style/cli-text.js';
import type { StyleProfileView, StyleScoreView } from '../../src/shared/style/profile.js';
import { tempHome } from '../helpers/studio.js';
import { flatStyle, neonStyle } from './fixtures.js';

/** The real `kingjam style` in its own process on a temp data folder whose studio speaks zh-TW, with the real workers. */
const ROOT = path.resolve(import.meta.dirname, '../..');
const CLI = ['--import', 'tsx', path.join(ROOT, 'src/main/cli/main.ts')];

function kingjam(home: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [...CLI, ...args], { cwd: ROOT, env: { ...process.env, KINGJAM_HOME: home }, encoding: 'utf8', timeout: 150_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('kingjam style', () => {
  it('extract --lock --json, apply (what a blog would receive, in zh-TW), score --json with the drift flags', async () => {
    const home = tempHome('kingjam-style-cli-');
    const studio = Studio.open({ home, spawner: new NodeWorkerSpawner(), startJobs: false });
    studio.updateSettings({ language: 'zh-TW' });
    await studio.close();
    const dir = fs.mkdtempSync(path.join(home, 'imgs-'));
    const refs = await Promise.all([1, 2, 3].map((s) => flatStyle(dir, `ref-${s}.png`, s)));

    const made = kingjam(home, 'style', 'extract', ...refs, '--name', '繪本', '--seed', '99', '--lock', '--json');
    expect(made.code, made.stderr).toBe(0);
    const profile = JSON.parse(made.stdout.trim().split('\n').pop()!) as StyleProfileView;
    expect(profile).toMatchObject({ name: '繪本', status: 'ready', locked: true, seedPolicy: { mode: 'fixed', seed: 99 } });
    expect(profile.features!.palette.map((c) => c.hex)).toContain('#fefae0');
    // Offline, the fragment is composed in the studio's language.
    expect(profile.promptFragment).toContain('色盤');

    const shown = kingjam(home, 'style', 'apply', profile.id, '--to', 'blog');
    expect(shown.code, shown.stderr).toBe(0);
    const lines = shown.stdout.split('\n');
    expect(lines).toContain(styleCliText('zh-TW', 'fragment', { text: profile.promptFragment }));
    expect(lines).toContain(styleCliText('zh-TW', 'seed', { seed: 99 }));
    // The target and the state are said in the user's language, not as the CLI's words.
    expect(lines[0]).toBe('指定此風格的部落格封面生成會收到：');
    const listed = kingjam(home, 'style', 'list');
    expect(listed.stdout.trim()).toBe(`${profile.id}  繪本  就緒（已鎖定）`);

    const good = await flatStyle(dir, 'good.png', 77);
    const bad = await neonStyle(dir, 'bad.png', 78);
    const scored = kingjam(home, 'style', 'score', profile.id, good, bad, '--json');
    expect(scored.code, scored.stderr).toBe(0);
    const { scores } = JSON.parse(scored.stdout.trim().split('\n').pop()!) as { scores: StyleScoreView[] };
    expect(scores.map((s) => [path.basename(s.path), s.drift])).toEqual([['good.png', false], ['bad.png', true]]);
  }, 300_000);
});
