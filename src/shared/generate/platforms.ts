import type { Language } from '../settings.js';

/** The eight publishing targets of a social post (seed 000 §3.2), with each one's limits and habits. */
export interface Platform {
  id: string;
  label: Record<Language, string>;
  /** Hard limit on the caption, in characters. */
  maxChars: number;
  /** What reads well: shorter than the hard limit. */
  idealChars: number;
  hashtags: { min: number; max: number; habit: string };
  defaultAspect: '1:1' | '4:5' | '9:16' | '16:9';
}

export const PLATFORMS = [
  { id: 'instagram', label: { 'zh-TW': 'Instagram', 'zh-CN': 'Instagram', en: 'Instagram' }, maxChars: 2200, idealChars: 300, hashtags: { min: 5, max: 15, habit: 'a block of 5–15 niche and broad hashtags after the caption' }, defaultAspect: '4:5' },
  { id: 'facebook', label: { 'zh-TW': 'Facebook', 'zh-CN': 'Facebook', en: 'Facebook' }, maxChars: 63206, idealChars: 250, hashtags: { min: 0, max: 3, habit: 'at most 2–3 hashtags, woven into the text' }, defaultAspect: '1:1' },
  { id: 'tiktok', label: { 'zh-TW': 'TikTok', 'zh-CN': '抖音 / TikTok', en: 'TikTok' }, maxChars: 2200, idealChars: 150, hashtags: { min: 3, max: 6, habit: '3–6 trending and topic hashtags' }, defaultAspect: '9:16' },
  { id: 'linkedin', label: { 'zh-TW': 'LinkedIn', 'zh-CN': '领英 LinkedIn', en: 'LinkedIn' }, maxChars: 3000, idealChars: 1200, hashtags: { min: 1, max: 5, habit: '3–5 professional hashtags at the end' }, defaultAspect: '1:1' },
  { id: 'youtube-shorts', label: { 'zh-TW': 'YouTube Shorts', 'zh-CN': 'YouTube Shorts', en: 'YouTube Shorts' }, maxChars: 100, idealChars: 70, hashtags: { min: 1, max: 3, habit: '#Shorts plus 1–2 topic hashtags in the title' }, defaultAspect: '9:16' },
  { id: 'line', label: { 'zh-TW': 'LINE 官方帳號', 'zh-CN': 'LINE 官方账号', en: 'LINE Official Account' }, maxChars: 500, idealChars: 200, hashtags: { min: 0, max: 0, habit: 'no hashtags; a friendly message with one link or call to action' }, defaultAspect: '1:1' },
  { id: 'threads', label: { 'zh-TW': 'Threads', 'zh-CN': 'Threads', en: 'Threads' }, maxChars: 500, idealChars: 280, hashtags: { min: 0, max: 1, habit: 'one topic tag at most' }, defaultAspect: '4:5' },
  { id: 'wordpress', label: { 'zh-TW': 'WordPress 摘要', 'zh-CN': 'WordPress 摘要', en: 'WordPress excerpt' }, maxChars: 320, idealChars: 160, hashtags: { min: 0, max: 0, habit: 'no hashtags; an excerpt that makes people click through' }, defaultAspect: '16:9' },
] as const satisfies readonly Platform[];

export type PlatformId = (typeof PLATFORMS)[number]['id'];
export const PLATFORM_IDS = PLATFORMS.map((p) => p.id) as [PlatformId, ...PlatformId[]];

export function platformById(id: PlatformId): Platform {
  return PLATFORMS.find((p) => p.id === id)!;
}

/** Characters as a platform counts them (code points; CJK counts one each). */
export function charCount(text: string): number {
  return [...text].length;
}

/** The text a post publishes: the caption, then its hashtags (each with its #) — what a platform's limit counts. */
export function postText(caption: string, hashtags: readonly string[]): string {
  const tags = hashtags.map((h) => (h.startsWith('#') ? h : `#${h}`));
  return tags.length ? `${caption}\n\n${tags.join(' ')}` : caption;
}
