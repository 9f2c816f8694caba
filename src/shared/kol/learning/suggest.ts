import { say, type Localized } from '../../messages.js';
import type { FeatureDiff } from './analyze.js';
import { HOUR_WINDOW, LENGTH_BUCKETS, MEDIA_TYPES, type Feature, type LengthBucket } from './features.js';

/**
 * Findings turned into what a person (and, when the persona allows it, the
 * next generation's prompt) can act on: only features the top has more often
 * than the rest by a clear margin, on posts that really did better.
 */

export interface Suggestion {
  feature: Feature;
  value: string;
  /** "Posts at 20:00–22:00 get 2.1× the engagement (12 vs 40 posts)", in the user's language. */
  text: Localized;
  lift: number;
  diffPp: number;
  withCount: number;
  withoutCount: number;
  /** The line for a generation prompt (English: it is read by the model), or null when the finding is about scheduling, not writing. */
  prompt: string | null;
}

/** A finding becomes a suggestion when the top has it this many points more often than the rest… */
export const MIN_DIFF_PP = 10;
/** …and the posts with it score at least this much more than those without. */
export const MIN_LIFT = 1.2;
export const MAX_SUGGESTIONS = 8;

const LENGTH_BUCKET_IDS = LENGTH_BUCKETS.map((b) => b.id);
const WEEKDAYS = ['0', '1', '2', '3', '4', '5', '6'] as const;
const isOneOf = <T extends string>(list: readonly T[], value: string): value is T => (list as readonly string[]).includes(value);

const LENGTH_PROMPTS: Record<LengthBucket, string> = {
  short: 'Keep the post short: under 100 characters.',
  medium: 'Aim for 100 to 300 characters.',
  long: 'Aim for 300 to 800 characters.',
  veryLong: 'Write a long post: more than 800 characters.',
};

const HASHTAG_COUNT_PROMPTS: Record<string, string> = {
  '0': 'Do not use hashtags.',
  '1-2': 'Use 1 or 2 hashtags.',
  '3-5': 'Use 3 to 5 hashtags.',
  '6+': 'Use 6 or more hashtags.',
};

const pad = (h: number): string => `${String(h).padStart(2, '0')}:00`;
const formatLift = (lift: number): string => lift.toFixed(1);

function toSuggestion(d: FeatureDiff, nicknames: ReadonlyMap<string, string>): Suggestion | null {
  const lift = d.lift ?? 0;
  const size = { lift: formatLift(lift), with: d.withCount, without: d.withoutCount };
  let text: Localized;
  let prompt: string | null = null;
  switch (d.feature) {
    case 'hour': {
      const from = Number(d.value);
      text = say('kol.learn.suggest.hour', { from: pad(from), to: pad((from + HOUR_WINDOW) % 24), ...size });
      break;
    }
    case 'weekday':
      if (!isOneOf(WEEKDAYS, d.value)) return null;
      text = say(`kol.learn.suggest.weekday.${d.value}`, size);
      break;
    case 'media':
      if (!isOneOf(MEDIA_TYPES, d.value)) return null;
      text = say(`kol.learn.suggest.media.${d.value}`, size);
      break;
    case 'length':
      if (!isOneOf(LENGTH_BUCKET_IDS, d.value)) return null;
      text = say(`kol.learn.suggest.length.${d.value}`, size);
      prompt = LENGTH_PROMPTS[d.value];
      break;
    case 'hashtagCount':
      text = say('kol.learn.suggest.hashtagCount', { range: d.value.replace('-', '–'), ...size });
      prompt = HASHTAG_COUNT_PROMPTS[d.value] ?? null;
      break;
    case 'hashtag':
      text = say('kol.learn.suggest.hashtag', { tag: d.value, ...size });
      prompt = `Include the hashtag ${d.value} where it fits.`;
      break;
    case 'keyword':
      text = say('kol.learn.suggest.keyword', { keyword: d.value, ...size });
      prompt = `Where it fits, write about: ${d.value}.`;
      break;
    case 'topic':
      text = say('kol.learn.suggest.topic', { topic: d.value, ...size });
      prompt = `Topics like "${d.value}" do well with this audience.`;
      break;
    case 'style':
      text = say('kol.learn.suggest.style', { style: d.value, ...size });
      break;
    case 'persona':
      text = say('kol.learn.suggest.persona', { persona: nicknames.get(d.value) ?? d.value, ...size });
      break;
  }
  return { feature: d.feature, value: d.value, text, lift, diffPp: d.diffPp, withCount: d.withCount, withoutCount: d.withoutCount, prompt };
}

/** The strongest positive findings (differences come largest first), as suggestions. */
export function suggestionsFrom(differences: readonly FeatureDiff[], nicknames: ReadonlyMap<string, string> = new Map()): Suggestion[] {
  const out: Suggestion[] = [];
  for (const d of differences) {
    if (out.length >= MAX_SUGGESTIONS) break;
    if (d.diffPp < MIN_DIFF_PP || d.lift === null || d.lift < MIN_LIFT) continue;
    const s = toSuggestion(d, nicknames);
    if (s) out.push(s);
  }
  return out;
}
