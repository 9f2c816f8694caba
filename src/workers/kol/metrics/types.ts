import type { FetchedMetrics } from '../../../shared/kol/metrics.js';
import type { PublishContext } from '../../publish/types.js';

/** The account a post went out as (the Page for Facebook, the Instagram user for Instagram). */
export interface MetricsTarget {
  accountId: string;
  targetId: string | null;
}

/** Reads one post's engagement from its platform; throws a PublishFailure (classified as publishing's are) otherwise. */
export type MetricsFetcher = (ctx: PublishContext, platformPostId: string, target: MetricsTarget) => Promise<FetchedMetrics>;
