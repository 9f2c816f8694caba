import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Studio } from '../../src/main/studio.js';
import { wallClockAt, zonedToUtc, type WallClock } from '../../src/shared/publish/time.js';
import { controlledClock, facebookAccount, outboxWorld, settled, type OutboxWorld } from './outbox-harness.js';

/**
 * The scheduler on a controlled clock: nothing goes out before its time,
 * everything due goes out when the clock gets there, posts that came due
 * while no studio ran follow their missed policy, and an account's zone
 * (Asia/Taipei without DST, America/New_York with it) names the right instant.
 */
let world: OutboxWorld;
const T0 = Date.UTC(2026, 2, 8, 12, 0); // 2026-03-08 12:00Z, the morning New York moves its clocks forward
const clock = controlledClock(T0);

beforeAll(async () => {
  world = await outboxWorld();
}, 60_000);

afterAll(async () => {
  await world?.close();
});

const tick = (studio: Studio) => studio.publishing.scheduler.tick();
/** The instant a wall-clock time names in a zone (the bulk helper's conversion, src/shared/publish/time.ts). */
function instantOf(w: Omit<WallClock, 'second'>, zone: string): number {
  const t = zonedToUtc({ ...w, second: 0 }, zone);
  if (!t.ok) throw new Error(`${JSON.stringify(w)} in ${zone}: ${t.problem}`);
  return t.utc;
}
const wallTimeIn = (utc: number, zone: string) => {
  const { second: _, ...w } = wallClockAt(utc, zone);
  return w;
};
const later = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the scheduler', () => {
  it('publishes a post when the clock reaches its time, not before', async () => {
    clock.set(T0);
    const studio = await world.open({ clock });
    const account = await facebookAccount(studio);
    const [post] = await studio.publishing.service.create({ accountIds: [account.id], content: { text: 'At 12:05', media: [], options: {} }, perPlatform: {}, action: 'schedule', scheduledAt: T0 + 5 * 60_000 });
    clock.set(T0 + 5 * 60_000 - 1);
    tick(studio);
    await later(500);
    expect(studio.publishing.service.get(post!.id).state).toBe('scheduled');
    clock.set(T0 + 5 * 60_000);
    tick(studio);
    const done = await settled(studio, post!.id);
    expect(done.state).toBe('published');
    expect(done.publishedAt).toBe(T0 + 5 * 60_000);
    await studio.close();
  });

  it('after downtime: a post whose policy is "publish" goes out at start, one whose policy is "mark-missed" is failed as missed with when it was due', async () => {
    clock.set(T0);
    const off = await world.open({ clock, startJobs: false });
    // This studio does not work the queue, so it uses the accounts listed before.
    const account = await facebookAccount(off, 'Tea House', false);
    const due = T0 + 10 * 60_000;
    const [late] = await off.publishing.service.create({ accountIds: [account.id], content: { text: 'Late is fine', media: [], options: {} }, perPlatform: {}, action: 'schedule', scheduledAt: due, missedPolicy: 'publish' });
    const [missed] = await off.publishing.service.create({ accountIds: [account.id], content: { text: 'Only on time', media: [], options: {} }, perPlatform: {}, action: 'schedule', scheduledAt: due, missedPolicy: 'mark-missed' });
    await off.close();

    // The studio was off for two hours.
    clock.set(T0 + 2 * 3_600_000);
    const on = await world.open({ clock });
    const a = await settled(on, late!.id);
    expect(a.state).toBe('published');
    const b = on.publishing.service.get(missed!.id);
    expect(b).toMatchObject({ state: 'failed', missed: true, failure: { class: 'bad-post', error: { key: 'publish.outbox.missed', params: { due: new Date(due).toISOString() } } } });
    expect(b.attempts).toHaveLength(0);
    expect(world.graph.posts.filter((p) => p.message === 'Only on time')).toHaveLength(0);
    await on.close();
  });

  it('an account’s missed policy is the default of its posts', async () => {
    clock.set(T0);
    const studio = await world.open({ clock, startJobs: false });
    const account = await facebookAccount(studio, 'Noodle Bar', false);
    expect(account.missedPolicy).toBe('publish');
    const changed = studio.publishing.service.accounts.update({ id: account.id, missedPolicy: 'mark-missed', timeZone: 'America/New_York' });
    expect(changed).toMatchObject({ missedPolicy: 'mark-missed', timeZone: 'America/New_York' });
    expect(() => studio.publishing.service.accounts.update({ id: account.id, timeZone: 'Mars/Olympus_Mons' })).toThrow(expect.objectContaining({ code: 'BAD_INPUT', field: 'timeZone' }));
    const [post] = await studio.publishing.service.create({ accountIds: [account.id], content: { text: 'Default policy', media: [], options: {} }, perPlatform: {}, action: 'schedule', scheduledAt: T0 + 60_000 });
    expect(post!.missedPolicy).toBe('mark-missed');
    studio.publishing.service.accounts.update({ id: account.id, missedPolicy: 'publish', timeZone: 'Asia/Taipei' });
    await studio.publishing.service.cancel(post!.id);
    await studio.close();
  });

  it('9:00 in New York on the day DST starts and 21:00 in Taipei are the same instant, and both posts go out at it', async () => {
    clock.set(T0);
    const studio = await world.open({ clock });
    const accounts = await studio.publishing.service.accounts.list(false);
    const taipei = accounts.find((a) => a.displayName === 'Tea House' && a.platform === 'facebook')!;
    const newYork = studio.publishing.service.accounts.update({ id: accounts.find((a) => a.displayName === 'Noodle Bar' && a.platform === 'facebook')!.id, timeZone: 'America/New_York' });
    expect(taipei.timeZone).toBe('Asia/Taipei');
    const inNewYork = instantOf({ year: 2026, month: 3, day: 8, hour: 9, minute: 0 }, newYork.timeZone);
    const inTaipei = instantOf({ year: 2026, month: 3, day: 8, hour: 21, minute: 0 }, taipei.timeZone);
    // New York is on EDT (UTC−4) from 02:00 that morning; Taipei is UTC+8 all year.
    expect(new Date(inNewYork).toISOString()).toBe('2026-03-08T13:00:00.000Z');
    expect(inTaipei).toBe(inNewYork);
    // A day earlier New York was still on EST (UTC−5).
    expect(new Date(instantOf({ year: 2026, month: 3, day: 7, hour: 9, minute: 0 }, newYork.timeZone)).toISOString()).toBe('2026-03-07T14:00:00.000Z');
    // 02:30 does not exist in New York that night: it is refused, not guessed.
    expect(zonedToUtc({ year: 2026, month: 3, day: 8, hour: 2, minute: 30, second: 0 }, newYork.timeZone)).toEqual({ ok: false, problem: 'nonexistent' });

    const [ny] = await studio.publishing.service.create({ accountIds: [newYork.id], content: { text: 'Good morning New York', media: [], options: {} }, perPlatform: {}, action: 'schedule', scheduledAt: inNewYork });
    const [tp] = await studio.publishing.service.create({ accountIds: [taipei.id], content: { text: '台北晚安', media: [], options: {} }, perPlatform: {}, action: 'schedule', scheduledAt: inTaipei });
    // The calendar shows each post at its account's wall-clock time.
    expect(wallTimeIn(ny!.scheduledAt!, newYork.timeZone)).toEqual({ year: 2026, month: 3, day: 8, hour: 9, minute: 0 });
    expect(wallTimeIn(tp!.scheduledAt!, taipei.timeZone)).toEqual({ year: 2026, month: 3, day: 8, hour: 21, minute: 0 });
    clock.set(inNewYork - 1);
    tick(studio);
    await later(300);
    expect([studio.publishing.service.get(ny!.id).state, studio.publishing.service.get(tp!.id).state]).toEqual(['scheduled', 'scheduled']);
    clock.set(inNewYork);
    tick(studio);
    expect((await settled(studio, ny!.id)).publishedAt).toBe(inNewYork);
    expect((await settled(studio, tp!.id)).publishedAt).toBe(inNewYork);
    studio.publishing.service.accounts.update({ id: newYork.id, timeZone: 'Asia/Taipei' });
    await studio.close();
  });

  it('holds posts over an account’s rate limit back instead of failing them, and sends them when the minute has passed', async () => {
    clock.set(T0 + 86_400_000);
    const studio = await world.open({ clock, policy: { rate: { ...(await import('../../src/shared/publish/platforms.js')).PUBLISH_RATE, facebook: { perAccountPerMinute: 2, perPlatformConcurrency: 4 } } } });
    const account = await facebookAccount(studio, 'No Instagram Page');
    const posts = [];
    for (const n of [1, 2, 3]) posts.push((await studio.publishing.service.create({ accountIds: [account.id], content: { text: `Burst ${n}`, media: [], options: {} }, perPlatform: {}, action: 'now', scheduledAt: null }))[0]!);
    await settled(studio, posts[0]!.id);
    await settled(studio, posts[1]!.id);
    tick(studio);
    await later(500);
    // The third waits (scheduled, no attempt) — it is not failed.
    expect(studio.publishing.service.get(posts[2]!.id)).toMatchObject({ state: 'scheduled', attempts: [] });
    clock.advance(60_001);
    tick(studio);
    const third = await settled(studio, posts[2]!.id);
    expect(third.state).toBe('published');
    expect(third.attempts[0]!.startedAt - posts[0]!.createdAt).toBeGreaterThanOrEqual(60_000);
    await studio.close();
  });

  it('starts a free account’s post that waits behind more rate-held posts than a pass first reads', async () => {
    clock.set(T0 + 2 * 86_400_000);
    const studio = await world.open({ clock, policy: { rate: { ...(await import('../../src/shared/publish/platforms.js')).PUBLISH_RATE, facebook: { perAccountPerMinute: 1, perPlatformConcurrency: 4 } } } });
    const busy = await facebookAccount(studio, 'No Instagram Page');
    const free = await facebookAccount(studio, 'Tea House', false);
    const held = [];
    for (let n = 1; n <= 10; n++) held.push((await studio.publishing.service.create({ accountIds: [busy.id], content: { text: `Held ${n}`, media: [], options: {} }, perPlatform: {}, action: 'now', scheduledAt: null }))[0]!);
    const behind = (await studio.publishing.service.create({ accountIds: [free.id], content: { text: 'Behind the held ones', media: [], options: {} }, perPlatform: {}, action: 'now', scheduledAt: null }))[0]!;
    await settled(studio, held[0]!.id);
    tick(studio);
    expect((await settled(studio, behind.id)).state).toBe('published');
    // The busy account's others still wait for its rate window: held back, not failed.
    expect(held.slice(1).map((p) => studio.publishing.service.get(p.id).state)).toEqual(Array(9).fill('scheduled'));
    await studio.close();
  });
});
