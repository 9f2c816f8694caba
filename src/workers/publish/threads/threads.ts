import { z } from 'zod';
import { say } from '../../../shared/messages.js';
import type { PostMedia, PostPayload, PostProblem } from '../../../shared/publish/post.js';
import type { PostingTarget, PublishContext, PublishedPost, PublishTarget, Publisher } from '../types.js';
import { CONTAINER_STATUSES, graphGet, graphPaged, graphPost, graphTime, readPublishingQuota, waitForContainer, type GraphParams } from '../meta/graph.js';

/**
 * Threads (graph.threads.net): TEXT, IMAGE, VIDEO and CAROUSEL posts, each a
 * container (media fetched from our relay's public URLs) published with
 * threads_publish, the one step that cannot be undone: the container id is
 * checkpointed first and `recover` asks the container. Errors are Meta's
 * Graph errors (meta/graph.ts).
 */

const POLL_MS = 5_000;
const TEXT_TIMEOUT_MS = 2 * 60_000;
const MEDIA_TIMEOUT_MS = 10 * 60_000;
const CLOCK_SLACK_MS = 2 * 60_000;

const idSchema = z.object({ id: z.string().min(1) });
const containerSchema = z.object({
  status: z.enum(CONTAINER_STATUSES),
  /** On ERROR: FAILED_DOWNLOADING_VIDEO, INVALID_ASPEC_RATIO, … */
  error_message: z.string().optional(),
});
const meSchema = z.object({ id: z.string(), username: z.string().optional() });
const threadSchema = z.object({ id: z.string(), text: z.string().optional(), permalink: z.string().optional(), timestamp: z.string().optional() });

const checkpointSchema = z.object({
  step: z.literal('threads_publish'),
  userId: z.string(),
  containerId: z.string(),
  at: z.number(),
});
type Checkpoint = z.infer<typeof checkpointSchema>;

/** The Threads user id: the connection's own account (a Threads token posts only as its user). */
const userOf = (target: PublishTarget): string => target.targetId ?? target.accountId;

async function targets(ctx: PublishContext): Promise<PostingTarget[]> {
  const me = await graphGet({ ctx, platform: 'threads', token: ctx.token }, 'me', { fields: 'id,username' }, meSchema);
  return [{ targetId: null, displayName: me.username ? `@${me.username}` : me.id }];
}

async function preflight(_post: PostPayload, target: PublishTarget, ctx: PublishContext): Promise<PostProblem[]> {
  const quota = await readPublishingQuota({ ctx, platform: 'threads', token: ctx.token }, `${userOf(target)}/threads_publishing_limit`);
  if (quota && quota.used >= quota.total) {
    return [{ field: 'account', message: say('publish.meta.quotaUsed', { platform: 'Threads', used: quota.used, total: quota.total, hours: Math.round(quota.durationSeconds / 3600) }) }];
  }
  return [];
}

function mediaFields(media: PostMedia, url: string): GraphParams {
  return media.kind === 'image' ? { media_type: 'IMAGE', image_url: url } : { media_type: 'VIDEO', video_url: url };
}

async function publish(post: PostPayload, target: PublishTarget, ctx: PublishContext): Promise<PublishedPost> {
  const userId = userOf(target);
  const call = { ctx, platform: 'threads' as const, token: ctx.token };
  const readState = (id: string) => async () => {
    const c = await graphGet(call, id, { fields: 'status,error_message' }, containerSchema);
    return { status: c.status, reason: c.error_message ?? null };
  };
  const timeout = post.media.length > 0 ? MEDIA_TIMEOUT_MS : TEXT_TIMEOUT_MS;
  const text: GraphParams = post.text.trim() === '' ? {} : { text: post.text };

  const relayed: string[] = [];
  for (const m of post.media) relayed.push((await ctx.relay(m.path, m.mime)).url);
  ctx.progress(0.2);

  let containerId: string;
  if (post.media.length > 1) {
    const children: string[] = [];
    for (const [i, m] of post.media.entries()) {
      children.push((await graphPost(call, `${userId}/threads`, { ...mediaFields(m, relayed[i]!), is_carousel_item: true }, idSchema)).id);
    }
    for (const child of children) await waitForContainer(ctx, 'threads', readState(child), POLL_MS, timeout);
    ctx.progress(0.5);
    containerId = (await graphPost(call, `${userId}/threads`, { media_type: 'CAROUSEL', children: children.join(','), ...text }, idSchema)).id;
  } else {
    const only = post.media[0];
    const fields: GraphParams = only ? mediaFields(only, relayed[0]!) : { media_type: 'TEXT' };
    containerId = (await graphPost(call, `${userId}/threads`, { ...fields, ...text }, idSchema)).id;
  }
  await waitForContainer(ctx, 'threads', readState(containerId), POLL_MS, timeout);
  ctx.progress(0.8);

  await ctx.saveCheckpoint({ step: 'threads_publish', userId, containerId, at: ctx.now() } satisfies Checkpoint);
  const published = await graphPost(call, `${userId}/threads_publish`, { creation_id: containerId }, idSchema);
  ctx.progress(0.95);
  return { platformPostId: published.id, url: await permalinkOf(ctx, published.id) };
}

async function permalinkOf(ctx: PublishContext, mediaId: string): Promise<string | null> {
  const media = await graphGet({ ctx, platform: 'threads', token: ctx.token }, mediaId, { fields: 'permalink' }, threadSchema);
  return media.permalink ?? null;
}

/**
 * A PUBLISHED container does not name the post it became, so the user's
 * threads since the checkpoint are matched by text and time; when none
 * matches, the container id stands in (the post is live: never send it again).
 */
async function recover(post: PostPayload, _target: PublishTarget, ctx: PublishContext): Promise<PublishedPost | null> {
  const parsed = checkpointSchema.safeParse(ctx.checkpoint);
  if (!parsed.success) return null;
  const cp = parsed.data;
  const call = { ctx, platform: 'threads' as const, token: ctx.token };
  const container = await graphGet(call, cp.containerId, { fields: 'status' }, containerSchema);
  if (container.status !== 'PUBLISHED') return null;
  const since = Math.floor((cp.at - CLOCK_SLACK_MS) / 1000);
  const recent = await graphPaged(call, `${cp.userId}/threads`, { fields: 'id,text,permalink,timestamp', since, limit: 25 }, threadSchema, 2);
  const text = post.text.trim();
  const match = recent
    .filter((t) => t.timestamp !== undefined && graphTime(t.timestamp) >= cp.at - CLOCK_SLACK_MS && (t.text ?? '').trim() === text)
    .sort((a, b) => graphTime(a.timestamp!) - graphTime(b.timestamp!))[0];
  if (!match) return { platformPostId: cp.containerId, url: null };
  return { platformPostId: match.id, url: match.permalink ?? (await permalinkOf(ctx, match.id)) };
}

export const threadsPublisher: Publisher = { platform: 'threads', targets, preflight, publish, recover };
