import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../src/main/api/handlers.js';
import type { Studio } from '../../src/main/studio.js';
import type { PhotoRunView } from '../../src/shared/api/photo-contract.js';
import { PHOTO_LIMITS } from '../../src/shared/photo/limits.js';
import { contractCalls } from '../helpers/calls.js';
import { openTestStudio, tempHome, until } from '../helpers/studio.js';
import { portrait } from './fixtures/portraits.js';

/**
 * One free time-space puzzle end to end through the contract, with the real
 * check, fuse and motion workers on real portraits: three photos uploaded and
 * checked, the run followed to its watermarked variant, chosen, handed to a
 * post as a library asset, and given snow.
 */
let studio: Studio;
const api = contractCalls(() => createHandlers(studio, 'web'));
const events: PhotoRunView[] = [];
let people: string[];

beforeAll(async () => {
  people = await Promise.all([portrait(0), portrait(1), portrait(2)]);
  studio = openTestStudio(tempHome('kingjam-photo-e2e-'), {}, true, { allowedDirs: [path.dirname(people[0]!)] });
  studio.events.on('photo.run.updated', (run) => events.push(run));
}, 120_000);

afterAll(async () => {
  await studio.close();
});

describe('a free family photo, end to end', () => {
  it('uploads three portraits, makes the watermarked variant with three faces, chooses it, uses it in a post and adds snow', async () => {
    const uploads = [];
    for (const file of people) uploads.push(await api.call('photo.upload', { path: file, consent: true }));
    expect(uploads.map((u) => [u.status, u.faces.length, u.issues])).toEqual([['passed', 1, []], ['passed', 1, []], ['passed', 1, []]]);

    const started = await api.call('photo.fuse', { uploads: uploads.map((u) => u.id), background: { preset: 'new-year-dinner' }, backend: 'offline', tier: 'free', consent: true });
    const run = await until(async () => {
      const r = await api.call('photo.run', { id: started.id });
      return r.status === 'succeeded' || r.status === 'failed' ? r : null;
    }, 'the fuse', 90_000);
    expect(run.error).toBeNull();
    expect(run).toMatchObject({ status: 'succeeded', tier: 'free', watermark: true, estimatedCredits: 0 });
    expect(run.variants).toHaveLength(1);
    const variant = run.variants[0]!;
    expect(variant).toMatchObject({ seed: PHOTO_LIMITS.seeds[0], facesFound: 3, watermarked: true, draft: true });
    const file = path.join(studio.paths.library, variant.file);
    const meta = await sharp(file).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', variant.width, variant.height]);
    expect(fs.statSync(file).size).toBeLessThanOrEqual(PHOTO_LIMITS.resultBytes);
    expect(run.resultsExpireAt).toBe(run.finishedAt! + studio.settings().retentionDays.socialImage * 86_400_000);
    // The page heard the run move: queued, then its end.
    expect(events.filter((e) => e.id === run.id).map((e) => e.status)).toEqual(expect.arrayContaining(['queued', 'succeeded']));
    expect(await api.call('photo.freeToday', {})).toMatchObject({ used: 1, left: 0 });

    const chosen = await api.call('photo.choose', { id: run.id, seed: variant.seed });
    expect(chosen.chosenSeed).toBe(variant.seed);
    const { asset } = await api.call('photo.usePost', { id: run.id });
    expect(asset).toMatchObject({ kind: 'image', status: 'ready', width: variant.width, height: variant.height });
    expect(fs.readFileSync(path.join(studio.paths.library, asset.file)).equals(fs.readFileSync(file))).toBe(true);

    // The free tier's watermarked picture gets no motion (seed §3.1.1); the user's own picture, on the paid tier, does.
    await expect(api.call('photo.motion', { source: { run: run.id }, effect: 'snow', tier: 'paid' })).rejects.toMatchObject({ info: { key: 'photo.service.freeSourceNoMotion' } });
    const own = path.join(studio.paths.home, 'family.png');
    fs.copyFileSync(file, own);
    const motion = await api.call('photo.motion', { source: { image: own }, effect: 'snow', tier: 'paid' });
    expect(motion).toMatchObject({ kind: 'motion', sourceRun: null, estimatedCredits: 0 });
    const moved = await until(async () => {
      const r = await api.call('photo.run', { id: motion.id });
      return r.status === 'succeeded' || r.status === 'failed' ? r : null;
    }, 'the motion', 120_000);
    expect(moved.error).toBeNull();
    expect(moved.motion).toMatchObject({ durationSec: expect.closeTo(5, 0) as number, livePhoto: { jpeg: expect.any(String) as string, mov: expect.any(String) as string } });
    expect(moved.motion!.stillness!.people).toBeLessThan(moved.motion!.stillness!.background);
  }, 240_000);
});
