import { z } from 'zod';
import { graphError, graphFailure, type MetaPlatform } from '../../publish/meta/graph.js';
import { platformCall, type PlatformAnswer } from '../../publish/http.js';
import type { PublishContext } from '../../publish/types.js';

/**
 * Meta's insights edge as Instagram media, Facebook Page posts and Threads
 * media share it: `GET /{id}/insights?metric=a,b` answers
 * `{"data":[{"name","period","values":[{"value"}],"title","description","id"}]}`
 * (newer metrics may answer `total_value: {value}` instead of `values`).
 */

const insightsSchema = z.object({
  data: z.array(
    z.object({
      name: z.string(),
      values: z.array(z.object({ value: z.unknown() })).optional(),
      total_value: z.object({ value: z.unknown() }).optional(),
    }),
  ),
});

/** Graph codes that mean "no insights for this object" rather than a broken token: (#10) not enough viewers or no insights permission, (#100) a metric this object does not have. */
const UNAVAILABLE_CODES = new Set([10, 100]);

export type InsightsRead = { values: Map<string, number> } | { unavailable: PlatformAnswer };

const numberOf = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.round(v) : null);

/** `edge` is `insights`, or `video_insights` for a Page video. */
export async function readInsights(ctx: PublishContext, platform: MetaPlatform, token: string, objectId: string, metrics: string, edge = 'insights'): Promise<InsightsRead> {
  const url = new URL(`${ctx.baseUrl.replace(/\/+$/, '')}/${encodeURIComponent(objectId)}/${edge}`);
  url.searchParams.set('metric', metrics);
  url.searchParams.set('access_token', token);
  const answer = await platformCall(ctx, platform, url.toString(), { method: 'GET', timeoutMs: 30_000 });
  const error = graphError(answer);
  if (answer.status < 200 || answer.status >= 300 || error) {
    if (error && UNAVAILABLE_CODES.has(error.code)) return { unavailable: answer };
    throw graphFailure(platform, answer);
  }
  const parsed = insightsSchema.safeParse(answer.json);
  if (!parsed.success) throw graphFailure(platform, { ...answer, status: 502 });
  const values = new Map<string, number>();
  for (const m of parsed.data.data) {
    const value = numberOf(m.total_value?.value ?? m.values?.[0]?.value);
    if (value !== null) values.set(m.name, value);
  }
  return { values };
}
