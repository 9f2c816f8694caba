import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunOptions } from '../../src/main/batch/runner.js';
import type { Studio } from '../../src/main/studio.js';
import { tempHome } from '../helpers/studio.js';
import { jobFolder, offlineItems, openBatchStudio, readManifest, runJobFile, sha256File, writeJobFile } from './fixtures.js';

const jobIds = (studio: Studio): Set<string> => new Set((studio.store.sqlite.prepare('SELECT id FROM jobs').all() as { id: string }[]).map((r) => r.id));

/** What each kind leaves in the output folder for an item named `n`. */
const EXPECTED: Record<string, (n: string) => string[]> = {
  blog: (n) => [`${n}.html`, `${n}.md`],
  social: (n) => [`${n}.json`, `${n}.png`],
  compose: (n) => [`${n}-poster.jpg`, `${n}.mp4`, `${n}.srt`],
  motion: (n) => [`${n}.mp4`],
  video: (n) => [`${n}-poster.jpg`, `${n}.mp4`, `${n}.srt`],
};

describe('kingjam batch run (offline, real queue, workers and FFmpeg)', () => {
  let studio: Studio;
  let dir: string;

  beforeAll(async () => {
    studio = openBatchStudio();
    dir = await jobFolder(tempHome('kingjam-batch-'));
  });
  afterAll(async () => {
    await studio.close();
  });

  const run = (file: string, options: Partial<RunOptions> = {}) => runJobFile(studio, dir, file, options);

  it('makes every output of a 30-item batch, with a manifest whose hashes are the files; a second run redoes nothing', { timeout: 240_000 }, async () => {
    const items = offlineItems(30);
    const file = writeJobFile(path.join(dir, 'thirty.json'), items);
    const first = await run(file);
    const manifest = readManifest(first.outDir);
    const failed = manifest.items.filter((i) => i.status !== 'succeeded');
    expect(failed.map((i) => [i.id, i.error?.message])).toEqual([]);
    expect(first.code).toBe(0);
    expect(manifest.items).toHaveLength(30);
    expect(manifest.status).toBe('succeeded');
    for (const item of manifest.items) {
      expect(item.outputs.map((o) => o.file).sort()).toEqual(EXPECTED[item.kind]!(item.id));
      expect(item.jobIds.length).toBeGreaterThan(0);
      for (const o of item.outputs) {
        const onDisk = path.join(first.outDir, o.file);
        expect(sha256File(onDisk)).toBe(o.sha256);
        expect(fs.statSync(onDisk).size).toBe(o.bytes);
        expect(item.jobIds).toContain(o.jobId);
      }
    }
    // Every picture and video is a library item of this batch run, the same bytes as the file in the output folder.
    const media = manifest.items.flatMap((i) => i.outputs).filter((o) => /\.(mp4|png|jpg)$/.test(o.file));
    expect(media.length).toBeGreaterThanOrEqual(20);
    for (const o of media) {
      expect(o.assetId, o.file).toBeTruthy();
      // Identical bytes (the same timeline rendered twice) are one item, made by the first job that wrote them.
      const asset = studio.library.get(o.assetId!);
      expect(asset).toMatchObject({ origin: 'batch', projectId: manifest.runId, hash: o.sha256 });
      expect(manifest.items.flatMap((i) => i.jobIds)).toContain(asset.sourceJobId);
    }
    // The output folder holds the outputs and the manifest, nothing half-written.
    expect(fs.readdirSync(first.outDir).sort()).toEqual([...manifest.items.flatMap((i) => i.outputs.map((o) => o.file)), 'manifest.json'].sort());
    // Every item started and ended once, as JSON lines.
    expect(first.events.filter((e) => e.event === 'item-done')).toHaveLength(30);
    expect(first.events.at(-1)).toMatchObject({ event: 'summary', ok: 30, failed: 0, reused: 0 });

    // Again: every item is done with the same inputs, so no job is queued and no file is written.
    const before = jobIds(studio);
    const stamps = new Map(fs.readdirSync(first.outDir).filter((f) => f !== 'manifest.json').map((f) => [f, fs.statSync(path.join(first.outDir, f)).mtimeMs]));
    const second = await run(file);
    expect(second.code).toBe(0);
    expect(jobIds(studio)).toEqual(before);
    for (const [f, mtime] of stamps) expect(fs.statSync(path.join(first.outDir, f)).mtimeMs).toBe(mtime);
    const again = readManifest(second.outDir);
    expect(again.items.every((i) => i.reused && i.status === 'succeeded')).toBe(true);
    expect(again.items.map((i) => i.outputs)).toEqual(manifest.items.map((i) => i.outputs));
  });

});
