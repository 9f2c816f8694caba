import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PostPayload } from '../../src/shared/publish/post.js';
import type { PublishTarget } from '../../src/workers/publish/types.js';
import { createYouTubePublisher } from '../../src/workers/publish/youtube/publisher.js';
import { publisherFor } from '../../src/workers/publish/registry.js';
import { testPublishContext, failureOf } from './context.js';
import { startYouTubeFake, type YouTubeFake } from './fakes/youtube.js';
import { scratchFiles, videoMedia, type ScratchFiles } from './media-files.js';

const KiB = 1024;
const MiB = 1024 * KiB;
const target: PublishTarget = { platform: 'youtube', accountId: 'google-sub-1', targetId: null };
const publisher = createYouTubePublisher({ chunkBytes: 1 * MiB });

let files: ScratchFiles;
let fake: YouTubeFake;
beforeAll(() => {
  files = scratchFiles();
});
afterAll(() => files.remove());
afterEach(async () => fake?.close());

function post(file: { path: string; data: Buffer }, youtube: Partial<NonNullable<PostPayload['options']['youtube']>> = {}, media: Partial<PostPayload['media'][number]> = {}): PostPayload {
  return {
    title: 'Taipei at night',
    text: 'A walk through the night market.',
    media: [videoMedia(file.path, file.data.length, { width: 1920, height: 1080, ...media })],
    options: { youtube: { privacy: 'unlisted', short: false, categoryId: '19', tags: ['taipei'], ...youtube } },
  };
}


const chunkRanges = (f: YouTubeFake) => f.puts.map((p) => [p.range, p.outcome]);

describe('YouTube publisher', () => {
  it('resumes an upload broken mid-chunk from the 308 Range, ending with exactly the file and one video', async () => {
    const size = 3 * MiB + 512 * KiB + 1234;
    fake = await startYouTubeFake({ script: { cut: { chunk: 1, keepBytes: 300_000 } } });
    const file = files.write('walk.mp4', size);
    const ctx = testPublishContext({ baseUrl: fake.url });
    const result = await publisher.publish(post(file), target, ctx);

    expect(chunkRanges(fake)).toEqual([
      [`bytes 0-${MiB - 1}/${size}`, 308],
      [`bytes ${MiB}-${2 * MiB - 1}/${size}`, 'cut'],
      ['*', 308],
      [`bytes ${MiB + 300_000}-${2 * MiB + 300_000 - 1}/${size}`, 308],
      [`bytes ${2 * MiB + 300_000}-${3 * MiB + 300_000 - 1}/${size}`, 308],
      [`bytes ${3 * MiB + 300_000}-${size - 1}/${size}`, 200],
    ]);
    expect(fake.sessions).toHaveLength(1);
    expect(fake.videos).toHaveLength(1);
    expect(fake.videos[0]!.bytes.equals(file.data)).toBe(true);
    expect(fake.videos[0]!.resource).toEqual({
      snippet: { title: 'Taipei at night', description: 'A walk through the night market.', tags: ['taipei'], categoryId: '19' },
      status: { privacyStatus: 'unlisted', selfDeclaredMadeForKids: false },
    });
    expect(result).toEqual({ platformPostId: fake.videos[0]!.id, url: `https://www.youtube.com/watch?v=${fake.videos[0]!.id}` });
    // The offset Google reported after the break was checkpointed.
    expect(ctx.saved).toContainEqual(expect.objectContaining({ offset: MiB + 300_000 }));
  });

  it('a 5xx on a chunk asks where the upload stands and resumes', async () => {
    const size = 2 * MiB + 10;
    fake = await startYouTubeFake({ script: { failChunk: { chunk: 1, status: 503 } } });
    const file = files.write('flaky.mp4', size);
    await publisher.publish(post(file), target, testPublishContext({ baseUrl: fake.url }));
    expect(chunkRanges(fake)).toEqual([
      [`bytes 0-${MiB - 1}/${size}`, 308],
      [`bytes ${MiB}-${2 * MiB - 1}/${size}`, 503],
      ['*', 308],
      [`bytes ${MiB}-${2 * MiB - 1}/${size}`, 308],
      [`bytes ${2 * MiB}-${size - 1}/${size}`, 200],
    ]);
    expect(fake.videos).toHaveLength(1);
    expect(fake.videos[0]!.bytes.equals(file.data)).toBe(true);
  });

  it('a restarted attempt resumes from the checkpointed session instead of uploading again', async () => {
    const size = 3 * MiB + 77;
    fake = await startYouTubeFake();
    const file = files.write('restart.mp4', size);
    // The first attempt dies (the worker is stopped) once two chunks are in.
    const stop = new AbortController();
    const first = testPublishContext({ baseUrl: fake.url, signal: stop.signal });
    const save = first.saveCheckpoint.bind(first);
    first.saveCheckpoint = async (state) => {
      await save(state);
      if ((state as { offset: number }).offset >= 2 * MiB) stop.abort();
    };
    await expect(publisher.publish(post(file), target, first)).rejects.toThrow();
    expect(fake.videos).toHaveLength(0);

    const second = testPublishContext({ baseUrl: fake.url, attempt: 2, checkpoint: first.saved.at(-1) });
    expect(await publisher.recover(post(file), target, second)).toBeNull();
    const result = await publisher.publish(post(file), target, second);
    expect(fake.sessions).toHaveLength(1);
    const secondAttempt = fake.puts.slice(fake.puts.findIndex((p) => p.range === '*'));
    expect(secondAttempt.map((p) => p.range)).toEqual(['*', '*', `bytes ${2 * MiB}-${3 * MiB - 1}/${size}`, `bytes ${3 * MiB}-${size - 1}/${size}`]);
    expect(fake.videos).toHaveLength(1);
    expect(fake.videos[0]!.bytes.equals(file.data)).toBe(true);
    expect(result.platformPostId).toBe(fake.videos[0]!.id);

    // And once the upload finished, recover() answers the video instead of uploading a second one.
    const third = testPublishContext({ baseUrl: fake.url, attempt: 3, checkpoint: second.saved.at(-1) ?? first.saved.at(-1) });
    expect(await publisher.recover(post(file), target, third)).toEqual(result);
    expect(fake.videos).toHaveLength(1);
  });

  it('starts a new session when the saved one expired', async () => {
    fake = await startYouTubeFake();
    const file = files.write('expired.mp4', 512 * KiB);
    const first = testPublishContext({ baseUrl: fake.url });
    await publisher.publish(post(file), target, first);
    fake.sessions[0]!.expired = true;
    fake.videos.length = 0;
    const again = testPublishContext({ baseUrl: fake.url, attempt: 2, checkpoint: { ...(first.saved[0] as object), offset: 0 } });
    expect(await publisher.recover(post(file), target, again)).toBeNull();
    await publisher.publish(post(file), target, again);
    expect(fake.sessions).toHaveLength(2);
    expect(fake.videos).toHaveLength(1);
  });

  it('uploads a Short with #Shorts and answers its /shorts/ URL', async () => {
    fake = await startYouTubeFake();
    const file = files.write('short.mp4', 300 * KiB);
    const payload = post(file, { short: true }, { width: 1080, height: 1920, durationSeconds: 45 });
    expect(await publisher.preflight(payload, target, testPublishContext({ baseUrl: fake.url }))).toEqual([]);
    const result = await publisher.publish(payload, target, testPublishContext({ baseUrl: fake.url }));
    expect((fake.videos[0]!.resource.snippet as { title: string }).title).toBe('Taipei at night #Shorts');
    expect(result.url).toBe(`https://www.youtube.com/shorts/${fake.videos[0]!.id}`);
  });

  it('preflight refuses a Short that is horizontal or longer than 3 minutes, and a description over 5,000 bytes', async () => {
    fake = await startYouTubeFake();
    const file = files.write('wide.mp4', 1000);
    const payload = post(file, { short: true }, { width: 1920, height: 1080, durationSeconds: 200 });
    payload.text = '夜'.repeat(1700);
    const problems = await publisher.preflight(payload, target, testPublishContext({ baseUrl: fake.url }));
    expect(problems.map((p) => [p.field, p.message.key])).toEqual([
      ['text', 'publish.video.youtube.descriptionTooLong'],
      ['media.0', 'publish.video.youtube.shortNotVertical'],
      ['media.0', 'publish.video.youtube.shortTooLong'],
    ]);
    expect(problems[0]!.message.params).toEqual({ bytes: 5100, limit: 5000 });
  });

  it('preflight refuses a video over 15 minutes for a channel not allowed long uploads, and asks nothing for shorter ones', async () => {
    fake = await startYouTubeFake();
    const file = files.write('long.mp4', 1000);
    const problems = await publisher.preflight(post(file, {}, { durationSeconds: 20 * 60 + 5 }), target, testPublishContext({ baseUrl: fake.url }));
    expect(problems).toEqual([{ field: 'media.0', message: { key: 'publish.video.youtube.longUploadsNotAllowed', params: { name: 'long.mp4', minutes: 21 } } }]);
    fake.channels[0]!.longUploadsStatus = 'allowed';
    expect(await publisher.preflight(post(file, {}, { durationSeconds: 20 * 60 + 5 }), target, testPublishContext({ baseUrl: fake.url }))).toEqual([]);
  });

  it('a media file that is gone is bad-post before anything is sent', async () => {
    fake = await startYouTubeFake();
    const failure = await failureOf(publisher.publish(post({ path: `${files.dir}/gone.mp4`, data: Buffer.alloc(10) }), target, testPublishContext({ baseUrl: fake.url })));
    expect([failure.failure, failure.key, failure.params]).toEqual(['bad-post', 'publish.video.fileMissing', { name: 'gone.mp4' }]);
    expect(fake.sessions).toHaveLength(0);
  });

  it('classifies Google errors: 401, quotaExceeded, uploadLimitExceeded, youtubeSignupRequired', async () => {
    const file = files.write('err.mp4', 1000);
    fake = await startYouTubeFake();
    const expired = await failureOf(publisher.publish(post(file), target, testPublishContext({ baseUrl: fake.url, token: 'ya29.SECRET' })));
    expect(expired.failure).toBe('refresh-token');
    expect(JSON.stringify(expired.toInfo())).not.toContain('SECRET');
    await fake.close();

    const cases: Array<[number, string, string, string]> = [
      [403, 'quotaExceeded', 'bad-post', 'publish.video.youtube.quotaExceeded'],
      [400, 'uploadLimitExceeded', 'bad-post', 'publish.video.youtube.uploadLimit'],
      [401, 'youtubeSignupRequired', 'disconnected', 'publish.video.youtube.noChannel'],
      [403, 'forbidden', 'disconnected', 'publish.platform.disconnected'],
      [400, 'invalidCategoryId', 'bad-post', 'publish.platform.rejected'],
      [503, 'backendError', 'retry', 'publish.platform.unavailable'],
    ];
    for (const [status, reason, klass, key] of cases) {
      fake = await startYouTubeFake({ script: { startError: { status, reason, message: `${reason} happened` } } });
      const failure = await failureOf(publisher.publish(post(file), target, testPublishContext({ baseUrl: fake.url })));
      expect([reason, failure.failure, failure.key]).toEqual([reason, klass, key]);
      expect(fake.videos).toHaveLength(0);
      await fake.close();
    }
  });

  it('targets() lists the channel from channels?mine=true', async () => {
    fake = await startYouTubeFake();
    expect(await publisher.targets(testPublishContext({ baseUrl: fake.url }))).toEqual([{ targetId: null, displayName: 'KingJam Channel' }]);
  });

  it('is registered for youtube', async () => {
    expect((await publisherFor('youtube')).platform).toBe('youtube');
  });
});
