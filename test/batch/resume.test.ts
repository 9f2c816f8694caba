import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tempHome } from '../helpers/studio.js';
import { jobFolder, readManifest, writeJobFile } from './fixtures.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CLI = ['--import', 'tsx', path.join(ROOT, 'src/main/cli/main.ts')];

function jobIds(home: string): Set<string> {
  const db = new Database(path.join(home, 'studio.sqlite'), { readonly: true });
  try {
    return new Set((db.prepare('SELECT id FROM jobs').all() as { id: string }[]).map((r) => r.id));
  } finally {
    db.close();
  }
}

/** The work a job did for an item: itself, or for the library's probe of a new output, the job that made that output. */
function workJob(home: string, id: string): string {
  const db = new Database(path.join(home, 'studio.sqlite'), { readonly: true });
  try {
    const job = db.prepare('SELECT kind, payload FROM jobs WHERE id = ?').get(id) as { kind: string; payload: string };
    if (job.kind !== 'media.probe') return id;
    const { assetId } = JSON.parse(job.payload) as { assetId: string };
    return (db.prepare('SELECT source_job_id AS s FROM assets WHERE id = ?').get(assetId) as { s: string }).s;
  } finally {
    db.close();
  }
}

/**
 * The CLI killed mid-batch (SIGKILL: no chance to save anything) and run
 * again: what finished is not redone — its files untouched, no new job — and
 * the rest is done, the cut-off items' queued work followed rather than
 * started twice.
 */
describe('kingjam batch run, killed and run again', () => {
  it('resumes: finished items are not redone, the rest are done', { timeout: 150_000 }, async () => {
    const home = tempHome();
    const dir = await jobFolder(tempHome('kingjam-batch-kill-'));
    const items = [
      ...Array.from({ length: 6 }, (_, i) => ({ id: `blog-${i + 1}`, kind: 'blog', topic: `Temple fair ${i + 1}`, cover: 'none', length: 300 })),
      ...Array.from({ length: 4 }, (_, i) => ({ id: `clip-${i + 1}`, kind: 'motion', image: i % 2 ? 'media/a.png' : 'media/b.png', effect: 'snow', seconds: 1 })),
    ];
    const file = writeJobFile(path.join(dir, 'kill.json'), items);
    const outDir = path.join(dir, 'kill-out');
    const env = { ...process.env, KINGJAM_HOME: home, KINGJAM_VIDEO_ENCODER: 'libx264' };

    const first = spawn(process.execPath, [...CLI, 'batch', 'run', file, '--json', '--parallel', '2'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'ignore'] });
    const finished: string[] = [];
    await new Promise<void>((resolve, reject) => {
      const lines = createInterface({ input: first.stdout! });
      lines.on('line', (line) => {
        const e = JSON.parse(line) as { event: string; id?: string };
        if (e.event === 'item-done') finished.push(e.id!);
        if (finished.length === 3) {
          first.kill('SIGKILL');
          resolve();
        }
      });
      first.on('exit', () => (finished.length < 3 ? reject(new Error(`the CLI ended before 3 items were done (${finished.join(', ')})`)) : resolve()));
    });
    await new Promise((r) => (first.exitCode !== null || first.signalCode !== null ? r(null) : first.on('exit', r)));
    expect(first.signalCode).toBe('SIGKILL');
    expect(fs.existsSync(path.join(outDir, 'manifest.json'))).toBe(false);

    const doneFiles = fs.readdirSync(outDir).filter((f) => finished.some((id) => f.startsWith(`${id}.`)));
    expect(doneFiles.length).toBeGreaterThanOrEqual(3);
    const stamps = new Map(doneFiles.map((f) => [f, { mtime: fs.statSync(path.join(outDir, f)).mtimeMs, bytes: fs.readFileSync(path.join(outDir, f)) }]));
    const jobsBefore = jobIds(home);

    const second = spawnSync(process.execPath, [...CLI, 'batch', 'run', file, '--json'], { cwd: ROOT, env, encoding: 'utf8', timeout: 120_000 });
    expect(second.status, second.stderr).toBe(0);
    const events = second.stdout.trim().split('\n').map((l) => JSON.parse(l) as { event: string; id?: string; plan?: { run: number; done: number } });
    expect(events[0]!.plan).toEqual({ run: items.length - finished.length, done: finished.length, failed: 0 });
    // The finished items did not start again.
    const started = events.filter((e) => e.event === 'item-start').map((e) => e.id);
    expect(started.filter((id) => finished.includes(id!))).toEqual([]);
    expect(started).toHaveLength(items.length - finished.length);

    // Their files are as they were, byte for byte and untouched.
    for (const [f, s] of stamps) {
      expect(fs.statSync(path.join(outDir, f)).mtimeMs).toBe(s.mtime);
      expect(fs.readFileSync(path.join(outDir, f)).equals(s.bytes)).toBe(true);
    }
    const manifest = readManifest(outDir);
    expect(manifest.items.every((i) => i.status === 'succeeded')).toBe(true);
    // No new job for a finished item; every new job belongs to an item that had not finished.
    const newJobs = [...jobIds(home)].filter((j) => !jobsBefore.has(j));
    for (const item of manifest.items) {
      if (finished.includes(item.id)) {
        expect(item.reused).toBe(true);
        expect(item.jobIds.every((j) => jobsBefore.has(j))).toBe(true);
      }
    }
    const unfinishedJobs = new Set(manifest.items.filter((i) => !finished.includes(i.id)).flatMap((i) => i.jobIds));
    expect(newJobs.length).toBeGreaterThan(0);
    expect(newJobs.filter((j) => !unfinishedJobs.has(workJob(home, j)))).toEqual([]);
    // Every output of every item is in the folder with the hash the manifest gives.
    expect(manifest.items.flatMap((i) => i.outputs).every((o) => fs.existsSync(path.join(outDir, o.file)))).toBe(true);
  });

  it('stops cleanly on Ctrl-C (exit 130, running work checkpointed), and the next run follows the cut-off items\' jobs instead of starting them again', { timeout: 150_000 }, async () => {
    const home = tempHome();
    const dir = await jobFolder(tempHome('kingjam-batch-int-'));
    const items = Array.from({ length: 5 }, (_, i) => ({ id: `blog-${i + 1}`, kind: 'blog', topic: `Harbour walk ${i + 1}`, cover: 'none', length: 300 }));
    const file = writeJobFile(path.join(dir, 'int.json'), items);
    const env = { ...process.env, KINGJAM_HOME: home };
    const first = spawn(process.execPath, [...CLI, 'batch', 'run', file, '--json', '--parallel', '3'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'ignore'] });
    const events: { event: string; id?: string; interrupted?: boolean }[] = [];
    const exit = new Promise<number | null>((resolve) => first.on('exit', (code) => resolve(code)));
    createInterface({ input: first.stdout! }).on('line', (line) => {
      const e = JSON.parse(line) as { event: string; id?: string };
      events.push(e);
      if (e.event === 'item-start' && events.filter((x) => x.event === 'item-start').length === 3) first.kill('SIGINT');
    });
    expect(await exit).toBe(130);
    expect(events.at(-1)).toMatchObject({ event: 'summary', interrupted: true });
    const manifest = readManifest(path.join(dir, 'int-out'));
    expect(manifest.status).toBe('interrupted');
    const cut = manifest.items.filter((i) => i.status === 'interrupted');
    expect(cut.length).toBeGreaterThan(0);
    // No new item started after the stop, and nothing is left running: the queue took its jobs back.
    expect(manifest.items.filter((i) => i.status === 'not-run' || i.status === 'interrupted' || i.status === 'succeeded')).toHaveLength(5);
    const db = new Database(path.join(home, 'studio.sqlite'), { readonly: true });
    const jobs = db.prepare('SELECT id, status FROM jobs').all() as { id: string; status: string }[];
    db.close();
    expect(jobs.filter((j) => j.status === 'running')).toEqual([]);
    const before = new Set(jobs.map((j) => j.id));

    const second = spawnSync(process.execPath, [...CLI, 'batch', 'run', file, '--json'], { cwd: ROOT, env, encoding: 'utf8', timeout: 120_000 });
    expect(second.status, second.stderr).toBe(0);
    const after = readManifest(path.join(dir, 'int-out'));
    expect(after.items.every((i) => i.status === 'succeeded')).toBe(true);
    // A cut-off item whose job was queued is finished by that job: the old job, not a second one.
    const followed = cut.filter((i) => i.jobIds.length > 0);
    expect(followed.length).toBeGreaterThan(0);
    for (const item of followed) {
      const now = after.items.find((i) => i.id === item.id)!;
      expect(now.jobIds).toEqual(item.jobIds);
      expect(now.jobIds.every((j) => before.has(j))).toBe(true);
    }
  });
});
