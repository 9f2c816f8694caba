import { z } from 'zod';
import { say } from '../../../shared/messages.js';
import { PublishFailure } from '../failure.js';
import { describe, platformCall, statusFailure, type PlatformAnswer } from '../http.js';
import type { PublishContext } from '../types.js';

/**
 * TikTok's Content Posting API as the publisher uses it: every answer is
 * `{"data":{…},"error":{"code","message","log_id"}}` and `error.code` is "ok"
 * on success; any other code is classified here, whatever the HTTP status.
 */

const errorSchema = z.object({ code: z.string(), message: z.string().default(''), log_id: z.string().optional() });
const envelopeSchema = z.object({ data: z.unknown().optional(), error: errorSchema });

/** POSTs JSON (or GETs when `body` is undefined) and answers the envelope's `data`, parsed with `schema`. */
export async function tiktokCall<T>(ctx: PublishContext, path: string, schema: z.ZodType<T>, body?: unknown): Promise<T> {
  const answer = await platformCall(ctx, 'tiktok', `${ctx.baseUrl}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${ctx.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json; charset=UTF-8' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const envelope = envelopeSchema.safeParse(answer.json);
  if (!envelope.success) {
    if (answer.status >= 200 && answer.status < 300) throw malformed(answer);
    throw statusFailure('tiktok', answer);
  }
  const { error } = envelope.data;
  if (error.code !== 'ok') throw tiktokFailure(answer, error.code, error.message);
  const data = schema.safeParse(envelope.data.data ?? {});
  if (!data.success) throw malformed(answer);
  return data.data;
}

function malformed(answer: PlatformAnswer): PublishFailure {
  return new PublishFailure('retry', say('publish.platform.unavailable', { platform: 'TikTok', status: answer.status }), `TikTok: unexpected answer: ${describe(answer)}`);
}

/** What each of TikTok's error codes asks of us (Content Posting API reference, "Error codes"). */
function tiktokFailure(answer: PlatformAnswer, code: string, message: string): PublishFailure {
  const detail = `${code}: ${message}`.slice(0, 300);
  const log = `TikTok: HTTP ${answer.status} ${detail}`;
  switch (code) {
    case 'access_token_invalid':
      return new PublishFailure('refresh-token', say('publish.platform.tokenExpired', { platform: 'TikTok' }), log);
    case 'scope_not_authorized':
    case 'scope_permission_missed':
      return new PublishFailure('disconnected', say('publish.platform.disconnected', { platform: 'TikTok', detail }), log);
    case 'rate_limit_exceeded': {
      // Per-minute limits (6 inits, 30 status fetches a minute per user): worth retrying shortly.
      const seconds = answer.retryAfterMs !== null ? Math.ceil(answer.retryAfterMs / 1000) : 60;
      return new PublishFailure('retry', say('publish.platform.rateLimited', { platform: 'TikTok', seconds }), log, answer.retryAfterMs ?? 60_000);
    }
    // Daily caps: retrying within the hour cannot help, so the user sees it at once and reschedules.
    case 'spam_risk_too_many_posts':
      return new PublishFailure('bad-post', say('publish.video.tiktok.dailyCap'), log);
    case 'reached_active_user_cap':
      return new PublishFailure('bad-post', say('publish.video.tiktok.appDailyCap'), log);
    case 'spam_risk_too_many_pending_share':
      return new PublishFailure('bad-post', say('publish.video.tiktok.pendingShares'), log);
    case 'spam_risk_user_banned_from_posting':
      return new PublishFailure('bad-post', say('publish.video.tiktok.banned'), log);
    case 'unaudited_client_can_only_post_to_private_accounts':
      return new PublishFailure('bad-post', say('publish.video.tiktok.privateOnly'), log);
    case 'internal_error':
      return new PublishFailure('retry', say('publish.platform.unavailable', { platform: 'TikTok', status: answer.status }), log);
    default:
      // invalid_params, privacy_level_option_mismatch, spam_risk_text, file format errors…: the post must change.
      if (answer.status === 429 || answer.status >= 500) return statusFailure('tiktok', answer, detail);
      return new PublishFailure('bad-post', say('publish.platform.rejected', { platform: 'TikTok', detail }), log);
  }
}

const creatorInfoSchema = z.object({
  creator_username: z.string().default(''),
  creator_nickname: z.string().default(''),
  privacy_level_options: z.array(z.string()).default([]),
  comment_disabled: z.boolean().default(false),
  duet_disabled: z.boolean().default(false),
  stitch_disabled: z.boolean().default(false),
  max_video_post_duration_sec: z.number().default(600),
});
export type CreatorInfo = z.infer<typeof creatorInfoSchema>;

export function creatorInfo(ctx: PublishContext): Promise<CreatorInfo> {
  return tiktokCall(ctx, '/v2/post/publish/creator_info/query/', creatorInfoSchema, {});
}

export const initSchema = z.object({ publish_id: z.string().min(1), upload_url: z.url() });

const statusSchema = z.object({
  status: z.string(),
  fail_reason: z.string().optional(),
  // TikTok's own spelling.
  publicaly_available_post_id: z.array(z.union([z.string(), z.number()])).default([]),
  uploaded_bytes: z.number().optional(),
});
export type PublishStatus = z.infer<typeof statusSchema>;

export function fetchStatus(ctx: PublishContext, publishId: string): Promise<PublishStatus> {
  return tiktokCall(ctx, '/v2/post/publish/status/fetch/', statusSchema, { publish_id: publishId });
}

/**
 * TikTok's fail_reason values that a retry may cure (its side, or a
 * transfer that broke); every other reason is about the video or the account.
 */
const RETRYABLE_FAIL_REASONS = new Set(['internal', 'video_pull_failed', 'photo_pull_failed', 'file_upload_failed']);

export function failedStatus(status: PublishStatus): PublishFailure {
  const reason = status.fail_reason ?? 'unknown';
  const log = `TikTok: publish FAILED (${reason})`;
  if (RETRYABLE_FAIL_REASONS.has(reason)) return new PublishFailure('retry', say('publish.video.tiktok.processingFailed', { reason }), log);
  if (reason === 'spam_risk_too_many_posts') return new PublishFailure('bad-post', say('publish.video.tiktok.dailyCap'), log);
  if (reason === 'auth_removed') return new PublishFailure('disconnected', say('publish.platform.disconnected', { platform: 'TikTok', detail: reason }), log);
  return new PublishFailure('bad-post', say('publish.video.tiktok.processingFailed', { reason }), log);
}
