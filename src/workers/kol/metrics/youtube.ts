import { z } from 'zod';
import { say } from '../../../shared/messages.js';
import type { FetchedMetrics } from '../../../shared/kol/metrics.js';
import { PublishFailure } from '../../publish/failure.js';
import { platformCall } from '../../publish/http.js';
import type { PublishContext } from '../../publish/types.js';
import { youtubeFailure } from '../../publish/youtube/api.js';

/**
 * A YouTube video's public statistics (Data API v3 `videos?part=statistics`,
 * 1 quota unit): counts come as strings. The Data API has no share count, and
 * favoriteCount is always 0 since favourites were retired, so both stay 0.
 */
const count = z.string().regex(/^\d+$/).transform(Number).optional();
const listSchema = z.object({
  items: z.array(z.object({ id: z.string(), statistics: z.object({ viewCount: count, likeCount: count, commentCount: count }).default({}) })).default([]),
});

export async function youtubeMetrics(ctx: PublishContext, videoId: string): Promise<FetchedMetrics> {
  const url = new URL(`${ctx.baseUrl.replace(/\/+$/, '')}/youtube/v3/videos`);
  url.searchParams.set('part', 'statistics');
  url.searchParams.set('id', videoId);
  const answer = await platformCall(ctx, 'youtube', url.toString(), { method: 'GET', headers: { authorization: `Bearer ${ctx.token}` }, timeoutMs: 30_000 });
  if (answer.status < 200 || answer.status >= 300) throw youtubeFailure(answer);
  const list = listSchema.safeParse(answer.json);
  if (!list.success) throw youtubeFailure({ ...answer, status: 502 });
  const video = list.data.items.find((v) => v.id === videoId);
  // Deleted, made private, or never there: nothing to read now or later.
  if (!video) throw new PublishFailure('bad-post', say('kol.learn.metrics.postGone', { platform: 'YouTube' }), `YouTube: videos.list answered no video ${videoId}`);
  const s = video.statistics;
  return { views: s.viewCount ?? null, likes: s.likeCount ?? 0, comments: s.commentCount ?? 0, shares: 0, saves: 0 };
}
