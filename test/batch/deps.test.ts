import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchCommand } from '../../src/main/cli/commands/batch.js';
import type { Studio } from '../../src/main/studio.js';
import { tempHome } from '../helpers/studio.js';
import { jobFolder, openBatchStudio, readManifest, recordingIo, runJobFile, sha256File, writeJobFile } from './fixtures.js';

/**
 * Items that depend on others (`after`, `{ "from": ID }`): a chain runs in order and the dependent item is given
 * its dependency's output; cycles and unknown ids are refused before anything runs (exit 2, in the user's
 * language); a failed dependency skips its dependents and the summary says so.
 */
const jobRows = (studio: Studio): number => (studio.store.sqlite.prepare('SELECT COUNT(*) AS n FROM jobs').get() as { n: number }).n;

describe('batch items that depend on each other', () => {
  let studio: Studio;
  let dir: string;

  beforeAll(async () => {
    studio = openBatchStudio();
    dir = await jobFolder(tempHome('kingjam-batch-deps-'));
  });
  afterAll(async () => {
    await studio.close();
  });

  it('a social post whose image comes from a compose item waits for it and is given its output; a rerun redoes nothing', { timeout: 120_000 }, async () => {
    const items = [
      // Listed first, so only waiting (not the file's order) can make it start after the clip.
      { id: 'post', kind: 'social', topic: 'Lantern festival reel', platform: 'instagram', aspect: '1:1', image: { from: 'clip' } },
      { id: 'clip', kind: 'compose', timeline: 'media/timeline.json' },
      { id: 'recap', kind: 'blog', topic: 'How the lantern reel was made', cover: 'none', length: 300, after: ['post'] },
    ];
    const file = writeJobFile(path.join(dir, 'chain.json'), items);
    const first = await runJobFile(studio, dir, file);
    expect(first.events.filter((e) => e.event === 'item-failed')).toEqual([]);
    expect(first.code).toBe(0);
    const order = first.events.filter((e) => e.event === 'item-start' || e.event === 'item-done').map((e) => `${e.event}:${e.id}`);
    expect(order.indexOf('item-start:post')).toBeGreaterThan(order.indexOf('item-done:clip'));
    expect(order.indexOf('item-start:recap')).toBeGreaterThan(order.indexOf('item-done:post'));

    const manifest = readManifest(first.outDir);
    const clip = manifest.items.find((i) => i.id === 'clip')!;
    const poster = clip.outputs.find((o) => /\.(png|jpe?g)$/.test(o.file))!;
    expect(sha256File(path.join(first.outDir, poster.file))).toBe(poster.sha256);
    // The post's job was handed the clip's poster: the library item with the poster's bytes.
    const post = manifest.items.find((i) => i.id === 'post')!;
    const payload = JSON.parse(studio.jobs.jobs.get(post.jobIds[0]!)!.payload) as { imageFile?: string; request: { imageLibraryId?: string } };
    expect(sha256File(payload.imageFile!)).toBe(poster.sha256);
    expect(studio.library.get(payload.request.imageLibraryId!).hash).toBe(poster.sha256);
    expect(post.outputs.some((o) => o.file.endsWith('.png'))).toBe(true);

    // Run again: every item is done with the same inputs (the post's input is the clip's unchanged output), so no job is made.
    const jobs = jobRows(studio);
    const again = await runJobFile(studio, dir, file);
    expect(again.code).toBe(0);
    expect(readManifest(again.outDir).items.map((i) => [i.id, i.reused])).toEqual([['post', true], ['clip', true], ['recap', true]]);
    expect(jobRows(studio)).toBe(jobs);
  });

  it('a cycle and an unknown id are refused before anything runs, with exit code 2 and the reason in the user language', async () => {
    const items = [
      { id: 'a', kind: 'social', topic: 'Circle one', platform: 'instagram', image: { from: 'b' } },
      { id: 'b', kind: 'blog', topic: 'Circle two', cover: 'none', length: 300, after: ['a'] },
      { id: 'c', kind: 'blog', topic: 'Waits for nobody', cover: 'none', length: 300, after: ['ghost'] },
    ];
    const file = writeJobFile(path.join(dir, 'cycle.json'), items);
    const jobs = jobRows(studio);
    const refused = await runJobFile(studio, dir, file);
    expect(refused.code).toBe(2);
    const event = refused.events[0] as unknown as { event: string; ok: boolean; problems: { item: string; field: string; key: string; message: string }[] };
    expect(event).toMatchObject({ event: 'preflight', ok: false });
    expect(event.problems.map((p) => [p.item, p.key])).toEqual([['a', 'batch.problem.cycle'], ['c', 'batch.problem.unknownDependency']]);
    expect(event.problems[0]!.message).toBe('the items wait for each other in a circle: a → b → a');
    expect(event.problems[1]!.field).toBe('after.0');
    expect(jobRows(studio)).toBe(jobs);

    // Through the command, in zh-TW: exit 2, the cycle named, nothing run.
    studio.updateSettings({ language: 'zh-TW' });
    try {
      const io = recordingIo();
      expect(await batchCommand(studio, ['run', file], io)).toBe(2);
      const said = [...io.lines, ...io.errors].join('\n');
      expect(said).toContain('這些項目互相等待，形成循環：a → b → a');
      expect(said).toContain('依賴的「ghost」不是這個檔案中的項目');
      expect(jobRows(studio)).toBe(jobs);
      expect(fs.existsSync(path.join(dir, 'cycle-out'))).toBe(false);
    } finally {
      studio.updateSettings({ language: 'en' });
    }
  });

  it('a failed dependency skips its dependents (and theirs), and the summary says so', { timeout: 120_000 }, async () => {
    fs.writeFileSync(path.join(dir, 'media', 'broken.png'), 'this is not a picture');
    const items = [
      { id: 'broken', kind: 'motion', image: 'media/broken.png', effect: 'snow', seconds: 1 },
      { id: 'teaser', kind: 'social', topic: 'Snowy teaser', platform: 'instagram', image: { from: 'broken' } },
      { id: 'wrapup', kind: 'blog', topic: 'After the teaser', cover: 'none', length: 300, after: ['teaser'] },
      { id: 'free', kind: 'blog', topic: 'Unrelated note', cover: 'none', length: 300 },
    ];
    const file = writeJobFile(path.join(dir, 'failing.json'), items);
    const run = await runJobFile(studio, dir, file);
    expect(run.code).toBe(1);
    expect(run.events).toContainEqual({ event: 'item-skipped', id: 'teaser', reason: { kind: 'dependency', dep: 'broken' } });
    expect(run.events).toContainEqual({ event: 'item-skipped', id: 'wrapup', reason: { kind: 'dependency', dep: 'teaser' } });
    expect(run.events.some((e) => e.event === 'item-start' && (e.id === 'teaser' || e.id === 'wrapup'))).toBe(false);
    expect(run.events.at(-1)).toMatchObject({ event: 'summary', ok: 1, failed: 1, skipped: 2, dependencySkipped: ['teaser', 'wrapup'] });
    const manifest = readManifest(run.outDir);
    expect(manifest.items.map((i) => [i.id, i.status, i.skippedReason])).toEqual([
      ['broken', 'failed', null],
      ['teaser', 'skipped', 'dependency-failed: broken'],
      ['wrapup', 'skipped', 'dependency-failed: teaser'],
      ['free', 'succeeded', null],
    ]);

    // The text summary names them, in the user's language.
    const io = recordingIo();
    expect(await batchCommand(studio, ['run', file, '--retry-failed'], io)).toBe(1);
    expect(io.lines.join('\n')).toContain('2 item(s) not started because an item they depend on did not succeed: teaser, wrapup.');
  });
});
