import type { JobPayload } from '../../../shared/jobs/kinds.js';
import type { FetchedMetrics, MetricsPlatform } from '../../../shared/kol/metrics.js';
import type { JobContext } from '../../context.js';
import { publishContext } from '../../publish/job.js';
import { facebookMetrics } from './facebook.js';
import { instagramMetrics } from './instagram.js';
import { threadsMetrics } from './threads.js';
import type { MetricsFetcher } from './types.js';
import { youtubeMetrics } from './youtube.js';

/**
 * The worker's side of reading engagement (issue 14): the token main handed
 * over for this job (the vault's short-lived one, as for publishing), the
 * platform's API base (a loopback fake in tests), one read.
 */
export const METRICS_FETCHERS: Record<MetricsPlatform, MetricsFetcher> = {
  instagram: instagramMetrics,
  facebook: facebookMetrics,
  threads: threadsMetrics,
  youtube: youtubeMetrics,
};

export async function fetchPostMetrics(payload: JobPayload<'kol.metrics'>, job: JobContext): Promise<FetchedMetrics> {
  const ctx = publishContext(payload.platform, `metrics:${payload.postId}`, job, []);
  return METRICS_FETCHERS[payload.platform](ctx, payload.platformPostId, payload.target);
}
