import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../src/main/api/handlers.js';
import type { Studio } from '../../src/main/studio.js';
import type { KolPostView } from '../../src/shared/kol/post-record.js';
import { contractCalls } from '../helpers/calls.js';
import { until } from '../helpers/studio.js';
import { graphErrorAnswer } from '../publish/fakes/graph-common.js';
import { facebookAccount, outboxWorld, settled, type OutboxWorld } from '../publish/outbox-harness.js';
import { handClock, kolWorld, LIN } from './world.js';

/**
 * Approved posts out through the real outbox: cloud-sync's vault on
 * loopback, the fake Graph API as Facebook, real worker processes. The record
 * follows the outbox post to published (or failed, and back on a retry).
 */
describe('through the outbox to Facebook', () => {
  let world: OutboxWorld;
  let studio: Studio;
  let calls: ReturnType<typeof contractCalls>;
  let accountId: string;
  let personaId: string;
  const updates: KolPostView[] = [];

  beforeAll(async () => {
    world = await outboxWorld();
    studio = await world.open();
    const handlers = createHandlers(studio, 'web');
    calls = contractCalls(() => handlers);
    accountId = (await facebookAccount(studio)).id;
    personaId = (await calls.call('kol.personas.create', { ...LIN, accountIds: [accountId], limits: { perDay: 200, quietHours: null } })).id;
    studio.events.on('kol.post.updated', (p) => updates.push(p));
  }, 60_000);
  afterAll(async () => {
    await world?.close();
  });

  const approvedPost = async (content: string): Promise<KolPostView> => {
    const post = await calls.call('kol.posts.create', { personaId, topic: '茶', content });
    return (await calls.call('kol.review.approve', { ids: [post.id] })).posts[0]!;
  };
  const recordSettled = (id: string, states: string[]) =>
    until(() => {
      const row = studio.kol.store.post(id);
      return row && states.includes(row.status) ? row : null;
    }, `record ${id} to be ${states.join(' or ')}`, 30_000);

  it('signed in to KingJam Cloud, the reviewer is the cloud account', async () => {
    expect(await calls.call('kol.review.reviewer', {})).toEqual({ name: 'agency@example.com', source: 'cloud' });
    expect((await approvedPost('Who approved me')).approvedBy).toBe('agency@example.com');
  });

  it('a pending post cannot be scheduled, and nothing reaches the outbox', async () => {
    const before = studio.publishing.service.summary();
    const post = await calls.call('kol.posts.create', { personaId, topic: '茶', content: 'Not yet approved' });
    expect(await calls.refused('kol.posts.schedule', { id: post.id, accountId })).toMatchObject({ code: 'CONFLICT', key: 'kol.core.notApproved', params: { state: 'pending_review' } });
    expect(studio.publishing.service.summary()).toEqual(before);
  });

  it('refuses an account that is not the persona’s', async () => {
    const other = (await studio.publishing.service.accounts.list(false)).find((a) => a.id !== accountId)!;
    const post = await approvedPost('Wrong account');
    expect(await calls.refused('kol.posts.schedule', { id: post.id, accountId: other.id })).toMatchObject({ code: 'BAD_INPUT', field: 'accountId', key: 'kol.core.notPersonaAccount' });
    expect(studio.kol.store.post(post.id)!.status).toBe('approved');
  });

  it('approved → scheduled creates one outbox post, which Facebook publishes: the record is published with the platform’s id and URL, once', async () => {
    const body = `春茶上市 ${Math.random().toString(36).slice(2, 8)}`;
    const post = await approvedPost(body);
    const publishes = world.graph.publishes;
    const at = Date.now() + 500;
    const scheduled = await calls.call('kol.posts.schedule', { id: post.id, accountId, at });
    expect(scheduled).toMatchObject({ status: 'scheduled', accountId, platform: 'facebook', scheduledAt: at, outboxPostId: expect.any(String) });
    const outboxPost = studio.publishing.service.get(scheduled.outboxPostId!);
    expect(outboxPost).toMatchObject({ state: 'scheduled', accountId, scheduledAt: at, payload: { text: body } });
    expect(studio.publishing.service.list({ limit: 5000 }).filter((p) => p.payload.text === body)).toHaveLength(1);

    const done = await settled(studio, outboxPost.id);
    expect(done.state).toBe('published');
    const row = await recordSettled(post.id, ['published']);
    const live = world.graph.posts.find((p) => p.message === body)!;
    expect([row.platform_post_id, row.url, row.published_at]).toEqual([live.id, live.permalink_url, done.publishedAt]);
    expect(world.graph.publishes).toBe(publishes + 1);
    const { history } = await calls.call('kol.posts.get', { id: post.id });
    expect(history.map((h) => [h.from, h.to, h.actor])).toEqual([
      [null, 'pending_review', expect.any(String)],
      ['pending_review', 'approved', expect.any(String)],
      ['approved', 'scheduled', expect.any(String)],
      ['scheduled', 'published', 'system:outbox'],
    ]);
    // The outbox says "published" more than once (the event, a restart's catch-up): the record moves once.
    studio.publishing.service.changed(outboxPost.id);
    studio.kol.outbox.reconcile();
    expect(studio.kol.store.history(post.id)).toHaveLength(4);
    expect(updates.filter((u) => u.id === post.id && u.status === 'published')).toHaveLength(1);
  }, 60_000);

  it('a post Facebook refuses makes the record failed with the reason; retried in the outbox, it goes failed → scheduled → published', async () => {
    world.graph.faults.push({ method: 'POST', path: /^\/1000001\/feed$/, answer: graphErrorAnswer(400, 100, '(#100) The post contains a link that is not allowed') });
    const body = `Bad link ${Math.random().toString(36).slice(2, 8)}`;
    const post = await approvedPost(body);
    const scheduled = await calls.call('kol.posts.schedule', { id: post.id, accountId, at: Date.now() });
    const failed = await recordSettled(post.id, ['failed']);
    expect(JSON.parse(failed.publish_error!)).toMatchObject({ key: 'publish.meta.rejected', params: { detail: '(#100) The post contains a link that is not allowed' } });
    expect(world.graph.posts.filter((p) => p.message === body)).toHaveLength(0);

    studio.publishing.service.retry(scheduled.outboxPostId!);
    const published = await recordSettled(post.id, ['published']);
    expect(published.platform_post_id).toBe(world.graph.posts.find((p) => p.message === body)!.id);
    expect(published.publish_error).toBeNull();
    expect(studio.kol.store.history(post.id).slice(2).map((h) => [h.from, h.to])).toEqual([
      ['approved', 'scheduled'],
      ['scheduled', 'failed'],
      ['failed', 'scheduled'],
      ['scheduled', 'published'],
    ]);
    expect(world.graph.posts.filter((p) => p.message === body)).toHaveLength(1);
  }, 60_000);

  it('unschedule cancels the outbox post and the record is approved again, off the calendar', async () => {
    const post = await approvedPost('Later');
    const scheduled = await calls.call('kol.posts.schedule', { id: post.id, accountId, at: Date.now() + 3_600_000 });
    const back = await calls.call('kol.posts.unschedule', { id: post.id });
    expect(back).toMatchObject({ status: 'approved', outboxPostId: null, scheduledAt: null, accountId: null });
    expect(studio.publishing.service.get(scheduled.outboxPostId!).state).toBe('canceled');
    expect(await calls.refused('kol.posts.unschedule', { id: post.id })).toMatchObject({ key: 'kol.core.notScheduled' });
  });
  it('a batch written for a post time: an approved post waits out the undo window, then goes on the calendar at the first free slot from the post time', async () => {
    const postAt = Date.now() + 2 * 24 * 3600_000;
    const batch = await studio.kolBatches.start({ title: 'Evening tea', items: [{ personaId, topic: '晚茶' }], postAt });
    const writtenId = await until(() => (studio.store.sqlite.prepare('SELECT id FROM kol_posts WHERE batch_id = ?').get(batch.id) as { id: string } | undefined)?.id ?? null, 'the batch to write its post', 30_000);
    expect(studio.kol.store.post(writtenId)!.status).toBe('pending_review');
    await calls.call('kol.review.approve', { ids: [writtenId] });
    // Still inside the undo window: nothing on the calendar, so the approval can still be undone.
    await new Promise((r) => setTimeout(r, 2000));
    expect(studio.kol.store.post(writtenId)!.status).toBe('approved');
    const row = await recordSettled(writtenId, ['scheduled']);
    expect(row.account_id).toBe(accountId);
    expect(row.scheduled_at).toBeGreaterThanOrEqual(postAt);
    expect(row.scheduled_at! - postAt).toBeLessThan(60_000);
    expect(studio.publishing.service.get(row.outbox_post_id!)).toMatchObject({ state: 'scheduled', scheduledAt: row.scheduled_at });
  }, 60_000);
});

/** The persona's next free slot on a clock in the test's hand (nothing is due: the outbox posts are in the future and the queue is not worked). */
describe('choosing the time', () => {
  // 2027-01-10 23:30 in Taipei (UTC+8): inside the default quiet hours 23:00–07:00.
  const clock = handClock(Date.UTC(2027, 0, 10, 15, 30));
  let w: ReturnType<typeof kolWorld>;
  let accountId: string;

  beforeAll(() => {
    w = kolWorld({ now: clock.now });
    accountId = w.accounts['facebook:Tea House']!;
  });
  afterAll(async () => {
    await w.studio.close();
  });

  const approved = async (personaId: string): Promise<string> => {
    const post = await w.call('kol.posts.create', { personaId, topic: 't', content: `slot ${Math.random()}` });
    await w.call('kol.review.approve', { ids: [post.id] });
    return post.id;
  };
  const taipei = (day: number, hour: number, minute = 0) => Date.UTC(2027, 0, day, hour - 8, minute);

  it('skips quiet hours that span midnight, then fills each local day up to the daily limit', async () => {
    const persona = (await w.call('kol.personas.create', { ...LIN, accountIds: [accountId], limits: { perDay: 2 } })).id;
    const times: number[] = [];
    for (let i = 0; i < 3; i++) times.push((await w.call('kol.posts.schedule', { id: await approved(persona), accountId })).scheduledAt!);
    // Quiet until 07:00 on the 11th; two posts that day; the third on the 12th at 07:00 (midnight is quiet too).
    expect(times).toEqual([taipei(11, 7), taipei(11, 7), taipei(12, 7)]);
  });

  it('refuses a given time inside the quiet hours or on a full day, saying the next allowed time', async () => {
    const persona = (await w.call('kol.personas.create', { ...LIN, accountIds: [accountId], limits: { perDay: 1 } })).id;
    const first = await approved(persona);
    await w.call('kol.posts.schedule', { id: first, accountId, at: taipei(20, 9) });
    const second = await approved(persona);
    const quiet = await w.refused('kol.posts.schedule', { id: second, accountId, at: taipei(20, 23, 30) });
    // The 21st at 07:00 is free (the 20th's one post is on the 20th).
    expect(quiet).toMatchObject({ code: 'BAD_INPUT', field: 'at', key: 'kol.core.inQuietHours', params: { start: '23:00', end: '07:00', next: '2027-01-21T07:00:00+08:00' } });
    const full = await w.refused('kol.posts.schedule', { id: second, accountId, at: taipei(20, 18) });
    expect(full).toMatchObject({ key: 'kol.core.overDailyLimit', params: { limit: 1, next: '2027-01-21T07:00:00+08:00' } });
    expect(full.message).toContain('2027-01-21T07:00:00+08:00');
    expect(w.studio.kol.store.post(second)!.status).toBe('approved');
    expect((await w.call('kol.posts.schedule', { id: second, accountId, at: taipei(21, 7) })).scheduledAt).toBe(taipei(21, 7));
  });

  it('quiet hours within one day end the same day; no quiet hours means now', async () => {
    clock.set(taipei(15, 12, 30));
    const lunch = (await w.call('kol.personas.create', { ...LIN, accountIds: [accountId], limits: { perDay: 5, quietHours: { start: '12:00', end: '14:00' } } })).id;
    expect((await w.call('kol.posts.schedule', { id: await approved(lunch), accountId })).scheduledAt).toBe(taipei(15, 14));
    const always = (await w.call('kol.personas.create', { ...LIN, accountIds: [accountId], limits: { perDay: 5, quietHours: null } })).id;
    expect((await w.call('kol.posts.schedule', { id: await approved(always), accountId })).scheduledAt).toBe(taipei(15, 12, 30));
  });
});
