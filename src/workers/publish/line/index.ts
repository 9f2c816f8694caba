import fs from 'node:fs';
import { z } from 'zod';
import { say } from '../../../shared/messages.js';
import type { PostPayload, PostProblem } from '../../../shared/publish/post.js';
import { PublishFailure } from '../failure.js';
import type { PostingTarget, PublishContext, Publisher, PublishedPost } from '../types.js';
import { lineCall, lineFailure, lineOk, retryKeyOf } from './api.js';
import { buildMessages, makeWorkDir } from './media.js';

/**
 * LINE Official Account (Messaging API): a post is one send of up to five
 * messages — a broadcast to every friend, a push to one user, or a multicast
 * to up to 500 (`options.line`). Every send carries `X-Line-Retry-Key`, the
 * same for every attempt of the post, so LINE accepts it once: a resend after
 * a lost answer is answered 409 with the accepted request's id, which is the
 * post's id here (a LINE message has no public URL).
 */

/** LINE keeps a retry key for 24 hours; an hour of margin for clocks and queues. */
const RETRY_KEY_LIFETIME_MS = 23 * 3600_000;

const checkpointSchema = z.object({
  retryKey: z.string(),
  firstSentAt: z.number(),
  acceptedRequestId: z.string().nullable(),
});
type LineCheckpoint = z.infer<typeof checkpointSchema>;

const botInfo = z.object({ userId: z.string(), basicId: z.string(), displayName: z.string() });
const quota = z.object({ type: z.enum(['none', 'limited']), value: z.number().optional() });
const consumption = z.object({ totalUsage: z.number() });
const followers = z.object({ status: z.string(), followers: z.number().optional(), blocks: z.number().optional() });

interface Send {
  path: string;
  body: Record<string, unknown>;
  recipients: string[] | null;
}

function sendOf(post: PostPayload): Send {
  const mode = post.options.line?.mode ?? 'broadcast';
  const to = post.options.line?.to ?? [];
  if (mode === 'broadcast') return { path: '/v2/bot/message/broadcast', body: {}, recipients: null };
  if (to.length === 0) throw new PublishFailure('bad-post', say('publish.rest.line.noRecipients'), 'LINE: a push needs at least one user id');
  // One user: push; several: one multicast (up to 500), so one retry key covers them all.
  return to.length === 1 ? { path: '/v2/bot/message/push', body: { to: to[0] }, recipients: to } : { path: '/v2/bot/message/multicast', body: { to }, recipients: to };
}

function checkpointOf(ctx: PublishContext): LineCheckpoint | null {
  const parsed = checkpointSchema.safeParse(ctx.checkpoint);
  return parsed.success ? parsed.data : null;
}

/** The day before today in Japan time as yyyyMMdd: the newest day LINE's follower statistics cover. */
function statisticsDay(now: number): string {
  return new Date(now + 9 * 3600_000 - 24 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '');
}

/** How many friends a broadcast reaches (yesterday's followers less blocks), or null when LINE has no figure yet. */
async function broadcastReach(ctx: PublishContext): Promise<number | null> {
  const answer = await lineCall(ctx, `/v2/bot/insight/followers?date=${statisticsDay(ctx.now())}`);
  const parsed = followers.safeParse(answer.status === 200 ? answer.json : null);
  if (!parsed.success || parsed.data.status !== 'ready' || parsed.data.followers === undefined) return null;
  return Math.max(0, parsed.data.followers - (parsed.data.blocks ?? 0));
}

export const linePublisher: Publisher = {
  platform: 'line',

  async targets(ctx): Promise<PostingTarget[]> {
    const info = botInfo.safeParse(lineOk(await lineCall(ctx, '/v2/bot/info')));
    if (!info.success) throw new PublishFailure('retry', say('publish.platform.unavailable', { platform: 'LINE', status: 200 }), 'LINE: /v2/bot/info answered an unexpected body');
    return [{ targetId: null, displayName: `${info.data.displayName} (${info.data.basicId})` }];
  },

  /**
   * Refuses a push without recipients, and a send the month's message quota
   * cannot cover: LINE counts one message per recipient, so a broadcast needs
   * as many as the account has reachable friends.
   */
  async preflight(post, _target, ctx): Promise<PostProblem[]> {
    let send: Send;
    try {
      send = sendOf(post);
    } catch (err) {
      if (err instanceof PublishFailure) return [{ field: 'options.line.to', message: say('publish.rest.line.noRecipients') }];
      throw err;
    }
    const limit = quota.safeParse(lineOk(await lineCall(ctx, '/v2/bot/message/quota')));
    if (!limit.success || limit.data.type === 'none' || limit.data.value === undefined) return [];
    const used = consumption.safeParse(lineOk(await lineCall(ctx, '/v2/bot/message/quota/consumption')));
    if (!used.success) return [];
    const remaining = Math.max(0, limit.data.value - used.data.totalUsage);
    const needed = send.recipients ? send.recipients.length : ((await broadcastReach(ctx)) ?? 1);
    if (needed <= remaining) return [];
    return [{ field: 'options.line', message: say('publish.rest.line.quotaShort', { needed, remaining }) }];
  },

  async publish(post, _target, ctx): Promise<PublishedPost> {
    const send = sendOf(post);
    const retryKey = retryKeyOf(ctx.postId);
    const prior = checkpointOf(ctx);
    if (prior?.acceptedRequestId) return { platformPostId: prior.acceptedRequestId, url: null };
    if (prior && ctx.now() - prior.firstSentAt > RETRY_KEY_LIFETIME_MS) {
      // LINE has forgotten the key: a resend might deliver the post a second time, and
      // nothing else tells whether the first one went out.
      throw new PublishFailure('bad-post', say('publish.rest.line.retryKeyExpired', { hours: 24 }), 'LINE: the retry key of an unanswered send is older than 24 h');
    }
    const workDir = await makeWorkDir();
    try {
      const messages = await buildMessages(post, ctx, workDir);
      const firstSentAt = prior?.firstSentAt ?? ctx.now();
      // Saved before the send: a later attempt knows when this key was first used.
      await ctx.saveCheckpoint({ retryKey, firstSentAt, acceptedRequestId: null } satisfies LineCheckpoint);
      const answer = await lineCall(ctx, send.path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-line-retry-key': retryKey },
        body: JSON.stringify({ ...send.body, messages }),
      });
      let id: string;
      if (answer.status === 409) {
        // The same key was accepted before (an earlier attempt whose answer was lost): it is sent.
        id = answer.headers.get('x-line-accepted-request-id') ?? retryKey;
      } else {
        if (answer.status < 200 || answer.status >= 300) throw lineFailure(answer);
        id = answer.headers.get('x-line-request-id') ?? retryKey;
      }
      await ctx.saveCheckpoint({ retryKey, firstSentAt, acceptedRequestId: id } satisfies LineCheckpoint);
      ctx.progress(1);
      return { platformPostId: id, url: null };
    } finally {
      await fs.promises.rm(workDir, { recursive: true, force: true });
    }
  },

  /** The retry key makes a resend safe, so only an id LINE already gave is an answer. */
  async recover(_post, _target, ctx): Promise<PublishedPost | null> {
    const prior = checkpointOf(ctx);
    return prior?.acceptedRequestId ? { platformPostId: prior.acceptedRequestId, url: null } : null;
  },
};
