import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../src/main/api/handlers.js';
import { ANY_PATH } from '../../src/main/client-files.js';
import type { Studio } from '../../src/main/studio.js';
import type { BlogProject, Project, SocialProject } from '../../src/shared/generate/projects.js';
import { StudioError } from '../../src/shared/errors.js';
import { contractCalls } from '../helpers/calls.js';
import { makePng } from '../helpers/media.js';
import { FAST_JOBS, openTestStudio, tempHome, until } from '../helpers/studio.js';

/**
 * A library item picked as a generator's input (issue 17, "picked as inputs anywhere a file is asked for"):
 * passed by library id, resolved by main to its file, and that file is what the job uses — the post's image
 * and the article's cover are the picked picture's pixels, no image is made or charged; the photo studio
 * takes it as an upload under the item's name; a deleted item is refused before anything is queued.
 */
let studio: Studio;
let inbox: string;
const api = contractCalls(() => createHandlers(studio, 'web'));

beforeAll(() => {
  studio = openTestStudio(undefined, { ...FAST_JOBS, rateLimits: {} });
  inbox = tempHome('kingjam-picked-in-');
});
afterAll(async () => {
  await studio.close();
});

/** A solid-colour picture imported into the library, once its probe made it ready. */
async function libraryImage(name: string, color: string, width = 640, height = 640): Promise<string> {
  const [outcome] = await studio.library.import([await makePng(path.join(inbox, name), width, height, color)], ANY_PATH);
  const id = outcome!.assetId!;
  await until(() => (studio.library.get(id).status === 'ready' ? true : null), `probe of ${name}`);
  return id;
}

async function ready<P extends Project>(id: string): Promise<P> {
  return until(() => {
    const p = studio.generate.get(id) as P;
    if (p.status === 'failed') throw new Error(`project failed: ${JSON.stringify(p.error)}`);
    return p.status === 'ready' ? p : null;
  }, `project ${id}`, 90_000);
}

/** The mean colour of an image file (a solid input stays that colour through the crop). */
async function meanColour(file: string): Promise<[number, number, number]> {
  const { channels } = await sharp(file).stats();
  return [channels[0]!.mean, channels[1]!.mean, channels[2]!.mean].map(Math.round) as [number, number, number];
}

describe('a library item picked as an input', () => {
  it('a social post started with a library id uses that file as its image, and charges no image', async () => {
    const id = await libraryImage('teal.png', '#008080');
    const request = { topic: '秋天的咖啡', platform: 'instagram' as const, tone: 'friendly' as const, aspect: '4:5' as const, imageLibraryId: id };
    const estimate = await api.call('generate.estimate', { kind: 'social', request });
    expect(estimate.lines.map((l) => l.label)).not.toContain('image');

    const started = await api.call('generate.social', { request });
    const done = await ready<SocialProject>(started.id);
    // The job was handed the library item's own file.
    const payload = JSON.parse(studio.jobs.jobs.get(done.jobIds[0]!)!.payload) as { imageFile?: string };
    const asset = studio.library.get(id);
    expect(payload.imageFile).toBe(path.join(studio.paths.library, ...asset.file.split('/')));
    // And the post's image is that picture, cut to 4:5.
    const image = done.result!.imagePath!;
    const meta = await sharp(image).metadata();
    expect(meta.width! / meta.height!).toBeCloseTo(4 / 5, 2);
    expect(await meanColour(image)).toEqual([0, 128, 128]);
    expect(done.request.imageLibraryId).toBe(id);
  }, 120_000);

  it('a blog article started with a library id has that picture as its cover (16:9)', async () => {
    const id = await libraryImage('orange.png', '#ff8000', 800, 600);
    const started = await studio.generate.blog({ topic: '手沖咖啡入門', length: 300, imageLibraryId: id });
    const done = await ready<BlogProject>(started.id);
    const cover = done.result!.coverPath!;
    const meta = await sharp(cover).metadata();
    expect(meta.width! / meta.height!).toBeCloseTo(16 / 9, 2);
    expect(await meanColour(cover)).toEqual([255, 128, 0]);
  }, 120_000);

  it('the photo studio takes a library image as an upload under the item name', async () => {
    const id = await libraryImage('family.png', '#c89678', 900, 1200);
    const upload = await api.call('photo.uploadFromLibrary', { libraryId: id, consent: true, purpose: 'group' });
    expect(upload.name).toBe('family.png');
    const row = studio.photo.uploads.get(upload.id);
    const asset = studio.library.get(id);
    expect(fs.readFileSync(row.original_path)).toEqual(fs.readFileSync(path.join(studio.paths.library, ...asset.file.split('/'))));
  }, 60_000);

  it('a deleted library item is refused with a clear reason and nothing is queued', async () => {
    const id = await libraryImage('gone.png', '#123456');
    await studio.library.delete([id]);
    const projects = studio.generate.list().length;
    const jobs = (studio.store.sqlite.prepare('SELECT COUNT(*) AS n FROM jobs').get() as { n: number }).n;

    const refused = await api.refused('generate.social', { request: { topic: '不見的圖', platform: 'instagram', imageLibraryId: id } });
    expect(refused).toMatchObject({ code: 'NOT_FOUND', key: 'library.pickedGone', field: 'libraryId' });
    await expect(studio.generate.blog({ topic: '不見的封面', imageLibraryId: id })).rejects.toBeInstanceOf(StudioError);
    const photo = await api.refused('photo.uploadFromLibrary', { libraryId: id });
    expect(photo.key).toBe('library.pickedGone');

    expect(studio.generate.list().length).toBe(projects);
    expect((studio.store.sqlite.prepare('SELECT COUNT(*) AS n FROM jobs').get() as { n: number }).n).toBe(jobs);
  }, 60_000);

  it('a library id that is not a string of 1–100 characters is refused by the contract', async () => {
    const refused = await api.refused('generate.social', { request: { topic: '太長的編號', platform: 'instagram', imageLibraryId: 'x'.repeat(101) } });
    expect(refused.code).toBe('BAD_INPUT');
  });
});
