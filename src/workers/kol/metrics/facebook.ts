import { z } from 'zod';
import type { FetchedMetrics } from '../../../shared/kol/metrics.js';
import { graphGet } from '../../publish/meta/graph.js';
import { pageToken } from '../../publish/meta/facebook.js';
import type { PublishContext } from '../../publish/types.js';
import type { MetricsTarget } from './types.js';
import { readInsights } from './insights.js';

/**
 * A Facebook Page post's engagement, with the Page's token: the reaction and
 * comment totals (summaries, no items), the share count (absent when 0), and
 * views from the post's insights (`post_media_view`, which replaced
 * `post_impressions` when Meta deprecated impressions on 15 November 2025).
 * Insights exist only for Pages with 100 or more likes: elsewhere views stay
 * unknown. A video post is named by its video id: a Video has no `shares`
 * field (asking for it is an error) and its views are `total_video_views`
 * of its video_insights. Facebook has no saves.
 */
const SUMMARIES = 'reactions.summary(total_count).limit(0),comments.summary(total_count).limit(0)';

const summarySchema = z.object({ summary: z.object({ total_count: z.number().int().min(0) }).optional() }).optional();
const postSchema = z.object({ id: z.string(), reactions: summarySchema, comments: summarySchema, shares: z.object({ count: z.number().int().min(0) }).optional() });

export async function facebookMetrics(ctx: PublishContext, postId: string, target: MetricsTarget): Promise<FetchedMetrics> {
  // Page post ids are `{page-id}_{post-id}`; a video post is named by its video id, whose Page is the account's.
  const video = !postId.includes('_');
  const pageId = target.targetId ?? postId.split('_')[0]!;
  const token = await pageToken(ctx, pageId);
  const post = await graphGet({ ctx, platform: 'facebook', token }, postId, { fields: video ? SUMMARIES : `${SUMMARIES},shares` }, postSchema);
  const metric = video ? 'total_video_views' : 'post_media_view';
  const insights = await readInsights(ctx, 'facebook', token, postId, metric, video ? 'video_insights' : 'insights');
  return {
    views: 'values' in insights ? (insights.values.get(metric) ?? null) : null,
    likes: post.reactions?.summary?.total_count ?? 0,
    comments: post.comments?.summary?.total_count ?? 0,
    shares: post.shares?.count ?? 0,
    saves: 0,
  };
}
