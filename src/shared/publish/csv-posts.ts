import { say, type Localized } from '../messages.js';
import { guardCell, parseCsv, unguardCell, writeCsv } from './csv.js';
import type { PublishPlatform } from './platforms.js';
import { MISSED_POLICIES, postOptionsSchema, type MissedPolicy, type PostOptions, type PostPayload } from './post.js';

/**
 * The columns of a posts CSV (docs/publish-csv.md): reading a file into one
 * draft per line, with every problem that needs no account or library to see
 * (main adds the rest), and writing posts back out in the same columns so an
 * export imports again.
 */

export interface CsvProblem {
  /** 1-based line of the file (the header is line 1). */
  line: number;
  /** The column, as the header names it (`account`, `time`, `tiktok_privacy`…), or `file` for the file as a whole. */
  field: string;
  message: Localized;
}

/** A media item as a CSV names it: a library id (a UUID) or a file path. */
export type CsvMediaRef = { assetId: string } | { path: string };

export interface CsvPostDraft {
  line: number;
  account: string;
  time: string;
  text: string;
  title: string | undefined;
  media: CsvMediaRef[];
  /** Every platform's options the row's columns set; main keeps the account's platform's. */
  options: PostOptions;
  missedPolicy: MissedPolicy | undefined;
}

type OptionColumn =
  | { platform: PublishPlatform; key: string; kind: 'enum'; values: readonly string[] }
  | { platform: PublishPlatform; key: string; kind: 'bool' | 'list' | 'url'; /** What a valid cell looks like, in a problem's message. */ accepted?: string };

/** Platform options, one column each: `<platform>_<option>`. Enum values are read case-insensitively. */
export const OPTION_COLUMNS: Record<string, OptionColumn> = {
  instagram_kind: { platform: 'instagram', key: 'kind', kind: 'enum', values: ['feed', 'reel', 'story'] },
  facebook_link: { platform: 'facebook', key: 'link', kind: 'url', accepted: 'https://…' },
  tiktok_mode: { platform: 'tiktok', key: 'mode', kind: 'enum', values: ['direct', 'inbox'] },
  tiktok_privacy: { platform: 'tiktok', key: 'privacy', kind: 'enum', values: ['PUBLIC_TO_EVERYONE', 'MUTUAL_FOLLOW_FRIENDS', 'FOLLOWER_OF_CREATOR', 'SELF_ONLY'] },
  youtube_privacy: { platform: 'youtube', key: 'privacy', kind: 'enum', values: ['private', 'unlisted', 'public'] },
  youtube_short: { platform: 'youtube', key: 'short', kind: 'bool' },
  youtube_tags: { platform: 'youtube', key: 'tags', kind: 'list' },
  linkedin_visibility: { platform: 'linkedin', key: 'visibility', kind: 'enum', values: ['PUBLIC', 'CONNECTIONS'] },
  line_mode: { platform: 'line', key: 'mode', kind: 'enum', values: ['broadcast', 'push'] },
  line_to: { platform: 'line', key: 'to', kind: 'list', accepted: 'U + 32 hex digits, | between ids' },
  wordpress_status: { platform: 'wordpress', key: 'status', kind: 'enum', values: ['publish', 'draft', 'pending', 'private'] },
  wordpress_categories: { platform: 'wordpress', key: 'categories', kind: 'list' },
  wordpress_tags: { platform: 'wordpress', key: 'tags', kind: 'list' },
  wordpress_format: { platform: 'wordpress', key: 'format', kind: 'enum', values: ['markdown', 'html'] },
};

export const REQUIRED_COLUMNS = ['account', 'time', 'text'] as const;
export const POST_COLUMNS = [...REQUIRED_COLUMNS, 'title', 'media', 'missed_policy', ...Object.keys(OPTION_COLUMNS)] as const;
/** What an export adds for people and spreadsheets; an import reads past them. */
export const EXPORT_ONLY_COLUMNS = ['id', 'platform', 'account_name', 'time_zone', 'time_utc', 'state', 'published_at', 'url', 'failure', 'what_to_do'] as const;

/** Most lines one import takes: a month of posts for 50 accounts, several a day. */
export const MAX_IMPORT_ROWS = 5000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TRUE = ['yes', 'true', '1', 'y'];
const FALSE = ['no', 'false', '0', 'n', ''];

/** `a | b|c` → ['a', 'b', 'c']; a list cell separates with `|` (a path or a tag may hold a comma). */
export function splitList(cell: string): string[] {
  return cell
    .split('|')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export function mediaRef(item: string): CsvMediaRef {
  return UUID.test(item) ? { assetId: item.toLowerCase() } : { path: item };
}

/** Reads one option cell into `options[platform][key]`, or says what is wrong with it. */
function readOption(column: string, spec: OptionColumn, cell: string, options: Record<string, Record<string, unknown>>): Localized | null {
  const value = cell.trim();
  if (value === '') return null;
  const set = (v: unknown): void => {
    options[spec.platform] = { ...options[spec.platform], [spec.key]: v };
  };
  switch (spec.kind) {
    case 'enum': {
      const found = spec.values.find((v) => v.toLowerCase() === value.toLowerCase());
      if (!found) return say('publish.bulk.badValue', { column, value, accepted: spec.values.join(', ') });
      set(found);
      return null;
    }
    case 'bool': {
      const v = value.toLowerCase();
      if (TRUE.includes(v)) set(true);
      else if (FALSE.includes(v)) set(false);
      else return say('publish.bulk.badValue', { column, value, accepted: 'yes, no' });
      return null;
    }
    case 'list':
      set(splitList(value));
      return null;
    case 'url':
      set(value);
      return null;
  }
}

export interface ReadPosts {
  drafts: CsvPostDraft[];
  /** Problems of the file or of single cells, by line; a draft with a problem is still listed so main can check the rest of its line. */
  problems: CsvProblem[];
}

/** Reads a posts CSV into drafts, with every problem a line has on its own (no account, time zone or library needed). */
export function readPostsCsv(csv: string): ReadPosts {
  const parsed = parseCsv(csv);
  if (!parsed.ok) return { drafts: [], problems: [{ line: parsed.line, field: 'file', message: say('publish.bulk.unterminatedQuote', { line: parsed.line }) }] };
  const [header, ...records] = parsed.records;
  const problems: CsvProblem[] = [];
  if (!header) return { drafts: [], problems: [{ line: 1, field: 'file', message: say('publish.bulk.columnMissing', { column: REQUIRED_COLUMNS[0] }) }] };

  const names = header.fields.map((f) => f.trim().toLowerCase());
  const known = new Set<string>([...POST_COLUMNS, ...EXPORT_ONLY_COLUMNS]);
  names.forEach((name, i) => {
    if (name === '' && records.every((r) => (r.fields[i] ?? '').trim() === '')) return; // a trailing empty column Excel keeps
    if (!known.has(name)) problems.push({ line: header.line, field: name, message: say('publish.bulk.columnUnknown', { column: header.fields[i]!.trim(), columns: POST_COLUMNS.join(', ') }) });
    else if (names.indexOf(name) !== i) problems.push({ line: header.line, field: name, message: say('publish.bulk.columnTwice', { column: name }) });
  });
  for (const column of REQUIRED_COLUMNS) {
    if (!names.includes(column)) problems.push({ line: header.line, field: column, message: say('publish.bulk.columnMissing', { column }) });
  }
  if (problems.length > 0) return { drafts: [], problems };
  if (records.length === 0) return { drafts: [], problems: [{ line: header.line, field: 'file', message: say('publish.bulk.noRows') }] };
  if (records.length > MAX_IMPORT_ROWS) {
    return { drafts: [], problems: [{ line: records[MAX_IMPORT_ROWS]!.line, field: 'file', message: say('publish.bulk.tooManyRows', { count: records.length, limit: MAX_IMPORT_ROWS }) }] };
  }

  const drafts: CsvPostDraft[] = [];
  for (const record of records) {
    const cell = (column: string): string => {
      const i = names.indexOf(column);
      return i === -1 ? '' : (record.fields[i] ?? '');
    };
    const problem = (field: string, message: Localized): void => {
      problems.push({ line: record.line, field, message });
    };
    if (record.fields.length > names.length && record.fields.slice(names.length).some((f) => f.trim() !== '')) {
      problem('file', say('publish.bulk.extraFields', { count: record.fields.length, columns: names.length }));
    }
    const account = cell('account').trim();
    if (account === '') problem('account', say('publish.bulk.valueMissing', { column: 'account' }));
    const time = cell('time').trim();
    if (time === '') problem('time', say('publish.bulk.valueMissing', { column: 'time' }));

    const options: Record<string, Record<string, unknown>> = {};
    for (const [column, spec] of Object.entries(OPTION_COLUMNS)) {
      const bad = readOption(column, spec, cell(column), options);
      if (bad) problem(column, bad);
    }
    // The schema fills each platform's defaults and checks what a column cannot (a link's scheme, a LINE user id).
    const checked = postOptionsSchema.safeParse(options);
    if (!checked.success) {
      for (const issue of checked.error.issues) {
        const [platform, key] = issue.path.map(String);
        const found = Object.entries(OPTION_COLUMNS).find(([, s]) => s.platform === platform && s.key === key);
        const column = found?.[0] ?? `${platform}_${key}`;
        const accepted = found && 'accepted' in found[1] && found[1].accepted ? found[1].accepted : issue.message;
        problem(column, say('publish.bulk.badValue', { column, value: cell(column).trim(), accepted }));
      }
    }
    const missed = cell('missed_policy').trim().toLowerCase();
    if (missed !== '' && !(MISSED_POLICIES as readonly string[]).includes(missed)) {
      problem('missed_policy', say('publish.bulk.badValue', { column: 'missed_policy', value: missed, accepted: MISSED_POLICIES.join(', ') }));
    }
    const title = unguardCell(cell('title'));
    drafts.push({
      line: record.line,
      account,
      time,
      text: unguardCell(cell('text')),
      title: title.trim() === '' ? undefined : title,
      media: splitList(cell('media')).map(mediaRef),
      options: checked.success ? checked.data : {},
      missedPolicy: missed === '' ? undefined : (missed as MissedPolicy),
    });
  }
  return { drafts, problems };
}

/** One post as an export writes it: what a person reads beside what an import reads back. */
export interface CsvPostOut {
  id: string;
  accountId: string;
  accountName: string;
  platform: PublishPlatform;
  /** ISO 8601 with the account's offset (the account's clock), `time_utc` the same instant in UTC; empty for a draft. */
  time: string;
  timeZone: string;
  timeUtc: string;
  state: string;
  payload: PostPayload;
  missedPolicy: MissedPolicy;
  publishedAt: string;
  url: string;
  failure: string;
  whatToDo: string;
}

const EXPORT_COLUMNS = ['id', 'account', 'account_name', 'platform', 'time', 'time_zone', 'time_utc', 'state', 'text', 'title', 'media', 'missed_policy', ...Object.keys(OPTION_COLUMNS), 'published_at', 'url', 'failure', 'what_to_do'];

function optionCell(spec: OptionColumn, options: PostOptions): string {
  const value = (options as Record<string, Record<string, unknown> | undefined>)[spec.platform]?.[spec.key];
  if (value === undefined) return '';
  if (Array.isArray(value)) return value.join('|');
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return String(value);
}

/** The posts as CSV (with a BOM for Excel), in the columns an import reads plus the export's own. */
export function writePostsCsv(posts: readonly CsvPostOut[]): string {
  const rows = posts.map((p) => {
    const byColumn: Record<string, string> = {
      id: p.id,
      account: p.accountId,
      account_name: guardCell(p.accountName),
      platform: p.platform,
      time: p.time,
      time_zone: p.timeZone,
      time_utc: p.timeUtc,
      state: p.state,
      text: guardCell(p.payload.text),
      title: guardCell(p.payload.title ?? ''),
      media: p.payload.media.map((m) => m.path).join('|'),
      missed_policy: p.missedPolicy,
      published_at: p.publishedAt,
      url: p.url,
      failure: guardCell(p.failure),
      what_to_do: guardCell(p.whatToDo),
    };
    for (const [column, spec] of Object.entries(OPTION_COLUMNS)) byColumn[column] = spec.platform === p.platform ? guardCell(optionCell(spec, p.payload.options)) : '';
    return EXPORT_COLUMNS.map((c) => byColumn[c] ?? '');
  });
  return writeCsv([EXPORT_COLUMNS, ...rows], { bom: true });
}
