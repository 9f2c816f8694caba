import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadJobFile } from '../../src/main/batch/file.js';
import { JsonReporter, TextReporter } from '../../src/main/batch/progress.js';
import { runBatch } from '../../src/main/batch/runner.js';
import type { Studio } from '../../src/main/studio.js';
import type { Language } from '../../src/shared/settings.js';
import { openTestStudio, tempHome } from '../helpers/studio.js';
import { jobFolder, recordingIo, writeJobFile } from './fixtures.js';

/**
 * The preflight's disk estimate learns from this studio's own earlier outputs: library rows of the same job
 * kind and render height give the median bytes per second (videos) or per picture, and the rule of thumb
 * is used only where there are too few of them. The preflight says which was used, in the three languages.
 */
const MB = 1024 * 1024;

interface PreflightEvent {
  event: 'preflight';
  items: { id: string; diskBytes: number; diskBasis: string }[];
  disk: { needed: number; basis: { history: string[]; rule: string[] } };
}

/** An earlier output: a finished job of `jobKind` and the library item it made. */
function seedOutput(studio: Studio, jobKind: string, asset: { kind: 'image' | 'video'; bytes: number; height: number; seconds?: number; origin?: 'generated' | 'batch' | 'import' }): void {
  const jobId = randomUUID();
  const now = Date.now();
  studio.store.sqlite
    .prepare(`INSERT INTO jobs (id, kind, title, queue, status, payload, run_after, created_at, finished_at) VALUES (?, ?, 'earlier output', 'video', 'succeeded', '{}', ?, ?, ?)`)
    .run(jobId, jobKind, now, now, now);
  const id = randomUUID();
  const ext = asset.kind === 'video' ? 'mp4' : 'jpg';
  studio.store.sqlite
    .prepare(
      `INSERT INTO assets (id, hash, kind, name, name_lower, ext, bytes, width, height, duration_sec, status, file, created_at, origin, source_job_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'ready', ?, ?, ?, ?)`,
    )
    .run(id, randomUUID(), asset.kind, `out-${id}`, `out-${id}`, ext, asset.bytes, Math.round((asset.height * 16) / 9), asset.height, asset.seconds ?? null, `gen/${id}.${ext}`, now, asset.origin ?? 'generated', jobId);
}

describe('the batch disk estimate from this studio\'s earlier outputs', () => {
  let studio: Studio;
  let dir: string;
  let file: string;

  beforeAll(async () => {
    studio = openTestStudio(tempHome(), {}, false);
    dir = await jobFolder(tempHome('kingjam-batch-disk-'));
    // The timeline is two seconds at 144 lines.
    file = writeJobFile(path.join(dir, 'disk.json'), [
      { id: 'clip', kind: 'compose', timeline: 'media/timeline.json' },
      { id: 'spark', kind: 'motion', image: 'media/a.png', effect: 'snow', seconds: 3 },
      { id: 'note', kind: 'blog', topic: 'A short note', cover: 'none', length: 300 },
    ]);
  });
  afterAll(async () => {
    await studio.close();
  });

  async function dryRun(): Promise<PreflightEvent> {
    const loaded = loadJobFile(file);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
    const io = recordingIo();
    await runBatch(studio, loaded.file, { outDir: path.join(dir, 'disk-out'), yes: false, retryFailed: false, parallel: 4, dryRun: true }, new JsonReporter('en', io), new AbortController().signal);
    return JSON.parse(io.lines[0]!) as PreflightEvent;
  }

  async function textLines(language: Language): Promise<string[]> {
    const loaded = loadJobFile(file);
    if (!loaded.ok) throw new Error('parse');
    const io = recordingIo();
    await runBatch(studio, loaded.file, { outDir: path.join(dir, 'disk-out'), yes: false, retryFailed: false, parallel: 4, dryRun: true }, new TextReporter(language, io), new AbortController().signal);
    return io.lines;
  }

  it('with no history: the rule of thumb per kind, and the preflight says so', async () => {
    const p = await dryRun();
    const byId = new Map(p.items.map((i) => [i.id, i]));
    // Rule of thumb: 2 MB a second of video, twice (the output folder and the studio's copy).
    expect(byId.get('clip')).toMatchObject({ diskBasis: 'rule', diskBytes: 2 * 2 * MB * 2 });
    expect(byId.get('spark')).toMatchObject({ diskBasis: 'rule', diskBytes: 3 * 2 * MB * 2 });
    // An article without a cover writes text only.
    expect(byId.get('note')).toMatchObject({ diskBasis: 'none', diskBytes: 2 * MB });
    expect(p.disk.basis).toEqual({ history: [], rule: ['clip', 'spark'] });
    expect(p.disk.needed).toBe(8 * MB + 12 * MB + 2 * MB);
    expect(await textLines('en')).toContain('  (a rule of thumb per kind: too few earlier outputs of the same kind and size to go by)');
  });

  it('with earlier renders at the same height: their median bytes per second; other heights, imports and too few samples are not used', async () => {
    // Renders at 144 lines: 100, 120, 140, 160 and 1000 kB a second (median 140 kB/s), their posters 10, 20 and 30 kB.
    for (const [rate, seconds] of [[100_000, 2], [120_000, 5], [140_000, 3], [160_000, 4], [1_000_000, 2]] as const) seedOutput(studio, 'media.compose', { kind: 'video', bytes: rate * seconds, seconds, height: 144 });
    for (const bytes of [10_000, 20_000, 30_000]) seedOutput(studio, 'media.compose', { kind: 'image', bytes, height: 144 });
    // Not the same setting or not an output: a 1080-line render, an imported video at 144, a poster at 1080.
    for (let i = 0; i < 3; i++) {
      seedOutput(studio, 'media.compose', { kind: 'video', bytes: 50 * MB, seconds: 10, height: 1080 });
      seedOutput(studio, 'media.compose', { kind: 'video', bytes: 40 * MB, seconds: 2, height: 144, origin: 'import' });
      seedOutput(studio, 'media.compose', { kind: 'image', bytes: 5 * MB, height: 1080 });
    }
    // Only two motion clips so far: too few, the motion item keeps the rule of thumb.
    for (let i = 0; i < 2; i++) seedOutput(studio, 'media.motion', { kind: 'video', bytes: 90_000, seconds: 1, height: 720 });

    const p = await dryRun();
    const byId = new Map(p.items.map((i) => [i.id, i]));
    // Two seconds at the median rate, the median poster and the subtitles' allowance, with a quarter's room, twice.
    const clip = Math.ceil((2 * 140_000 + 20_000 + MB) * 1.25) * 2;
    expect(byId.get('clip')).toMatchObject({ diskBasis: 'history', diskBytes: clip });
    expect(byId.get('spark')).toMatchObject({ diskBasis: 'rule', diskBytes: 3 * 2 * MB * 2 });
    expect(p.disk.basis).toEqual({ history: ['clip'], rule: ['spark'] });
    expect(p.disk.needed).toBe(clip + 12 * MB + 2 * MB);

    // A third motion clip: now it learns too (any height, since a clip follows its picture's size): 90 kB/s × 3 s.
    seedOutput(studio, 'media.motion', { kind: 'video', bytes: 180_000, seconds: 2, height: 480 });
    const learned = await dryRun();
    expect(learned.items.find((i) => i.id === 'spark')).toMatchObject({ diskBasis: 'history', diskBytes: Math.ceil(3 * 90_000 * 1.25) * 2 });
    expect(learned.disk.basis).toEqual({ history: ['clip', 'spark'], rule: [] });

    expect(await textLines('en')).toContain('  (estimated from this studio\'s earlier outputs of the same kind and size)');
    expect(await textLines('zh-TW')).toContain('  （依本工作室先前同類、同尺寸輸出的大小估算）');
    expect(await textLines('zh-CN')).toContain('  （按本工作室此前同类、同尺寸输出的大小估算）');
  });

  it('says how many items each way when some learned and some did not', async () => {
    // A Director video at 480 lines has no renders at that height yet: rule of thumb, beside the compose item's history.
    file = writeJobFile(path.join(dir, 'mixed.json'), [
      { id: 'clip', kind: 'compose', timeline: 'media/timeline.json' },
      { id: 'walk', kind: 'video', topic: 'Lantern walk', seconds: 10, scenes: 2, height: 480, quality: 'draft', voice: false, music: false },
    ]);
    const p = await dryRun();
    expect(p.disk.basis).toEqual({ history: ['clip'], rule: ['walk'] });
    expect(p.items.find((i) => i.id === 'walk')).toMatchObject({ diskBasis: 'rule', diskBytes: 10 * 2 * MB * 2 });
    expect(await textLines('en')).toContain('  (estimated from earlier outputs of the same kind and size for 1 item(s), a rule of thumb for 1)');
    expect(await textLines('zh-TW')).toContain('  （1 個項目依先前同類、同尺寸輸出的大小估算，1 個依經驗值）');
    expect(await textLines('zh-CN')).toContain('  （1 个项目按此前同类、同尺寸输出的大小估算，1 个按经验值）');
  });
});
