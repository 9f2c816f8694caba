import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Studio } from '../../src/main/studio.js';
import { tempHome } from '../helpers/studio.js';
import { addItem, at0400, DAY, DAY0_0900, HOUR, openClockedStudio, present, TestClock } from './setup.js';

const open: Studio[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

async function studioAt(clock: TestClock, home?: string): Promise<Studio> {
  const s = await openClockedStudio(clock, home);
  open.push(s);
  return s;
}

function sizeOf(studio: Studio, rel: string): number {
  return fs.statSync(path.join(studio.paths.library, rel)).size;
}

/** A post waiting to be published with a library file as its media (the outbox's own rows). */
function schedulePostWith(studio: Studio, file: string): void {
  const db = studio.store.sqlite;
  const account = randomUUID();
  db.prepare("INSERT INTO publish_accounts (id, platform, connection_id, platform_account_id, display_name, updated_at) VALUES (?, 'threads', ?, 'me', 'Me', 0)").run(account, randomUUID());
  const payload = { text: 'soon', media: [{ path: path.join(studio.paths.library, file), kind: 'image', mime: 'image/png', bytes: 1, width: null, height: null, durationSeconds: null }], options: {} };
  db.prepare("INSERT INTO outbox_posts (id, account_id, platform, state, payload, scheduled_at, missed_policy, created_at, updated_at) VALUES (?, ?, 'threads', 'scheduled', ?, ?, 'publish', 0, 0)").run(
    randomUUID(), account, JSON.stringify(payload), Date.now() + 365 * DAY,
  );
}

/** A character with `reference` as its reference image and `variant` as a kept variant, and a style built on `styleRef` (their own rows). */
function buildOn(studio: Studio, reference: string, variant: string, styleRef: string): void {
  const db = studio.store.sqlite;
  const character = randomUUID();
  db.prepare("INSERT INTO characters (id, name, language, created_at, updated_at) VALUES (?, 'Mimi', 'en', 0, 0)").run(character);
  db.prepare("INSERT INTO character_references (character_id, asset_id, origin, position, added_at) VALUES (?, ?, 'upload', 0, 0)").run(character, reference);
  db.prepare(
    "INSERT INTO character_variants (id, character_id, kind, instruction, backend, via, state, status, slot, asset_id, created_at) VALUES (?, ?, 'pose', 'wave', 'offline', 'offline', 'kept', 'ready', 0, ?, 0)",
  ).run(randomUUID(), character, variant);
  db.prepare(
    "INSERT INTO style_profiles (id, name, status, references_json, seed_policy_json, carriers_json, language, writer, created_at, updated_at) VALUES (?, 'Ink', 'ready', ?, '{\"mode\":\"random\"}', '{}', 'en', 'offline', 0, 0)",
  ).run(randomUUID(), JSON.stringify([{ path: '/elsewhere/a.png', assetId: styleRef }]));
}

describe('retention cleanup on a controlled clock', () => {
  it('keeps what a character or a style is built on: references, kept variants, style references', async () => {
    const clock = new TestClock(DAY0_0900);
    const studio = await studioAt(clock);
    const now = clock.t;
    const ids = {
      reference: await addItem(studio, 'character-reference', 'socialImage', now - 15 * DAY),
      variant: await addItem(studio, 'kept-variant', 'socialImage', now - 15 * DAY),
      styleRef: await addItem(studio, 'style-reference', 'socialImage', now - 15 * DAY),
      loose: await addItem(studio, 'nobody-uses-it', 'socialImage', now - 15 * DAY),
    };
    buildOn(studio, ids.reference, ids.variant, ids.styleRef);
    expect(studio.lifecycle.scheduler.preview().retention.items.map((i) => i.asset.id)).toEqual([ids.loose]);
    clock.t = at0400(1);
    await studio.lifecycle.scheduler.runDue();
    for (const k of ['reference', 'variant', 'styleRef'] as const) expect(studio.library.get(ids[k]).id, k).toBe(ids[k]);
    expect(() => studio.library.get(ids.loose)).toThrow();
  });


  it('deletes exactly the expired unstarred items (rows, files, thumbnails), as the preview said, and keeps the rest', async () => {
    const clock = new TestClock(DAY0_0900);
    const studio = await studioAt(clock);
    const now = clock.t;
    const ids = {
      oldSocial: await addItem(studio, 'old-social', 'socialImage', now - 15 * DAY),
      starred: await addItem(studio, 'starred', 'socialImage', now - 15 * DAY, true),
      youngSocial: await addItem(studio, 'young-social', 'socialImage', now - 13 * DAY),
      kept: await addItem(studio, 'no-class', null, now - 400 * DAY),
      oldVideo: await addItem(studio, 'old-short-video', 'shortVideo', now - 8 * DAY),
      youngVideo: await addItem(studio, 'young-short-video', 'shortVideo', now - 6 * DAY),
      posted: await addItem(studio, 'scheduled-post-media', 'scheduledMedia', now - 31 * DAY),
    };
    const assets = Object.fromEntries(Object.entries(ids).map(([k, id]) => [k, studio.library.get(id)])) as Record<keyof typeof ids, ReturnType<Studio['library']['get']>>;
    schedulePostWith(studio, assets.posted.file);
    const here = (k: keyof typeof ids) => present(studio, ids[k], assets[k].file, assets[k].hash);

    // The start pass ran today's 04:00 slot before these existed: the next run is tomorrow at 04:00.
    const preview = studio.lifecycle.scheduler.preview();
    expect(preview.retention.at).toBe(at0400(1));
    const planned = preview.retention.items.map((i) => i.asset.id);
    expect(planned).toEqual([ids.oldSocial, ids.oldVideo]);
    expect(preview.retention.items.every((i) => i.removeAt === at0400(1))).toBe(true);
    expect(preview.retention.bytes).toBe(assets.oldSocial.bytes + assets.oldVideo.bytes);
    const expectedFreed = ['oldSocial', 'oldVideo'].reduce((sum, k) => {
      const a = assets[k as keyof typeof ids];
      return sum + sizeOf(studio, a.file) + sizeOf(studio, `thumbs/${a.hash.slice(0, 2)}/${a.hash}.webp`);
    }, 0);

    // Nothing goes before 04:00.
    clock.t = at0400(1) - 60_000;
    expect(await studio.lifecycle.scheduler.runDue()).not.toContain('retention');
    expect(here('oldSocial')).toBe(true);

    clock.t = at0400(1);
    expect(await studio.lifecycle.scheduler.runDue()).toContain('retention');
    expect(here('oldSocial')).toBe(false);
    expect(here('oldVideo')).toBe(false);
    for (const k of ['starred', 'youngSocial', 'kept', 'youngVideo', 'posted'] as const) expect(here(k), k).toBe(true);

    const run = studio.lifecycle.runs.recent(10).find((r) => r.task === 'retention' && r.dueAt === at0400(1))!;
    expect(run).toMatchObject({ startedAt: at0400(1), deletedCount: 2, bytesFreed: expectedFreed, error: null });
    const recorded = JSON.parse((studio.store.sqlite.prepare('SELECT deleted_json AS j FROM lifecycle_runs WHERE id = ?').get(run.id) as { j: string }).j) as Array<{ id: string }>;
    expect(recorded.map((r) => r.id)).toEqual(planned);

    // The same slot never runs twice.
    expect(await studio.lifecycle.scheduler.runDue()).not.toContain('retention');

    // Two days on, the 13-day-old item has passed 14 days; the 6-day-old video passed 7. The starred one still stays.
    const next = studio.lifecycle.scheduler.preview().retention;
    clock.t = at0400(2);
    expect(next.at).toBe(at0400(2));
    expect(next.items.map((i) => i.asset.id).sort()).toEqual([ids.youngSocial, ids.youngVideo].sort());
    await studio.lifecycle.scheduler.runDue();
    expect(here('youngSocial')).toBe(false);
    expect(here('youngVideo')).toBe(false);
    for (const k of ['starred', 'kept', 'posted'] as const) expect(here(k), k).toBe(true);
  });

  it('keeps an item starred through the API after the preview listed it, and takes it once unstarred', async () => {
    const clock = new TestClock(DAY0_0900);
    const studio = await studioAt(clock);
    const id = await addItem(studio, 'blog-picture', 'blogImage', clock.t - 20 * DAY);
    expect(studio.lifecycle.scheduler.preview().retention.items.map((i) => i.asset.id)).toEqual([id]);
    expect(studio.lifecycle.star(id, true).starred).toBe(true);
    expect(studio.lifecycle.scheduler.preview().retention.items).toEqual([]);
    expect(studio.library.list({ starred: true, sort: 'newest', limit: 10, offset: 0 }).items.map((a) => a.id)).toEqual([id]);
    clock.t = at0400(1);
    await studio.lifecycle.scheduler.runDue();
    const asset = studio.library.get(id);
    expect(present(studio, id, asset.file, asset.hash)).toBe(true);
    studio.lifecycle.star(id, false);
    clock.t = at0400(2);
    await studio.lifecycle.scheduler.runDue();
    expect(present(studio, id, asset.file, asset.hash)).toBe(false);
  });

  it('runs a missed 04:00 cleanup at the next start, once, and none when it is up to date', async () => {
    const home = tempHome('kingjam-lifecycle-missed-');
    const clock = new TestClock(DAY0_0900);
    let studio = await studioAt(clock, home);
    const id = await addItem(studio, 'short', 'shortVideo', clock.t - 6 * DAY);
    const asset = studio.library.get(id);
    await studio.close();
    open.splice(0);

    // Off through tomorrow's and the next day's 04:00; on again at 10:00 two days later.
    const before = 1;
    clock.t = at0400(2) + 6 * HOUR;
    studio = await studioAt(clock, home);
    const retention = studio.lifecycle.runs.recent(20).filter((r) => r.task === 'retention');
    expect(retention.length).toBe(before + 1);
    expect(retention[0]).toMatchObject({ dueAt: at0400(2), startedAt: at0400(2) + 6 * HOUR, deletedCount: 1 });
    expect(present(studio, id, asset.file, asset.hash)).toBe(false);
    await studio.close();
    open.splice(0);

    // Started again before the next 04:00: nothing is owed.
    clock.t = at0400(3) - HOUR;
    studio = await studioAt(clock, home);
    expect(studio.lifecycle.runs.recent(20).filter((r) => r.task === 'retention').length).toBe(before + 1);
    expect(studio.lifecycle.scheduler.preview().retention.at).toBe(at0400(3));
  });
});
