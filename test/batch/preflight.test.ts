import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadJobFile } from '../../src/main/batch/file.js';
import { JsonReporter, TextReporter } from '../../src/main/batch/progress.js';
import { runBatch } from '../../src/main/batch/runner.js';
import type { Studio } from '../../src/main/studio.js';
import { openTestStudio, tempHome } from '../helpers/studio.js';
import { jobFolder, offlineItems, recordingIo } from './fixtures.js';

const jobRows = (studio: Studio): number => (studio.store.sqlite.prepare('SELECT COUNT(*) AS n FROM jobs').get() as { n: number }).n;
const itemRows = (studio: Studio): number => (studio.store.sqlite.prepare('SELECT COUNT(*) AS n FROM batch_items').get() as { n: number }).n;

describe('batch preflight', () => {
  let studio: Studio;
  let dir: string;

  beforeAll(async () => {
    studio = openTestStudio();
    dir = await jobFolder(tempHome('kingjam-batch-'));
  });
  afterAll(async () => {
    await studio.close();
  });

  it('lists all five problems of a file at once, with item and field, and runs nothing', async () => {
    const file = path.join(dir, 'five.yaml');
    fs.writeFileSync(
      file,
      [
        'version: 1',
        'defaults: { provider: offline, language: en }',
        'items:',
        '  - { id: ok-blog, kind: blog, topic: A fine topic, cover: none }',
        '  - { id: no-topic, kind: social, platform: instagram }', // 1: topic missing
        '  - { id: ok-blog, kind: blog, topic: The same id again, cover: none }', // 2: duplicate id
        '  - { id: gone, kind: motion, image: media/nothere.png, effect: snow }', // 3: input file missing
        '  - { id: bad-effect, kind: motion, image: media/a.png, effect: confetti }', // 4: not an effect
        '  - { id: mystery, kind: podcast, topic: x }', // 5: unknown kind
      ].join('\n'),
    );
    const loaded = loadJobFile(file);
    if (!loaded.ok) throw new Error('the frame is valid');
    const json = recordingIo();
    const code = await runBatch(studio, loaded.file, { outDir: path.join(dir, 'out'), yes: false, retryFailed: false, parallel: 4, dryRun: false }, new JsonReporter('en', json), new AbortController().signal);
    expect(code).toBe(2);
    const event = JSON.parse(json.lines[0]!) as { event: string; ok: boolean; problems: { item: string; field: string; key: string; message: string }[] };
    expect(event).toMatchObject({ event: 'preflight', ok: false });
    expect(event.problems.map((p) => [p.item, p.field, p.key])).toEqual([
      ['no-topic', 'topic', 'batch.problem.required'],
      ['ok-blog', 'id', 'batch.problem.duplicateId'],
      ['bad-effect', 'effect', 'batch.problem.oneOf'],
      ['mystery', 'kind', 'batch.problem.unknownKind'],
      ['gone', 'image', 'batch.problem.fileMissing'],
    ]);
    expect(event.problems[4]!.message).toBe(`there is no file ${path.join(dir, 'media', 'nothere.png')}`);
    expect(event.problems[2]!.message).toBe('must be one of fireworks, lanterns, snow');
    // Nothing ran: no job, no item state, no output folder.
    expect(jobRows(studio)).toBe(0);
    expect(itemRows(studio)).toBe(0);
    expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
  });

  it('finds what only the services and the library know: refused requests, missing library items, bad timelines, unknown accounts', async () => {
    const json = recordingIo();
    const fixed = path.join(dir, 'more.json');
    fs.writeFileSync(fixed, JSON.stringify({
      version: 1, defaults: { provider: 'offline', language: 'en' },
      items: [
        { id: 'ok-blog', kind: 'blog', topic: 'A fine topic', cover: 'none' },
        { id: 'short-topic', kind: 'social', platform: 'instagram', topic: 'x' },
        { id: 'gone', kind: 'motion', image: 'media/nothere.png', effect: 'snow' },
        { id: 'no-asset', kind: 'motion', image: { asset: 'no-such-asset' }, effect: 'snow' },
        { id: 'bad-timeline', kind: 'compose', timeline: 'five.yaml' },
        { id: 'nobody', kind: 'publish', accounts: ['instagram:Nobody'], text: 'hi' },
      ],
    }));
    const again = loadJobFile(fixed);
    if (!again.ok) throw new Error('the second file should parse');
    const code = await runBatch(studio, again.file, { outDir: path.join(dir, 'out'), yes: false, retryFailed: false, parallel: 4, dryRun: false }, new JsonReporter('en', json), new AbortController().signal);
    expect(code).toBe(2);
    const event = JSON.parse(json.lines[0]!) as { event: string; ok: boolean; problems: { item: string; field: string; key: string; message: string }[] };
    expect(event.problems.map((p) => [p.item, p.field, p.key])).toEqual([
      ['short-topic', 'topic', 'batch.problem.estimate'],
      ['gone', 'image', 'batch.problem.fileMissing'],
      ['no-asset', 'image', 'batch.problem.assetMissing'],
      ['bad-timeline', 'timeline', 'batch.problem.invalid'],
      ['nobody', 'accounts.0', 'batch.problem.accountUnknown'],
    ]);
    expect(jobRows(studio)).toBe(0);
    expect(itemRows(studio)).toBe(0);

    // People read them in their language, one line per problem.
    const io = recordingIo();
    const reporter = new TextReporter('zh-TW', io);
    reporter.problems(fixed, event.problems.map((p) => ({ item: p.item, field: p.field, key: p.key as never, params: {} })));
    expect(io.errors[0]).toBe('有 5 個問題；沒有執行任何項目：');
    expect(io.errors.slice(1)).toHaveLength(5);
    expect(io.errors[2]).toContain('項目「gone」，image：沒有檔案');
  });

  it('reads YAML and JSON alike: the same items, the same input hashes', async () => {
    const items = offlineItems(5);
    const json = path.join(dir, 'same.json');
    fs.writeFileSync(json, JSON.stringify({ version: 1, defaults: { provider: 'offline', language: 'en' }, items }));
    const yaml = path.join(dir, 'same.yml');
    const line = (o: Record<string, unknown>) => `  - ${JSON.stringify(o)}`;
    fs.writeFileSync(yaml, ['version: 1', 'defaults:', '  provider: offline', '  language: en', 'items:', ...items.map(line)].join('\n'));
    const hashes = async (file: string) => {
      const loaded = loadJobFile(file);
      if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
      const io = recordingIo();
      const code = await runBatch(studio, loaded.file, { outDir: path.join(dir, 'dry'), yes: false, retryFailed: false, parallel: 4, dryRun: true }, new JsonReporter('en', io), new AbortController().signal);
      expect(code).toBe(0);
      return (JSON.parse(io.lines[0]!) as { items: { id: string; kind: string; inputHash: string }[] }).items;
    };
    const fromJson = await hashes(json);
    expect(fromJson.map((i) => i.kind)).toEqual(['blog', 'social', 'blog', 'social', 'compose']);
    expect(await hashes(yaml)).toEqual(fromJson);
    // A dry run starts nothing.
    expect(jobRows(studio)).toBe(0);
    expect(itemRows(studio)).toBe(0);
  });

  it('says in the preflight what it costs per provider and kind, and the disk space against what is free', async () => {
    const file = path.join(dir, 'cost.json');
    fs.writeFileSync(file, JSON.stringify({ version: 1, defaults: { provider: 'offline', language: 'en' }, items: offlineItems(4) }));
    const loaded = loadJobFile(file);
    if (!loaded.ok) throw new Error('parse');
    const io = recordingIo();
    await runBatch(studio, loaded.file, { outDir: path.join(dir, 'cost-out'), yes: false, retryFailed: false, parallel: 4, dryRun: true }, new TextReporter('en', io), new AbortController().signal);
    expect(io.lines).toContain('Estimated cost: no credits (offline, local or your own keys).');
    expect(io.lines).toContain('  by provider: offline 0');
    expect(io.lines).toContain('  by kind: blog 0, social 0');
    expect(io.lines.find((l) => l.startsWith('Disk: the outputs need about'))).toMatch(/MB free\.$/);
    expect(io.errors).toContain('Dry run: nothing was started.');
  });
});
