import { say, type Localized } from '../../messages.js';
import type { FeatureDiff } from './analyze.js';
import type { Feature, LengthBucket, MediaType } from './features.js';
import { HOUR_WINDOW } from './features.js';

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

const WEEKDAY_KEYS = [
  'kol.learn.suggest.weekday.0',
  'kol.learn.suggest.weekday.1',
  'kol.learn.suggest.weekday.2',
  'kol.learn.suggest.weekday.3',
  'kol.learn.suggest.weekday.4',
  'kol.learn.suggest.weekday.5',
  'kol.learn.suggest.weekday.6',
] as const;

const MEDIA_KEYS = {
  text: 'kol.learn.suggest.media.text',
  image: 'kol.learn.suggest.media.image',
  video: 'kol.learn.suggest.media.video',
  carousel: 'kol.learn.suggest.media.carousel',
} as const satisfies Record<MediaType, string>;

const LENGTH_KEYS = {
  short: 'kol.learn.suggest.length.short',
  medium: 'kol.learn.suggest.length.medium',
  long: 'kol.learn.suggest.length.long',
  veryLong: 'kol.learn.suggest.length.veryLong',
} as const satisfies Record<LengthBucket, string>;

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
    case 'weekday': {
      const key = WEEKDAY_KEYS[Number(d.value)];
      if (!key) return null;
      text = say(key, size);
      break;
    }
    case 'media': {
      const key = MEDIA_KEYS[d.value as MediaType];
      if (!key) return null;
      text = say(key, size);
      break;
    }
    case 'length': {
      const key = LENGTH_KEYS[d.value as LengthBucket];
      if (!key) return null;
      text = say(key, size);
      prompt = LENGTH_PROMPTS[d.value as LengthBucket];
      break;
    }
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
