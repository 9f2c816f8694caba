import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../src/main/api/handlers.js';
import type { Studio } from '../../src/main/studio.js';
import type { AssetView } from '../../src/shared/library.js';
import { contractCalls } from '../helpers/calls.js';
import { openTestStudio, tempHome, until } from '../helpers/studio.js';
import { portrait } from '../photo/fixtures/portraits.js';

/**
 * The photo studio's results as library items referenced in the run's folder (origin generated, the run as project,
 * its job as source, no retention class: the run's own sweep keeps the retention), and that sweep keeping the files
 * of the items that outlive the run (handed to a post, starred) while the rest goes.
 */
let studio: Studio;
const api = contractCalls(() => createHandlers(studio, 'web'));
let people: string[];

beforeAll(async () => {
  people = await Promise.all([portrait(0), portrait(1)]);
  studio = openTestStudio(tempHome('kingjam-outputs-photo-'), {}, true, { allowedDirs: [path.dirname(people[0]!)] });
}, 120_000);
afterAll(async () => {
  await studio.close();
});

const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const abs = (a: AssetView) => path.join(studio.paths.library, a.file);

describe('photo studio outputs', () => {
  it('registers results as the run settles; the sweep keeps what a post holds and what is starred, and drops the rest', async () => {
    const uploads = [];
    for (const file of people) uploads.push(await api.call('photo.upload', { path: file, consent: true }));
    const settle = (id: string) =>
      until(async () => {
        const r = await api.call('photo.run', { id });
        if (r.status === 'failed') throw new Error(JSON.stringify(r.error));
        return r.status === 'succeeded' ? r : null;
      }, 'the run', 90_000);
    const fuse = await settle((await api.call('photo.fuse', { uploads: uploads.map((u) => u.id), background: { preset: 'new-year-dinner' }, backend: 'offline', tier: 'free', consent: true })).id);
    const own = path.join(studio.paths.home, 'family.png');
    fs.copyFileSync(path.join(studio.paths.library, fuse.variants[0]!.file), own);
    const motion = await settle((await api.call('photo.motion', { source: { image: own }, effect: 'snow', tier: 'paid', livePhoto: true })).id);

    const fuseAssets = studio.library.outputsOf(fuse.jobId!);
    const motionAssets = studio.library.outputsOf(motion.jobId!);
    expect(fuseAssets.map((a) => a.file)).toEqual(fuse.variants.map((v) => v.file));
    expect(motionAssets.map((a) => a.kind).sort()).toEqual(['image', 'video', 'video']);
    for (const [run, a] of [...fuseAssets.map((a) => [fuse, a] as const), ...motionAssets.map((a) => [motion, a] as const)]) {
      expect(a).toMatchObject({ origin: 'generated', projectId: run.id, sourceJobId: run.jobId, retentionClass: null });
      expect(a.file.startsWith('outputs/')).toBe(true);
      expect(a.hash).toBe(sha(abs(a)));
    }

    const { asset: inPost } = await api.call('photo.usePost', { id: fuse.id });
    expect(inPost.id).toBe(fuseAssets[0]!.id);
    const star = motionAssets.find((a) => a.ext === 'mp4')!;
    studio.store.sqlite.prepare('UPDATE assets SET starred = 1 WHERE id = ?').run(star.id);

    expect(await studio.photo.results.sweep(Date.now() + 3650 * 86_400_000)).toBe(2);
    const listed = studio.library.list({ origin: 'generated', sort: 'newest', limit: 50, offset: 0 }).items.map((x) => x.id);
    for (const a of [...fuseAssets, ...motionAssets]) {
      const stays = a.id === inPost.id || a.id === star.id;
      expect(fs.existsSync(abs(a)), a.file).toBe(stays);
      expect(listed.includes(a.id), a.file).toBe(stays);
      if (stays) expect(sha(abs(a))).toBe(a.hash);
    }
  }, 240_000);
});
