import { fold } from './variants.js';

/** Text measurements the three scores share: sentences, paragraphs, tokens and shingles. */

const URL = /https?:\/\/\S+/gu;
const HASHTAG = /#[\p{L}\p{N}_]+/gu;
const HAN = /\p{Script=Han}/u;
const HAN_G = /\p{Script=Han}/gu;
const LETTER_G = /\p{L}/gu;
/** Sentence ends: Chinese and Western marks, and a Western full stop only before a space or the end (not 3.5). */
const SENTENCE_END = /[。！？!?；;…]+|\.(?=\s|$)|\n+/u;

/** Links and hashtags are not prose: readability and the AI signals measure what is left. */
export function prose(text: string): string {
  return text.replace(URL, ' ').replace(HASHTAG, ' ');
}

/** Which writing the text is measured as: Chinese when at least 30 % of its letters are Han, English otherwise; too few letters to tell, the persona's language decides. */
export function scriptOf(text: string, language: 'zh-TW' | 'zh-CN' | 'en'): 'zh' | 'en' {
  const letters = text.match(LETTER_G)?.length ?? 0;
  if (letters < 20) return language === 'en' ? 'en' : 'zh';
  const han = text.match(HAN_G)?.length ?? 0;
  return han / letters >= 0.3 ? 'zh' : 'en';
}

export function sentences(text: string): string[] {
  return prose(text)
    .split(SENTENCE_END)
    .map((s) => s.trim())
    .filter((s) => /[\p{L}\p{N}]/u.test(s));
}

export function paragraphs(text: string): string[] {
  return prose(text)
    .split(/\n/)
    .map((p) => p.trim())
    .filter((p) => /[\p{L}\p{N}]/u.test(p));
}

/** Characters that carry meaning (letters and digits; not spaces, punctuation or emoji). */
export function meaningfulChars(text: string): string[] {
  return fold(text).match(/[\p{L}\p{N}]/gu) ?? [];
}

export function englishWords(text: string): string[] {
  return fold(text).match(/[a-z0-9]+(?:'[a-z]+)?/g) ?? [];
}

/** A sentence's length as its reader feels it: characters for Chinese, words for English. */
export function sentenceLength(sentence: string, script: 'zh' | 'en'): number {
  if (script === 'en') return englishWords(sentence).length;
  // Latin words inside Chinese text read as one unit each, like a character.
  return (sentence.match(HAN_G)?.length ?? 0) + (sentence.replace(HAN_G, ' ').match(/[\p{L}\p{N}]+/gu)?.length ?? 0);
}

/** The tokens lexical measures count: Han characters (and Latin words) for Chinese, words for English. */
export function tokens(text: string, script: 'zh' | 'en'): string[] {
  if (script === 'en') return englishWords(prose(text));
  return fold(prose(text)).match(/\p{Script=Han}|[a-z0-9]+/gu) ?? [];
}

export function isHan(char: string): boolean {
  return HAN.test(char);
}

/** Character n-grams of the meaningful characters (folded), as a set: the shingles duplication compares. */
export function shingles(text: string, n: number): Set<string> {
  const chars = meaningfulChars(prose(text));
  const out = new Set<string>();
  if (chars.length < n) {
    if (chars.length > 0) out.add(chars.join(''));
    return out;
  }
  for (let i = 0; i + n <= chars.length; i++) out.add(chars.slice(i, i + n).join(''));
  return out;
}

export function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const x of small) if (large.has(x)) shared++;
  return shared / (a.size + b.size - shared);
}

export function mean(values: number[]): number {
  return values.length === 0 ? 0 : values.reduce((s, v) => s + v, 0) / values.length;
}

export function round(value: number, digits = 0): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export function clamp01(value: number): number {
  return Math.min(1, Math.max(0, value));
}
