import { StudioError } from '../../shared/errors.js';
import { say } from '../../shared/messages.js';
import { asNumber, JsonPathError, parseJsonPath, selectJsonPath, type PathSegment } from '../../shared/kol/json-path.js';
import { FEED_MAX_BYTES, JSON_MAX_BYTES, type FeedTrigger } from '../../shared/kol/triggers.js';
import { wallClockAt } from '../../shared/publish/time.js';
import { parseFeed, type FeedItem } from './feeds.js';
import { fetchText, shownUrl } from './fetch.js';

/**
 * What a trigger reads from the network: a schedule's feeds (all of them, or
 * an error that names the one that failed) and a threshold's number.
 */
const FEED_ACCEPT = 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8';

export async function readFeed(url: string, env?: NodeJS.ProcessEnv): Promise<FeedItem[]> {
  return parseFeed(await fetchText(url, { maxBytes: FEED_MAX_BYTES, accept: FEED_ACCEPT }, env), url);
}

/** Every feed's items, newest first, an item found in two feeds once; the first feed that fails fails the check (no run on part of the news). */
export async function readFeeds(trigger: FeedTrigger, env?: NodeJS.ProcessEnv): Promise<FeedItem[]> {
  const lists = await Promise.all(trigger.feeds.map((url) => readFeed(url, env)));
  const seen = new Set<string>();
  return lists
    .flat()
    .sort((a, b) => (b.publishedAt ?? 0) - (a.publishedAt ?? 0))
    .filter((item) => (seen.has(item.key) ? false : (seen.add(item.key), true)));
}

export function compilePath(path: string): PathSegment[] {
  try {
    return parseJsonPath(path);
  } catch (err) {
    if (!(err instanceof JsonPathError)) throw err;
    throw new StudioError({ code: 'BAD_INPUT', message: err.message, field: 'trigger.path', ...say('kol.trig.badJsonPath', { path }) });
  }
}

/** The numbers the path selects in the URL's JSON and their sum (the value compared); an error when it selects none. */
export async function readNumber(url: string, path: string, env?: NodeJS.ProcessEnv): Promise<{ values: number[]; value: number }> {
  const segments = compilePath(path);
  const text = await fetchText(url, { maxBytes: JSON_MAX_BYTES, accept: 'application/json' }, env);
  const shown = shownUrl(url);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new StudioError({ code: 'BAD_INPUT', message: `${shown} did not answer JSON.`, ...say('kol.trig.notJson', { url: shown }) });
  }
  const values = selectJsonPath(json, segments)
    .map(asNumber)
    .filter((n): n is number => n !== null);
  if (values.length === 0) {
    throw new StudioError({ code: 'BAD_INPUT', message: `${path} selects no number in ${shown}'s answer.`, ...say('kol.trig.noValue', { url: shown, path }) });
  }
  return { values, value: values.reduce((a, b) => a + b, 0) };
}

/** A threshold sample's bucket: the day on the zone's clock (`2027-03-01`), or the poll's own time. */
export function sampleBucket(sampleBy: 'day' | 'poll', at: number, timeZone: string): string {
  if (sampleBy === 'poll') return String(at).padStart(16, '0');
  const w = wallClockAt(at, timeZone);
  return `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
}
