import { say } from '../../messages.js';
import { PLATFORM_LABELS, PLATFORM_RULES, type PublishPlatform } from '../../publish/platforms.js';
import { hashtagCount, textLength } from '../../publish/validate.js';
import type { ScoreCheck } from '../scores.js';
import { firstPhrase } from './find.js';
import { CALL_TO_ACTION } from './phrases.js';
import { englishWords, jaccard, mean, paragraphs, round, sentenceLength, sentences, shingles } from './text.js';
import { fold } from './variants.js';

/**
 * The quality score: five weighted checks, each saying what it measured and,
 * when it fails, what to change. Score = the weights of the passed checks
 * over all weights, as 0–100.
 */
export const QUALITY_WEIGHTS = { length: 0.25, readability: 0.2, hashtags: 0.15, cta: 0.15, duplication: 0.25 } as const;

/**
 * Shortest useful post per platform (counted as the platform counts, like the
 * limit): under this a caption gives the reader nothing to react to. A blog
 * post (WordPress) under 300 characters is a note, not an article.
 */
export const MIN_LENGTH: Record<PublishPlatform, number> = { instagram: 50, facebook: 40, threads: 15, tiktok: 10, linkedin: 100, youtube: 50, line: 10, wordpress: 300 };
export const MIN_LENGTH_ANY_PLATFORM = 20;

/**
 * Hashtags that help rather than hurt, per platform: Instagram and TikTok
 * reward a handful of specific tags; Threads takes one topic tag; Facebook,
 * LINE and blogs gain little from them; YouTube ignores all tags past 15 and
 * shows the first three. Never more than the platform allows.
 */
export const HASHTAG_SWEET_SPOT: Record<PublishPlatform, [number, number]> = {
  instagram: [3, 10],
  facebook: [0, 3],
  threads: [0, 1],
  tiktok: [3, 6],
  linkedin: [1, 5],
  youtube: [1, 5],
  line: [0, 2],
  wordpress: [0, 3],
};
export const HASHTAG_SWEET_SPOT_ANY: [number, number] = [1, 5];

/**
 * Chinese readability, measured for a phone screen, where a line holds about
 * 15–20 characters: a sentence of more than 50 characters runs past three
 * lines without a pause, and a paragraph of more than 150 is a wall of text
 * that people scroll past. Social copy that reads easily averages well under
 * 30 characters a sentence and keeps long sentences to one in five at most.
 */
export const ZH_READABILITY = { maxMeanSentence: 30, longSentenceAt: 50, maxLongShare: 0.2, maxParagraph: 150 } as const;

/**
 * English: Flesch reading ease (206.835 − 1.015 × words/sentence − 84.6 ×
 * syllables/word) of at least 50 — below that is "fairly difficult", college
 * reading — and no more than 25 words a sentence on average.
 */
export const EN_READABILITY = { minFlesch: 50, maxWordsPerSentence: 25 } as const;

/** Two posts whose character shingles (3 for Chinese, 5 for English) overlap by half or more (Jaccard) say the same thing. */
export const DUPLICATE_AT = 0.5;

interface QualityInput {
  text: string;
  platform: PublishPlatform | null;
  script: 'zh' | 'en';
  recentTexts: readonly string[];
}

function lengthCheck({ text, platform }: QualityInput): ScoreCheck {
  const weight = QUALITY_WEIGHTS.length;
  if (!platform) {
    const count = [...text.trim()].length;
    const passed = count >= MIN_LENGTH_ANY_PLATFORM;
    const reason = passed ? say('kol.score.quality.length.anyOk', { count, min: MIN_LENGTH_ANY_PLATFORM }) : say('kol.score.quality.length.anyTooShort', { count, min: MIN_LENGTH_ANY_PLATFORM });
    return { id: 'length', passed, weight, reason };
  }
  const count = textLength(platform, text);
  const limit = PLATFORM_RULES[platform].maxText;
  const min = MIN_LENGTH[platform];
  const name = PLATFORM_LABELS[platform];
  if (count > limit) return { id: 'length', passed: false, weight, reason: say('kol.score.quality.length.tooLong', { platform: name, count, limit }) };
  if (count < min) return { id: 'length', passed: false, weight, reason: say('kol.score.quality.length.tooShort', { platform: name, count, min }) };
  return { id: 'length', passed: true, weight, reason: say('kol.score.quality.length.ok', { platform: name, count, min, limit }) };
}

/** Syllables of an English word by vowel groups (a silent final e dropped): rough, and enough for Flesch. */
function syllables(word: string): number {
  const groups = word.replace(/e$/, '').match(/[aeiouy]+/g)?.length ?? 0;
  return Math.max(1, groups);
}

function readabilityCheck({ text, script }: QualityInput): ScoreCheck {
  const weight = QUALITY_WEIGHTS.readability;
  const list = sentences(text);
  if (script === 'en') {
    const words = list.flatMap((s) => englishWords(s));
    const perSentence = list.length === 0 ? 0 : words.length / list.length;
    const perWord = words.length === 0 ? 0 : words.reduce((n, w) => n + syllables(w), 0) / words.length;
    const score = words.length === 0 ? 0 : round(206.835 - 1.015 * perSentence - 84.6 * perWord);
    const wordsRounded = round(perSentence, 1);
    const passed = score >= EN_READABILITY.minFlesch && perSentence <= EN_READABILITY.maxWordsPerSentence;
    const reason = passed
      ? say('kol.score.quality.readability.enOk', { score, words: wordsRounded })
      : say('kol.score.quality.readability.enHard', { score, words: wordsRounded, min: EN_READABILITY.minFlesch, maxWords: EN_READABILITY.maxWordsPerSentence });
    return { id: 'readability', passed, weight, reason };
  }
  const lengths = list.map((s) => sentenceLength(s, 'zh'));
  const meanLength = round(mean(lengths), 1);
  const longPercent = lengths.length === 0 ? 0 : round((100 * lengths.filter((n) => n > ZH_READABILITY.longSentenceAt).length) / lengths.length);
  const paragraph = Math.max(0, ...paragraphs(text).map((p) => sentenceLength(p, 'zh')));
  const passed = meanLength <= ZH_READABILITY.maxMeanSentence && longPercent <= 100 * ZH_READABILITY.maxLongShare && paragraph <= ZH_READABILITY.maxParagraph;
  const reason = passed
    ? say('kol.score.quality.readability.zhOk', { mean: meanLength, longPercent, paragraph })
    : say('kol.score.quality.readability.zhHard', {
        mean: meanLength,
        longPercent,
        paragraph,
        maxMean: ZH_READABILITY.maxMeanSentence,
        longAt: ZH_READABILITY.longSentenceAt,
        maxLongPercent: 100 * ZH_READABILITY.maxLongShare,
        maxParagraph: ZH_READABILITY.maxParagraph,
      });
  return { id: 'readability', passed, weight, reason };
}

function hashtagCheck({ text, platform }: QualityInput): ScoreCheck {
  const weight = QUALITY_WEIGHTS.hashtags;
  const count = hashtagCount(text);
  const [min, spot] = platform ? HASHTAG_SWEET_SPOT[platform] : HASHTAG_SWEET_SPOT_ANY;
  const max = Math.min(spot, (platform && PLATFORM_RULES[platform].maxHashtags) ?? spot);
  if (count < min) return { id: 'hashtags', passed: false, weight, reason: say('kol.score.quality.hashtags.few', { count, min, max }) };
  if (count > max) return { id: 'hashtags', passed: false, weight, reason: say('kol.score.quality.hashtags.many', { count, min, max }) };
  return { id: 'hashtags', passed: true, weight, reason: say('kol.score.quality.hashtags.ok', { count, min, max }) };
}

function ctaCheck({ text }: QualityInput): ScoreCheck {
  const weight = QUALITY_WEIGHTS.cta;
  const folded = fold(text);
  const hit = firstPhrase(folded, [...CALL_TO_ACTION.chinese, ...CALL_TO_ACTION.english]);
  if (!hit) return { id: 'cta', passed: false, weight, reason: say('kol.score.quality.cta.missing') };
  // Quote the words as the post wrote them (Traditional or Simplified), not as the list spells them.
  const phrase = text.slice(hit.start, hit.start + fold(hit.phrase).length);
  return { id: 'cta', passed: true, weight, reason: say('kol.score.quality.cta.found', { phrase }) };
}

/**
 * Shingle sets of earlier posts, by text, least recently used first: a
 * persona's last 50 posts are compared with every new draft of that persona,
 * and shingling them again for each draft was most of the scoring's time.
 * Bounded by the characters kept (about 40 bytes of set per character).
 */
const earlierSets = new Map<string, Set<string>>();
let earlierChars = 0;
const EARLIER_CHARS_MAX = 500_000;

function earlierShingles(text: string, n: number): Set<string> {
  const key = `${n}:${text}`;
  const hit = earlierSets.get(key);
  if (hit) {
    earlierSets.delete(key);
    earlierSets.set(key, hit);
    return hit;
  }
  const made = shingles(text, n);
  if (key.length > EARLIER_CHARS_MAX / 50) return made;
  earlierSets.set(key, made);
  earlierChars += key.length;
  for (const old of earlierSets.keys()) {
    if (earlierChars <= EARLIER_CHARS_MAX) break;
    earlierSets.delete(old);
    earlierChars -= old.length;
  }
  return made;
}

function duplicationCheck({ text, script, recentTexts }: QualityInput): ScoreCheck {
  const weight = QUALITY_WEIGHTS.duplication;
  const n = script === 'zh' ? 3 : 5;
  const mine = shingles(text, n);
  if (recentTexts.length === 0) return { id: 'duplication', passed: true, weight, reason: say('kol.score.quality.duplication.none') };
  let best = { index: 0, similarity: -1 };
  recentTexts.forEach((earlier, index) => {
    const similarity = jaccard(mine, earlierShingles(earlier, n));
    if (similarity > best.similarity) best = { index, similarity };
  });
  // `index` is 1-based into recentTexts (newest first: 1 is the persona's latest post).
  const params = { index: best.index + 1, similarity: round(100 * best.similarity), limit: 100 * DUPLICATE_AT };
  if (best.similarity >= DUPLICATE_AT) return { id: 'duplication', passed: false, weight, reason: say('kol.score.quality.duplication.similar', params) };
  return { id: 'duplication', passed: true, weight, reason: say('kol.score.quality.duplication.ok', params) };
}

export function qualityScore(input: QualityInput): { score: number; checks: ScoreCheck[] } {
  const checks = [lengthCheck(input), readabilityCheck(input), hashtagCheck(input), ctaCheck(input), duplicationCheck(input)];
  const total = checks.reduce((s, c) => s + c.weight, 0);
  const passed = checks.reduce((s, c) => s + (c.passed ? c.weight : 0), 0);
  return { score: total === 0 ? 0 : round((100 * passed) / total), checks };
}
