import { say, type Localized } from '../../messages.js';
import { foldPattern } from './variants.js';

/**
 * What an agency-written pattern must be before it is saved (and what the
 * rule editor checks as the user types): at most 200 characters; for a
 * regular expression, one that compiles, cannot match nothing, and has no
 * shape known to backtrack catastrophically. Scoring runs on the main process
 * for every draft, so one bad pattern must not be able to stall it.
 */
export const MAX_PATTERN_LENGTH = 200;

/** Flags every rule's expression runs with: all matches, case folded, Unicode (so \p{…} works and offsets stay UTF-16). */
export const RULE_FLAGS = 'giu';

interface Quantifier {
  length: number;
  /** Repeats more than once (*, +, {n,m} with m ≥ 2). */
  repeats: boolean;
  /** Has no upper bound (*, +, {n,}). */
  unbounded: boolean;
}

function quantifierAt(source: string, at: number): Quantifier | null {
  const m = /^(?:([*+?])|\{(\d+)(,(\d*))?\})\??/.exec(source.slice(at));
  if (!m) return null;
  if (m[1]) return { length: m[0].length, repeats: m[1] !== '?', unbounded: m[1] !== '?' };
  const min = Number(m[2]);
  const max = m[3] === undefined ? min : m[4] === '' ? Infinity : Number(m[4]);
  return { length: m[0].length, repeats: max >= 2, unbounded: max === Infinity };
}

interface Group {
  start: number;
  /** Holds a repeating quantifier, at any depth. */
  repeats: boolean;
  /** Holds an unbounded quantifier, at any depth. */
  unbounded: boolean;
  /** Holds an alternation, at any depth. */
  alternation: boolean;
}

/**
 * The part of an expression that repeats a group which itself repeats or
 * branches — (a+)+, (a*)*, (\w+\s?)*, (a|aa)+, (a+){2,9} — or null. These are
 * the shapes whose backtracking grows exponentially (or as a high power) on
 * a near miss. Conservative: it also refuses some harmless ones such as
 * (foo|bar)+; an agency can write those as separate rules.
 */
export function nestedQuantifier(source: string): string | null {
  const stack: Group[] = [];
  let inClass = false;
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (c === '\\') {
      i += 2;
    } else if (inClass) {
      if (c === ']') inClass = false;
      i++;
    } else if (c === '[') {
      inClass = true;
      i++;
    } else if (c === '(') {
      stack.push({ start: i, repeats: false, unbounded: false, alternation: false });
      i++;
    } else if (c === ')') {
      const group = stack.pop();
      i++;
      const q = quantifierAt(source, i);
      if (group && q?.repeats) {
        const risky = q.unbounded ? group.repeats || group.alternation : group.unbounded;
        if (risky) return source.slice(group.start, i + q.length);
      }
      const parent = stack[stack.length - 1];
      if (group && parent) {
        parent.repeats ||= group.repeats || (q?.repeats ?? false);
        parent.unbounded ||= group.unbounded || (q?.unbounded ?? false);
        parent.alternation ||= group.alternation;
      }
      i += q?.length ?? 0;
    } else if (c === '|') {
      const top = stack[stack.length - 1];
      if (top) top.alternation = true;
      i++;
    } else {
      const q = quantifierAt(source, i);
      const top = stack[stack.length - 1];
      if (q && top) {
        top.repeats ||= q.repeats;
        top.unbounded ||= q.unbounded;
      }
      i += q ? q.length : 1;
    }
  }
  return null;
}

/** Why a rule's pattern cannot be saved, or null when it can. */
export function patternProblem(match: 'phrase' | 'regex', pattern: string): Localized | null {
  if (pattern.length > MAX_PATTERN_LENGTH) return say('kol.score.rules.patternTooLong', { length: pattern.length, limit: MAX_PATTERN_LENGTH });
  if (match === 'phrase') return null;
  let compiled: RegExp;
  try {
    compiled = new RegExp(foldPattern(pattern), RULE_FLAGS);
  } catch (err) {
    return say('kol.score.rules.badRegex', { detail: err instanceof Error ? err.message : String(err) });
  }
  const nested = nestedQuantifier(pattern);
  if (nested !== null) return say('kol.score.rules.nestedQuantifier', { part: nested });
  if (compiled.test('')) return say('kol.score.rules.matchesEmpty');
  return null;
}
