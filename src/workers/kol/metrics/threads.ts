import { graphFailure } from '../../publish/meta/graph.js';
import type { FetchedMetrics } from '../../../shared/kol/metrics.js';
import type { PublishContext } from '../../publish/types.js';
import { readInsights } from './insights.js';

/**
 * Threads media insights (threads_manage_insights): views, likes, replies,
 * reposts and quotes. Reposts and quotes both carry the post to other
 * people's feeds, so together they are its shares; Threads has no saves.
 */
const METRICS = 'views,likes,replies,reposts,quotes';

export async function threadsMetrics(ctx: PublishContext, mediaId: string): Promise<FetchedMetrics> {
  const read = await readInsights(ctx, 'threads', ctx.token, mediaId, METRICS);
  if (!('values' in read)) throw graphFailure('threads', read.unavailable);
  const v = read.values;
  return { views: v.get('views') ?? null, likes: v.get('likes') ?? 0, comments: v.get('replies') ?? 0, shares: (v.get('reposts') ?? 0) + (v.get('quotes') ?? 0), saves: 0 };
}
