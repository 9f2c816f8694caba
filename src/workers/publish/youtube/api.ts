import { z } from 'zod';
import { say } from '../../../shared/messages.js';
import { PublishFailure } from '../failure.js';
import { describe, statusFailure, type PlatformAnswer } from '../http.js';

/**
 * YouTube Data API v3 answers: the video resource, the channel list, and
 * Google's error body `{"error":{"code","message","errors":[{"reason"}],"status"}}`.
 */

const googleErrorSchema = z.object({
  error: z.object({
    code: z.number().optional(),
    message: z.string().default(''),
    errors: z.array(z.object({ reason: z.string().optional(), message: z.string().optional() })).default([]),
    status: z.string().optional(),
  }),
});

export const videoResourceSchema = z.object({ id: z.string().min(1) });

const channelListSchema = z.object({
  items: z
    .array(
      z.object({
        id: z.string(),
        snippet: z.object({ title: z.string().default('') }).optional(),
        status: z.object({ longUploadsStatus: z.string().optional() }).optional(),
      }),
    )
    .default([]),
});

export function parseChannels(answer: PlatformAnswer): z.infer<typeof channelListSchema> {
  const list = channelListSchema.safeParse(answer.json);
  if (!list.success) throw youtubeFailure({ ...answer, status: 502 });
  return list.data;
}

/** Classifies an error answer by Google's `reason` first, then by its status. */
export function youtubeFailure(answer: PlatformAnswer): PublishFailure {
  const parsed = googleErrorSchema.safeParse(answer.json);
  const reasons = parsed.success ? parsed.data.error.errors.map((e) => e.reason ?? '') : [];
  const message = parsed.success ? parsed.data.error.message : '';
  const detail = message ? `${reasons.join(',') || answer.status}: ${message}`.slice(0, 300) : describe(answer);
  const log = `YouTube: HTTP ${answer.status} ${detail}`;
  // The project's daily quota resets at midnight Pacific time: retrying within minutes only burns attempts.
  if (reasons.includes('quotaExceeded') || reasons.includes('dailyLimitExceeded')) {
    return new PublishFailure('bad-post', say('publish.video.youtube.quotaExceeded'), log);
  }
  // The channel's own 24-hour upload cap (HTTP 400): the docs say to try again in 24 hours.
  if (reasons.includes('uploadLimitExceeded')) return new PublishFailure('bad-post', say('publish.video.youtube.uploadLimit'), log);
  if (reasons.includes('youtubeSignupRequired')) return new PublishFailure('disconnected', say('publish.video.youtube.noChannel'), log);
  if (reasons.includes('rateLimitExceeded') || reasons.includes('userRateLimitExceeded')) {
    const seconds = answer.retryAfterMs !== null ? Math.ceil(answer.retryAfterMs / 1000) : 60;
    return new PublishFailure('retry', say('publish.platform.rateLimited', { platform: 'YouTube', seconds }), log, answer.retryAfterMs ?? 60_000);
  }
  return statusFailure('youtube', answer, detail);
}
