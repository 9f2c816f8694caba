import { say } from '../../../shared/messages.js';
import type { PostPayload, PostProblem } from '../../../shared/publish/post.js';
import { PublishFailure } from '../failure.js';
import { platformCall } from '../http.js';
import { fileSize } from '../media-file.js';
import type { PostingTarget, PublishContext, PublishedPost, Publisher } from '../types.js';
import { parseChannels, youtubeFailure } from './api.js';
import { DEFAULT_CHUNK_BYTES, CHUNK_UNIT, SessionExpired, querySession, sessionSchema, startSession, uploadFrom, type UploadSession } from './upload.js';

/**
 * YouTube (Data API v3): one video per post through a resumable upload
 * session that survives broken connections and restarted attempts; a Short
 * is a vertical or square video of at most 3 minutes.
 */

type YouTubeOptions = NonNullable<PostPayload['options']['youtube']>;
const DEFAULTS: YouTubeOptions = { privacy: 'private', short: false, categoryId: '22', tags: [] };

const SHORT_MAX_SECONDS = 180;
/** snippet.description is limited in bytes, not characters (a Chinese character is three). */
const DESCRIPTION_MAX_BYTES = 5000;
const SHORTS_TAG = '#Shorts';

export interface YouTubePublisherOptions {
  /** Bytes per PUT; rounded down to a multiple of 256 KiB as Google requires. */
  chunkBytes?: number;
}

const fileName = (path: string): string => path.split(/[\\/]/).pop() ?? path;

const LONG_UPLOAD_SECONDS = 15 * 60;

/** channels.list part=status: `allowed`, `eligible` (verify to allow), `disallowed` or `longUploadsUnspecified`. */
async function longUploadsStatus(ctx: PublishContext): Promise<string> {
  const answer = await platformCall(ctx, 'youtube', `${ctx.baseUrl}/youtube/v3/channels?part=status&mine=true`, { headers: { authorization: `Bearer ${ctx.token}` } });
  if (answer.status !== 200) throw youtubeFailure(answer);
  return parseChannels(answer).items[0]?.status?.longUploadsStatus ?? 'longUploadsUnspecified';
}

function videoUrl(id: string, short: boolean): string {
  return short ? `https://www.youtube.com/shorts/${id}` : `https://www.youtube.com/watch?v=${id}`;
}

/** The video resource sent when the session starts (snippet and status parts). */
function videoResource(post: PostPayload, opts: YouTubeOptions): unknown {
  let title = (post.title ?? '').trim();
  let description = post.text;
  if (opts.short && !/#shorts\b/i.test(`${title} ${description}`)) {
    if ([...title].length + SHORTS_TAG.length + 1 <= 100) title = `${title} ${SHORTS_TAG}`;
    else description = `${description}\n\n${SHORTS_TAG}`;
  }
  return {
    snippet: { title, description, tags: opts.tags, categoryId: opts.categoryId },
    status: { privacyStatus: opts.privacy, selfDeclaredMadeForKids: false },
  };
}

export function createYouTubePublisher(options: YouTubePublisherOptions = {}): Publisher {
  const chunkBytes = Math.max(CHUNK_UNIT, Math.floor((options.chunkBytes ?? DEFAULT_CHUNK_BYTES) / CHUNK_UNIT) * CHUNK_UNIT);

  async function upload(ctx: PublishContext, post: PostPayload, opts: YouTubeOptions): Promise<string> {
    const video = post.media.find((m) => m.kind === 'video');
    if (!video) throw new PublishFailure('bad-post', say('publish.mediaMissing', { platform: 'YouTube' }), 'YouTube: the post has no video');
    const size = await fileSize(video.path);
    const saved = sessionSchema.safeParse(ctx.checkpoint);
    // A restarted attempt resumes the session it saved (recover() already found it unfinished).
    if (saved.success && saved.data.videoSize === size) {
      try {
        const state = await querySession(ctx, saved.data);
        if ('done' in state) return state.done;
        return await uploadFrom(ctx, { ...saved.data, offset: state.offset }, video.path, video.mime, chunkBytes);
      } catch (err) {
        if (!(err instanceof SessionExpired)) throw err;
      }
    }
    const fresh = async (): Promise<string> => {
      const session: UploadSession = { sessionUrl: await startSession(ctx, videoResource(post, opts), size, video.mime), videoSize: size, offset: 0 };
      await ctx.saveCheckpoint(session);
      return uploadFrom(ctx, session, video.path, video.mime, chunkBytes);
    };
    try {
      return await fresh();
    } catch (err) {
      if (!(err instanceof SessionExpired)) throw err;
    }
    // The session expired mid-upload, so it never became a video: one more session, then give up for this attempt.
    try {
      return await fresh();
    } catch (err) {
      if (err instanceof SessionExpired) throw new PublishFailure('retry', say('publish.platform.unavailable', { platform: 'YouTube', status: 404 }), 'YouTube: the upload session expired twice');
      throw err;
    }
  }

  return {
    platform: 'youtube',

    async targets(ctx): Promise<PostingTarget[]> {
      const answer = await platformCall(ctx, 'youtube', `${ctx.baseUrl}/youtube/v3/channels?part=snippet&mine=true`, { headers: { authorization: `Bearer ${ctx.token}` } });
      if (answer.status !== 200) throw youtubeFailure(answer);
      const { items } = parseChannels(answer);
      if (items.length === 0) throw new PublishFailure('disconnected', say('publish.video.youtube.noChannel'), 'YouTube: the account has no channel');
      return items.map((c) => ({ targetId: null, displayName: c.snippet?.title || c.id }));
    },

    async preflight(post, _target, ctx): Promise<PostProblem[]> {
      const opts = { ...DEFAULTS, ...post.options.youtube };
      const problems: PostProblem[] = [];
      // Unverified channels may upload at most 15 minutes; only ask YouTube when the video is longer.
      const long = post.media.findIndex((m) => m.kind === 'video' && (m.durationSeconds ?? 0) > LONG_UPLOAD_SECONDS);
      if (long >= 0 && (await longUploadsStatus(ctx)) !== 'allowed') {
        const m = post.media[long]!;
        problems.push({ field: `media.${long}`, message: say('publish.video.youtube.longUploadsNotAllowed', { name: fileName(m.path), minutes: Math.ceil((m.durationSeconds ?? 0) / 60) }) });
      }
      const bytes = Buffer.byteLength(post.text, 'utf8');
      if (bytes > DESCRIPTION_MAX_BYTES) problems.push({ field: 'text', message: say('publish.video.youtube.descriptionTooLong', { bytes, limit: DESCRIPTION_MAX_BYTES }) });
      if (/[<>]/.test(post.title ?? '')) problems.push({ field: 'title', message: say('publish.video.youtube.angleBrackets') });
      if (/[<>]/.test(post.text)) problems.push({ field: 'text', message: say('publish.video.youtube.angleBrackets') });
      if (opts.short) {
        post.media.forEach((m, i) => {
          if (m.kind !== 'video') return;
          const name = fileName(m.path);
          if (m.width && m.height && m.width > m.height) problems.push({ field: `media.${i}`, message: say('publish.video.youtube.shortNotVertical', { name, width: m.width, height: m.height }) });
          if (m.durationSeconds !== null && m.durationSeconds > SHORT_MAX_SECONDS) problems.push({ field: `media.${i}`, message: say('publish.video.youtube.shortTooLong', { name, seconds: Math.round(m.durationSeconds) }) });
        });
      }
      return problems;
    },

    async publish(post, _target, ctx): Promise<PublishedPost> {
      const opts = { ...DEFAULTS, ...post.options.youtube };
      const id = await upload(ctx, post, opts);
      return { platformPostId: id, url: videoUrl(id, opts.short) };
    },

    async recover(post, _target, ctx): Promise<PublishedPost | null> {
      const saved = sessionSchema.safeParse(ctx.checkpoint);
      if (!saved.success) return null;
      try {
        const state = await querySession(ctx, saved.data);
        if (!('done' in state)) return null;
        const opts = { ...DEFAULTS, ...post.options.youtube };
        return { platformPostId: state.done, url: videoUrl(state.done, opts.short) };
      } catch (err) {
        // An expired session never became a video.
        if (err instanceof SessionExpired) return null;
        throw err;
      }
    },
  };
}

export const youtubePublisher = createYouTubePublisher();
