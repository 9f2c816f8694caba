import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadJobFile } from '../../src/main/batch/file.js';
import { JsonReporter } from '../../src/main/batch/progress.js';
import { runBatch } from '../../src/main/batch/runner.js';
import type { Studio } from '../../src/main/studio.js';
import { portrait, twoFaces } from '../photo/fixtures/portraits.js';
import { openTestStudio, tempHome } from '../helpers/studio.js';
import { readManifest, recordingIo, sha256File, writeJobFile } from './fixtures.js';

/** A photo-fuse item through the photo studio's own checks and run (offline backend, free tier). */
describe('batch photo-fuse', () => {
  let studio: Studio;
  let good: string;
  let two: string;

  beforeAll(async () => {
    studio = openTestStudio(tempHome(), { leaseMs: 120_000, heartbeatMs: 1_000 });
    [good, two] = await Promise.all([portrait(0), twoFaces()]);
  }, 120_000);
  afterAll(async () => {
    await studio.close();
  });

  it('makes the composite from a checked photo; a photo that fails its check fails its item with the reason and runs nothing for it', { timeout: 120_000 }, async () => {
    const dir = tempHome('kingjam-batch-photo-');
    const file = writeJobFile(path.join(dir, 'photos.json'), [
      { id: 'family', kind: 'photo-fuse', photos: [good], preset: 'snow', backend: 'offline', variants: 1 },
      { id: 'crowd', kind: 'photo-fuse', photos: [two], preset: 'snow', backend: 'offline', variants: 1 },
    ]);
    const loaded = loadJobFile(file);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
    const outDir = path.join(dir, 'out');
    const code = await runBatch(studio, loaded.file, { outDir, yes: false, retryFailed: false, parallel: 2, dryRun: false }, new JsonReporter('en', recordingIo()), new AbortController().signal);
    expect(code).toBe(1);
    const m = readManifest(outDir);
    const family = m.items.find((i) => i.id === 'family')!;
    expect(family.status).toBe('succeeded');
    expect(family.outputs).toHaveLength(1);
    expect(sha256File(path.join(outDir, family.outputs[0]!.file))).toBe(family.outputs[0]!.sha256);
    const crowd = m.items.find((i) => i.id === 'crowd')!;
    expect(crowd.status).toBe('failed');
    expect(crowd.error!.message).toContain(path.basename(two));
    // One composite job in all: the family's.
    expect(studio.store.sqlite.prepare("SELECT job_id FROM (SELECT id AS job_id FROM jobs WHERE kind = 'photo.fuse')").all()).toEqual(family.jobIds.map((job_id) => ({ job_id })));
  });
});
