import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NodeWorkerSpawner } from '../src/main/jobs/node-transport.js';
import { Studio } from '../src/main/studio.js';
import { makePng } from './helpers/media.js';
import { FAST_JOBS, tempHome, until } from './helpers/studio.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const CLI = ['--import', 'tsx', path.join(ROOT, 'src/main/cli/main.ts')];

function kingjam(home: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [...CLI, ...args], { cwd: ROOT, env: { ...process.env, KINGJAM_HOME: home, KINGJAM_LANGUAGE: 'en' }, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('kingjam CLI', () => {
  it('imports files, reports each, and lists the jobs', async () => {
    const home = tempHome();
    const good = await makePng(path.join(home, 'in', 'a.png'), 32, 32);
    const bad = path.join(home, 'in', 'b.jpg');
    fs.writeFileSync(bad, 'not a jpeg');
    const r = kingjam(home, 'import', good, bad);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`✓ ${good}`);
    expect(r.stderr).toMatch(/✗ .*b\.jpg: "b\.jpg" is not a readable image/);
    expect(r.stderr).toContain('1 added, 0 already there, 1 failed');
    const list = kingjam(home, 'jobs', 'list', '--json');
    const jobs = JSON.parse(list.stdout) as { status: string; title: string }[];
    expect(jobs.map((j) => j.status).sort()).toEqual(['failed', 'succeeded']);
  });

  it('answers usage errors with exit code 2 and a hint', () => {
    const r = kingjam(tempHome(), 'jobs', 'retry');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('needs an id (see `kingjam jobs list`)');
    expect(kingjam(tempHome(), 'frobnicate').stderr).toContain('Unknown command "frobnicate"');
  });

  it('doctor --json reports every check', () => {
    const r = kingjam(tempHome(), 'doctor', '--json');
    const report = JSON.parse(r.stdout) as { ok: boolean; checks: { name: string; status: string }[] };
    expect(report.checks.map((c) => c.name)).toEqual(['node', 'data folder', 'sqlite', 'free disk', 'ffmpeg', 'ffprobe', 'keychain', 'worker processes']);
    expect(report.checks.find((c) => c.name === 'worker processes')?.status).toBe('ok');
    expect(r.code).toBe(report.ok ? 0 : 1);
  });

  it('doctor names all three places when ffmpeg cannot be found', () => {
    const bin = tempHome('kingjam-bin-');
    fs.symlinkSync(process.execPath, path.join(bin, 'node'));
    // In English: a fresh data folder speaks the studio's default language (zh-TW) otherwise.
    const env: NodeJS.ProcessEnv = { ...process.env, KINGJAM_HOME: tempHome(), PATH: bin, KINGJAM_LANGUAGE: 'en' };
    delete env.FFMPEG_PATH;
    const r = spawnSync(process.execPath, [...CLI, 'doctor', '--json'], {
      cwd: ROOT,
      env,
      encoding: 'utf8',
    });
    const report = JSON.parse(r.stdout) as { checks: { name: string; status: string; detail: string; fix?: string }[] };
    const ffmpeg = report.checks.find((c) => c.name === 'ffmpeg')!;
    expect(ffmpeg.status).toBe('fail');
    expect(ffmpeg.detail).toContain('FFMPEG_PATH is not set');
    expect(ffmpeg.detail).toContain('ffmpeg-static');
    expect(ffmpeg.detail).toContain('no ffmpeg on PATH');
    expect(ffmpeg.fix).toContain('apt-get install ffmpeg');
    expect(r.status).toBe(1);
  });

  it('resumes a job after the main process is killed mid-job', async () => {
    const home = tempHome();
    const out = path.join(home, 'steps');
    const seed = Studio.open({ home, spawner: new NodeWorkerSpawner(), startJobs: false });
    const job = await seed.jobs.enqueue('diag.steps', { steps: 40, stepMs: 50, outDir: out });
    await seed.close();

    const main = spawn(process.execPath, [...CLI, 'jobs', 'run'], { cwd: ROOT, env: { ...process.env, KINGJAM_HOME: home, KINGJAM_HEARTBEAT_MS: '100' }, stdio: 'ignore' });
    await until(() => fs.existsSync(path.join(out, 'step-8')), 'the job to make progress in the CLI process', 30_000);
    main.kill('SIGKILL');
    await new Promise((r) => main.on('exit', r));
    const doneBeforeCrash = fs.readdirSync(out).length;
    expect(doneBeforeCrash).toBeLessThan(40);

    const restarted = Studio.open({ home, spawner: new NodeWorkerSpawner(), jobConfig: FAST_JOBS });
    try {
      const done = await restarted.jobs.waitFor(job.id);
      expect(done.status).toBe('succeeded');
      const result = done.result as { resumedFrom: number };
      expect(result.resumedFrom).toBeGreaterThanOrEqual(8);
      expect(fs.readdirSync(out)).toHaveLength(40);
    } finally {
      await restarted.close();
    }
  });
});
