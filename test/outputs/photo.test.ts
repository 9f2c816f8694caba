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
  it('registers each variant as the run settles; the sweep keeps what a post holds and what is starred', async () => {
    const uploads = [];
    for (const file of people) uploads.push(await api.call('photo.upload', { path: file, consent: true }));
    const started = await api.call('photo.fuse', { uploads: uploads.map((u) => u.id), background: { preset: 'new-year-dinner' }, backend: 'offline', tier: 'paid', consent: true });
    const run = await until(async () => {
      const r = await api.call('photo.run', { id: started.id });
      if (r.status === 'failed') throw new Error(JSON.stringify(r.error));
      return r.status === 'succeeded' ? r : null;
    }, 'the fuse', 90_000);
    const assets = studio.library.outputsOf(run.jobId!);
    expect(assets).toHaveLength(run.variants.length);
    expect(run.variants.length).toBeGreaterThanOrEqual(2);
    for (const a of assets) {
      expect(a).toMatchObject({ origin: 'generated', projectId: run.id, sourceJobId: run.jobId, retentionClass: null });
      expect(a.file.startsWith('outputs/')).toBe(true);
      expect(a.hash).toBe(sha(abs(a)));
    }
    expect(assets.map((a) => a.file).sort()).toEqual(run.variants.map((v) => v.file).sort());

    await api.call('photo.choose', { id: run.id, seed: run.variants[0]!.seed });
    const { asset: inPost } = await api.call('photo.usePost', { id: run.id });
    expect(inPost.file).toBe(run.variants[0]!.file);
    const star = assets.find((a) => a.file === run.variants[1]!.file)!;
    studio.store.sqlite.prepare('UPDATE assets SET starred = 1 WHERE id = ?').run(star.id);

    expect(await studio.photo.results.sweep(Date.now() + 3650 * 86_400_000)).toBe(1);
    for (const a of assets) {
      const stays = a.id === inPost.id || a.id === star.id;
      expect(fs.existsSync(abs(a)), a.file).toBe(stays);
      expect(studio.library.list({ origin: 'generated', sort: 'newest', limit: 50, offset: 0 }).items.some((x) => x.id === a.id)).toBe(stays);
      if (stays) expect(sha(abs(a))).toBe(a.hash);
    }
  }, 180_000);
});
