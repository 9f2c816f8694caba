import { z } from 'zod';
import { say } from '../../../shared/messages.js';
import type { PostPayload, PostProblem } from '../../../shared/publish/post.js';
import { PublishFailure } from '../failure.js';
import { platformCall } from '../http.js';
import type { PostingTarget, PublishContext, PublishedPost, Publisher, PublishTarget } from '../types.js';
import { duplicateOf, linkedinFailure, littleText, parseAnswer, postUrl, restCall, restHeaders } from './api.js';
import { uploadImage, uploadVideo } from './media.js';

/**
 * LinkedIn (Posts API, member posts): media uploaded first (images, or one
 * video finalized and AVAILABLE), then one POST /rest/posts whose new URN is
 * the `x-restli-id` header. Before that POST the commentary and time are
 * checkpointed; recover() looks for that commentary among the author's posts.
 */

const MAX_PIXELS = 36_152_320;
/** Clock skew allowed between this machine and LinkedIn when matching a recovered post's time. */
const SKEW_MS = 5 * 60_000;

const checkpointSchema = z.object({ author: z.string(), commentary: z.string(), at: z.number() });
type Checkpoint = z.infer<typeof checkpointSchema>;

const userinfoSchema = z.object({ sub: z.string(), name: z.string().default('') });
const postsSchema = z.object({
  elements: z.array(z.object({ id: z.string(), commentary: z.string().default(''), createdAt: z.number().optional(), publishedAt: z.number().optional() })).default([]),
});

export interface LinkedInPublisherOptions {
  pollIntervalMs?: number;
  pollTimeoutMs?: number;
}

const authorOf = (target: PublishTarget): string => `urn:li:person:${target.accountId}`;
const fileName = (path: string): string => path.split(/[\\/]/).pop() ?? path;

export function createLinkedInPublisher(options: LinkedInPublisherOptions = {}): Publisher {
  const poll = { pollIntervalMs: options.pollIntervalMs ?? 5_000, pollTimeoutMs: options.pollTimeoutMs ?? 15 * 60_000 };

  async function content(ctx: PublishContext, author: string, post: PostPayload): Promise<unknown> {
    const video = post.media.find((m) => m.kind === 'video');
    if (video) return { media: { id: await uploadVideo(ctx, author, video, poll), ...(post.title ? { title: post.title } : {}) } };
    const images = post.media.filter((m) => m.kind === 'image');
    if (images.length === 0) return undefined;
    const uploaded: Array<{ id: string; altText?: string }> = [];
    for (const image of images) uploaded.push({ id: await uploadImage(ctx, author, image), ...(image.altText ? { altText: image.altText } : {}) });
    return uploaded.length === 1 ? { media: uploaded[0] } : { multiImage: { images: uploaded } };
  }

  return {
    platform: 'linkedin',

    async targets(ctx): Promise<PostingTarget[]> {
      // OpenID Connect userinfo is not a versioned /rest/ resource.
      const answer = await platformCall(ctx, 'linkedin', `${ctx.baseUrl}/v2/userinfo`, { headers: { authorization: `Bearer ${ctx.token}` } });
      if (answer.status !== 200) throw linkedinFailure(answer);
      const user = parseAnswer(answer, userinfoSchema);
      return [{ targetId: null, displayName: user.name || user.sub }];
    },

    async preflight(post): Promise<PostProblem[]> {
      const problems: PostProblem[] = [];
      const videos = post.media.filter((m) => m.kind === 'video').length;
      if (videos > 1) problems.push({ field: 'media', message: say('publish.video.linkedin.oneVideo', { count: videos }) });
      post.media.forEach((m, i) => {
        if (m.kind === 'image' && m.width && m.height && m.width * m.height >= MAX_PIXELS) {
          problems.push({ field: `media.${i}`, message: say('publish.video.linkedin.tooManyPixels', { name: fileName(m.path), width: m.width, height: m.height }) });
        }
      });
      return problems;
    },

    async publish(post, target, ctx): Promise<PublishedPost> {
      const author = authorOf(target);
      const earlier = checkpointSchema.safeParse(ctx.checkpoint);
      const opts = { visibility: 'PUBLIC' as const, ...post.options.linkedin };
      const media = await content(ctx, author, post);
      const body = {
        author,
        commentary: littleText(post.text),
        visibility: opts.visibility,
        distribution: { feedDistribution: 'MAIN_FEED', targetEntities: [], thirdPartyDistributionChannels: [] },
        ...(media ? { content: media } : {}),
        lifecycleState: 'PUBLISHED',
        isReshareDisabledByAuthor: false,
      };
      await ctx.saveCheckpoint({ author, commentary: body.commentary, at: ctx.now() } satisfies Checkpoint);
      const answer = await platformCall(ctx, 'linkedin', `${ctx.baseUrl}/rest/posts`, {
        method: 'POST',
        headers: restHeaders(ctx, { 'content-type': 'application/json' }),
        body: JSON.stringify(body),
      });
      const urn = answer.status === 201 ? answer.headers.get('x-restli-id') : null;
      if (urn) return { platformPostId: urn, url: postUrl(urn) };
      // LinkedIn refuses an exact repeat of a recent post and names it: when an earlier attempt of this
      // very post sent this commentary, that post is this one (a crash lost its answer).
      const duplicate = duplicateOf(answer);
      if (duplicate && earlier.success && earlier.data.author === author && earlier.data.commentary === body.commentary) {
        return { platformPostId: duplicate, url: postUrl(duplicate) };
      }
      throw linkedinFailure(answer.status === 201 ? { ...answer, status: 502 } : answer);
    },

    async recover(post, _target, ctx): Promise<PublishedPost | null> {
      const parsed = checkpointSchema.safeParse(ctx.checkpoint);
      if (!parsed.success) return null;
      const cp = parsed.data;
      const path = `/rest/posts?author=${encodeURIComponent(cp.author)}&q=author&count=20&sortBy=LAST_MODIFIED`;
      let answer;
      try {
        answer = await restCall(ctx, 'GET', path, undefined, { 'x-restli-method': 'FINDER' });
      } catch (err) {
        // Reading a member's posts needs r_member_social, which LinkedIn grants few apps. A text-only post
        // may be sent again: LinkedIn refuses the exact repeat and names the post (see publish). A post with
        // media gets new media ids, so LinkedIn would take it twice: the user decides.
        if (err instanceof PublishFailure && err.failure === 'disconnected') {
          if (post.media.length === 0) return null;
          throw new PublishFailure('bad-post', say('publish.video.linkedin.cannotVerify'), `LinkedIn: cannot list ${cp.author}'s posts to recover: ${err.message}`);
        }
        throw err;
      }
      const { elements } = parseAnswer(answer, postsSchema);
      const found = elements.find((p) => p.commentary === cp.commentary && (p.createdAt ?? p.publishedAt ?? cp.at) >= cp.at - SKEW_MS);
      return found ? { platformPostId: found.id, url: postUrl(found.id) } : null;
    },
  };
}

export const linkedinPublisher = createLinkedInPublisher();
