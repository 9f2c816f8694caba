import { z } from 'zod';
import { say } from '../../../shared/messages.js';
import type { PostPayload, PostProblem } from '../../../shared/publish/post.js';
import { PublishFailure } from '../failure.js';
import { describe, platformCall, pollUntil, statusFailure } from '../http.js';
import { fileSize, readRange } from '../media-file.js';
import type { PostingTarget, PublishContext, PublishedPost, Publisher } from '../types.js';
import { creatorInfo, failedStatus, fetchStatus, initSchema, tiktokCall, type PublishStatus } from './api.js';
import { DEFAULT_CHUNK, planChunks } from './chunks.js';

/**
 * TikTok (Content Posting API): creator_info → init (direct post or inbox
 * draft) → the file in ordered chunks → status polling. The publish_id is
 * saved before the first byte goes up, so a restarted attempt asks TikTok
 * about it instead of posting again.
 */

type TikTokOptions = NonNullable<PostPayload['options']['tiktok']>;
const DEFAULTS: TikTokOptions = { mode: 'direct', privacy: 'SELF_ONLY', disableComment: false, disableDuet: false, disableStitch: false };

const checkpointSchema = z.object({
  publishId: z.string(),
  videoSize: z.number(),
  mode: z.enum(['direct', 'inbox']),
  username: z.string(),
});
type Checkpoint = z.infer<typeof checkpointSchema>;

export interface TikTokPublisherOptions {
  /** Preferred chunk size (clamped to TikTok's 5–64 MB). */
  chunkBytes?: number;
  pollIntervalMs?: number;
  pollTimeoutMs?: number;
}

const userSchema = z.object({ user: z.object({ open_id: z.string(), display_name: z.string().default('') }) });

export function createTikTokPublisher(options: TikTokPublisherOptions = {}): Publisher {
  const chunkBytes = options.chunkBytes ?? DEFAULT_CHUNK;
  const pollIntervalMs = options.pollIntervalMs ?? 5_000;
  const pollTimeoutMs = options.pollTimeoutMs ?? 10 * 60_000;

  /** Polls until the post is final: the published post, or a classified failure. */
  async function untilPublished(ctx: PublishContext, cp: Checkpoint): Promise<PublishedPost> {
    const done = await pollUntil(
      ctx,
      'tiktok',
      async () => {
        const status = await fetchStatus(ctx, cp.publishId);
        if (status.status === 'FAILED') throw failedStatus(status);
        if (status.status === 'PUBLISH_COMPLETE' || status.status === 'SEND_TO_USER_INBOX') return status;
        return undefined;
      },
      pollIntervalMs,
      pollTimeoutMs,
    );
    return publishedPost(done, cp);
  }

  return {
    platform: 'tiktok',

    async targets(ctx): Promise<PostingTarget[]> {
      const { user } = await tiktokCall(ctx, '/v2/user/info/?fields=open_id,display_name', userSchema);
      return [{ targetId: null, displayName: user.display_name || user.open_id }];
    },

    async preflight(post, _target, ctx): Promise<PostProblem[]> {
      const opts = { ...DEFAULTS, ...post.options.tiktok };
      // The inbox flow needs only video.upload; creator_info belongs to direct posting.
      if (opts.mode === 'inbox') return [];
      const creator = await creatorInfo(ctx);
      const problems: PostProblem[] = [];
      if (!creator.privacy_level_options.includes(opts.privacy)) {
        problems.push({ field: 'options.tiktok.privacy', message: say('publish.video.tiktok.privacyNotAllowed', { privacy: opts.privacy, allowed: creator.privacy_level_options.join(', ') || '—' }) });
      }
      post.media.forEach((m, i) => {
        if (m.kind === 'video' && m.durationSeconds !== null && m.durationSeconds > creator.max_video_post_duration_sec) {
          const name = m.path.split(/[\\/]/).pop() ?? m.path;
          problems.push({ field: `media.${i}`, message: say('publish.video.tiktok.tooLongForCreator', { name, seconds: Math.round(m.durationSeconds), max: creator.max_video_post_duration_sec }) });
        }
      });
      return problems;
    },

    async publish(post, _target, ctx): Promise<PublishedPost> {
      const opts = { ...DEFAULTS, ...post.options.tiktok };
      const video = post.media.find((m) => m.kind === 'video');
      if (!video) throw new PublishFailure('bad-post', say('publish.mediaMissing', { platform: 'TikTok' }), 'TikTok: the post has no video');
      const size = await fileSize(video.path);
      const plan = planChunks(size, chunkBytes);
      const source_info = { source: 'FILE_UPLOAD', video_size: plan.videoSize, chunk_size: plan.chunkSize, total_chunk_count: plan.totalChunkCount };

      let username = '';
      let init: z.infer<typeof initSchema>;
      if (opts.mode === 'inbox') {
        init = await tiktokCall(ctx, '/v2/post/publish/inbox/video/init/', initSchema, { source_info });
      } else {
        // TikTok asks for fresh creator_info before every direct post; its settings override ours.
        const creator = await creatorInfo(ctx);
        username = creator.creator_username;
        init = await tiktokCall(ctx, '/v2/post/publish/video/init/', initSchema, {
          post_info: {
            title: post.text,
            privacy_level: opts.privacy,
            disable_comment: opts.disableComment || creator.comment_disabled,
            disable_duet: opts.disableDuet || creator.duet_disabled,
            disable_stitch: opts.disableStitch || creator.stitch_disabled,
            brand_content_toggle: false,
            brand_organic_toggle: false,
          },
          source_info,
        });
      }
      const cp: Checkpoint = { publishId: init.publish_id, videoSize: plan.videoSize, mode: opts.mode, username };
      await ctx.saveCheckpoint(cp);

      for (const [i, range] of plan.ranges.entries()) {
        const body = await readRange(video.path, range.start, range.end);
        const answer = await platformCall(ctx, 'tiktok', init.upload_url, {
          method: 'PUT',
          headers: { 'content-type': video.mime, 'content-range': `bytes ${range.start}-${range.end}/${plan.videoSize}` },
          body,
          timeoutMs: 10 * 60_000,
        });
        // 206 after each chunk, 201 after the last.
        if (answer.status < 200 || answer.status >= 300) throw statusFailure('tiktok', answer, `chunk ${i + 1}/${plan.totalChunkCount}: ${describe(answer)}`);
        ctx.progress((i + 1) / plan.totalChunkCount);
      }
      return untilPublished(ctx, cp);
    },

    async recover(_post, _target, ctx): Promise<PublishedPost | null> {
      const parsed = checkpointSchema.safeParse(ctx.checkpoint);
      if (!parsed.success) return null;
      const cp = parsed.data;
      const status = await fetchStatus(ctx, cp.publishId);
      if (status.status === 'PUBLISH_COMPLETE' || status.status === 'SEND_TO_USER_INBOX') return publishedPost(status, cp);
      if (status.status === 'FAILED') return null;
      // An upload that never got all its bytes cannot become a post (its upload URL expires): sending again is safe.
      if (status.status === 'PROCESSING_UPLOAD' && (status.uploaded_bytes ?? 0) < cp.videoSize) return null;
      return untilPublished(ctx, cp);
    },
  };
}

function publishedPost(status: PublishStatus, cp: Checkpoint): PublishedPost {
  const postId = status.publicaly_available_post_id[0];
  // A private (SELF_ONLY) post or an inbox draft has no public id: the publish_id is what TikTok knows it by.
  if (postId === undefined) return { platformPostId: cp.publishId, url: null };
  const id = String(postId);
  return { platformPostId: id, url: cp.username ? `https://www.tiktok.com/@${cp.username}/video/${id}` : null };
}

export const tiktokPublisher = createTikTokPublisher();
