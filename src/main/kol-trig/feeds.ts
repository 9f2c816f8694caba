import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { StudioError } from '../../shared/errors.js';
import { say } from '../../shared/messages.js';
import type { FeedItemView, FeedTrigger } from '../../shared/kol/triggers.js';
import { shownUrl } from './fetch.js';

/**
 * RSS 2.0 and Atom (RFC 4287) feeds read into items. A document that is not
 * well-formed XML, or is XML but neither feed, is an error that names the
 * feed and says what is wrong (the parser's line and message), so a schedule
 * never runs on half a feed.
 */
export type FeedItem = Omit<FeedItemView, 'matches' | 'used'>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  // Tags that may repeat are always arrays, so one item reads like many.
  isArray: (name) => ['item', 'entry', 'link', 'category'].includes(name),
  parseTagValue: false,
  trimValues: true,
});

const SUMMARY_MAX = 1500;

function malformed(feed: string, line: number, detail: string): StudioError {
  const url = shownUrl(feed);
  return new StudioError({ code: 'BAD_INPUT', message: `The feed ${url} is not well-formed XML (line ${line}: ${detail}).`, ...say('kol.trig.feedMalformed', { url, line, detail }) });
}

/** Text of an element that may carry attributes or CDATA (`<title type="html">…</title>`). */
function text(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value).trim();
  if (Array.isArray(value)) return text(value[0]);
  if (typeof value === 'object') return text((value as Record<string, unknown>)['#text']);
  return '';
}

function plain(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, SUMMARY_MAX);
}

function timeOf(value: string): number | null {
  if (!value) return null;
  const t = Date.parse(value);
  return Number.isFinite(t) ? t : null;
}

type Node = Record<string, unknown>;

function rssItem(item: Node, feed: string): FeedItem | null {
  const title = plain(text(item.title));
  const links = (item.link as unknown[] | undefined) ?? [];
  const link = text(links[0]) || null;
  const guid = text(item.guid);
  const key = guid || link || (title ? `${title}|${text(item.pubDate)}` : '');
  if (!key) return null;
  return { key, title, link, summary: plain(text(item.description) || text(item['content:encoded'])), publishedAt: timeOf(text(item.pubDate) || text(item['dc:date'])), feed };
}

function atomEntry(entry: Node, feed: string): FeedItem | null {
  const title = plain(text(entry.title));
  const links = ((entry.link as Node[] | undefined) ?? []).filter((l) => typeof l === 'object');
  const alternate = links.find((l) => (l['@_rel'] ?? 'alternate') === 'alternate') ?? links[0];
  const link = alternate ? text(alternate['@_href']) || null : null;
  const key = text(entry.id) || link || '';
  if (!key) return null;
  return { key, title, link, summary: plain(text(entry.summary) || text(entry.content)), publishedAt: timeOf(text(entry.published) || text(entry.updated)), feed };
}

/** The items of one feed's text, newest first where dates are given. */
export function parseFeed(xml: string, feed: string): FeedItem[] {
  const url = shownUrl(feed);
  // No DTD entities: a feed has no use for them, and they are how an XML bomb grows.
  if (/<!ENTITY/i.test(xml)) throw malformed(feed, 1, 'entity declarations are not accepted');
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw malformed(feed, valid.err.line, valid.err.msg);
  const doc = parser.parse(xml) as Node;
  let items: FeedItem[];
  const rss = doc.rss as Node | undefined;
  const atom = doc.feed as Node | undefined;
  if (rss && typeof rss === 'object' && rss.channel && typeof rss.channel === 'object') {
    const channel = (Array.isArray(rss.channel) ? rss.channel[0] : rss.channel) as Node;
    items = (((channel.item as Node[] | undefined) ?? []).map((i) => rssItem(i, feed)).filter(Boolean) as FeedItem[]);
  } else if (atom && typeof atom === 'object') {
    items = (((atom.entry as Node[] | undefined) ?? []).map((e) => atomEntry(e, feed)).filter(Boolean) as FeedItem[]);
  } else {
    throw new StudioError({ code: 'BAD_INPUT', message: `${url} is XML but not an RSS 2.0 or Atom feed.`, ...say('kol.trig.notAFeed', { url }) });
  }
  return items.sort((a, b) => (b.publishedAt ?? 0) - (a.publishedAt ?? 0));
}

const lower = (s: string): string => s.toLocaleLowerCase();

/** Whether an item passes the trigger's keywords (any; none given: all) and excludes (none may appear), in its title or summary. */
export function itemMatches(item: Pick<FeedItem, 'title' | 'summary'>, trigger: Pick<FeedTrigger, 'keywords' | 'excludes'>): boolean {
  const haystack = lower(`${item.title}\n${item.summary}`);
  if (trigger.excludes.some((w) => haystack.includes(lower(w)))) return false;
  return trigger.keywords.length === 0 || trigger.keywords.some((w) => haystack.includes(lower(w)));
}
