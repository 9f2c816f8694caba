import type { LearningPost, MediaType } from '../../src/shared/kol/learning/index.js';

/**
 * 200 published posts over four weeks (Asia/Taipei) with known engagement.
 * Every fifth post is planted: published 20:00–22:00 local time, with a
 * video and 3–5 hashtags, it scores about 3× the others. The rest cycle
 * through hours, media and hashtag counts independently, and never have all
 * three planted features at once; topics, keywords, lengths and personas
 * cycle regardless of whether a post is planted.
 */

export const FIXTURE_NOW = Date.UTC(2026, 10, 29, 0, 0);
/** Taipei midnight of 1 Nov 2026 (UTC+8, no daylight saving). */
const FIRST_DAY = Date.UTC(2026, 10, 1) - 8 * 3600_000;
const HOURS_OF_REST = [8, 10, 12, 14, 16, 18, 20, 22];
const MEDIA_OF_REST: MediaType[] = ['video', 'image', 'text', 'carousel'];
const POOL = ['#a1', '#b2', '#c3', '#d4', '#e5', '#f6', '#g7'];
const TOPICS = ['台股開盤', 'ETF 配息', '半導體', '美股收盤'];
const KEYWORDS = [['台積電'], ['0056', 'etf'], ['聯發科']];
const LENGTHS = [50, 150, 400, 900];

export interface PlantedPosts {
  posts: LearningPost[];
  planted: string[];
}

export function plantedPosts(count = 200): PlantedPosts {
  const posts: LearningPost[] = [];
  const planted: string[] = [];
  let k = 0;
  for (let i = 0; i < count; i++) {
    const isPlanted = i % 5 === 0;
    const id = `post-${String(i).padStart(3, '0')}`;
    let hour: number;
    let media: MediaType;
    let tags: number;
    if (isPlanted) {
      planted.push(id);
      hour = 20 + (i % 2);
      media = 'video';
      tags = 3 + (i % 3);
    } else {
      hour = HOURS_OF_REST[k % 8]!;
      media = MEDIA_OF_REST[k % 4]!;
      tags = (k >> 1) % 8;
      k += 1;
    }
    const hashtags = Array.from({ length: tags }, (_, n) => POOL[(i + n) % POOL.length]!);
    const body = '字'.repeat(LENGTHS[(i >> 1) % 4]!);
    const persona = i % 2 === 0 ? 'persona-a' : 'persona-b';
    posts.push({
      id,
      personaId: persona,
      personaNickname: persona === 'persona-a' ? '股市阿明' : '理財小美',
      clientId: persona === 'persona-a' ? 'client-1' : 'client-2',
      contentStyle: persona === 'persona-a' ? '輕鬆' : '專業',
      topic: TOPICS[i % 4]!,
      title: `Post ${i}`,
      content: `${body} ${hashtags.join(' ')}`.trim(),
      tags: KEYWORDS[i % 3]!,
      platform: 'instagram',
      url: `https://www.instagram.com/p/${id}/`,
      publishedAt: FIRST_DAY + (i % 28) * 86_400_000 + hour * 3600_000 + 15 * 60_000,
      timeZone: 'Asia/Taipei',
      mediaType: media,
      metrics: isPlanted
        ? { views: 5000, likes: 200 + (i % 10), comments: 40, shares: 20, saves: 20 }
        : { views: 2000, likes: 60 + (i % 20), comments: 14, shares: 6, saves: 6 },
    });
  }
  return { posts, planted };
}
