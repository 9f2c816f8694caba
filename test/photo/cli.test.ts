import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { NodeWorkerSpawner } from '../../src/main/jobs/node-transport.js';
import { Studio } from '../../src/main/studio.js';
import type { PhotoUploadView } from '../../src/shared/api/photo-contract.js';
import { PhotoLines } from '../../src/main/cli/commands/photo-lines.js';
import { photoText, problemLine } from '../../src/shared/photo/service-text.js';
import { LANGUAGES, type Language } from '../../src/shared/settings.js';
import { tempHome } from '../helpers/studio.js';
import { portrait, smallFace } from './fixtures/portraits.js';

/**
 * The real `kingjam photo` in its own process on a temp data folder (signed
 * out), with the real check and motion workers and real photographs of faces.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const CLI = ['--import', 'tsx', path.join(ROOT, 'src/main/cli/main.ts')];

function kingjam(home: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [...CLI, ...args], { cwd: ROOT, env: { ...process.env, KINGJAM_HOME: home }, encoding: 'utf8', timeout: 150_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A data folder whose studio speaks `language`. */
async function homeIn(language: Language): Promise<string> {
  const home = tempHome(`kingjam-photo-cli-${language}-`);
  const studio = Studio.open({ home, spawner: new NodeWorkerSpawner(), startJobs: false });
  studio.updateSettings({ language });
  await studio.close();
  return home;
}

async function photoRows(home: string): Promise<{ jobs: number; runs: number }> {
  const studio = Studio.open({ home, spawner: new NodeWorkerSpawner(), startJobs: false });
  try {
    const jobs = (studio.store.sqlite.prepare("SELECT COUNT(*) AS n FROM jobs WHERE kind IN ('photo.fuse', 'photo.makeover', 'photo.motion')").get() as { n: number }).n;
    const runs = (studio.store.sqlite.prepare('SELECT COUNT(*) AS n FROM photo_runs').get() as { n: number }).n;
    return { jobs, runs };
  } finally {
    await studio.close();
  }
}

let good: string;
let small: string;

beforeAll(async () => {
  [good, small] = await Promise.all([portrait(0), smallFace()]);
}, 120_000);

describe('kingjam photo', () => {
  it('fuse: a mistyped flag is a usage error at once, before any photo is checked or kept', async () => {
    const home = await homeIn('en');
    const r = kingjam(home, 'photo', 'fuse', good, '--preset', 'living-room');
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain('rosewood-living-room');
    expect(r.stderr).not.toContain(photoText('en', 'photo.cli.consentNote', {}));
    const studio = Studio.open({ home, spawner: new NodeWorkerSpawner(), startJobs: false });
    try {
      expect((studio.store.sqlite.prepare('SELECT COUNT(*) AS n FROM photo_uploads').get() as { n: number }).n).toBe(0);
    } finally {
      await studio.close();
    }
  });

  it('fuse: a photo that fails its check is printed with what is wrong and how to retake it, and nothing is spent', async () => {
    const language = 'zh-TW';
    const home = await homeIn(language);
    const r = kingjam(home, 'photo', 'fuse', good, small, '--preset', 'snow', '--backend', 'offline', '--variants', '4', '--yes');
    expect(r.code, r.stderr).toBe(1);
    const lines = r.stderr.split('\n');
    expect(lines).toContain(photoText(language, 'photo.cli.checkFailed', { name: path.basename(small) }));
    expect(lines).toContain(problemLine(language, 'face-too-small'));
    expect(lines.some((l) => l.startsWith(`✓ ${path.basename(good)}`))).toBe(true);
    expect(lines).toContain(photoText(language, 'photo.cli.nothingSpent'));
    expect(r.stdout).toBe('');
    expect(await photoRows(home)).toEqual({ jobs: 0, runs: 0 });
  }, 180_000);

  it('fuse: a paid run shows its cost and needs --yes before anything is queued', async () => {
    const home = await homeIn('zh-TW');
    const r = kingjam(home, 'photo', 'fuse', good, '--preset', 'seaside', '--backend', 'offline', '--variants', '4');
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/費用：\d+ 點。/);
    expect(r.stderr).toContain('--yes');
    expect(await photoRows(home)).toEqual({ jobs: 0, runs: 0 });
  }, 180_000);

  it.each(LANGUAGES)('prints the check lines in %s', (language) => {
    const err: string[] = [];
    const lines = new PhotoLines(language, { out: () => undefined, err: (l) => err.push(l) }, false);
    const face = { box: { x: 10, y: 10, width: 40, height: 40 }, confidence: 0.9 };
    const view = (name: string, status: PhotoUploadView['status'], issues: PhotoUploadView['issues']): PhotoUploadView => ({
      id: name, name, purpose: 'person', status, preview: null, width: 1280, height: 960, faces: [face], sharpness: 120, issues, error: null,
      consent: true, uploadedAt: 0, expiresAt: 0, remainingMs: 0, deletedAt: null,
    });
    const ok = lines.checks('fuse', [view('a.jpg', 'passed', []), view('b.jpg', 'failed', [{ problem: 'blurred', key: 'photo.check.blurred', params: {} }])]);
    expect(ok).toBe(false);
    expect(err).toEqual([
      photoText(language, 'photo.cli.checkPassed', { name: 'a.jpg', width: 1280, height: 960 }),
      photoText(language, 'photo.cli.checkFailed', { name: 'b.jpg' }),
      problemLine(language, 'blurred'),
    ]);
    expect(err.join('\n')).not.toMatch(/\{\w+\}|photo\.cli/);
  });
});
