import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { say } from '../../../shared/messages.js';
import type { PostMedia, PostPayload, PostProblem } from '../../../shared/publish/post.js';
import { PublishFailure } from '../failure.js';
import type { PostingTarget, PublishContext, PublishedPost, PublishTarget, Publisher } from '../types.js';
import { graphGet, graphPaged, graphPost, graphTime, type GraphParams } from './graph.js';

/**
 * Facebook Pages through the Graph API, always with the Page's own token (the
 * user token only finds the Pages and their tokens). Media are uploaded as
 * multipart `source` (Facebook does not need our relay): one photo is a
 * /photos post, several are unpublished /photos attached to one /feed post, a
 * video is a /videos post. Videos use the non-resumable upload (one request,
 * ≤ 1 GB and ≤ 20 min per the Video API; PLATFORM_RULES.facebook says so),
 * sent to graph-video.facebook.com as Meta asks for video uploads.
 *
 * There is no container to ask after a crash, so the checkpoint saved before
 * the one irreversible POST records when and what; `recover` looks for that
 * post among the Page's posts (videos) published since.
 */

const CLOCK_SLACK_MS = 2 * 60_000;
/** A slow uplink still finishes: a minute plus 100 kB/s. */
const uploadTimeoutMs = (bytes: number): number => 60_000 + Math.ceil(bytes / 100_000) * 1000;

const idSchema = z.object({ id: z.string().min(1) });
const photoSchema = z.object({ id: z.string().min(1), post_id: z.string().optional() });
const pageSchema = z.object({ id: z.string(), name: z.string().default('') });
const pageTokenSchema = z.object({ id: z.string(), access_token: z.string().min(1).optional() });
const permalinkSchema = z.object({ permalink_url: z.string().optional() });
const postSchema = z.object({ id: z.string(), message: z.string().optional(), created_time: z.string(), permalink_url: z.string().optional() });
const videoSchema = z.object({ id: z.string(), description: z.string().optional(), created_time: z.string(), permalink_url: z.string().optional() });

const checkpointSchema = z.object({
  step: z.enum(['feed', 'photo', 'video']),
  pageId: z.string(),
  /** Unix ms just before the irreversible POST. */
  at: z.number(),
});
type Checkpoint = z.infer<typeof checkpointSchema>;

function pageOf(target: PublishTarget): string {
  if (!target.targetId) throw new PublishFailure('disconnected', say('publish.meta.noTarget', { platform: 'Facebook' }), 'Facebook: the account has no Page id (targetId)');
  return target.targetId;
}

/** The Page token, from the user token (`GET /{page-id}?fields=access_token` answers it only to someone who manages the Page). */
export async function pageToken(ctx: PublishContext, pageId: string): Promise<string> {
  const page = await graphGet({ ctx, platform: 'facebook', token: ctx.token }, pageId, { fields: 'access_token' }, pageTokenSchema);
  if (!page.access_token) {
    throw new PublishFailure('disconnected', say('publish.meta.pageNotManaged', { page: pageId }), `Facebook: no Page token for ${pageId} (the user does not manage it or lacks pages_manage_posts)`);
  }
  return page.access_token;
}

/**
 * A Page token is kept in the worker's memory (ctx.memo, never on disk) for
 * this long, for the user token it came from: posts to one Page in a burst ask
 * for it once, not once each. Meta's Page tokens from a long-lived user token
 * do not expire, so the limit only bounds how long a revoked one can be tried
 * (and a call that fails with it drops it at once, see withPageToken).
 */
export const PAGE_TOKEN_REUSE_MS = 60_000;

const pageTokenKey = (ctx: PublishContext, pageId: string): string => `facebook-page-token\u0000${pageId}\u0000${ctx.token}`;

/**
 * Runs `work` with the Page token, kept from an earlier post within
 * PAGE_TOKEN_REUSE_MS or asked for now. When `work` fails, a kept token is
 * dropped: the next attempt asks the Graph API again (the token may be what
 * it refused, e.g. code 190 after the user removed the app).
 */
async function withPageToken<T>(ctx: PublishContext, pageId: string, work: (token: string) => Promise<T>): Promise<T> {
  const key = pageTokenKey(ctx, pageId);
  let token = ctx.memo?.get(key, ctx.now()) ?? null;
  if (token === null) {
    token = await pageToken(ctx, pageId);
    ctx.memo?.set(key, token, ctx.now() + PAGE_TOKEN_REUSE_MS);
  }
  try {
    return await work(token);
  } catch (err) {
    ctx.memo?.delete(key);
    throw err;
  }
}

/** Video uploads go to graph-video.facebook.com; any other base (a test's fake) is used as it is. */
function videoBase(baseUrl: string): string {
  const url = new URL(baseUrl);
  if (url.hostname === 'graph.facebook.com') url.hostname = 'graph-video.facebook.com';
  return url.toString().replace(/\/+$/, '');
}

async function targets(ctx: PublishContext): Promise<PostingTarget[]> {
  const pages = await graphPaged({ ctx, platform: 'facebook', token: ctx.token }, 'me/accounts', { fields: 'id,name', limit: 100 }, pageSchema);
  return pages.map((p) => ({ targetId: p.id, displayName: p.name || p.id }));
}

/** What the Pages API refuses that the shared rules do not see: two videos in one post, a link preview next to media. */
async function preflight(post: PostPayload): Promise<PostProblem[]> {
  const problems: PostProblem[] = [];
  if (post.media.filter((m) => m.kind === 'video').length > 1) problems.push({ field: 'media', message: say('publish.meta.oneVideo', { platform: 'Facebook' }) });
  if (post.options.facebook?.link && post.media.length > 0) problems.push({ field: 'options.facebook.link', message: say('publish.meta.linkWithMedia') });
  return problems;
}

async function sourceForm(media: PostMedia, fields: GraphParams): Promise<FormData> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, String(v));
  form.set('source', await fs.openAsBlob(media.path, { type: media.mime }), path.basename(media.path));
  return form;
}

async function permalink(ctx: PublishContext, token: string, id: string): Promise<string | null> {
  const answer = await graphGet({ ctx, platform: 'facebook', token }, id, { fields: 'permalink_url' }, permalinkSchema);
  return absolute(answer.permalink_url);
}

/** Video permalinks come as paths (`/{page}/videos/{id}/`). */
function absolute(url: string | undefined): string | null {
  if (!url) return null;
  return url.startsWith('/') ? `https://www.facebook.com${url}` : url;
}

async function publish(post: PostPayload, target: PublishTarget, ctx: PublishContext): Promise<PublishedPost> {
  const pageId = pageOf(target);
  return withPageToken(ctx, pageId, (token) => publishAs(post, pageId, token, ctx));
}

async function publishAs(post: PostPayload, pageId: string, token: string, ctx: PublishContext): Promise<PublishedPost> {
  const call = { ctx, platform: 'facebook' as const, token };
  const message: GraphParams = post.text.trim() === '' ? {} : { message: post.text };
  const checkpoint = (step: Checkpoint['step']) => ctx.saveCheckpoint({ step, pageId, at: ctx.now() } satisfies Checkpoint);
  // Progress is for uploads: a text or link post is three small calls, over before anyone could see it (each report is a message to main).
  const uploads = post.media.length > 0;
  if (uploads) ctx.progress(0.1);

  const video = post.media.find((m) => m.kind === 'video');
  if (video) {
    const form = await sourceForm(video, post.text.trim() === '' ? {} : { description: post.text });
    await checkpoint('video');
    const uploaded = await graphPost({ ...call, baseUrl: videoBase(ctx.baseUrl), timeoutMs: uploadTimeoutMs(video.bytes) }, `${pageId}/videos`, form, idSchema);
    ctx.progress(0.9);
    return { platformPostId: uploaded.id, url: await permalink(ctx, token, uploaded.id) };
  }

  const [onlyPhoto] = post.media;
  if (post.media.length === 1 && onlyPhoto) {
    const form = await sourceForm(onlyPhoto, message);
    await checkpoint('photo');
    const photo = await graphPost({ ...call, timeoutMs: uploadTimeoutMs(onlyPhoto.bytes) }, `${pageId}/photos`, form, photoSchema);
    const postId = photo.post_id ?? photo.id;
    ctx.progress(0.9);
    return { platformPostId: postId, url: await permalink(ctx, token, postId) };
  }

  const attached: GraphParams = {};
  for (const [i, m] of post.media.entries()) {
    // Unpublished photos show nowhere until the feed post attaches them, so uploading them again after a crash is harmless.
    const photo = await graphPost({ ...call, timeoutMs: uploadTimeoutMs(m.bytes) }, `${pageId}/photos`, await sourceForm(m, { published: false }), photoSchema);
    attached[`attached_media[${i}]`] = JSON.stringify({ media_fbid: photo.id });
    ctx.progress(0.1 + (0.7 * (i + 1)) / post.media.length);
  }
  // A link preview goes only on a text post (preflight refuses a link next to media).
  const link: GraphParams = post.options.facebook?.link && post.media.length === 0 ? { link: post.options.facebook.link } : {};
  await checkpoint('feed');
  const created = await graphPost(call, `${pageId}/feed`, { ...message, ...link, ...attached }, idSchema);
  if (uploads) ctx.progress(0.9);
  return { platformPostId: created.id, url: await permalink(ctx, token, created.id) };
}

/**
 * Looks for the post an interrupted attempt sent: the Page's posts (or, for a
 * video, its videos) created since the checkpoint with the same text, the
 * oldest first. Null when there is none (sending again is safe).
 */
async function recover(post: PostPayload, _target: PublishTarget, ctx: PublishContext): Promise<PublishedPost | null> {
  const parsed = checkpointSchema.safeParse(ctx.checkpoint);
  if (!parsed.success) return null;
  const cp = parsed.data;
  const token = await pageToken(ctx, cp.pageId);
  const call = { ctx, platform: 'facebook' as const, token };
  const since = Math.floor((cp.at - CLOCK_SLACK_MS) / 1000);
  const text = post.text.trim();
  const after = (created: string) => graphTime(created) >= cp.at - CLOCK_SLACK_MS;
  if (cp.step === 'video') {
    const videos = await graphPaged(call, `${cp.pageId}/videos`, { fields: 'id,description,created_time,permalink_url', since, limit: 25 }, videoSchema, 2);
    const match = videos.filter((v) => after(v.created_time) && (v.description ?? '').trim() === text).sort(byTime)[0];
    return match ? { platformPostId: match.id, url: absolute(match.permalink_url) } : null;
  }
  const posts = await graphPaged(call, `${cp.pageId}/published_posts`, { fields: 'id,message,created_time,permalink_url', since, limit: 25 }, postSchema, 2);
  const match = posts.filter((p) => after(p.created_time) && (p.message ?? '').trim() === text).sort(byTime)[0];
  return match ? { platformPostId: match.id, url: absolute(match.permalink_url) } : null;
}

const byTime = (a: { created_time: string }, b: { created_time: string }): number => graphTime(a.created_time) - graphTime(b.created_time);

export const facebookPublisher: Publisher = { platform: 'facebook', targets, preflight, publish, recover };
