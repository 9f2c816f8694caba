import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Studio } from '../../src/main/studio.js';
import { ANY_PATH } from '../../src/main/client-files.js';
import { makePng, makeVideo } from '../helpers/media.js';
import { openTestStudio, tempHome, until } from '../helpers/studio.js';

let studio: Studio;
let outside: string;

beforeAll(() => {
  studio = openTestStudio();
  outside = tempHome('kingjam-outputs-');
});
afterAll(async () => {
  await studio.close();
});

const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const rowsWithHash = (hash: string) => (studio.store.sqlite.prepare('SELECT COUNT(*) AS n FROM assets WHERE hash = ?').get(hash) as { n: number }).n;
const ready = (id: string) => until(() => (studio.library.get(id).status === 'ready' ? studio.library.get(id) : null), `asset ${id} probed`);

describe('LibraryService.addOutput', () => {
  it('references a file inside library/outputs where it is, and probes it as an import', async () => {
    const file = await makePng(path.join(studio.paths.outputs, 'social', 'p1', 'image.png'), 320, 200);
    const asset = studio.library.addOutput(file, { sourceJobId: 'job-1', projectId: 'p1', origin: 'generated', retentionClass: 'socialImage' });
    expect(asset).toMatchObject({ origin: 'generated', sourceJobId: 'job-1', projectId: 'p1', retentionClass: 'socialImage', file: 'outputs/social/p1/image.png', name: 'image.png' });
    expect(asset.hash).toBe(sha(file));
    const probed = await ready(asset.id);
    expect(probed).toMatchObject({ width: 320, height: 200, kind: 'image', bytes: fs.statSync(file).size });
    expect(fs.existsSync(path.join(studio.paths.library, probed.thumb!))).toBe(true);
    // No second copy was made by hash.
    expect(fs.existsSync(path.join(studio.paths.library, `${asset.hash.slice(0, 2)}/${asset.hash}.png`))).toBe(false);
  });

  it('copies a file from outside the library in by content hash', async () => {
    const file = makeVideo(path.join(outside, 'clip.mp4'), 1);
    const asset = studio.library.addOutput(file, { name: 'My clip.mp4', sourceJobId: 'job-2', projectId: null, origin: 'batch', retentionClass: 'shortVideo' });
    expect(asset.file).toBe(`${asset.hash.slice(0, 2)}/${asset.hash}.mp4`);
    expect(sha(path.join(studio.paths.library, asset.file))).toBe(sha(file));
    const probed = await ready(asset.id);
    expect(probed.durationSec!).toBeGreaterThan(0.9);
    expect(probed.name).toBe('My clip.mp4');
  });

  it('gives the same item for the same bytes, filling only an unset source and project', async () => {
    const a = await makePng(path.join(studio.paths.outputs, 'blog', 'b1', 'cover.png'), 90, 60, '#0ea5e9');
    const first = studio.library.addOutput(a, { sourceJobId: null, projectId: 'b1', origin: 'generated', retentionClass: 'blogImage' });
    const b = path.join(outside, 'cover-again.png');
    fs.copyFileSync(a, b);
    const second = studio.library.addOutput(b, { sourceJobId: 'job-3', projectId: 'other', origin: 'batch', retentionClass: null });
    expect(second.id).toBe(first.id);
    expect(second).toMatchObject({ sourceJobId: 'job-3', projectId: 'b1', origin: 'generated', retentionClass: 'blogImage' });
    expect(rowsWithHash(first.hash)).toBe(1);
    const third = studio.library.addOutput(a, { sourceJobId: 'job-4', projectId: 'p', origin: 'generated', retentionClass: null });
    expect(third.sourceJobId).toBe('job-3');
  });

  it('refuses a file that is not media, and one that is not there', async () => {
    const srt = path.join(studio.paths.outputs, 'x.srt');
    fs.writeFileSync(srt, '1\n00:00:00,000 --> 00:00:01,000\nhi\n');
    expect(() => studio.library.addOutput(srt, { sourceJobId: null, projectId: null, origin: 'generated', retentionClass: null })).toThrow(/not an image, video or audio/);
    expect(() => studio.library.addOutput(path.join(outside, 'gone.png'), { sourceJobId: null, projectId: null, origin: 'generated', retentionClass: null })).toThrow(/not on disk/);
  });

  it('drops the row of an output that is not valid media but leaves the file its project points at', async () => {
    const fake = path.join(studio.paths.outputs, 'social', 'bad', 'image.png');
    fs.mkdirSync(path.dirname(fake), { recursive: true });
    fs.writeFileSync(fake, 'not a picture at all');
    const asset = studio.library.addOutput(fake, { sourceJobId: 'job-5', projectId: 'bad', origin: 'generated', retentionClass: 'socialImage' });
    const row = studio.store.sqlite.prepare('SELECT job_id FROM assets WHERE id = ?').get(asset.id) as { job_id: string };
    expect((await studio.jobs.waitFor(row.job_id)).status).toBe('failed');
    await until(() => studio.store.sqlite.prepare('SELECT 1 FROM assets WHERE id = ?').get(asset.id) === undefined, 'row dropped');
    expect(fs.existsSync(fake)).toBe(true);
  });

  it('re-tags outputs as a batch (imports stay imports), lists by origin and by source job', async () => {
    const one = studio.library.addOutput(await makePng(path.join(studio.paths.outputs, 'r', '1.png'), 10, 10, '#111111'), { sourceJobId: 'job-9', projectId: null, origin: 'generated', retentionClass: null });
    const two = studio.library.addOutput(await makePng(path.join(studio.paths.outputs, 'r', '2.png'), 10, 10, '#222222'), { sourceJobId: 'job-9', projectId: null, origin: 'generated', retentionClass: null });
    const [imported] = await studio.library.import([await makePng(path.join(outside, 'mine.png'), 12, 12, '#333333')], ANY_PATH);
    expect(studio.library.setOrigin([one.id, two.id, imported!.assetId!], 'batch', 'run-1')).toBe(2);
    expect(studio.library.get(one.id)).toMatchObject({ origin: 'batch', projectId: 'run-1' });
    expect(studio.library.get(imported!.assetId!)).toMatchObject({ origin: 'import', projectId: null });
    const batch = studio.library.list({ origin: 'batch', sort: 'newest', limit: 50, offset: 0 });
    expect(batch.items.map((i) => i.id).sort()).toEqual(expect.arrayContaining([one.id, two.id]));
    expect(batch.items.every((i) => i.origin === 'batch')).toBe(true);
    expect(studio.library.list({ origin: 'import', sort: 'newest', limit: 50, offset: 0 }).items.every((i) => i.origin === 'import')).toBe(true);
    expect(studio.library.outputsOf('job-9').map((a) => a.id)).toEqual([one.id, two.id]);
  });
});
