import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANY_PATH } from '../src/main/client-files.js';
import type { Studio } from '../src/main/studio.js';
import { makeAudio, makeBombPng, makePng, makeVideo } from './helpers/media.js';
import { openTestStudio, tempHome } from './helpers/studio.js';

let studio: Studio;
let inbox: string;

beforeAll(() => {
  studio = openTestStudio();
  inbox = tempHome('kingjam-inbox-');
});
afterAll(async () => {
  await studio.close();
});

async function importOne(file: string) {
  const [outcome] = await studio.library.import([file], ANY_PATH);
  if (!outcome?.jobId) return { outcome, job: null };
  return { outcome, job: await studio.jobs.waitFor(outcome.jobId) };
}

describe('media library', () => {
  it('imports an image: stored by content hash, thumbnail made, metadata read', async () => {
    const src = await makePng(path.join(inbox, '團圓飯.png'), 640, 480);
    const { outcome, job } = await importOne(src);
    expect(outcome?.status).toBe('added');
    expect(job?.status).toBe('succeeded');
    const asset = studio.library.get(outcome!.assetId!);
    expect(asset).toMatchObject({ kind: 'image', name: '團圓飯.png', width: 640, height: 480, status: 'ready', format: 'png' });
    expect(asset.file).toBe(`${asset.hash.slice(0, 2)}/${asset.hash}.png`);
    const stored = path.join(studio.paths.library, asset.file);
    expect(fs.readFileSync(stored)).toEqual(fs.readFileSync(src));
    const thumb = await sharp(path.join(studio.paths.library, asset.thumb!)).metadata();
    expect(thumb.format).toBe('webp');
    expect(Math.max(thumb.width!, thumb.height!)).toBe(320);
  });

  it('stores an identical file once', async () => {
    const a = await makePng(path.join(inbox, 'same-a.png'), 50, 50, '#22d3ee');
    const b = path.join(inbox, 'same-b.png');
    fs.copyFileSync(a, b);
    const first = await importOne(a);
    const second = await importOne(b);
    expect(second.outcome?.status).toBe('duplicate');
    expect(second.outcome?.assetId).toBe(first.outcome?.assetId);
    const rows = studio.store.sqlite.prepare('SELECT COUNT(*) AS n FROM assets WHERE hash = ?').get(studio.library.get(first.outcome!.assetId!).hash) as { n: number };
    expect(rows.n).toBe(1);
  });

  it('reads video and audio metadata with ffprobe', async () => {
    const video = await importOne(makeVideo(path.join(inbox, 'clip.mp4'), 1));
    expect(video.job?.status).toBe('succeeded');
    const v = studio.library.get(video.outcome!.assetId!);
    expect(v).toMatchObject({ kind: 'video', width: 160, height: 120 });
    expect(v.durationSec!).toBeGreaterThan(0.9);
    expect(v.codecs).toEqual(expect.arrayContaining(['h264', 'aac']));
    expect(v.thumb).not.toBeNull();

    const audio = await importOne(makeAudio(path.join(inbox, 'voice.wav'), 1));
    const a = studio.library.get(audio.outcome!.assetId!);
    expect(a).toMatchObject({ kind: 'audio', width: null });
    expect(a.durationSec!).toBeCloseTo(1, 1);
    expect(a.codecs).toContain('pcm_s16le');
    expect(a.thumb).not.toBeNull(); // a waveform
  });

  it('refuses a file that is not the media it claims, and keeps nothing of it', async () => {
    const fake = path.join(inbox, 'notes.png');
    fs.writeFileSync(fake, 'this is a text file, not a picture');
    const { outcome, job } = await importOne(fake);
    expect(job?.status).toBe('failed');
    expect(job?.attempts).toBe(1);
    expect(job?.error).toMatchObject({ code: 'INVALID_MEDIA' });
    expect(job?.error?.message).toContain('"notes.png" is not a readable image');
    // The UI says it in the user's language from the key, also when the job is read back from the database.
    expect((await studio.jobs.get(job!.id))?.error).toMatchObject({ key: 'import.unreadableImage', params: { name: 'notes.png' } });
    expect(() => studio.library.get(outcome!.assetId!)).toThrow(/no longer in the library/);
    expect(fs.readFileSync(fake, 'utf8')).toContain('text file'); // the original is untouched
  });

  it('refuses a decompression bomb before decoding it', async () => {
    const { job } = await importOne(makeBombPng(path.join(inbox, 'bomb.png')));
    expect(job?.status).toBe('failed');
    expect(job?.error?.code).toBe('IMAGE_TOO_LARGE');
    expect(job?.error?.message).toContain('30000×30000');
  });

  it('rejects empty files, unknown types and missing paths at once, with reasons', async () => {
    const empty = path.join(inbox, 'empty.jpg');
    fs.writeFileSync(empty, '');
    const doc = path.join(inbox, 'report.docx');
    fs.writeFileSync(doc, 'x');
    const outcomes = await studio.library.import([empty, doc, path.join(inbox, 'missing.png')], ANY_PATH);
    expect(outcomes.map((o) => [o.status, o.error?.code])).toEqual([
      ['rejected', 'EMPTY_FILE'],
      ['rejected', 'UNSUPPORTED_TYPE'],
      ['rejected', 'FILE_NOT_FOUND'],
    ]);
    expect(outcomes.map((o) => [o.error?.key, o.error?.params])).toEqual([
      ['import.empty', { name: 'empty.jpg' }],
      ['import.unsupportedType', { name: 'report.docx', ext: 'docx' }],
      ['file.notFound', { name: 'missing.png' }],
    ]);
  });

  it('imports a folder, lists by kind, searches by name, sorts and pages', async () => {
    const dir = path.join(inbox, 'folder');
    for (const [i, c] of ['#111111', '#222222', '#333333'].entries()) await makePng(path.join(dir, `holiday-${i}.png`), 30 + i, 30, c);
    fs.writeFileSync(path.join(dir, 'readme.txt'), 'skipped inside folders');
    const outcomes = await studio.library.import([dir], ANY_PATH);
    expect(outcomes).toHaveLength(3);
    await Promise.all(outcomes.map((o) => studio.jobs.waitFor(o.jobId!)));
    const found = studio.library.list({ search: 'HOLIDAY', sort: 'name', limit: 2, offset: 0 });
    expect(found.total).toBe(3);
    expect(found.items.map((a) => a.name)).toEqual(['holiday-0.png', 'holiday-1.png']);
    const page2 = studio.library.list({ search: 'holiday', sort: 'name', limit: 2, offset: 2 });
    expect(page2.items.map((a) => a.name)).toEqual(['holiday-2.png']);
    const wildcard = studio.library.list({ search: '%', sort: 'name', limit: 50, offset: 0 });
    expect(wildcard.total).toBe(0);
    const videos = studio.library.list({ kind: 'video', sort: 'newest', limit: 50, offset: 0 });
    expect(videos.items.every((a) => a.kind === 'video')).toBe(true);
    expect(videos.total).toBe(1);
  });

  it('deletes an asset with its file and thumbnail', async () => {
    const src = await makePng(path.join(inbox, 'to-delete.png'), 40, 40, '#f472b6');
    const { outcome } = await importOne(src);
    const asset = studio.library.get(outcome!.assetId!);
    expect(await studio.library.delete([asset.id])).toBe(1);
    expect(fs.existsSync(path.join(studio.paths.library, asset.file))).toBe(false);
    expect(fs.existsSync(path.join(studio.paths.library, asset.thumb!))).toBe(false);
    expect(studio.library.list({ search: 'to-delete', sort: 'newest', limit: 10, offset: 0 }).total).toBe(0);
  });
});
