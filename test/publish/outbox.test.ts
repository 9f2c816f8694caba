import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StudioError } from '../../src/shared/errors.js';
import type { Studio } from '../../src/main/studio.js';
import { until } from '../helpers/studio.js';
import { graphErrorAnswer } from './fakes/graph-common.js';
import { facebookAccount, outboxWorld, settled, type OutboxWorld } from './outbox-harness.js';

/**
 * The outbox end to end on real SQLite and real worker processes: a post is
 * created, published by a job, and its platform id and URL are read back from
 * the row; the failure classes decide what happens next.
 */
let world: OutboxWorld;
let studio: Studio;

beforeAll(async () => {
  world = await outboxWorld();
  studio = await world.open();
}, 60_000);

afterAll(async () => {
  await world?.close();
});

const text = (what: string) => `${what} ${Math.random().toString(36).slice(2, 8)}`;

describe('the outbox', () => {
  it('lists the Meta login’s Pages as accounts (asked of the platform by a worker), each with Asia/Taipei by default', async () => {
    const accounts = await studio.publishing.service.accounts.list(true);
    const pages = accounts.filter((a) => a.platform === 'facebook').map((a) => [a.displayName, a.targetId, a.timeZone]);
    expect(pages).toEqual(
      expect.arrayContaining([
        ['Tea House', '1000001', 'Asia/Taipei'],
        ['No Instagram Page', '1000002', 'Asia/Taipei'],
        ['Noodle Bar', '1000003', 'Asia/Taipei'],
      ]),
    );
    expect(accounts.every((a) => a.connectionId === world.connectionId && a.usable)).toBe(true);
  });

  it('creates a scheduled post and publishes it when due: the platform’s id and URL are read back from the row', async () => {
    const account = await facebookAccount(studio);
    const body = text('Spring tea is here');
    const before = world.graph.publishes;
    const [created] = await studio.publishing.service.create({ accountIds: [account.id], content: { text: body, media: [], options: {} }, perPlatform: {}, action: 'schedule', scheduledAt: Date.now() + 1500 });
    expect(created).toMatchObject({ state: 'scheduled', platform: 'facebook', payload: { text: body, media: [] } });
    const done = await settled(studio, created!.id);
    expect(done.state).toBe('published');
    const live = world.graph.posts.find((p) => p.message === body)!;
    expect(live.pageId).toBe('1000001');
    expect(done.platformPostId).toBe(live.id);
    expect(done.url).toBe(live.permalink_url);
    expect(done.publishedAt).toBeGreaterThanOrEqual(created!.scheduledAt!);
    expect(done.attempts).toMatchObject([{ n: 1, outcome: 'published', error: null }]);
    expect(world.graph.publishes).toBe(before + 1);
  });

  it('refuses the whole create with every account’s problems, and loses nothing: the same draft is kept as drafts', async () => {
    const accounts = await studio.publishing.service.accounts.list(false);
    const facebook = accounts.find((a) => a.platform === 'facebook' && a.displayName === 'Tea House')!;
    const instagram = accounts.find((a) => a.platform === 'instagram')!;
    const before = studio.publishing.service.summary();
    const input = { accountIds: [facebook.id, instagram.id], content: { text: '', media: [], options: {} }, perPlatform: {}, scheduledAt: Date.now() + 60_000 };
    const refused = await studio.publishing.service.create({ ...input, action: 'schedule' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(StudioError);
    expect((refused as StudioError).code).toBe('BAD_INPUT');
    // Both accounts' problems are named: Facebook has nothing to post, Instagram needs media.
    expect((refused as StudioError).message).toContain('publish.textEmpty');
    expect((refused as StudioError).message).toContain('publish.mediaMissing');
    expect(studio.publishing.service.summary()).toEqual(before);
    const drafts = await studio.publishing.service.create({ ...input, action: 'draft' });
    expect(drafts.map((d) => [d.platform, d.state])).toEqual([
      ['facebook', 'draft'],
      ['instagram', 'draft'],
    ]);
    expect(drafts[0]!.groupId).toBe(drafts[1]!.groupId);
  });

  it('stops a bad post at once, with the platform’s reason, and sends it no second time', async () => {
    const account = await facebookAccount(studio);
    world.graph.faults.push({ method: 'POST', path: /^\/1000001\/feed$/, answer: graphErrorAnswer(400, 100, '(#100) The post contains a link that is not allowed') });
    const feedCalls = world.graph.callsTo('POST', /\/1000001\/feed$/).length;
    const [post] = await studio.publishing.service.create({ accountIds: [account.id], content: { text: text('Bad link'), media: [], options: {} }, perPlatform: {}, action: 'now', scheduledAt: null });
    const done = await settled(studio, post!.id);
    expect(done.state).toBe('failed');
    expect(done.failure?.class).toBe('bad-post');
    expect(done.failure?.error.message).toContain('not allowed');
    expect(done.attempts).toHaveLength(1);
    expect(world.graph.callsTo('POST', /\/1000001\/feed$/).length).toBe(feedCalls + 1);
  });

  it('retries a temporary failure with growing waits, and publishes on the third attempt', async () => {
    const account = await facebookAccount(studio);
    for (let i = 0; i < 2; i++) world.graph.faults.push({ method: 'POST', path: /^\/1000001\/feed$/, answer: graphErrorAnswer(500, 2, 'An unexpected error has occurred. Please retry your request later.') });
    const body = text('Third time lucky');
    const [post] = await studio.publishing.service.create({ accountIds: [account.id], content: { text: body, media: [], options: {} }, perPlatform: {}, action: 'now', scheduledAt: null });
    const done = await settled(studio, post!.id);
    expect(done.state).toBe('published');
    expect(done.attempts.map((a) => a.outcome)).toEqual(['retry', 'retry', 'published']);
    // Backoff of 100 ms, then 200 ms (FAST_POLICY), between the end of one attempt and the start of the next.
    expect(done.attempts[1]!.startedAt - done.attempts[0]!.endedAt!).toBeGreaterThanOrEqual(100);
    expect(done.attempts[2]!.startedAt - done.attempts[1]!.endedAt!).toBeGreaterThanOrEqual(200);
    expect(world.graph.posts.filter((p) => p.message === body)).toHaveLength(1);
  });

  it('gives up after three attempts and says why', async () => {
    const account = await facebookAccount(studio);
    for (let i = 0; i < 3; i++) world.graph.faults.push({ method: 'POST', path: /^\/1000001\/feed$/, answer: graphErrorAnswer(500, 2, 'Service temporarily unavailable') });
    const [post] = await studio.publishing.service.create({ accountIds: [account.id], content: { text: text('Never'), media: [], options: {} }, perPlatform: {}, action: 'now', scheduledAt: null });
    const done = await settled(studio, post!.id);
    expect(done.state).toBe('failed');
    expect(done.failure).toMatchObject({ class: 'retry', error: { code: 'PUBLISH_RETRY', key: 'publish.meta.temporary' } });
    expect(done.attempts.map((a) => a.outcome)).toEqual(['retry', 'retry', 'retry']);
  });

  it('answers an expired token (Meta code 190) with one forced refresh at the vault, then publishes', async () => {
    const account = await facebookAccount(studio);
    world.refreshes.length = 0;
    world.refreshHelps = true;
    world.graph.state.expired = true;
    const body = text('After the refresh');
    const [post] = await studio.publishing.service.create({ accountIds: [account.id], content: { text: body, media: [], options: {} }, perPlatform: {}, action: 'now', scheduledAt: null });
    const done = await settled(studio, post!.id);
    expect(done.state).toBe('published');
    expect(world.refreshes).toEqual([world.graph.userToken]);
    expect(done.attempts.map((a) => a.outcome)).toEqual(['refresh-token', 'published']);
    expect(world.graph.posts.filter((p) => p.message === body)).toHaveLength(1);
  });

  it('cancels a scheduled post (never sent) and refuses to cancel a published one', async () => {
    const account = await facebookAccount(studio);
    const [later] = await studio.publishing.service.create({ accountIds: [account.id], content: { text: text('Maybe later'), media: [], options: {} }, perPlatform: {}, action: 'schedule', scheduledAt: Date.now() + 3_600_000 });
    expect((await studio.publishing.service.cancel(later!.id)).state).toBe('canceled');
    const [now] = await studio.publishing.service.create({ accountIds: [account.id], content: { text: text('Right now'), media: [], options: {} }, perPlatform: {}, action: 'now', scheduledAt: null });
    await settled(studio, now!.id);
    const refused = await studio.publishing.service.cancel(now!.id).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'CONFLICT', key: 'publish.outbox.cannotCancel' });
    // A canceled post can be retried: it goes out now.
    const again = studio.publishing.service.retry(later!.id);
    expect(again.state).toBe('scheduled');
    expect((await settled(studio, later!.id)).state).toBe('published');
  });

  it('emits publish.updated on every state change', async () => {
    const account = await facebookAccount(studio);
    const seen: string[] = [];
    const off = studio.events.on('publish.updated', (p) => seen.push(p.state));
    const [post] = await studio.publishing.service.create({ accountIds: [account.id], content: { text: text('Watched'), media: [], options: {} }, perPlatform: {}, action: 'now', scheduledAt: null });
    await settled(studio, post!.id);
    await until(() => seen.includes('published'), 'the published event');
    off();
    expect(seen).toEqual(expect.arrayContaining(['scheduled', 'publishing', 'published']));
  });
  // Last: the refused refresh leaves the connection needing a reconnect.
  it('stops after one refresh that the platform refused, asking to reconnect', async () => {
    const account = await facebookAccount(studio);
    world.refreshes.length = 0;
    world.refreshHelps = false;
    world.graph.state.expired = true;
    try {
      const [post] = await studio.publishing.service.create({ accountIds: [account.id], content: { text: text('Still expired'), media: [], options: {} }, perPlatform: {}, action: 'now', scheduledAt: null });
      const done = await settled(studio, post!.id);
      expect(done.state).toBe('failed');
      expect(done.failure).toMatchObject({ class: 'disconnected', error: { key: 'publish.outbox.reconnect' } });
      // One forced refresh, refused by Meta: the vault marks the connection and nothing is sent again.
      expect(world.refreshes).toEqual([world.graph.userToken]);
      expect(done.attempts.map((a) => a.outcome)).toEqual(['refresh-token']);
      const accounts = await studio.publishing.service.accounts.list(false);
      expect(accounts.find((a) => a.id === account.id)).toMatchObject({ usable: false, problem: { key: 'publish.outbox.needsReconnect' } });
    } finally {
      world.graph.state.expired = false;
      world.refreshHelps = true;
    }
  });
});
