import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PostMedia, PostPayload } from '../../src/shared/publish/post.js';
import { validatePost } from '../../src/shared/publish/validate.js';
import { retryKeyOf } from '../../src/workers/publish/line/api.js';
import { linePublisher } from '../../src/workers/publish/line/index.js';
import { publisherFor } from '../../src/workers/publish/registry.js';
import type { PublishTarget } from '../../src/workers/publish/types.js';
import { makeVideo } from '../helpers/media.js';
import { startTestRelay, testPublishContext, type TestRelay, failureOf } from './context.js';
import { startLineFake, type LineFake } from './fakes/line.js';

const target: PublishTarget = { platform: 'line', accountId: 'U' + 'a'.repeat(32), targetId: null };
const USER_1 = `U${'1'.repeat(32)}`;
const USER_2 = `U${'2'.repeat(32)}`;
const JPEG_MAGIC = Buffer.from([0xff, 0xd8, 0xff]);

let dir: string;
let bigImage: PostMedia;
let video: PostMedia;
let relay: TestRelay;
let line: LineFake;

function post(over: Partial<PostPayload> = {}): PostPayload {
  return { text: '新品上市！Fresh beans today ☕', media: [], options: {}, ...over };
}


beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'line-test-'));
  // Noise compresses badly: a 1800 px PNG is several MB, so the preview must be made smaller than 1 MB.
  const imagePath = path.join(dir, 'beans.png');
  await sharp({ create: { width: 1800, height: 1800, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 60 } } }).png().toFile(imagePath);
  bigImage = { path: imagePath, kind: 'image', mime: 'image/png', bytes: fs.statSync(imagePath).size, width: 1800, height: 1800, durationSeconds: null };
  const videoPath = makeVideo(path.join(dir, 'pour.mp4'), 2);
  video = { path: videoPath, kind: 'video', mime: 'video/mp4', bytes: fs.statSync(videoPath).size, width: 160, height: 120, durationSeconds: 2 };
  relay = await startTestRelay();
});

afterAll(async () => {
  await relay.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

beforeEach(async () => {
  line = await startLineFake();
});

afterEach(async () => {
  await line.close();
});

const ctxFor = (over: { postId?: string; token?: string; checkpoint?: unknown } = {}) => testPublishContext({ baseUrl: line.url, token: line.token, relay, ...over });

describe('LINE publisher: sends', () => {
  it('is the registry entry for line', async () => {
    expect(await publisherFor('line')).toBe(linePublisher);
  });

  it('broadcasts the text and an image in one request with the post retry key, the preview a JPEG under 1 MB', async () => {
    expect(bigImage.bytes).toBeGreaterThan(1024 * 1024);
    const ctx = ctxFor();
    const published = await linePublisher.publish(post({ media: [bigImage] }), target, ctx);

    expect(line.requests).toHaveLength(1);
    const [sent] = line.requests;
    expect(sent!.path).toBe('/v2/bot/message/broadcast');
    expect(sent!.retryKey).toBe(retryKeyOf(ctx.postId));
    expect(sent!.body.to).toBeUndefined();
    expect(sent!.body.messages.map((m) => m.type)).toEqual(['text', 'image']);
    expect(sent!.body.messages[0]).toEqual({ type: 'text', text: '新品上市！Fresh beans today ☕' });
    expect(published).toEqual({ platformPostId: sent!.requestId, url: null });

    // LINE fetched both through the relay: the original as it is, the preview as a JPEG ≤ 1 MB.
    const image = sent!.body.messages[1] as { originalContentUrl: string; previewImageUrl: string };
    const original = line.media.find((m) => m.url === image.originalContentUrl)!;
    const preview = line.media.find((m) => m.url === image.previewImageUrl)!;
    expect(original).toMatchObject({ status: 200, contentType: 'image/png', bytes: bigImage.bytes });
    expect(preview.status).toBe(200);
    expect(preview.contentType).toBe('image/jpeg');
    expect(preview.head.subarray(0, 3)).toEqual(JPEG_MAGIC);
    expect(preview.bytes).toBeLessThanOrEqual(1024 * 1024);
    expect(relay.fetches.get(image.originalContentUrl)).toBe(1);
    // The checkpoint ends with the accepted id, so recover() answers it after a crash.
    expect(ctx.saved.at(-1)).toMatchObject({ acceptedRequestId: sent!.requestId });
  });

  it('sends a video with a preview frame made by ffmpeg', async () => {
    await linePublisher.publish(post({ text: '', media: [video] }), target, ctxFor());
    const [sent] = line.delivered;
    const message = sent!.body.messages[0] as { type: string; originalContentUrl: string; previewImageUrl: string };
    expect(message.type).toBe('video');
    expect(line.media.find((m) => m.url === message.originalContentUrl)).toMatchObject({ contentType: 'video/mp4', bytes: video.bytes });
    const preview = line.media.find((m) => m.url === message.previewImageUrl)!;
    expect(preview.head.subarray(0, 3)).toEqual(JPEG_MAGIC);
    expect(preview.bytes).toBeGreaterThan(0);
  });

  it('pushes to one user and multicasts to several, each in one request', async () => {
    await linePublisher.publish(post({ options: { line: { mode: 'push', to: [USER_1] } } }), target, ctxFor());
    await linePublisher.publish(post({ options: { line: { mode: 'push', to: [USER_1, USER_2] } } }), target, ctxFor());
    expect(line.delivered.map((r) => [r.path, r.body.to])).toEqual([
      ['/v2/bot/message/push', USER_1],
      ['/v2/bot/message/multicast', [USER_1, USER_2]],
    ]);
  });

  it('refuses a push without recipients before sending anything', async () => {
    const noOne = post({ options: { line: { mode: 'push', to: [] } } });
    const f = await failureOf(linePublisher.publish(noOne, target, ctxFor()));
    expect(f.failure).toBe('bad-post');
    expect(f.key).toBe('publish.rest.line.noRecipients');
    expect(await linePublisher.preflight(noOne, target, ctxFor())).toEqual([{ field: 'options.line.to', message: { key: 'publish.rest.line.noRecipients' } }]);
    expect(line.requests).toHaveLength(0);
  });
});

describe('LINE publisher: never twice', () => {
  it('a retry of a send whose answer was lost is answered 409 and counts as published; the fake delivered once', async () => {
    const postId = 'post-line-lost-answer';
    line.loseNextAnswer = true;
    const first = await failureOf(linePublisher.publish(post(), target, ctxFor({ postId })));
    expect(first.failure).toBe('retry');
    expect(line.delivered).toHaveLength(1);

    // A new attempt (a restarted worker: the checkpoint has no accepted id) sends again with the same key.
    const again = await linePublisher.publish(post(), target, ctxFor({ postId }));
    expect(line.requests.map((r) => r.retryKey)).toEqual([retryKeyOf(postId), retryKeyOf(postId)]);
    expect(line.delivered).toHaveLength(1);
    expect(again).toEqual({ platformPostId: line.delivered[0]!.requestId, url: null });
  });

  it('the retry key is the same for every attempt of a post and differs between posts', () => {
    expect(retryKeyOf('a')).toBe(retryKeyOf('a'));
    expect(retryKeyOf('a')).not.toBe(retryKeyOf('b'));
    expect(retryKeyOf('a')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('recover answers the accepted id from the checkpoint, and null without one (a resend is safe)', async () => {
    const ctx = ctxFor({ checkpoint: { retryKey: retryKeyOf('p'), firstSentAt: Date.now(), acceptedRequestId: 'req-1' } });
    expect(await linePublisher.recover(post(), target, ctx)).toEqual({ platformPostId: 'req-1', url: null });
    expect(await linePublisher.recover(post(), target, ctxFor({ checkpoint: { retryKey: retryKeyOf('p'), firstSentAt: Date.now(), acceptedRequestId: null } }))).toBeNull();
    expect(await linePublisher.recover(post(), target, ctxFor())).toBeNull();
  });

  it('does not resend an unanswered send once LINE has forgotten its retry key (24 h)', async () => {
    const stale = { retryKey: retryKeyOf('p'), firstSentAt: Date.now() - 25 * 3600_000, acceptedRequestId: null };
    const f = await failureOf(linePublisher.publish(post(), target, ctxFor({ postId: 'p', checkpoint: stale })));
    expect(f.failure).toBe('bad-post');
    expect(f.key).toBe('publish.rest.line.retryKeyExpired');
    expect(line.requests).toHaveLength(0);
  });
});

describe('LINE publisher: errors', () => {
  it('a rate limit (429) is retried; the monthly limit (also 429) is the plan: bad-post', async () => {
    line.failNext.push({ status: 429, body: { message: 'The API rate limit has been exceeded. Try again later.' } });
    const limited = await failureOf(linePublisher.publish(post(), target, ctxFor()));
    expect(limited.failure).toBe('retry');

    line.failNext.push({ status: 429, body: { message: 'You have reached your monthly limit.' } });
    const monthly = await failureOf(linePublisher.publish(post(), target, ctxFor()));
    expect(monthly.failure).toBe('bad-post');
    expect(monthly.toInfo()).toMatchObject({ key: 'publish.rest.line.monthlyLimit', params: { detail: 'You have reached your monthly limit.' } });
    expect(line.delivered).toHaveLength(0);
  });

  it('a refused channel token is disconnected (it does not refresh), and the token never shows in the error', async () => {
    const f = await failureOf(linePublisher.publish(post(), target, ctxFor({ token: 'wrong-secret-token' })));
    expect(f.failure).toBe('disconnected');
    expect(f.key).toBe('publish.rest.line.tokenInvalid');
    expect(JSON.stringify({ ...f.toInfo(), stack: f.stack })).not.toContain('wrong-secret-token');
    const t = await failureOf(linePublisher.targets(ctxFor({ token: 'wrong-secret-token' })));
    expect(t.failure).toBe('disconnected');
  });

  it('a 400 names the property LINE refused', async () => {
    const f = await failureOf(linePublisher.publish(post({ text: '🍎'.repeat(2600) }), target, ctxFor()));
    expect(f.failure).toBe('bad-post');
    expect(f.toInfo()).toMatchObject({ key: 'publish.rest.line.rejected', params: { property: 'messages[0].text' } });
  });

  it('a 5xx is retried', async () => {
    line.failNext.push({ status: 500, body: { message: 'An error occurred in the internal server' } });
    expect((await failureOf(linePublisher.publish(post(), target, ctxFor()))).failure).toBe('retry');
  });
});

describe('LINE rules', () => {
  it('counts text in UTF-16 units as LINE does: 2,600 emoji are 5,200 and too long', () => {
    expect(validatePost('line', post({ text: '🍎'.repeat(2600) }))).toEqual([{ field: 'text', message: { key: 'publish.textTooLong', params: { platform: 'LINE', count: 5200, limit: 5000 } } }]);
    expect(validatePost('line', post({ text: '🍎'.repeat(2500) }))).toEqual([]);
  });
});

describe('LINE publisher: targets and quota', () => {
  it('targets() names the official account', async () => {
    expect(await linePublisher.targets(ctxFor())).toEqual([{ targetId: null, displayName: 'KingJam Café (@123abcde)' }]);
  });

  it('preflight refuses a broadcast the month quota cannot cover, and passes one it can', async () => {
    line.quota = { type: 'limited', value: 200 };
    line.totalUsage = 150; // 50 left; the broadcast reaches 120 − 20 blocked = 100 friends
    expect(await linePublisher.preflight(post(), target, ctxFor())).toEqual([{ field: 'options.line', message: { key: 'publish.rest.line.quotaShort', params: { needed: 100, remaining: 50 } } }]);
    // A push to two users needs two.
    expect(await linePublisher.preflight(post({ options: { line: { mode: 'push', to: [USER_1, USER_2] } } }), target, ctxFor())).toEqual([]);
    line.quota = { type: 'none' };
    expect(await linePublisher.preflight(post(), target, ctxFor())).toEqual([]);
  });
});
