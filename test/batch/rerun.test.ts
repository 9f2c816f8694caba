import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunOptions } from '../../src/main/batch/runner.js';
import type { Studio } from '../../src/main/studio.js';
import { makePng } from '../helpers/media.js';
import { tempHome } from '../helpers/studio.js';
import { jobFolder, openBatchStudio, readManifest, runJobFile, sha256File, writeJobFile } from './fixtures.js';

const jobIds = (studio: Studio): Set<string> => new Set((studio.store.sqlite.prepare('SELECT id FROM jobs').all() as { id: string }[]).map((r) => r.id));

/** A job file run again: what changed is redone, what is asked for runs, what failed stays failed unless retried. */
describe('kingjam batch run again: changed inputs, --only, --retry-failed', () => {
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

  it('redoes only the items whose inputs changed', { timeout: 120_000 }, async () => {
    const image = await makePng(path.join(dir, 'media', 'own.png'), 160, 120, '#11aa55');
    const items = [
      { id: 'uses-own', kind: 'motion', image: 'media/own.png', effect: 'lanterns', seconds: 1 },
      { id: 'uses-a', kind: 'motion', image: 'media/a.png', effect: 'snow', seconds: 1 },
      { id: 'post', kind: 'social', topic: 'Pineapple cake', platform: 'instagram' },
    ];
    const file = writeJobFile(path.join(dir, 'change.json'), items);
    const first = await run(file);
    expect(first.code).toBe(0);
    const m1 = readManifest(first.outDir);
    // The picture's bytes change (same path), and the post's topic changes.
    await makePng(image, 160, 120, '#aa1155');
    writeJobFile(file, [items[0]!, items[1]!, { ...items[2]!, topic: 'Pineapple cake, again' }]);
    const before = jobIds(studio);
    const second = await run(file);
    expect(second.code).toBe(0);
    const m2 = readManifest(second.outDir);
    const byId = (m: typeof m1, id: string) => m.items.find((i) => i.id === id)!;
    expect(byId(m2, 'uses-a').reused).toBe(true);
    expect(byId(m2, 'uses-a').jobIds).toEqual(byId(m1, 'uses-a').jobIds);
    for (const id of ['uses-own', 'post']) {
      expect(byId(m2, id).reused).toBe(false);
      expect(byId(m2, id).inputHash).not.toBe(byId(m1, id).inputHash);
      expect(byId(m2, id).jobIds.every((j) => !before.has(j))).toBe(true);
    }
    expect(byId(m2, 'uses-own').outputs[0]!.sha256).toBe(sha256File(path.join(second.outDir, 'uses-own.mp4')));
  });

  it('--only runs just the named items; a failed item runs again only with --retry-failed', { timeout: 120_000 }, async () => {
    fs.writeFileSync(path.join(dir, 'media', 'broken.png'), 'this is not a picture');
    const items = [
      { id: 'fine', kind: 'motion', image: 'media/a.png', effect: 'fireworks', seconds: 1 },
      { id: 'broken', kind: 'motion', image: 'media/broken.png', effect: 'snow', seconds: 1 },
      { id: 'later', kind: 'blog', topic: 'Hot springs in Beitou', cover: 'none', length: 300 },
    ];
    const file = writeJobFile(path.join(dir, 'some.json'), items);
    const only = await run(file, { only: ['fine', 'broken'] });
    expect(only.code).toBe(1);
    const m1 = readManifest(only.outDir);
    expect(m1.items.map((i) => [i.id, i.status])).toEqual([['fine', 'succeeded'], ['broken', 'failed']]);
    expect(m1.items[1]!.error).toMatchObject({ code: expect.any(String), message: expect.any(String) });
    expect(fs.existsSync(path.join(only.outDir, 'later.md'))).toBe(false);

    // Without --retry-failed the failure stays as it was: no new job for it, and the run says why.
    const before = jobIds(studio);
    const noRetry = await run(file);
    expect(noRetry.code).toBe(1);
    expect(noRetry.events).toContainEqual({ event: 'item-skipped', id: 'broken', reason: { kind: 'failed-before' } });
    const m2 = readManifest(noRetry.outDir);
    expect(m2.items.map((i) => [i.id, i.status, i.reused])).toEqual([['fine', 'succeeded', true], ['broken', 'failed', false], ['later', 'succeeded', false]]);
    expect(m2.items[1]!.jobIds).toEqual(m1.items[1]!.jobIds);
    expect(m2.items[1]!.skippedReason).toMatch(/^failed-before/);
    const newJobs = [...jobIds(studio)].filter((j) => !before.has(j));
    expect(newJobs.length).toBeGreaterThan(0);
    expect(newJobs.every((j) => m2.items[2]!.jobIds.includes(j))).toBe(true);

    // With it, the failed item runs again (a new job; the picture is still broken, so it fails again).
    const retried = await run(file, { retryFailed: true });
    const m3 = readManifest(retried.outDir);
    expect(m3.items[1]!.status).toBe('failed');
    expect(m3.items[1]!.jobIds).toHaveLength(1);
    expect(m1.items[1]!.jobIds).not.toContain(m3.items[1]!.jobIds[0]);
    expect(m3.items[0]!.reused && m3.items[2]!.reused).toBe(true);
  });
});
