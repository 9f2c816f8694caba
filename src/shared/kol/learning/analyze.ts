import { say, type Localized } from '../../messages.js';
import { FEATURES, NUMERIC_FEATURES, featuresOf, type Feature, type LearningPost, type NumericFeature, type PostFeatures } from './features.js';
import { suggestionsFrom, type Suggestion } from './suggest.js';

/**
 * The seed's SelfLearningService: over a period, the top 20 % of published
 * posts by engagement score, and the features they share against the rest,
 * each with the size of its difference (share in the top vs the rest in
 * percentage points, and the lift in mean engagement of the posts that have
 * the feature over those that do not). No suggestion below 10 posts.
 */

export const LEARNING_PERIODS = [7, 30, 90] as const;
export type LearningPeriod = (typeof LEARNING_PERIODS)[number];
export const MIN_POSTS_FOR_SUGGESTIONS = 10;
export const TOP_SHARE = 0.2;
/** A feature value seen on fewer posts than this says nothing (one lucky post is not a pattern). */
export const MIN_SUPPORT = 3;

export interface FeatureDiff {
  feature: Feature;
  value: string;
  /** Posts with the value among the top, and among the rest. */
  topCount: number;
  restCount: number;
  /** Shares (0–1) of the top and of the rest that have the value. */
  topShare: number;
  restShare: number;
  /** (topShare − restShare) in percentage points: positive when the top has it more often. */
  diffPp: number;
  /** Posts with and without the value, and their mean engagement scores. */
  withCount: number;
  withoutCount: number;
  meanWith: number;
  meanWithout: number;
  /** meanWith / meanWithout; null when the posts without it scored nothing. */
  lift: number | null;
}

export interface NumericDiff {
  feature: NumericFeature;
  topMean: number;
  restMean: number;
  /** topMean − restMean. */
  diff: number;
}

export interface TopPost {
  id: string;
  personaId: string;
  personaNickname: string;
  title: string;
  platform: LearningPost['platform'];
  url: string | null;
  publishedAt: number;
  score: number;
}

export interface GroupSummary {
  id: string;
  label: string;
  posts: number;
  meanScore: number;
  /** Of this group's posts, how many are in the top 20 % of the scope. */
  inTop: number;
}

export interface LearningReport {
  periodDays: number;
  from: number;
  to: number;
  personaId: string | null;
  clientId: string | null;
  /** Published posts in the period with metrics. */
  posts: number;
  /** Whether there are enough posts to suggest anything; when not, `reason` says so. */
  enough: boolean;
  reason: Localized | null;
  top: TopPost[];
  meanTop: number;
  meanRest: number;
  /** Largest differences first (by the size of the percentage-point difference). */
  differences: FeatureDiff[];
  numeric: NumericDiff[];
  byPersona: GroupSummary[];
  byClient: GroupSummary[];
  suggestions: Suggestion[];
}

export interface AnalyzeOptions {
  periodDays: number;
  now: number;
  personaId?: string | null;
  clientId?: string | null;
}

const mean = (xs: number[]): number => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);
const round = (x: number, digits = 2): number => Math.round(x * 10 ** digits) / 10 ** digits;

/** Posts in the period and scope, best first (ties broken by id so the top is the same on every run). */
function inScope(posts: readonly LearningPost[], o: AnalyzeOptions): { post: LearningPost; f: PostFeatures }[] {
  const from = o.now - o.periodDays * 86_400_000;
  return posts
    .filter((p) => p.publishedAt >= from && p.publishedAt <= o.now)
    .filter((p) => !o.personaId || p.personaId === o.personaId)
    .filter((p) => !o.clientId || p.clientId === o.clientId)
    .map((post) => ({ post, f: featuresOf(post) }))
    .sort((a, b) => b.f.score - a.f.score || a.post.id.localeCompare(b.post.id));
}

export function topCountOf(n: number): number {
  return n === 0 ? 0 : Math.max(1, Math.ceil(n * TOP_SHARE));
}

function differences(scored: { f: PostFeatures }[], topN: number, skip: ReadonlySet<Feature>): FeatureDiff[] {
  const top = scored.slice(0, topN);
  const rest = scored.slice(topN);
  const out: FeatureDiff[] = [];
  for (const feature of FEATURES) {
    if (skip.has(feature)) continue;
    const values = new Set(scored.flatMap((s) => s.f.values[feature]));
    for (const value of values) {
      const has = (s: { f: PostFeatures }): boolean => s.f.values[feature].includes(value);
      const withPosts = scored.filter(has);
      const without = scored.filter((s) => !has(s));
      if (withPosts.length < MIN_SUPPORT || without.length === 0) continue;
      const topCount = top.filter(has).length;
      const restCount = rest.filter(has).length;
      const topShare = top.length ? topCount / top.length : 0;
      const restShare = rest.length ? restCount / rest.length : 0;
      const meanWith = mean(withPosts.map((s) => s.f.score));
      const meanWithout = mean(without.map((s) => s.f.score));
      out.push({
        feature,
        value,
        topCount,
        restCount,
        topShare: round(topShare, 4),
        restShare: round(restShare, 4),
        diffPp: round((topShare - restShare) * 100, 1),
        withCount: withPosts.length,
        withoutCount: without.length,
        meanWith: round(meanWith),
        meanWithout: round(meanWithout),
        lift: meanWithout > 0 ? round(meanWith / meanWithout) : null,
      });
    }
  }
  return out.sort((a, b) => Math.abs(b.diffPp) - Math.abs(a.diffPp) || (b.lift ?? 0) - (a.lift ?? 0) || a.feature.localeCompare(b.feature) || a.value.localeCompare(b.value));
}

function groups(scored: { post: LearningPost; f: PostFeatures }[], topIds: Set<string>, key: (p: LearningPost) => string | null, label: (p: LearningPost) => string): GroupSummary[] {
  const by = new Map<string, { post: LearningPost; f: PostFeatures }[]>();
  for (const s of scored) {
    const k = key(s.post);
    if (k === null) continue;
    by.set(k, [...(by.get(k) ?? []), s]);
  }
  return [...by.entries()]
    .map(([id, list]) => ({ id, label: label(list[0]!.post), posts: list.length, meanScore: round(mean(list.map((s) => s.f.score))), inTop: list.filter((s) => topIds.has(s.post.id)).length }))
    .sort((a, b) => b.meanScore - a.meanScore || a.id.localeCompare(b.id));
}

export function analyze(posts: readonly LearningPost[], o: AnalyzeOptions): LearningReport {
  const scored = inScope(posts, o);
  const topN = topCountOf(scored.length);
  const top = scored.slice(0, topN);
  const rest = scored.slice(topN);
  const topIds = new Set(top.map((s) => s.post.id));
  const enough = scored.length >= MIN_POSTS_FOR_SUGGESTIONS;
  // Within one persona, the persona and its style are the same for every post.
  const skip = new Set<Feature>(o.personaId ? ['persona', 'style'] : []);
  const diffs = enough ? differences(scored, topN, skip) : [];
  const numeric: NumericDiff[] = enough
    ? NUMERIC_FEATURES.map((feature) => {
        const topMean = mean(top.map((s) => s.f.numeric[feature]));
        const restMean = mean(rest.map((s) => s.f.numeric[feature]));
        return { feature, topMean: round(topMean), restMean: round(restMean), diff: round(topMean - restMean) };
      })
    : [];
  const nicknames = new Map(scored.map((s) => [s.post.personaId, s.post.personaNickname]));
  return {
    periodDays: o.periodDays,
    from: o.now - o.periodDays * 86_400_000,
    to: o.now,
    personaId: o.personaId ?? null,
    clientId: o.clientId ?? null,
    posts: scored.length,
    enough,
    reason: enough ? null : say('kol.learn.tooFew', { count: scored.length, min: MIN_POSTS_FOR_SUGGESTIONS }),
    top: top.map(({ post, f }) => ({
      id: post.id,
      personaId: post.personaId,
      personaNickname: post.personaNickname,
      title: post.title,
      platform: post.platform,
      url: post.url,
      publishedAt: post.publishedAt,
      score: f.score,
    })),
    meanTop: round(mean(top.map((s) => s.f.score))),
    meanRest: round(mean(rest.map((s) => s.f.score))),
    differences: diffs,
    numeric,
    byPersona: groups(scored, topIds, (p) => p.personaId, (p) => p.personaNickname),
    byClient: groups(scored, topIds, (p) => p.clientId, (p) => p.clientId ?? ''),
    suggestions: enough ? suggestionsFrom(diffs, nicknames) : [],
  };
}
