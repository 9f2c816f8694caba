import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { validatePost } from '../../src/shared/publish/validate.js';
import { facebookPublisher as fb } from '../../src/workers/publish/meta/facebook.js';
import { publisherFor } from '../../src/workers/publish/registry.js';
import type { PublishTarget } from '../../src/workers/publish/types.js';
import { testPublishContext } from './context.js';
import { expiredTokenAnswer, graphErrorAnswer } from './fakes/graph-common.js';
import { startFakeMetaGraph, type FakeMetaGraph } from './fakes/meta-graph.js';
import { failureOf } from './context.js';
import { mediaDir, post } from './meta-fixtures.js';

const PAGE = '1000001';
const PAGE_TOKEN = 'page-token-1';
const target: PublishTarget = { platform: 'facebook', accountId: 'meta-user-1', targetId: PAGE };

let fake: FakeMetaGraph;
const files = mediaDir();
const ctxFor = (o: { checkpoint?: unknown } = {}) => testPublishContext({ baseUrl: fake.url, token: fake.userToken, ...o });

beforeEach(async () => {
  fake = await startFakeMetaGraph();
});
afterEach(async () => {
  await fake.close();
});
afterAll(() => files.remove());

/** Every call to the Page's own edges, and which token it carried. */
const pageCalls = () => fake.calls.filter((c) => c.path.startsWith(`/${PAGE}/`) || c.path.startsWith(`/${PAGE}_`));

describe('Facebook targets', () => {
  it('lists every Page the user manages, across /me/accounts pages', async () => {
    expect(await (await publisherFor('facebook')).targets(ctxFor())).toEqual([
      { targetId: '1000001', displayName: 'Tea House' },
      { targetId: '1000002', displayName: 'No Instagram Page' },
      { targetId: '1000003', displayName: 'Noodle Bar' },
    ]);
  });
});

describe('Facebook publishing', () => {
  it('posts text with a link to /feed with the Page token (never the user token) and answers the post id and permalink_url', async () => {
    const ctx = ctxFor();
    const out = await fb.publish(post('New menu is out', [], { facebook: { link: 'https://teahouse.example/menu' } }), target, ctx);
    const [feed] = fake.callsTo('POST', /^\/1000001\/feed$/);
    expect(feed?.params).toMatchObject({ message: 'New menu is out', link: 'https://teahouse.example/menu', access_token: PAGE_TOKEN });
    expect(pageCalls().every((c) => c.params.access_token === PAGE_TOKEN)).toBe(true);
    expect(fake.posts).toHaveLength(1);
    expect(out).toEqual({ platformPostId: fake.posts[0]!.id, url: fake.posts[0]!.permalink_url });
    expect(ctx.saved).toEqual([expect.objectContaining({ step: 'feed', pageId: PAGE })]);
  });

  it('uploads one photo as multipart `source` to /photos and answers its post_id', async () => {
    const image = files.image('one.jpg', 5000);
    const out = await fb.publish(post('One photo', [image]), target, ctxFor());
    const [upload] = fake.callsTo('POST', /^\/1000001\/photos$/);
    expect(upload?.files.source).toEqual({ name: 'one.jpg', type: 'image/jpeg', bytes: 5000 });
    expect(upload?.params).toMatchObject({ message: 'One photo', access_token: PAGE_TOKEN });
    expect(fake.publishes).toBe(1);
    expect(out.platformPostId).toBe(fake.posts[0]!.id);
    expect(out.url).toBe(fake.posts[0]!.permalink_url);
  });

  it('posts several photos: each uploaded unpublished, then one /feed post with attached_media in order', async () => {
    const media = [files.image('p1.jpg', 1000), files.image('p2.jpg', 2000), files.image('p3.jpg', 3000)];
    await fb.publish(post('Album', media), target, ctxFor());
    const uploads = fake.callsTo('POST', /^\/1000001\/photos$/);
    expect(uploads.map((u) => [u.params.published, u.files.source?.bytes])).toEqual([
      ['false', 1000],
      ['false', 2000],
      ['false', 3000],
    ]);
    const [feed] = fake.callsTo('POST', /^\/1000001\/feed$/);
    const photoIds = [...fake.photos.keys()];
    expect([0, 1, 2].map((i) => JSON.parse(feed!.params[`attached_media[${i}]`]!))).toEqual(photoIds.map((id) => ({ media_fbid: id })));
    expect(fake.publishes).toBe(1);
    expect(fake.posts[0]!.photos).toEqual(photoIds);
  });

  it('uploads a video to /videos with its description and answers an absolute permalink', async () => {
    const out = await fb.publish(post('Watch this', [files.video('v.mp4', 8000)]), target, ctxFor());
    const [upload] = fake.callsTo('POST', /^\/1000001\/videos$/);
    expect(upload?.files.source).toEqual({ name: 'v.mp4', type: 'video/mp4', bytes: 8000 });
    expect(upload?.params.description).toBe('Watch this');
    expect(out).toEqual({ platformPostId: fake.posts[0]!.video!.id, url: `https://www.facebook.com/1000001/videos/${fake.posts[0]!.video!.id}/` });
  });

  it('a Page the user does not manage (no Page token) is disconnected, and nothing is posted', async () => {
    fake.faults.push({ method: 'GET', path: /^\/1000001$/, answer: { status: 200, body: { id: PAGE } } });
    const f = await failureOf(fb.publish(post('x'), target, ctxFor()));
    expect([f.failure, f.key]).toEqual(['disconnected', 'publish.meta.pageNotManaged']);
    expect(fake.publishes).toBe(0);
  });

  it('an answer it cannot read is retried, and a Page token in it never reaches the error', async () => {
    fake.faults.push({ method: 'GET', path: /^\/1000001$/, answer: { status: 200, body: { id: 1000001, access_token: 'secret-page-token' } } });
    const f = await failureOf(fb.publish(post('x'), target, ctxFor()));
    expect([f.failure, f.key]).toEqual(['retry', 'publish.meta.unexpected']);
    expect(JSON.stringify(f.toInfo())).not.toContain('secret-page-token');
  });

  it.each([4, 17, 32, 613])('code %i on /feed is retried after the business-use-case estimate', async (code) => {
    fake.faults.push({
      method: 'POST',
      path: /\/feed$/,
      answer: graphErrorAnswer(400, code, 'User request limit reached', undefined, {
        'x-business-use-case-usage': JSON.stringify({ [PAGE]: [{ type: 'pages', call_count: 100, total_cputime: 30, total_time: 40, estimated_time_to_regain_access: 12 }] }),
      }),
    });
    const f = await failureOf(fb.publish(post('Busy'), target, ctxFor()));
    expect([f.failure, f.retryAfterMs]).toEqual(['retry', 12 * 60_000]);
    expect(fake.publishes).toBe(0);
  });

  it('code 190 asks for a token refresh', async () => {
    fake.faults.push({ method: 'GET', path: /^\/1000001$/, answer: expiredTokenAnswer() });
    const f = await failureOf(fb.publish(post('x'), target, ctxFor()));
    expect(f.failure).toBe('refresh-token');
    expect(f.message).not.toContain(fake.userToken);
  });

  it('a permission error (#200) is disconnected', async () => {
    fake.faults.push({ method: 'POST', path: /\/feed$/, answer: graphErrorAnswer(403, 200, '(#200) The user hasn\'t authorized the application to perform this action') });
    expect((await failureOf(fb.publish(post('x'), target, ctxFor()))).failure).toBe('disconnected');
  });

  it('an invalid parameter (code 100) is a bad post with Facebook\'s words', async () => {
    fake.faults.push({ method: 'POST', path: /\/feed$/, answer: graphErrorAnswer(400, 100, '(#100) The parameter link is not a valid URL') });
    const f = await failureOf(fb.publish(post('x'), target, ctxFor()));
    expect([f.failure, f.key, f.params?.detail]).toEqual(['bad-post', 'publish.meta.rejected', '(#100) The parameter link is not a valid URL']);
  });

  it('preflight refuses two videos in one post, and a link next to media', async () => {
    const problems = await fb.preflight(post('two', [files.video('a.mp4'), files.video('b.mp4')], { facebook: { link: 'https://teahouse.example/' } }), target, ctxFor());
    expect(problems.map((p) => [p.field, p.message.key])).toEqual([
      ['media', 'publish.meta.oneVideo'],
      ['options.facebook.link', 'publish.meta.linkWithMedia'],
    ]);
    expect(await fb.preflight(post('one', [files.video('c.mp4')]), target, ctxFor())).toEqual([]);
  });
});

describe('Facebook recover (never twice)', () => {
  it('after a crash between the /feed POST and the caller, finds the post among published_posts and posts nothing more', async () => {
    fake.faults.push({ method: 'POST', path: /\/feed$/, dropAfter: true });
    const first = ctxFor();
    const p = post('Crash on the feed');
    expect((await failureOf(fb.publish(p, target, first))).failure).toBe('retry');
    expect(fake.publishes).toBe(1);
    const found = await fb.recover(p, target, ctxFor({ checkpoint: first.saved.at(-1) }));
    expect(found).toEqual({ platformPostId: fake.posts[0]!.id, url: fake.posts[0]!.permalink_url });
    expect(fake.publishes).toBe(1);
    expect(fake.callsTo('GET', /published_posts$/)[0]?.params.access_token).toBe(PAGE_TOKEN);
  });

  it('finds a video an interrupted attempt uploaded', async () => {
    fake.faults.push({ method: 'POST', path: /\/videos$/, dropAfter: true });
    const first = ctxFor();
    const p = post('Crash on the video', [files.video('cv.mp4')]);
    await failureOf(fb.publish(p, target, first));
    const found = await fb.recover(p, target, ctxFor({ checkpoint: first.saved.at(-1) }));
    expect(found?.platformPostId).toBe(fake.posts[0]!.video!.id);
    expect(fake.publishes).toBe(1);
  });

  it('answers null when the post never reached the Page, even if an older post has the same text', async () => {
    await fb.publish(post('Same words'), target, ctxFor());
    const old = fake.posts[0]!;
    old.created_time = '2026-01-01T00:00:00+0000';
    fake.faults.push({ method: 'POST', path: /\/feed$/, answer: graphErrorAnswer(500, 2, 'Service temporarily unavailable') });
    const first = ctxFor();
    await failureOf(fb.publish(post('Same words'), target, first));
    expect(await fb.recover(post('Same words'), target, ctxFor({ checkpoint: first.saved.at(-1) }))).toBeNull();
  });
});

describe('Facebook rules (validatePost)', () => {
  it('catches mixed photos and video, more than 10 items, an empty post and a video over the non-resumable upload\'s 1 GB', () => {
    const keys = (p: ReturnType<typeof post>) => validatePost('facebook', p).map((x) => x.message.key);
    expect(keys(post('mix', [files.image('mi.jpg', 10), files.video('mv.mp4', 10)]))).toContain('publish.mixedMedia');
    expect(keys(post('many', Array.from({ length: 11 }, (_, i) => files.image(`f${i}.jpg`, 10))))).toContain('publish.tooManyMedia');
    expect(keys(post('  '))).toContain('publish.textEmpty');
    expect(keys(post('big', [{ ...files.video('big.mp4', 10), bytes: 2 * 1024 ** 3 }]))).toContain('publish.fileTooLarge');
    expect(keys(post('long', [{ ...files.video('long.mp4', 10), durationSeconds: 25 * 60 }]))).toContain('publish.videoTooLong');
    expect(validatePost('facebook', post('text only is fine'))).toEqual([]);
  });
});
