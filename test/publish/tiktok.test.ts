import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PostPayload } from '../../src/shared/publish/post.js';
import { MB, planChunks } from '../../src/workers/publish/tiktok/chunks.js';
import { createTikTokPublisher } from '../../src/workers/publish/tiktok/publisher.js';
import type { PublishTarget } from '../../src/workers/publish/types.js';
import { publisherFor } from '../../src/workers/publish/registry.js';
import { testPublishContext, failureOf } from './context.js';
import { startTikTokFake, type TikTokFake } from './fakes/tiktok.js';
import { scratchFiles, videoMedia, type ScratchFiles } from './media-files.js';

const target: PublishTarget = { platform: 'tiktok', accountId: 'open-id-1', targetId: null };
const publisher = createTikTokPublisher({ chunkBytes: 5 * MB, pollIntervalMs: 1_000 });

let files: ScratchFiles;
let fake: TikTokFake;
beforeAll(() => {
  files = scratchFiles();
});
afterAll(() => files.remove());
afterEach(async () => fake?.close());

function post(file: { path: string; data: Buffer }, tiktok: Partial<NonNullable<PostPayload['options']['tiktok']>> = {}): PostPayload {
  return {
    text: 'Night market #taipei',
    media: [videoMedia(file.path, file.data.length)],
    options: { tiktok: { mode: 'direct', privacy: 'PUBLIC_TO_EVERYONE', disableComment: false, disableDuet: false, disableStitch: false, ...tiktok } },
  };
}


describe('TikTok chunk plan (Media Transfer Guide rules)', () => {
  it('sends a file under 5 MB whole, and folds trailing bytes into the last chunk', () => {
    expect(planChunks(3 * MB)).toMatchObject({ chunkSize: 3 * MB, totalChunkCount: 1, ranges: [{ start: 0, end: 3 * MB - 1 }] });
    const plan = planChunks(50_000_123, 10_000_000);
    expect(plan.totalChunkCount).toBe(5);
    expect(plan.ranges.at(-1)).toEqual({ start: 40_000_000, end: 50_000_122 });
    // Over 64 MB always goes in several chunks, each 5–64 MB and the last ≤ 128 MB.
    const big = planChunks(4 * 1024 * MB);
    expect(big.totalChunkCount).toBeGreaterThan(1);
    expect(big.totalChunkCount).toBeLessThanOrEqual(1000);
    for (const r of big.ranges.slice(0, -1)) expect(r.end - r.start + 1).toBe(big.chunkSize);
    const last = big.ranges.at(-1)!;
    expect(last.end - last.start + 1).toBeLessThanOrEqual(128 * MB);
  });
});

describe('TikTok publisher', () => {
  it('uploads a file over 5 MB in ordered chunks with Content-Range, polls to PUBLISH_COMPLETE and answers the public id and URL', async () => {
    fake = await startTikTokFake({ script: { processingPolls: 2 } });
    const file = files.write('clip.mp4', 15 * MB + 777);
    const ctx = testPublishContext({ baseUrl: fake.url });
    const result = await publisher.publish(post(file), target, ctx);

    expect(fake.inits).toHaveLength(1);
    expect(fake.inits[0]!.sourceInfo).toEqual({ video_size: 15 * MB + 777, chunk_size: 5 * MB, total_chunk_count: 3 });
    expect(fake.inits[0]!.postInfo).toMatchObject({ title: 'Night market #taipei', privacy_level: 'PUBLIC_TO_EVERYONE' });
    expect(fake.chunks.map((c) => [c.start, c.end, c.total])).toEqual([
      [0, 5 * MB - 1, 15 * MB + 777],
      [5 * MB, 10 * MB - 1, 15 * MB + 777],
      [10 * MB, 15 * MB + 776, 15 * MB + 777],
    ]);
    expect(fake.chunks.every((c) => c.contentType === 'video/mp4')).toBe(true);
    expect(Buffer.concat(fake.inits[0]!.bytes).equals(file.data)).toBe(true);
    // Two PROCESSING polls, then the complete one.
    expect(fake.inits[0]!.polls).toBe(3);
    expect(fake.posts).toHaveLength(1);
    const postId = fake.posts[0]!.postId!;
    expect(result).toEqual({ platformPostId: postId, url: `https://www.tiktok.com/@kingjam.creator/video/${postId}` });
    // The publish_id was saved before the upload, for recovery.
    expect(ctx.saved[0]).toMatchObject({ publishId: fake.inits[0]!.publishId, videoSize: 15 * MB + 777 });
  });

  it('a failed chunk is a retry, and the retried attempt creates exactly one post', async () => {
    fake = await startTikTokFake({ script: { failChunk: { index: 1, status: 500 } } });
    const file = files.write('retry.mp4', 10 * MB + 5);
    const first = testPublishContext({ baseUrl: fake.url });
    const failure = await failureOf(publisher.publish(post(file), target, first));
    expect(failure.failure).toBe('retry');
    expect(fake.posts).toHaveLength(0);

    // The outbox's next attempt: recover from the checkpoint first, then publish only if that answered null.
    const second = testPublishContext({ baseUrl: fake.url, attempt: 2, checkpoint: first.saved.at(-1) });
    expect(await publisher.recover(post(file), target, second)).toBeNull();
    const result = await publisher.publish(post(file), target, second);
    expect(fake.posts).toHaveLength(1);
    expect(result.platformPostId).toBe(fake.posts[0]!.postId);
    expect(Buffer.concat(fake.inits[1]!.bytes).equals(file.data)).toBe(true);
  });

  it('recover() finds a post an interrupted attempt already sent, so it is not sent again', async () => {
    fake = await startTikTokFake();
    const file = files.write('sent.mp4', 6 * MB);
    const first = testPublishContext({ baseUrl: fake.url });
    const sent = await publisher.publish(post(file), target, first);
    const restarted = testPublishContext({ baseUrl: fake.url, attempt: 2, checkpoint: first.saved.at(-1) });
    expect(await publisher.recover(post(file), target, restarted)).toEqual(sent);
    expect(fake.inits).toHaveLength(1);
    expect(fake.posts).toHaveLength(1);
  });

  it('a private post has no public id: it answers the publish_id and no URL', async () => {
    fake = await startTikTokFake();
    const file = files.write('private.mp4', 2 * MB);
    const result = await publisher.publish(post(file, { privacy: 'SELF_ONLY' }), target, testPublishContext({ baseUrl: fake.url }));
    expect(fake.chunks).toHaveLength(1);
    expect(result).toEqual({ platformPostId: fake.inits[0]!.publishId, url: null });
  });

  it('inbox mode uses the inbox init and ends at SEND_TO_USER_INBOX without creator_info', async () => {
    fake = await startTikTokFake();
    const file = files.write('draft.mp4', 1 * MB);
    const result = await publisher.publish(post(file, { mode: 'inbox' }), target, testPublishContext({ baseUrl: fake.url }));
    expect(fake.calls).toContain('POST /v2/post/publish/inbox/video/init/');
    expect(fake.calls).not.toContain('POST /v2/post/publish/creator_info/query/');
    expect(fake.inits[0]!.postInfo).toBeNull();
    expect(result).toEqual({ platformPostId: fake.inits[0]!.publishId, url: null });
  });

  it('FAILED with a video problem is bad-post; with TikTok-side trouble it is retried', async () => {
    fake = await startTikTokFake({ script: { failReason: 'duration_check_failed' } });
    const file = files.write('bad.mp4', 1 * MB);
    const bad = await failureOf(publisher.publish(post(file), target, testPublishContext({ baseUrl: fake.url })));
    expect(bad.failure).toBe('bad-post');
    expect(bad.key).toBe('publish.video.tiktok.processingFailed');
    expect(bad.params).toEqual({ reason: 'duration_check_failed' });
    await fake.close();

    fake = await startTikTokFake({ script: { failReason: 'internal' } });
    const retry = await failureOf(publisher.publish(post(file), target, testPublishContext({ baseUrl: fake.url })));
    expect(retry.failure).toBe('retry');
  });

  it('preflight reports what creator_info refuses: a privacy level (saying unaudited apps post privately) and a video too long', async () => {
    fake = await startTikTokFake({ creator: { privacy_level_options: ['SELF_ONLY'], max_video_post_duration_sec: 60 } });
    const file = files.write('long.mp4', 1 * MB);
    const payload = post(file);
    payload.media[0]!.durationSeconds = 95;
    const problems = await publisher.preflight(payload, target, testPublishContext({ baseUrl: fake.url }));
    expect(problems).toEqual([
      { field: 'options.tiktok.privacy', message: { key: 'publish.video.tiktok.privacyNotAllowed', params: { privacy: 'PUBLIC_TO_EVERYONE', allowed: 'SELF_ONLY' } } },
      { field: 'media.0', message: { key: 'publish.video.tiktok.tooLongForCreator', params: { name: 'long.mp4', seconds: 95, max: 60 } } },
    ]);
    expect(fake.inits).toHaveLength(0);

    // What the creator allows passes.
    const ok = await publisher.preflight(post(file, { privacy: 'SELF_ONLY' }), target, testPublishContext({ baseUrl: fake.url }));
    expect(ok).toEqual([]);
  });

  it('classifies TikTok error codes', async () => {
    const file = files.write('err.mp4', 1 * MB);
    const cases: Array<[string, number, string]> = [
      ['access_token_invalid', 401, 'refresh-token'],
      ['scope_not_authorized', 401, 'disconnected'],
      ['rate_limit_exceeded', 429, 'retry'],
      ['spam_risk_too_many_posts', 403, 'bad-post'],
      ['privacy_level_option_mismatch', 400, 'bad-post'],
      ['internal_error', 500, 'retry'],
    ];
    for (const [code, status, expected] of cases) {
      fake = await startTikTokFake({ script: { error: { path: '/v2/post/publish/video/init/', status, code } } });
      const failure = await failureOf(publisher.publish(post(file), target, testPublishContext({ baseUrl: fake.url })));
      expect([code, failure.failure]).toEqual([code, expected]);
      expect(fake.posts).toHaveLength(0);
      await fake.close();
    }
    fake = await startTikTokFake({ script: { error: { path: '/v2/post/publish/video/init/', status: 403, code: 'spam_risk_too_many_posts' } } });
    const cap = await failureOf(publisher.publish(post(file), target, testPublishContext({ baseUrl: fake.url })));
    expect(cap.key).toBe('publish.video.tiktok.dailyCap');
  });

  it('a wrong token never reaches the message, and asks for a refresh', async () => {
    fake = await startTikTokFake();
    const file = files.write('token.mp4', 1 * MB);
    const failure = await failureOf(publisher.publish(post(file), target, testPublishContext({ baseUrl: fake.url, token: 'act.SECRET-expired' })));
    expect(failure.failure).toBe('refresh-token');
    expect(JSON.stringify(failure.toInfo())).not.toContain('SECRET');
  });

  it('targets() answers the user from /v2/user/info/', async () => {
    fake = await startTikTokFake();
    expect(await publisher.targets(testPublishContext({ baseUrl: fake.url }))).toEqual([{ targetId: null, displayName: 'KingJam Creator' }]);
    expect(fake.calls).toEqual(['GET /v2/user/info/']);
  });

  it('is registered for tiktok', async () => {
    expect((await publisherFor('tiktok')).platform).toBe('tiktok');
  });
});
