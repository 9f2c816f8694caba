import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../src/main/api/handlers.js';
import type { Studio } from '../../src/main/studio.js';
import { localTime } from '../../src/main/photo/free-tier.js';
import { grantDay, grantResetsAt } from '../../src/shared/gen-grant.js';
import { PHOTO_LIMITS } from '../../src/shared/photo/limits.js';
import { BACKGROUND_PRESETS } from '../../src/shared/photo/presets.js';
import sharp from 'sharp';
import { contractCalls } from '../helpers/calls.js';
import { openTestStudio, tempHome, until } from '../helpers/studio.js';
import { checkedUpload, pngFile, TestClock } from './service-fixtures.js';

/**
 * The photo service on a real SQLite file, through the contract's handlers
 * as the page calls them: consent, the free tier's one variant a day, the
 * photo checks that gate a run, and the 24-hour deletion of originals on a
 * clock the test moves.
 */
const HOUR = 3_600_000;
// Local noon of a fixed day: the free tier counts by the user's calendar day.
const NOON = new Date(2026, 11, 4, 12, 0, 0).getTime();

describe('photo runs before anything is queued (the queue is not worked)', () => {
  const clock = new TestClock(NOON);
  let studio: Studio;
  const api = contractCalls(() => createHandlers(studio, 'web'));

  beforeAll(() => {
    studio = openTestStudio(tempHome('kingjam-photo-svc-'), {}, false, { photo: { clock } });
  });
  afterAll(async () => {
    await studio.close();
  });

  const jobCount = () => (studio.store.sqlite.prepare("SELECT COUNT(*) AS n FROM jobs WHERE kind LIKE 'photo.%'").get() as { n: number }).n;
  const runCount = () => (studio.store.sqlite.prepare('SELECT COUNT(*) AS n FROM photo_runs').get() as { n: number }).n;

  it('refuses a run of other people’s photos until the consent box is ticked, queuing nothing', async () => {
    const people = [await checkedUpload(studio), await checkedUpload(studio)];
    const refused = await api.refused('photo.fuse', { uploads: people, background: { preset: 'snow' }, backend: 'offline', tier: 'free', consent: false });
    expect(refused).toMatchObject({ code: 'BAD_INPUT', field: 'consent', key: 'photo.service.consentRequired' });
    expect(await api.refused('photo.makeover', { upload: people[0], background: { preset: 'seaside' }, backend: 'offline', tier: 'paid', consent: false })).toMatchObject({
      key: 'photo.service.consentRequired',
    });
    expect([jobCount(), runCount()]).toEqual([0, 0]);
    expect(await api.call('photo.freeToday', {})).toMatchObject({ used: 0, left: PHOTO_LIMITS.freeVariantsPerDay });
  });

  it('free tier: one watermarked variant a Taipei day (the cloud grant’s day); the second is refused with the reason and when it resets; the next day it is back', async () => {
    const people = [await checkedUpload(studio), await checkedUpload(studio), await checkedUpload(studio)];
    const request = { uploads: people, background: { preset: 'snow' }, backend: 'offline', tier: 'free', consent: true };
    const first = await api.call('photo.fuse', request);
    expect(first).toMatchObject({ kind: 'fuse', tier: 'free', status: 'queued', watermark: true, estimatedCredits: 0 });
    const job = await studio.jobs.get(first.jobId!);
    expect(job?.kind).toBe('photo.fuse');
    // The job asks the worker for one watermarked variant of these people's normalised photos.
    const payload = JSON.parse((studio.store.sqlite.prepare('SELECT payload FROM jobs WHERE id = ?').get(first.jobId) as { payload: string }).payload) as {
      variants: number; watermark: boolean; people: { path: string }[]; outDir: string;
    };
    expect(payload).toMatchObject({ variants: 1, watermark: true });
    expect(payload.people.map((p) => path.basename(p.path))).toEqual(['normalised.png', 'normalised.png', 'normalised.png']);
    expect(payload.outDir.startsWith(path.join(studio.paths.library, 'outputs'))).toBe(true);
    // The consent given for the run is kept on each photo.
    expect((await api.call('photo.uploads', {})).filter((u) => people.includes(u.id)).every((u) => u.consent)).toBe(true);

    // A minute before 00:00 in Taipei it is still the same day.
    const resetsAt = grantResetsAt(NOON);
    clock.t = resetsAt - 60_000;
    const second = await api.refused('photo.fuse', request);
    expect(second).toMatchObject({ code: 'CONFLICT', key: 'photo.service.freeUsedToday', params: { limit: 1 } });
    expect(String(second.params?.resetsAt)).toBe(localTime(resetsAt));
    expect(new Date(resetsAt).toISOString().slice(11, 16)).toBe('16:00');
    expect(await api.call('photo.freeToday', {})).toEqual({
      limit: 1, used: 1, left: 0, resetsAt, reason: { key: 'photo.service.freeUsedToday', params: { limit: 1, resetsAt: localTime(resetsAt) } },
    });
    // Nothing of the refused run was kept.
    expect([jobCount(), runCount()]).toEqual([1, 1]);

    clock.t = resetsAt + 60_000;
    expect(await api.call('photo.freeToday', {})).toMatchObject({ used: 0, left: 1, reason: null });
    const nextDay = await api.call('photo.fuse', request);
    expect(nextDay.status).toBe('queued');
    const days = studio.store.sqlite.prepare('SELECT day, slot, run_id FROM photo_free_variants ORDER BY day').all();
    expect(days).toEqual([
      { day: grantDay(NOON), slot: 1, run_id: first.id },
      { day: grantDay(resetsAt), slot: 1, run_id: nextDay.id },
    ]);
  });

  it('free tier: no motion and no costume change, each refused with its reason', async () => {
    const family = await checkedUpload(studio, { faces: 3, issues: [{ problem: 'several-faces', key: 'photo.check.several-faces', params: { count: 3 } }] });
    expect(await api.refused('photo.makeover', { upload: family, background: { preset: 'guochao' }, costume: 'qipao', backend: 'gemini', tier: 'free', consent: true })).toMatchObject({
      key: 'photo.service.freeNoCostume',
    });
    expect(await api.refused('photo.motion', { source: { image: path.join(studio.paths.library, 'x.png') }, effect: 'snow', tier: 'free' })).toMatchObject({
      key: 'photo.service.freeNoMotion',
    });
    // Offline cannot change clothes, paid or not.
    expect(await api.refused('photo.makeover', { upload: family, background: { preset: 'guochao' }, costume: 'qipao', backend: 'offline', tier: 'paid', consent: true })).toMatchObject({
      code: 'CAPABILITY_UNSUPPORTED', key: 'photo.service.costumeNeedsModel', params: { backend: 'offline' },
    });
  });

  it('refuses people photos that failed their check, naming them, and a family photo is fine for a makeover', async () => {
    const good = await checkedUpload(studio);
    const small = await checkedUpload(studio, { name: 'grandma.jpg', issues: [{ problem: 'face-too-small', key: 'photo.check.face-too-small', params: { size: 50, min: 80 } }] });
    const before = jobCount();
    expect(await api.refused('photo.fuse', { uploads: [good, small], background: { preset: 'snow' }, backend: 'offline', tier: 'paid', consent: true })).toMatchObject({
      key: 'photo.service.uploadNotPassed', params: { name: 'grandma.jpg', count: 1 },
    });
    expect(await api.refused('photo.fuse', { uploads: [good, good], background: { preset: 'snow' }, backend: 'offline', tier: 'paid', consent: true })).toMatchObject({
      key: 'photo.service.uploadTwice',
    });
    const six = await Promise.all(Array.from({ length: 6 }, () => checkedUpload(studio)));
    expect(await api.refused('photo.fuse', { uploads: six, background: { preset: 'snow' }, backend: 'offline', tier: 'paid', consent: true })).toMatchObject({ code: 'BAD_INPUT', field: 'uploads' });
    expect(jobCount()).toBe(before);
    // A family photo's several faces are its point: the makeover takes it (and stops only at the wallet, signed out).
    const family = await checkedUpload(studio, { faces: 4, issues: [{ problem: 'several-faces', key: 'photo.check.several-faces', params: { count: 4 } }] });
    expect(await api.refused('photo.makeover', { upload: family, background: { preset: 'new-year-dinner' }, backend: 'offline', tier: 'paid', consent: true })).toMatchObject({ code: 'NOT_SIGNED_IN' });
  });

  it('estimates: the free tier on this computer costs nothing, a paid run is priced before it is queued', async () => {
    const people = [await checkedUpload(studio)];
    const free = await api.call('photo.estimate', { kind: 'fuse', request: { uploads: people, background: { preset: 'snow' }, backend: 'offline', tier: 'free', consent: true } });
    expect(free.total).toBe(0);
    const paid = await api.call('photo.estimate', { kind: 'fuse', request: { uploads: people, background: { preset: 'snow' }, backend: 'offline', tier: 'paid', consent: true } });
    expect(paid.total).toBeGreaterThan(0);
    const ownKey = await api.call('photo.estimate', { kind: 'fuse', request: { uploads: people, background: { preset: 'snow' }, backend: 'gemini', via: 'own-key', tier: 'paid', consent: true } });
    expect(ownKey.total).toBe(0);
    // Paid work needs a wallet: signed out, the run is refused and leaves nothing behind.
    const before = [jobCount(), runCount()];
    expect(await api.refused('photo.fuse', { uploads: people, background: { preset: 'snow' }, backend: 'offline', tier: 'paid', consent: true })).toMatchObject({ code: 'NOT_SIGNED_IN' });
    expect([jobCount(), runCount()]).toEqual(before);
    // Work on KingJam Cloud's models is checked before it is queued as well.
    expect(await api.refused('photo.fuse', { uploads: people, background: { preset: 'snow' }, backend: 'seedream', via: 'cloud', tier: 'paid', consent: true })).toMatchObject({
      code: 'NOT_SIGNED_IN', key: 'credits.signInToPay',
    });
    expect([jobCount(), runCount()]).toEqual(before);
  });

  it('lists the presets with their names in three languages', async () => {
    const presets = await api.call('photo.presets', {});
    expect(presets).toHaveLength(8);
    expect(presets.find((p) => p.id === 'forbidden-city-wall')).toEqual({ id: 'forbidden-city-wall', names: { 'zh-TW': '故宮紅牆', 'zh-CN': '故宫红墙', en: 'Forbidden City red wall' }, motion: 'snow' });
  });
});

describe('the 24-hour deletion of originals (the queue is worked)', () => {
  const T0 = NOON;
  const clock = new TestClock(T0);
  let studio: Studio;
  let dir: string;
  const api = contractCalls(() => createHandlers(studio, 'web'));

  beforeAll(() => {
    dir = tempHome('kingjam-photo-src-');
    studio = openTestStudio(tempHome('kingjam-photo-del-'), {}, true, { photo: { clock, cleanupMaxSleepMs: 25 }, allowedDirs: [dir] });
  });
  afterAll(async () => {
    await studio.close();
  });

  it('keeps the original and its copy at 23:59 and deletes both at 24:00, marking the upload deleted; the list counts down', async () => {
    const picked = await pngFile(dir, 'aunt.png', 1000, 1400);
    const uploaded = await api.call('photo.upload', { path: picked, consent: true });
    expect(uploaded).toMatchObject({ name: 'aunt.png', consent: true, uploadedAt: T0, expiresAt: T0 + 24 * HOUR, remainingMs: 24 * HOUR, deletedAt: null });
    // The check ran through the queue and its outcome is on the upload (passed, failed with issues, or the worker's error).
    expect(uploaded.status).not.toBe('checking');
    expect(uploaded.issues.length > 0 || uploaded.error !== null || uploaded.status === 'passed').toBe(true);
    const row = studio.store.sqlite.prepare('SELECT original_path FROM photo_uploads WHERE id = ?').get(uploaded.id) as { original_path: string };
    expect(fs.readFileSync(row.original_path).equals(fs.readFileSync(picked))).toBe(true);
    const folder = path.dirname(row.original_path);

    clock.t = T0 + 24 * HOUR - 60_000;
    await studio.photo.cleanup.runOnce();
    // Give the scheduled pass a few turns too: nothing is due yet.
    await new Promise((r) => setTimeout(r, 150));
    expect(fs.existsSync(row.original_path)).toBe(true);
    const listed = (await api.call('photo.uploads', {})).find((u) => u.id === uploaded.id)!;
    expect(listed).toMatchObject({ remainingMs: 60_000, deletedAt: null });

    clock.t = T0 + 24 * HOUR;
    // The cleanup's own schedule notices: no call from the test.
    await until(() => !fs.existsSync(folder), 'the original to be deleted', 10_000);
    const gone = await until(async () => (await api.call('photo.uploads', { includeDeleted: true })).find((u) => u.id === uploaded.id && u.deletedAt !== null), 'the row marked');
    expect(gone).toMatchObject({ status: 'deleted', deletedAt: T0 + 24 * HOUR, remainingMs: 0, preview: null });
    expect((await api.call('photo.uploads', {})).some((u) => u.id === uploaded.id)).toBe(false);
    expect(await api.refused('photo.fuse', { uploads: [uploaded.id], background: { preset: 'snow' }, backend: 'offline', tier: 'free', consent: true })).toMatchObject({
      key: 'photo.service.uploadDeleted', params: { name: 'aunt.png' },
    });
  }, 60_000);

  it('draws each background\'s preview in a worker once per start: eight 320×240 WebP pictures, not flat colours', async () => {
    const thumbs = await api.call('photo.presetThumbs', {});
    expect(Object.keys(thumbs).sort()).toEqual([...BACKGROUND_PRESETS].sort());
    const means: string[] = [];
    for (const url of Object.values(thumbs)) {
      expect(url.startsWith('data:image/webp;base64,')).toBe(true);
      const image = sharp(Buffer.from(url.slice('data:image/webp;base64,'.length), 'base64'));
      expect(await image.metadata()).toMatchObject({ format: 'webp', width: 320, height: 240 });
      const stats = await image.stats();
      // A drawn scene has detail in every preview; its mean colour tells the scenes apart.
      expect(Math.max(...stats.channels.map((c) => c.stdev))).toBeGreaterThan(8);
      means.push(stats.channels.map((c) => Math.round(c.mean / 8)).join(','));
    }
    expect(new Set(means).size).toBeGreaterThanOrEqual(6);
    // The second call is answered from memory: no second job.
    await api.call('photo.presetThumbs', {});
    expect((studio.store.sqlite.prepare("SELECT COUNT(*) AS n FROM jobs WHERE kind = 'photo.presetThumbs'").get() as { n: number }).n).toBe(1);
  }, 60_000);

  it('deletes an upload at once when asked', async () => {
    const uploaded = await api.call('photo.upload', { path: await pngFile(dir, 'uncle.png', 1000, 1400), consent: false });
    const row = studio.store.sqlite.prepare('SELECT original_path FROM photo_uploads WHERE id = ?').get(uploaded.id) as { original_path: string };
    const deleted = await api.call('photo.deleteUpload', { id: uploaded.id });
    expect(deleted).toMatchObject({ status: 'deleted', deletedAt: clock.t });
    expect(fs.existsSync(path.dirname(row.original_path))).toBe(false);
  }, 60_000);

  it('refuses an upload over 10 MB before copying anything', async () => {
    const big = path.join(dir, 'huge.jpg');
    fs.writeFileSync(big, Buffer.alloc(PHOTO_LIMITS.maxUploadBytes + 1));
    expect(await api.refused('photo.upload', { path: big })).toMatchObject({ code: 'FILE_TOO_LARGE' });
  });
});
