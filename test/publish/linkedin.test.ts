import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PostPayload } from '../../src/shared/publish/post.js';
import { LINKEDIN_VERSION, littleText } from '../../src/workers/publish/linkedin/api.js';
import { createLinkedInPublisher } from '../../src/workers/publish/linkedin/publisher.js';
import type { PublishTarget } from '../../src/workers/publish/types.js';
import { publisherFor } from '../../src/workers/publish/registry.js';
import { testPublishContext, failureOf } from './context.js';
import { startLinkedInFake, type LinkedInFake } from './fakes/linkedin.js';
import { imageMedia, scratchFiles, videoMedia, type ScratchFiles } from './media-files.js';

const MiB = 1024 * 1024;
const target: PublishTarget = { platform: 'linkedin', accountId: 'abC123xyZ', targetId: null };
const publisher = createLinkedInPublisher({ pollIntervalMs: 1_000 });

let files: ScratchFiles;
let fake: LinkedInFake;
beforeAll(() => {
  files = scratchFiles();
});
afterAll(() => files.remove());
afterEach(async () => fake?.close());

function post(text: string, media: PostPayload['media'] = []): PostPayload {
  return { text, media, options: { linkedin: { visibility: 'PUBLIC' } } };
}


/** Every /rest/ call carried the versioned headers. */
function expectVersionedHeaders(f: LinkedInFake): void {
  const rest = f.calls.filter((c) => c.path.startsWith('/rest/'));
  expect(rest.length).toBeGreaterThan(0);
  for (const c of rest) expect([c.path, c.version, c.restli]).toEqual([c.path, LINKEDIN_VERSION, '2.0.0']);
}

describe('LinkedIn little text', () => {
  it('escapes reserved characters and turns #tags into hashtag elements', () => {
    expect(littleText('Launch (beta) #AI @home_base, 50% off!')).toBe('Launch \\(beta\\) {hashtag|\\#|AI} \\@home\\_base, 50% off!');
    expect(littleText('台北 #夜市 [1]')).toBe('台北 {hashtag|\\#|夜市} \\[1\\]');
  });
});

describe('LinkedIn publisher', () => {
  it('posts several images: initializeUpload, PUT each, then one multiImage post whose id is x-restli-id', async () => {
    fake = await startLinkedInFake();
    const a = files.write('a.jpg', 40_000);
    const b = files.write('b.png', 50_000);
    const result = await publisher.publish(post('Two photos #taipei', [imageMedia(a.path, 40_000, { altText: 'Lanterns' }), imageMedia(b.path, 50_000, { mime: 'image/png' })]), target, testPublishContext({ baseUrl: fake.url }));

    const urns = [...fake.images.keys()];
    expect(urns).toHaveLength(2);
    expect(fake.images.get(urns[0]!)!.equals(a.data)).toBe(true);
    expect(fake.images.get(urns[1]!)!.equals(b.data)).toBe(true);
    expect(fake.posts).toHaveLength(1);
    expect(fake.posts[0]!.body).toEqual({
      author: 'urn:li:person:abC123xyZ',
      commentary: 'Two photos {hashtag|\\#|taipei}',
      visibility: 'PUBLIC',
      distribution: { feedDistribution: 'MAIN_FEED', targetEntities: [], thirdPartyDistributionChannels: [] },
      content: { multiImage: { images: [{ id: urns[0], altText: 'Lanterns' }, { id: urns[1] }] } },
      lifecycleState: 'PUBLISHED',
      isReshareDisabledByAuthor: false,
    });
    expect(result).toEqual({ platformPostId: fake.posts[0]!.id, url: `https://www.linkedin.com/feed/update/${fake.posts[0]!.id}/` });
    expectVersionedHeaders(fake);
  });

  it('posts one image as content.media and text alone without content', async () => {
    fake = await startLinkedInFake();
    const a = files.write('one.jpg', 10_000);
    await publisher.publish(post('One photo', [imageMedia(a.path, 10_000)]), target, testPublishContext({ baseUrl: fake.url }));
    await publisher.publish(post('Just words'), target, testPublishContext({ baseUrl: fake.url }));
    expect(fake.posts[0]!.body.content).toEqual({ media: { id: [...fake.images.keys()][0] } });
    expect(fake.posts[1]!.body).not.toHaveProperty('content');
  });

  it('uploads a video in the parts LinkedIn gives, finalizes with their ETags in order, waits for AVAILABLE, then posts it', async () => {
    fake = await startLinkedInFake({ partBytes: 1 * MiB, script: { processingPolls: 2 } });
    const v = files.write('clip.mp4', 2 * MiB + 321);
    const result = await publisher.publish(post('A clip', [videoMedia(v.path, v.data.length)]), target, testPublishContext({ baseUrl: fake.url }));

    const video = fake.videos[0]!;
    expect(video.size).toBe(2 * MiB + 321);
    expect(video.parts.map((p) => [p.firstByte, p.lastByte])).toEqual([
      [0, MiB - 1],
      [MiB, 2 * MiB - 1],
      [2 * MiB, 2 * MiB + 320],
    ]);
    expect(Buffer.concat(video.parts.map((p) => p.bytes!)).equals(v.data)).toBe(true);
    expect(video.finalized).toBe(true);
    expect(video.polls).toBe(3);
    const order = fake.calls.map((c) => `${c.method} ${c.path.split('?')[0]}${c.path.includes('action=') ? `?${c.path.split('?')[1]}` : ''}`);
    expect(order.indexOf('POST /rest/videos?action=finalizeUpload')).toBeGreaterThan(order.lastIndexOf(`PUT /dms-uploads/video/${encodeURIComponent(video.urn)}/part/2`));
    expect(fake.posts[0]!.body.content).toEqual({ media: { id: video.urn } });
    expect(result.platformPostId).toBe(fake.posts[0]!.id);
    expectVersionedHeaders(fake);
  });

  it('a video LinkedIn cannot process is bad-post and nothing is posted', async () => {
    fake = await startLinkedInFake({ script: { videoFails: true } });
    const v = files.write('broken.mp4', 5000);
    const failure = await failureOf(publisher.publish(post('Broken', [videoMedia(v.path, 5000)]), target, testPublishContext({ baseUrl: fake.url })));
    expect([failure.failure, failure.key]).toEqual(['bad-post', 'publish.video.linkedin.videoFailed']);
    expect(fake.posts).toHaveLength(0);
  });

  it('classifies 401, 403, 422 and 429 on the post', async () => {
    const cases: Array<[number, string, string]> = [
      [401, 'INVALID_ACCESS_TOKEN', 'refresh-token'],
      [403, 'ACCESS_DENIED', 'disconnected'],
      [422, 'UNPROCESSABLE_ENTITY', 'bad-post'],
      [400, 'ILLEGAL_ARGUMENT', 'bad-post'],
      [429, 'TOO_MANY_REQUESTS', 'retry'],
      [500, 'INTERNAL_SERVER_ERROR', 'retry'],
    ];
    for (const [status, code, klass] of cases) {
      fake = await startLinkedInFake({ script: { error: { method: 'POST', path: '/rest/posts', status, code, message: `${code} said no` } } });
      const failure = await failureOf(publisher.publish(post('Hello'), target, testPublishContext({ baseUrl: fake.url })));
      expect([status, failure.failure]).toEqual([status, klass]);
      expect(fake.posts).toHaveLength(0);
      await fake.close();
    }
    fake = await startLinkedInFake();
    const expired = await failureOf(publisher.publish(post('Hello'), target, testPublishContext({ baseUrl: fake.url, token: 'AQV-SECRET' })));
    expect(expired.failure).toBe('refresh-token');
    expect(JSON.stringify(expired.toInfo())).not.toContain('SECRET');
  });

  it('a sunset LinkedIn-Version is reported as such', async () => {
    fake = await startLinkedInFake({ sunset: [LINKEDIN_VERSION] });
    const failure = await failureOf(publisher.publish(post('Hello'), target, testPublishContext({ baseUrl: fake.url })));
    expect([failure.failure, failure.key, failure.params]).toEqual(['bad-post', 'publish.video.linkedin.versionSunset', { version: LINKEDIN_VERSION }]);
  });

  it('a crash after LinkedIn accepted the post is recovered from the author’s posts, so it is posted once', async () => {
    fake = await startLinkedInFake({ script: { cutAfterPost: true } });
    const first = testPublishContext({ baseUrl: fake.url });
    const lost = await failureOf(publisher.publish(post('Recovered (really) #once'), target, first));
    expect(lost.failure).toBe('retry');
    expect(fake.posts).toHaveLength(1);

    const second = testPublishContext({ baseUrl: fake.url, attempt: 2, checkpoint: first.saved.at(-1) });
    const found = await publisher.recover(post('Recovered (really) #once'), target, second);
    expect(found).toEqual({ platformPostId: fake.posts[0]!.id, url: `https://www.linkedin.com/feed/update/${fake.posts[0]!.id}/` });
    expect(fake.calls.at(-1)!.path).toBe(`/rest/posts?author=${encodeURIComponent('urn:li:person:abC123xyZ')}&q=author&count=20&sortBy=LAST_MODIFIED`);
    expect(fake.posts).toHaveLength(1);
  });

  it('recover() answers null when the checkpointed post never arrived', async () => {
    fake = await startLinkedInFake();
    const checkpoint = { author: 'urn:li:person:abC123xyZ', commentary: 'Never sent', at: Date.now() };
    expect(await publisher.recover(post('Never sent'), target, testPublishContext({ baseUrl: fake.url, checkpoint }))).toBeNull();
  });

  it('without the right to read posts, a text post is sent again and LinkedIn’s duplicate answer names the one already posted', async () => {
    fake = await startLinkedInFake({ script: { cutAfterPost: true, denyFinder: true } });
    const first = testPublishContext({ baseUrl: fake.url });
    expect((await failureOf(publisher.publish(post('Only once'), target, first))).failure).toBe('retry');

    const second = testPublishContext({ baseUrl: fake.url, attempt: 2, checkpoint: first.saved.at(-1) });
    expect(await publisher.recover(post('Only once'), target, second)).toBeNull();
    const result = await publisher.publish(post('Only once'), target, second);
    expect(fake.posts).toHaveLength(1);
    expect(result.platformPostId).toBe(fake.posts[0]!.id);

    // The same text posted fresh (no earlier attempt of this post) is the user's duplicate to fix.
    const fresh = await failureOf(publisher.publish(post('Only once'), target, testPublishContext({ baseUrl: fake.url })));
    expect([fresh.failure, fresh.key]).toEqual(['bad-post', 'publish.video.linkedin.duplicate']);
  });

  it('without the right to read posts, a post with media asks the user instead of risking a second post', async () => {
    fake = await startLinkedInFake({ script: { denyFinder: true } });
    const image = files.write('maybe.jpg', 1000);
    const checkpoint = { author: 'urn:li:person:abC123xyZ', commentary: 'Maybe sent', at: Date.now() };
    const failure = await failureOf(publisher.recover(post('Maybe sent', [imageMedia(image.path, 1000)]), target, testPublishContext({ baseUrl: fake.url, checkpoint })));
    expect([failure.failure, failure.key]).toEqual(['bad-post', 'publish.video.linkedin.cannotVerify']);
  });

  it('preflight refuses two videos in one post and an image over 36,152,320 pixels', async () => {
    fake = await startLinkedInFake();
    const problems = await publisher.preflight(
      post('x', [videoMedia('/m/a.mp4', 1), videoMedia('/m/b.mp4', 1), imageMedia('/m/huge.jpg', 1, { width: 8000, height: 5000 })]),
      target,
      testPublishContext({ baseUrl: fake.url }),
    );
    expect(problems).toEqual([
      { field: 'media', message: { key: 'publish.video.linkedin.oneVideo', params: { count: 2 } } },
      { field: 'media.2', message: { key: 'publish.video.linkedin.tooManyPixels', params: { name: 'huge.jpg', width: 8000, height: 5000 } } },
    ]);
  });

  it('targets() answers the member from /v2/userinfo', async () => {
    fake = await startLinkedInFake();
    expect(await publisher.targets(testPublishContext({ baseUrl: fake.url }))).toEqual([{ targetId: null, displayName: 'Mei Lin' }]);
  });

  it('is registered for linkedin', async () => {
    expect((await publisherFor('linkedin')).platform).toBe('linkedin');
  });
});
