import { wallClockAt } from '../../publish/time.js';
import type { PublishPlatform } from '../../publish/platforms.js';
import { engagementScore, type EngagementMetrics } from '../post-record.js';

/**
 * What learning reads of a published post (seed 003 SelfLearningService):
 * its persona and client, what it said, when it went out in its account's
 * time zone, its media, and the engagement it got. Main builds these from
 * the post records; everything here is pure so the renderer and tests can
 * run it too.
 */

export const MEDIA_TYPES = ['text', 'image', 'video', 'carousel'] as const;
export type MediaType = (typeof MEDIA_TYPES)[number];

export interface LearningPost {
  id: string;
  personaId: string;
  personaNickname: string;
  clientId: string | null;
  /** The persona's content style (seed `kol_profiles.content_style`). */
  contentStyle: string;
  topic: string;
  title: string;
  content: string;
  /** The record's tags (the seed's commodity tags): the post's keywords. */
  tags: string[];
  platform: PublishPlatform | null;
  url: string | null;
  publishedAt: number;
  /** The account's time zone (the persona's when the account names none). */
  timeZone: string;
  mediaType: MediaType;
  metrics: Pick<EngagementMetrics, 'views' | 'likes' | 'comments' | 'shares' | 'saves'>;
}

/** The features a top post can share with other top posts (categorical: each post has one or more values). */
export const FEATURES = ['persona', 'style', 'hour', 'weekday', 'topic', 'keyword', 'length', 'media', 'hashtagCount', 'hashtag'] as const;
export type Feature = (typeof FEATURES)[number];

/** Numeric features compared by their means in the top and in the rest. */
export const NUMERIC_FEATURES = ['length', 'hashtags', 'hour'] as const;
export type NumericFeature = (typeof NUMERIC_FEATURES)[number];

/** Length of the text in characters (code points, so a Chinese character counts once). */
export const LENGTH_BUCKETS = [
  { id: 'short', max: 99 },
  { id: 'medium', max: 299 },
  { id: 'long', max: 799 },
  { id: 'veryLong', max: Infinity },
] as const;
export type LengthBucket = (typeof LENGTH_BUCKETS)[number]['id'];

export const HASHTAG_COUNT_BUCKETS = [
  { id: '0', min: 0, max: 0 },
  { id: '1-2', min: 1, max: 2 },
  { id: '3-5', min: 3, max: 5 },
  { id: '6+', min: 6, max: Infinity },
] as const;

/** Posting hours are compared in two-hour windows ("20" is 20:00–22:00): an hour alone holds too few posts to say anything. */
export const HOUR_WINDOW = 2;

const HASHTAG = /(^|[^\p{L}\p{N}_&])#([\p{L}\p{N}_]+)/gu;

export function hashtagsOf(text: string): string[] {
  const seen = new Set<string>();
  for (const m of text.matchAll(HASHTAG)) seen.add(`#${m[2]!.toLowerCase()}`);
  return [...seen];
}

export function lengthOf(text: string): number {
  return [...text.trim()].length;
}

export function lengthBucket(length: number): LengthBucket {
  return LENGTH_BUCKETS.find((b) => length <= b.max)!.id;
}

export function hashtagCountBucket(count: number): string {
  return HASHTAG_COUNT_BUCKETS.find((b) => count >= b.min && count <= b.max)!.id;
}

export interface PostFeatures {
  values: Record<Feature, string[]>;
  numeric: Record<NumericFeature, number>;
  score: number;
}

/** The local hour (0–23) and weekday (0 = Sunday) the post went out in its account's zone. */
export function localTime(post: Pick<LearningPost, 'publishedAt' | 'timeZone'>): { hour: number; weekday: number } {
  const w = wallClockAt(post.publishedAt, post.timeZone);
  return { hour: w.hour, weekday: new Date(Date.UTC(w.year, w.month - 1, w.day)).getUTCDay() };
}

export function featuresOf(post: LearningPost): PostFeatures {
  const { hour, weekday } = localTime(post);
  const hashtags = hashtagsOf(post.content);
  const length = lengthOf(post.content);
  const keywords = [...new Set(post.tags.map((t) => t.trim().toLowerCase()).filter((t) => t !== '' && !t.startsWith('#')))];
  const topic = post.topic.trim();
  const style = post.contentStyle.trim();
  return {
    values: {
      persona: [post.personaId],
      style: style ? [style] : [],
      hour: [String(hour - (hour % HOUR_WINDOW))],
      weekday: [String(weekday)],
      topic: topic ? [topic] : [],
      keyword: keywords,
      length: [lengthBucket(length)],
      media: [post.mediaType],
      hashtagCount: [hashtagCountBucket(hashtags.length)],
      hashtag: hashtags,
    },
    numeric: { length, hashtags: hashtags.length, hour },
    score: engagementScore(post.metrics),
  };
}
