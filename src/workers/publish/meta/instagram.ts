import { z } from 'zod';
import { say } from '../../../shared/messages.js';
import type { PostMedia, PostPayload, PostProblem } from '../../../shared/publish/post.js';
import { PublishFailure } from '../failure.js';
import type { PostingTarget, PublishContext, PublishedPost, PublishTarget, Publisher } from '../types.js';
import { CONTAINER_STATUSES, graphGet, graphPaged, graphPost, graphTime, readPublishingQuota, waitForContainer, type GraphParams } from './graph.js';

/**
 * Instagram through the Graph API (Facebook Login): the business or creator
 * accounts linked to the user's Pages. Every post is a container the platform
 * builds from media it fetches from our relay's public URLs; once FINISHED it
 * is published with media_publish, the one step that cannot be undone (so the
 * container id is checkpointed first and `recover` asks the container).
 */

const POLL_MS = 5_000;
const IMAGE_TIMEOUT_MS = 3 * 60_000;
const VIDEO_TIMEOUT_MS = 15 * 60_000;
/** Clock slack between us and Meta when matching a recovered post by its time. */
const CLOCK_SLACK_MS = 2 * 60_000;

const idSchema = z.object({ id: z.string().min(1) });
const containerSchema = z.object({
  status_code: z.enum(CONTAINER_STATUSES),
  /** On ERROR, the reason (e.g. "Error: Media upload has failed with error code 2207026"). */
  status: z.string().optional(),
});
const accountSchema = z.object({
  id: z.string(),
  name: z.string().default(''),
  instagram_business_account: z.object({ id: z.string(), username: z.string().optional() }).optional(),
});
const mediaSchema = z.object({ id: z.string(), caption: z.string().optional(), permalink: z.string().optional(), timestamp: z.string().optional() });

/** What an attempt saves before media_publish. */
const checkpointSchema = z.object({
  step: z.literal('media_publish'),
  igUserId: z.string(),
  containerId: z.string(),
  kind: z.enum(['feed', 'reel', 'story']),
  /** Unix ms just before media_publish was sent. */
  at: z.number(),
});
type Checkpoint = z.infer<typeof checkpointSchema>;

type Kind = Checkpoint['kind'];
const kindOf = (post: PostPayload): Kind => post.options.instagram?.kind ?? 'feed';

function igUserOf(target: PublishTarget): string {
  if (!target.targetId) throw new PublishFailure('disconnected', say('publish.meta.noTarget', { platform: 'Instagram' }), 'Instagram: the account has no Instagram user id (targetId)');
  return target.targetId;
}

async function targets(ctx: PublishContext): Promise<PostingTarget[]> {
  const call = { ctx, platform: 'instagram' as const, token: ctx.token };
  const pages = await graphPaged(call, 'me/accounts', { fields: 'id,name,access_token,instagram_business_account{id,username}', limit: 100 }, accountSchema);
  const out: PostingTarget[] = [];
  for (const page of pages) {
    const ig = page.instagram_business_account;
    if (!ig || out.some((t) => t.targetId === ig.id)) continue;
    out.push({ targetId: ig.id, displayName: ig.username ? `@${ig.username}` : page.name });
  }
  return out;
}

async function preflight(post: PostPayload, target: PublishTarget, ctx: PublishContext): Promise<PostProblem[]> {
  const problems: PostProblem[] = [];
  const kind = kindOf(post);
  if (kind === 'reel' && (post.media.length !== 1 || post.media[0]?.kind !== 'video')) {
    problems.push({ field: 'options.instagram.kind', message: say('publish.meta.reelNeedsVideo') });
  }
  if (kind === 'story' && post.media.length !== 1) problems.push({ field: 'options.instagram.kind', message: say('publish.meta.storyOneMedia') });
  const quota = await readPublishingQuota({ ctx, platform: 'instagram', token: ctx.token }, `${igUserOf(target)}/content_publishing_limit`);
  if (quota && quota.used >= quota.total) {
    problems.push({
      field: 'account',
      message: say('publish.meta.quotaUsed', { platform: 'Instagram', used: quota.used, total: quota.total, hours: Math.round(quota.durationSeconds / 3600) }),
    });
  }
  return problems;
}

/** The container fields for one piece of media (`url` is its relayed public address). */
function mediaFields(kind: Kind, media: PostMedia, url: string, carouselItem: boolean): GraphParams {
  const source: GraphParams = media.kind === 'image' ? { image_url: url } : { video_url: url };
  if (kind === 'story') return { media_type: 'STORIES', ...source };
  if (carouselItem) return { is_carousel_item: true, ...(media.kind === 'video' ? { media_type: 'VIDEO' } : {}), ...source };
  // A single feed video is a Reel: the Graph API retired media_type=VIDEO for feed posts.
  if (media.kind === 'video') return { media_type: 'REELS', share_to_feed: true, ...source };
  return source;
}

async function publish(post: PostPayload, target: PublishTarget, ctx: PublishContext): Promise<PublishedPost> {
  const igUser = igUserOf(target);
  const kind = kindOf(post);
  const call = { ctx, platform: 'instagram' as const, token: ctx.token };
  const readState = (id: string) => async () => {
    const c = await graphGet(call, id, { fields: 'status_code,status' }, containerSchema);
    return { status: c.status_code, reason: c.status ?? null };
  };
  const hasVideo = post.media.some((m) => m.kind === 'video');
  const timeout = hasVideo ? VIDEO_TIMEOUT_MS : IMAGE_TIMEOUT_MS;
  const caption: GraphParams = kind === 'story' || post.text.trim() === '' ? {} : { caption: post.text };

  const relayed: string[] = [];
  for (const m of post.media) relayed.push((await ctx.relay(m.path, m.mime)).url);
  ctx.progress(0.2);

  let containerId: string;
  if (post.media.length > 1 && kind === 'feed') {
    const children: string[] = [];
    for (const [i, m] of post.media.entries()) {
      const child = await graphPost(call, `${igUser}/media`, mediaFields(kind, m, relayed[i]!, true), idSchema);
      children.push(child.id);
    }
    for (const child of children) await waitForContainer(ctx, 'instagram', readState(child), POLL_MS, timeout);
    ctx.progress(0.5);
    containerId = (await graphPost(call, `${igUser}/media`, { media_type: 'CAROUSEL', children: children.join(','), ...caption }, idSchema)).id;
  } else {
    const only = post.media[0];
    if (!only) throw new PublishFailure('bad-post', say('publish.mediaMissing', { platform: 'Instagram' }), 'Instagram: a post needs an image or a video');
    containerId = (await graphPost(call, `${igUser}/media`, { ...mediaFields(kind, only, relayed[0]!, false), ...caption }, idSchema)).id;
  }
  await waitForContainer(ctx, 'instagram', readState(containerId), POLL_MS, timeout);
  ctx.progress(0.8);

  const checkpoint: Checkpoint = { step: 'media_publish', igUserId: igUser, containerId, kind, at: ctx.now() };
  await ctx.saveCheckpoint(checkpoint);
  const published = await graphPost(call, `${igUser}/media_publish`, { creation_id: containerId }, idSchema);
  ctx.progress(0.95);
  return { platformPostId: published.id, url: await permalinkOf(ctx, published.id) };
}

async function permalinkOf(ctx: PublishContext, mediaId: string): Promise<string | null> {
  const media = await graphGet({ ctx, platform: 'instagram', token: ctx.token }, mediaId, { fields: 'permalink' }, mediaSchema);
  return media.permalink ?? null;
}

/**
 * The media a published container became. The container does not name it, so
 * the account's newest media (stories for a story) are matched by caption and
 * time; when nothing matches, the container id stands in (the post is live:
 * sending it again would post it twice).
 */
async function findPublished(post: PostPayload, cp: Checkpoint, ctx: PublishContext): Promise<PublishedPost> {
  const call = { ctx, platform: 'instagram' as const, token: ctx.token };
  const edge = cp.kind === 'story' ? 'stories' : 'media';
  const recent = await graphPaged(call, `${cp.igUserId}/${edge}`, { fields: 'id,caption,permalink,timestamp', limit: 25 }, mediaSchema, 2);
  const caption = post.text.trim();
  const match = recent
    .filter((m) => (m.timestamp ? graphTime(m.timestamp) >= cp.at - CLOCK_SLACK_MS : false))
    .filter((m) => cp.kind === 'story' || (m.caption ?? '').trim() === caption)
    .sort((a, b) => graphTime(a.timestamp!) - graphTime(b.timestamp!))[0];
  if (!match) return { platformPostId: cp.containerId, url: null };
  return { platformPostId: match.id, url: match.permalink ?? (await permalinkOf(ctx, match.id)) };
}

async function recover(post: PostPayload, _target: PublishTarget, ctx: PublishContext): Promise<PublishedPost | null> {
  const parsed = checkpointSchema.safeParse(ctx.checkpoint);
  if (!parsed.success) return null;
  const container = await graphGet({ ctx, platform: 'instagram', token: ctx.token }, parsed.data.containerId, { fields: 'status_code' }, containerSchema);
  if (container.status_code !== 'PUBLISHED') return null;
  return findPublished(post, parsed.data, ctx);
}

export const instagramPublisher: Publisher = { platform: 'instagram', targets, preflight, publish, recover };
