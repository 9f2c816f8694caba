import { fold } from './variants.js';

/** Finding phrases in folded text (./variants.ts), where an offset in the folded text is an offset in the original. */

const WORD_CHAR = /[a-z0-9]/;

/**
 * Phrases folded once each: every draft is searched for the same few hundred
 * (the call-to-action and template lists, the risk rules), and folding them
 * per draft also pushed the draft's own text out of fold()'s one-entry memo.
 */
const needles = new Map<string, string>();
const NEEDLES_MAX = 4096;

function needleOf(phrase: string): string {
  let needle = needles.get(phrase);
  if (needle === undefined) {
    needle = fold(phrase.trim());
    if (needles.size >= NEEDLES_MAX) needles.clear();
    needles.set(phrase, needle);
  }
  return needle;
}

/**
 * Every place a phrase occurs. A phrase that begins or ends with a Latin
 * letter or digit must begin or end on a word boundary there ("ad" is not in
 * "read"); Chinese has no spaces, so a Chinese phrase matches anywhere.
 */
export function findPhrase(foldedText: string, phrase: string): { start: number; end: number }[] {
  const needle = needleOf(phrase);
  if (needle === '') return [];
  const checkStart = WORD_CHAR.test(needle[0]!);
  const checkEnd = WORD_CHAR.test(needle[needle.length - 1]!);
  const out: { start: number; end: number }[] = [];
  for (let at = foldedText.indexOf(needle); at !== -1; at = foldedText.indexOf(needle, at + 1)) {
    const end = at + needle.length;
    if (checkStart && at > 0 && WORD_CHAR.test(foldedText[at - 1]!)) continue;
    if (checkEnd && end < foldedText.length && WORD_CHAR.test(foldedText[end]!)) continue;
    out.push({ start: at, end });
  }
  return out;
}

/** The first phrase of a list that occurs, with where. */
export function firstPhrase(foldedText: string, list: readonly string[]): { phrase: string; start: number } | null {
  let best: { phrase: string; start: number } | null = null;
  for (const phrase of list) {
    const [hit] = findPhrase(foldedText, phrase);
    if (hit && (!best || hit.start < best.start)) best = { phrase, start: hit.start };
  }
  return best;
}
