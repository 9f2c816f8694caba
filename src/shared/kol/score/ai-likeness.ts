import { say } from '../../messages.js';
import type { ScoreCheck } from '../scores.js';
import { findPhrase } from './find.js';
import { TEMPLATE_PHRASES } from './phrases.js';
import { clamp01, mean, round, sentenceLength, sentences, tokens } from './text.js';
import { fold } from './variants.js';

/**
 * An estimate of how machine-written a draft reads, from signals that can be
 * measured and shown — not a detector, and the texts say so. Each signal has
 * a strength from 0 (reads human) to 1 (reads machine-made); the score is
 * their weighted mean as 0–100. A signal that needs more text than the draft
 * has is reported with weight 0 and left out.
 *
 * - repetition: share of repeated n-grams (4 characters in Chinese, 3 words
 *   in English). Human posts rarely repeat a 4-character run; templated
 *   copy repeats whole phrases.
 * - openings: share of sentences that begin like another one (首先/此外/
 *   這款…; "This… This…").
 * - burstiness: variation of sentence length (standard deviation / mean).
 *   People mix short and long sentences; generated text is evenly paced.
 * - templates: stock phrases (總而言之, 值得注意的是, "delve", "in today's
 *   fast-paced…"); one can be chance, two or more is a pattern.
 * - diversity: moving-average type–token ratio over 50-token windows (MATTR,
 *   which does not fall just because a text is longer); low means a small
 *   vocabulary used over and over.
 */
export const AI_WEIGHTS = { repetition: 0.25, openings: 0.15, burstiness: 0.25, templates: 0.2, diversity: 0.15 } as const;

export const AI_LIMITS = {
  /** Repeated n-grams above this share read machine-made. */
  repetition: 0.12,
  /** Repeated sentence openings above this share. */
  openings: 0.3,
  /** Sentence-length variation below this. */
  burstiness: 0.4,
  /** MATTR below this (Chinese characters, English words). */
  diversity: { zh: 0.6, en: 0.62 },
  minSentences: 4,
  minNgrams: 20,
  window: 50,
} as const;

type Script = 'zh' | 'en';

function ngrams(list: string[], n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i + n <= list.length; i++) out.push(list.slice(i, i + n).join(' '));
  return out;
}

function repetition(text: string, script: Script): ScoreCheck & { strength: number } {
  const n = script === 'zh' ? 4 : 3;
  const grams = ngrams(tokens(text, script), n);
  if (grams.length < AI_LIMITS.minNgrams) {
    return { id: 'repetition', passed: true, weight: 0, strength: 0, reason: say('kol.score.ai.fewWords', { found: Math.max(0, grams.length + n - 1), needed: AI_LIMITS.minNgrams + n - 1 }) };
  }
  const share = 1 - new Set(grams).size / grams.length;
  const strength = clamp01((share - 0.04) / 0.16);
  return { id: 'repetition', passed: share <= AI_LIMITS.repetition, weight: AI_WEIGHTS.repetition, strength, reason: say('kol.score.ai.repetition', { percent: round(100 * share), limit: round(100 * AI_LIMITS.repetition) }) };
}

function opening(sentence: string, script: Script): string {
  const list = tokens(sentence, script);
  return (script === 'zh' ? list.slice(0, 2) : list.slice(0, 1)).join(' ');
}

function openings(list: string[], script: Script): ScoreCheck & { strength: number } {
  if (list.length < AI_LIMITS.minSentences) {
    return { id: 'openings', passed: true, weight: 0, strength: 0, reason: say('kol.score.ai.fewSentences', { found: list.length, needed: AI_LIMITS.minSentences }) };
  }
  const starts = list.map((s) => opening(s, script));
  const share = 1 - new Set(starts).size / starts.length;
  const strength = clamp01((share - 0.1) / 0.4);
  return { id: 'openings', passed: share <= AI_LIMITS.openings, weight: AI_WEIGHTS.openings, strength, reason: say('kol.score.ai.openings', { percent: round(100 * share), limit: round(100 * AI_LIMITS.openings) }) };
}

function burstiness(list: string[], script: Script): ScoreCheck & { strength: number } {
  if (list.length < AI_LIMITS.minSentences) {
    return { id: 'burstiness', passed: true, weight: 0, strength: 0, reason: say('kol.score.ai.fewSentences', { found: list.length, needed: AI_LIMITS.minSentences }) };
  }
  const lengths = list.map((s) => sentenceLength(s, script));
  const m = mean(lengths);
  const sd = Math.sqrt(mean(lengths.map((x) => (x - m) ** 2)));
  const variation = m === 0 ? 0 : sd / m;
  const strength = clamp01((0.6 - variation) / 0.4);
  return { id: 'burstiness', passed: variation >= AI_LIMITS.burstiness, weight: AI_WEIGHTS.burstiness, strength, reason: say('kol.score.ai.burstiness', { variation: round(variation, 2), min: AI_LIMITS.burstiness }) };
}

function templates(text: string): ScoreCheck & { strength: number } {
  const folded = fold(text);
  const found: { start: number; end: number }[] = [];
  for (const phrase of [...TEMPLATE_PHRASES.chinese, ...TEMPLATE_PHRASES.english]) found.push(...findPhrase(folded, phrase));
  for (const frame of TEMPLATE_PHRASES.frames) for (const m of folded.matchAll(frame)) found.push({ start: m.index, end: m.index + m[0].length });
  // One stock phrase inside another (快節奏的 in 在當今快節奏的時代) counts once.
  const spans: { start: number; end: number }[] = [];
  for (const f of found.sort((a, b) => a.start - b.start || b.end - a.end)) if (!spans.some((s) => f.start < s.end && s.start < f.end)) spans.push(f);
  const count = spans.length;
  const strength = clamp01(count / 3);
  if (count === 0) return { id: 'templates', passed: true, weight: AI_WEIGHTS.templates, strength, reason: say('kol.score.ai.templatesNone') };
  const phrases = [...new Set(spans.map((f) => text.slice(f.start, f.end)))].slice(0, 5).join('、');
  return { id: 'templates', passed: count <= 1, weight: AI_WEIGHTS.templates, strength, reason: say('kol.score.ai.templates', { count, phrases }) };
}

function diversity(text: string, script: Script): ScoreCheck & { strength: number } {
  const list = tokens(text, script);
  const w = AI_LIMITS.window;
  if (list.length < w) {
    return { id: 'diversity', passed: true, weight: 0, strength: 0, reason: say('kol.score.ai.fewWords', { found: list.length, needed: w }) };
  }
  const ratios: number[] = [];
  for (let i = 0; i + w <= list.length; i++) ratios.push(new Set(list.slice(i, i + w)).size / w);
  const mattr = mean(ratios);
  const min = AI_LIMITS.diversity[script];
  const strength = clamp01((min + 0.15 - mattr) / 0.3);
  return { id: 'diversity', passed: mattr >= min, weight: AI_WEIGHTS.diversity, strength, reason: say('kol.score.ai.diversity', { percent: round(100 * mattr), min: round(100 * min) }) };
}

export function aiLikenessScore(text: string, script: Script): { score: number; signals: ScoreCheck[] } {
  const list = sentences(text);
  const measured = [repetition(text, script), openings(list, script), burstiness(list, script), templates(text), diversity(text, script)];
  const total = measured.reduce((s, m) => s + m.weight, 0);
  const score = total === 0 ? 0 : round((100 * measured.reduce((s, m) => s + m.weight * m.strength, 0)) / total);
  return { score, signals: measured.map(({ strength: _strength, ...check }) => check) };
}
