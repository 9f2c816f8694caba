import { z } from 'zod';
import type { FetchedMetrics } from '../../../shared/kol/metrics.js';
import { graphGet } from '../../publish/meta/graph.js';
import type { PublishContext } from '../../publish/types.js';
import { readInsights } from './insights.js';

/**
 * Instagram media insights (Graph API with Facebook Login, the token that
 * published): views, likes, comments, shares, saved, reach. `impressions`
 * and `plays` were deprecated (v22.0, all versions from 21 April 2025) in
 * favour of `views`. A media with too few viewers for insights, or a child
 * of an album, has none: its own like and comment counters stand in.
 */
const METRICS = 'views,likes,comments,shares,saved,reach';

const countersSchema = z.object({ like_count: z.number().int().min(0).optional(), comments_count: z.number().int().min(0).optional() });

export async function instagramMetrics(ctx: PublishContext, mediaId: string): Promise<FetchedMetrics> {
  const read = await readInsights(ctx, 'instagram', ctx.token, mediaId, METRICS);
  if ('values' in read) {
    const v = read.values;
    return { views: v.get('views') ?? null, likes: v.get('likes') ?? 0, comments: v.get('comments') ?? 0, shares: v.get('shares') ?? 0, saves: v.get('saved') ?? 0 };
  }
  const media = await graphGet({ ctx, platform: 'instagram', token: ctx.token }, mediaId, { fields: 'like_count,comments_count' }, countersSchema);
  return { views: null, likes: media.like_count ?? 0, comments: media.comments_count ?? 0, shares: 0, saves: 0 };
}
