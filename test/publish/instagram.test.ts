import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { validatePost } from '../../src/shared/publish/validate.js';
import { instagramPublisher as ig } from '../../src/workers/publish/meta/instagram.js';
import { publisherFor } from '../../src/workers/publish/registry.js';
import type { PublishTarget } from '../../src/workers/publish/types.js';
import { startTestRelay, testPublishContext, type TestRelay } from './context.js';
import { graphErrorAnswer } from './fakes/graph-common.js';
import { startFakeMetaGraph, type FakeMetaGraph } from './fakes/meta-graph.js';
import { failureOf } from './context.js';
import { mediaDir, post } from './meta-fixtures.js';

const IG_USER = '17841400000001';
const target: PublishTarget = { platform: 'instagram', accountId: 'meta-user-1', targetId: IG_USER };

let relay: TestRelay;
let fake: FakeMetaGraph;
const files = mediaDir();
const ctxFor = (o: { checkpoint?: unknown } = {}) => testPublishContext({ baseUrl: fake.url, token: fake.userToken, relay, ...o });

beforeAll(async () => {
  relay = await startTestRelay();
});
afterAll(async () => {
  await relay.close();
  files.remove();
});
beforeEach(async () => {
  fake = await startFakeMetaGraph();
});
afterEach(async () => {
  await fake.close();
});

describe('Instagram targets', () => {
  it('lists the Instagram accounts linked to the user\'s Pages, across /me/accounts pages', async () => {
    expect(await (await publisherFor('instagram')).targets(ctxFor())).toEqual([
      { targetId: '17841400000001', displayName: '@teahouse' },
      { targetId: '17841400000003', displayName: '@noodlebar' },
    ]);
    // Three Pages at two a page: the second page was fetched through paging.next.
    expect(fake.callsTo('GET', /^\/me\/accounts$/)).toHaveLength(2);
  });
});

describe('Instagram publishing', () => {
  it('publishes an image: container from the relayed URL, then media_publish after the checkpoint, answering the id and permalink', async () => {
    const ctx = ctxFor();
    const image = files.image('a.jpg', 3000);
    const out = await ig.publish(post('Morning tea #oolong', [image]), target, ctx);

    const [create] = fake.callsTo('POST', /\/media$/);
    expect(create?.params).toMatchObject({ image_url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/m\//), caption: 'Morning tea #oolong' });
    expect(create?.params.media_type).toBeUndefined();
    const container = fake.containers.get([...fake.containers.keys()][0]!)!;
    expect(container.fetchedBytes).toBe(3000);
    const [publish] = fake.callsTo('POST', /\/media_publish$/);
    expect(publish?.params.creation_id).toBe(container.id);
    expect(ctx.saved).toEqual([expect.objectContaining({ step: 'media_publish', containerId: container.id, igUserId: IG_USER })]);
    expect(fake.publishes).toBe(1);
    expect(out).toEqual({ platformPostId: fake.igMedia[0]!.id, url: fake.igMedia[0]!.permalink });
    expect(out.url).toMatch(/^https:\/\/www\.instagram\.com\/p\//);
  });

  it('publishes a carousel: each child is_carousel_item (videos as VIDEO), FINISHED before the CAROUSEL parent lists them in order', async () => {
    const media = [files.image('c1.jpg'), files.video('c2.mp4'), files.image('c3.jpg')];
    fake.containerScripts.push({ inProgressPolls: 1 }, { inProgressPolls: 2 }, {});
    const out = await ig.publish(post('Three views', media), target, ctxFor());

    const creates = fake.callsTo('POST', /\/media$/);
    expect(creates).toHaveLength(4);
    expect(creates.slice(0, 3).map((c) => [c.params.is_carousel_item, c.params.media_type ?? null, c.params.image_url ? 'image' : 'video'])).toEqual([
      ['true', null, 'image'],
      ['true', 'VIDEO', 'video'],
      ['true', null, 'image'],
    ]);
    const childIds = [...fake.containers.keys()].slice(0, 3);
    expect(creates[3]!.params).toMatchObject({ media_type: 'CAROUSEL', children: childIds.join(','), caption: 'Three views' });
    expect([...fake.containers.values()].slice(0, 3).every((c) => c.pollsLeft === 0)).toBe(true);
    expect(fake.publishes).toBe(1);
    expect(out.platformPostId).toBe(fake.igMedia[0]!.id);
  });

  it('publishes a Reel (media_type REELS, video_url) and a Story (STORIES, no caption)', async () => {
    await ig.publish(post('Reel time', [files.video('r.mp4')], { instagram: { kind: 'reel' } }), target, ctxFor());
    await ig.publish(post('ignored on stories', [files.image('s.jpg')], { instagram: { kind: 'story' } }), target, ctxFor());
    const [reel, story] = fake.callsTo('POST', /\/media$/);
    expect(reel?.params).toMatchObject({ media_type: 'REELS', video_url: expect.any(String), caption: 'Reel time' });
    expect(story?.params).toMatchObject({ media_type: 'STORIES', image_url: expect.any(String) });
    expect(story?.params.caption).toBeUndefined();
    expect(fake.publishes).toBe(2);
    expect(fake.igMedia[1]!.story).toBe(true);
  });

  it('polls a container that stays IN_PROGRESS until it is FINISHED, and only then publishes', async () => {
    fake.containerScripts.push({ inProgressPolls: 3 });
    await ig.publish(post('Slow one', [files.video('slow.mp4')]), target, ctxFor());
    const containerId = [...fake.containers.keys()][0]!;
    const polls = fake.calls.filter((c) => c.method === 'GET' && c.path === `/${containerId}`);
    expect(polls).toHaveLength(4);
    expect(fake.calls.findIndex((c) => c.path.endsWith('/media_publish'))).toBeGreaterThan(fake.calls.lastIndexOf(polls[3]!));
  });

  it('a container that ends in ERROR is a bad post with the platform\'s reason, and nothing is published', async () => {
    fake.containerScripts.push({ inProgressPolls: 1, final: 'ERROR', reason: 'Error: Media upload has failed with error code 2207026' });
    const f = await failureOf(ig.publish(post('Bad video', [files.video('bad.mp4')]), target, ctxFor()));
    expect(f.failure).toBe('bad-post');
    expect(f.key).toBe('publish.meta.containerFailed');
    expect(f.params).toMatchObject({ reason: 'Error: Media upload has failed with error code 2207026' });
    expect(fake.callsTo('POST', /media_publish/)).toHaveLength(0);
    expect(fake.publishes).toBe(0);
  });

  it('an EXPIRED container is a bad post', async () => {
    fake.containerScripts.push({ final: 'EXPIRED' });
    const f = await failureOf(ig.publish(post('Late', [files.image('late.jpg')]), target, ctxFor()));
    expect([f.failure, f.key]).toEqual(['bad-post', 'publish.meta.containerExpired']);
    expect(fake.publishes).toBe(0);
  });

  it.each([4, 17, 32, 613, 80002])('code %i is a rate limit: retry after the estimated_time_to_regain_access', async (code) => {
    fake.faults.push({
      method: 'POST',
      path: /\/media$/,
      answer: graphErrorAnswer(400, code, '(#4) Application request limit reached', undefined, {
        'x-app-usage': '{"call_count":100,"total_cputime":20,"total_time":30}',
        'x-business-use-case-usage': JSON.stringify({ '1000001': [{ type: 'instagram', call_count: 100, total_cputime: 10, total_time: 10, estimated_time_to_regain_access: 7 }] }),
      }),
    });
    const f = await failureOf(ig.publish(post('Busy', [files.image('busy.jpg')]), target, ctxFor()));
    expect(f.failure).toBe('retry');
    expect(f.retryAfterMs).toBe(7 * 60_000);
    expect(f.params).toMatchObject({ minutes: 7 });
  });

  it('a rate limit with only a full x-app-usage waits 15 minutes', async () => {
    fake.faults.push({ path: /\/media$/, answer: graphErrorAnswer(400, 4, '(#4) Application request limit reached', undefined, { 'x-app-usage': '{"call_count":100,"total_cputime":40,"total_time":35}' }) });
    const f = await failureOf(ig.publish(post('Busy', [files.image('busy2.jpg')]), target, ctxFor()));
    expect([f.failure, f.retryAfterMs]).toEqual(['retry', 15 * 60_000]);
  });

  it('code 190 asks for a token refresh, and the token never appears in the error', async () => {
    fake.state.expired = true;
    const f = await failureOf(ig.publish(post('Hello', [files.image('h.jpg')]), target, ctxFor()));
    expect([f.failure, f.key]).toEqual(['refresh-token', 'publish.meta.tokenExpired']);
    expect(JSON.stringify({ message: f.message, params: f.params })).not.toContain(fake.userToken);
  });

  it.each([10, 200])('permission error code %i means the connection must be renewed (disconnected)', async (code) => {
    fake.faults.push({ path: /\/media$/, answer: graphErrorAnswer(403, code, `(#${code}) Application does not have permission for this action`) });
    const f = await failureOf(ig.publish(post('Hi', [files.image('p.jpg')]), target, ctxFor()));
    expect([f.failure, f.key]).toEqual(['disconnected', 'publish.meta.permission']);
  });

  it('an invalid parameter (code 100, media subcode) is a bad post saying what Instagram said', async () => {
    fake.faults.push({ path: /\/media$/, answer: { status: 400, body: { error: { message: 'The aspect ratio is not supported.', type: 'OAuthException', code: 36003, error_subcode: 2207009, error_user_msg: 'The submitted image with aspect ratio 3:1 cannot be published.', fbtrace_id: 'x' } } } });
    const f = await failureOf(ig.publish(post('Wide', [files.image('wide.jpg')]), target, ctxFor()));
    expect([f.failure, f.key]).toEqual(['bad-post', 'publish.meta.mediaRejected']);
    expect(f.params).toMatchObject({ detail: 'The submitted image with aspect ratio 3:1 cannot be published.' });
  });

  it('code 4 with subcode 2207051 is Instagram\'s spam verdict, not a rate limit: a bad post', async () => {
    fake.faults.push({ method: 'POST', path: /\/media_publish$/, answer: graphErrorAnswer(400, 4, 'We restrict certain activity to protect our community.', 2207051) });
    const f = await failureOf(ig.publish(post('Buy now', [files.image('spam.jpg')]), target, ctxFor()));
    expect([f.failure, f.key]).toEqual(['bad-post', 'publish.meta.spam']);
  });

  it('the publishing limit reached at media_publish (code 9, subcode 2207042) is retried an hour later', async () => {
    fake.faults.push({ method: 'POST', path: /\/media_publish$/, answer: graphErrorAnswer(400, 9, 'You reached maximum number of posts that is allowed to be published by Content Publishing API.', 2207042) });
    const f = await failureOf(ig.publish(post('One too many', [files.image('max.jpg')]), target, ctxFor()));
    expect([f.failure, f.key, f.retryAfterMs]).toEqual(['retry', 'publish.meta.quotaReached', 60 * 60_000]);
  });

  it('Meta\'s server errors (code 1, 2, HTTP 500) are retried', async () => {
    fake.faults.push({ path: /\/media$/, answer: graphErrorAnswer(500, 2, 'An unexpected error has occurred. Please retry your request later.') });
    expect((await failureOf(ig.publish(post('x', [files.image('e.jpg')]), target, ctxFor()))).failure).toBe('retry');
  });
});

describe('Instagram preflight', () => {
  it('refuses when the content publishing quota is used up, before creating anything', async () => {
    fake.state.quota = { usage: 100, total: 100, duration: 86400 };
    const problems = await ig.preflight(post('One more', [files.image('q.jpg')]), target, ctxFor());
    expect(problems).toEqual([{ field: 'account', message: { key: 'publish.meta.quotaUsed', params: { platform: 'Instagram', used: 100, total: 100, hours: 24 } } }]);
    expect(fake.calls.filter((c) => c.method === 'POST')).toHaveLength(0);
  });

  it('reads the quota rather than assuming one: 50 of 400 is fine', async () => {
    fake.state.quota = { usage: 50, total: 400, duration: 86400 };
    expect(await ig.preflight(post('ok', [files.image('ok.jpg')]), target, ctxFor())).toEqual([]);
    expect(fake.callsTo('GET', /content_publishing_limit$/)[0]?.params.fields).toBe('quota_usage,config');
  });

  it('says a Reel needs one video and a Story one medium', async () => {
    const reel = await ig.preflight(post('r', [files.image('ri.jpg')], { instagram: { kind: 'reel' } }), target, ctxFor());
    const story = await ig.preflight(post('s', [files.image('s1.jpg'), files.image('s2.jpg')], { instagram: { kind: 'story' } }), target, ctxFor());
    expect(reel.map((p) => p.message.key)).toEqual(['publish.meta.reelNeedsVideo']);
    expect(story.map((p) => p.message.key)).toEqual(['publish.meta.storyOneMedia']);
  });
});

describe('Instagram recover (never twice)', () => {
  it('after a crash between media_publish and the caller, answers the published media and publishes nothing more', async () => {
    fake.faults.push({ method: 'POST', path: /\/media_publish$/, dropAfter: true });
    const first = ctxFor();
    const p = post('Crash test', [files.image('crash.jpg')]);
    expect((await failureOf(ig.publish(p, target, first))).failure).toBe('retry');
    expect(fake.publishes).toBe(1);

    const again = ctxFor({ checkpoint: first.saved.at(-1) });
    const found = await ig.recover(p, target, again);
    expect(found).toEqual({ platformPostId: fake.igMedia[0]!.id, url: fake.igMedia[0]!.permalink });
    expect(fake.publishes).toBe(1);
  });

  it('answers null when media_publish never went through (the container is still FINISHED)', async () => {
    fake.faults.push({ method: 'POST', path: /\/media_publish$/, answer: graphErrorAnswer(500, 1, 'An unknown error occurred') });
    const first = ctxFor();
    const p = post('Not yet', [files.image('ny.jpg')]);
    await failureOf(ig.publish(p, target, first));
    expect(first.saved).toHaveLength(1);
    expect(await ig.recover(p, target, ctxFor({ checkpoint: first.saved[0] }))).toBeNull();
    expect(fake.publishes).toBe(0);
  });

  it('answers the container id when the container is PUBLISHED but its media cannot be found (live: never send again)', async () => {
    fake.faults.push({ method: 'POST', path: /\/media_publish$/, dropAfter: true });
    const first = ctxFor();
    const p = post('Gone from the list', [files.image('gone.jpg')]);
    await failureOf(ig.publish(p, target, first));
    fake.igMedia.length = 0;
    const cp = first.saved.at(-1) as { containerId: string };
    expect(await ig.recover(p, target, ctxFor({ checkpoint: cp }))).toEqual({ platformPostId: cp.containerId, url: null });
  });

  it('answers null without a checkpoint', async () => {
    expect(await ig.recover(post('x', [files.image('n.jpg')]), target, ctxFor())).toBeNull();
  });
});

describe('Instagram rules (validatePost)', () => {
  it('catches what Instagram refuses: no media, PNG images, more than 10 items, over 2,200 characters, over 30 hashtags, a too-wide image', () => {
    const keys = (p: ReturnType<typeof post>) => validatePost('instagram', p).map((x) => x.message.key);
    expect(keys(post('text only'))).toContain('publish.mediaMissing');
    expect(keys(post('png', [{ ...files.image('x.png'), mime: 'image/png' }]))).toContain('publish.formatNotAccepted');
    expect(keys(post('many', Array.from({ length: 11 }, (_, i) => files.image(`m${i}.jpg`, 10))))).toContain('publish.tooManyMedia');
    expect(keys(post('a'.repeat(2201), [files.image('l.jpg', 10)]))).toContain('publish.textTooLong');
    expect(keys(post(Array.from({ length: 31 }, (_, i) => `#t${i}`).join(' '), [files.image('t.jpg', 10)]))).toContain('publish.tooManyHashtags');
    expect(keys(post('wide', [{ ...files.image('w.jpg', 10), width: 3000, height: 1000 }]))).toContain('publish.aspectOutOfRange');
    expect(validatePost('instagram', post('fine', [files.image('f.jpg', 10)]))).toEqual([]);
  });

  it('holds a 9:16 image to the feed\'s 4:5 … 1.91:1 range, but takes it as a Story', () => {
    const tall = { ...files.image('tall.jpg', 10), width: 1080, height: 1920 };
    expect(validatePost('instagram', post('feed', [tall])).map((x) => x.message.key)).toEqual(['publish.aspectOutOfRange']);
    expect(validatePost('instagram', post('story', [tall], { instagram: { kind: 'story' } }))).toEqual([]);
  });
});
