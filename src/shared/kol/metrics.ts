import { z } from 'zod';
import type { PublishPlatform } from '../publish/platforms.js';

/**
 * Engagement read back from the platforms (issue 14). Four platforms answer
 * a post's numbers to the token that published it; the others are entered by
 * hand or from a CSV: TikTok's Display API lists only the user's own videos
 * with its own scopes, LINE broadcasts have no per-message counts, WordPress
 * has none, and LinkedIn's member post analytics (memberCreatorPostAnalytics)
 * need the r_member_postAnalytics scope of the Community Management API,
 * which LinkedIn grants only to approved partner apps.
 */
export const METRICS_PLATFORMS = ['instagram', 'facebook', 'threads', 'youtube'] as const;
export type MetricsPlatform = (typeof METRICS_PLATFORMS)[number];

export function fetchesMetrics(platform: PublishPlatform | null): platform is MetricsPlatform {
  return platform !== null && (METRICS_PLATFORMS as readonly string[]).includes(platform);
}

/** What a platform answered; `views` is null where it gives none (a Facebook Page under 100 likes has no insights). */
export interface FetchedMetrics {
  views: number | null;
  likes: number;
  comments: number;
  shares: number;
  saves: number;
}

const count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** Numbers a person enters (the Learning page, the CSV import). */
export const metricsEntrySchema = z
  .object({
    views: count.default(0),
    likes: count.default(0),
    comments: count.default(0),
    shares: count.default(0),
    saves: count.default(0),
  })
  .strict();
export type MetricsEntry = z.output<typeof metricsEntrySchema>;
