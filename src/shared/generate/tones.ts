import type { Language } from '../settings.js';

/**
 * The seed's 14 writing tones (000 §3.1: 專業正式、輕鬆隨性、親切友善、幽默風趣、
 * 教育科普 and nine more), each with its names in the three UI languages and
 * the style guide that goes into the prompt.
 */
export interface Tone {
  id: string;
  label: Record<Language, string>;
  guide: string;
}

export const TONES = [
  { id: 'professional', label: { 'zh-TW': '專業正式', 'zh-CN': '专业正式', en: 'Professional' }, guide: 'Precise, confident and formal. Short declarative sentences, concrete facts and figures, no slang or emoji.' },
  { id: 'casual', label: { 'zh-TW': '輕鬆隨性', 'zh-CN': '轻松随性', en: 'Casual' }, guide: 'Relaxed and easy-going, as if talking to a friend over coffee. Contractions, everyday words, short paragraphs.' },
  { id: 'friendly', label: { 'zh-TW': '親切友善', 'zh-CN': '亲切友善', en: 'Friendly' }, guide: 'Warm and welcoming. Address the reader directly, encourage them, keep a positive, helpful tone.' },
  { id: 'humorous', label: { 'zh-TW': '幽默風趣', 'zh-CN': '幽默风趣', en: 'Humorous' }, guide: 'Light and witty. Playful comparisons and a joke or two, but the useful content still comes through.' },
  { id: 'educational', label: { 'zh-TW': '教育科普', 'zh-CN': '教育科普', en: 'Educational' }, guide: 'Explain step by step for a curious beginner. Define terms, use examples, end sections with a takeaway.' },
  { id: 'persuasive', label: { 'zh-TW': '說服行銷', 'zh-CN': '说服营销', en: 'Persuasive' }, guide: 'Benefit-led and convincing. Open with the reader’s problem, show the solution, close with a clear call to action.' },
  { id: 'inspirational', label: { 'zh-TW': '激勵人心', 'zh-CN': '激励人心', en: 'Inspirational' }, guide: 'Uplifting and hopeful. Vivid images, a personal angle, and an encouraging close.' },
  { id: 'storytelling', label: { 'zh-TW': '故事敘述', 'zh-CN': '故事叙述', en: 'Storytelling' }, guide: 'Tell it as a story: a character, a moment of tension and a resolution that carries the message.' },
  { id: 'authoritative', label: { 'zh-TW': '權威專家', 'zh-CN': '权威专家', en: 'Authoritative' }, guide: 'Speak as a recognised expert: evidence, clear recommendations, no hedging without reason.' },
  { id: 'empathetic', label: { 'zh-TW': '溫暖同理', 'zh-CN': '温暖同理', en: 'Empathetic' }, guide: 'Acknowledge how the reader feels before offering help. Gentle, patient, never judgmental.' },
  { id: 'enthusiastic', label: { 'zh-TW': '熱情活潑', 'zh-CN': '热情活泼', en: 'Enthusiastic' }, guide: 'High energy and excited. Exclamations in moderation, lively verbs, a sense of fun.' },
  { id: 'luxurious', label: { 'zh-TW': '質感精品', 'zh-CN': '质感精品', en: 'Luxurious' }, guide: 'Refined and sensory. Craft, materials and details; calm pacing and elegant vocabulary.' },
  { id: 'minimalist', label: { 'zh-TW': '簡約俐落', 'zh-CN': '简约利落', en: 'Minimalist' }, guide: 'Say it in as few words as possible. Short lines, no filler, one idea per paragraph.' },
  { id: 'journalistic', label: { 'zh-TW': '新聞報導', 'zh-CN': '新闻报道', en: 'Journalistic' }, guide: 'Neutral news style: the most important facts first (who, what, when, where, why), quotes and attribution.' },
] as const satisfies readonly Tone[];

export type ToneId = (typeof TONES)[number]['id'];
export const TONE_IDS = TONES.map((t) => t.id) as [ToneId, ...ToneId[]];

export function toneById(id: ToneId): Tone {
  return TONES.find((t) => t.id === id)!;
}
