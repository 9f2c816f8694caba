import { toErrorInfo } from '../../shared/errors.js';
import { isMessageId, say, type Localized } from '../../shared/messages.js';
import type { CsvImportResult, CsvImportRow } from '../../shared/api/publish-contract.js';
import { OPTION_COLUMNS, readPostsCsv, type CsvMediaRef, type CsvPostDraft, type CsvProblem } from '../../shared/publish/csv-posts.js';
import { PUBLISH_PLATFORMS, type PublishPlatform } from '../../shared/publish/platforms.js';
import type { MissedPolicy, PostMedia, PostOptions, PostPayload, PublishAccountView } from '../../shared/publish/post.js';
import { formatZonedIso, parseTime } from '../../shared/publish/time.js';
import { validatePost } from '../../shared/publish/validate.js';

/**
 * Bulk import of posts from a CSV (docs/publish-csv.md). Every line is
 * checked in full — account, time in the account's zone, media, and the
 * platform's rules — so a dry run lists every problem of every line at
 * once. A real import schedules all lines in one transaction, and none when
 * any line has a problem.
 */

/** What the import needs from the outbox. */
export interface CsvImportTarget {
  /** The accounts posts can go to (as last refreshed). */
  accounts(): PublishAccountView[];
  /** A media item as a post carries it; throws a StudioError saying what is wrong with it (NOT_FOUND: no such asset; FILE_NOT_FOUND: no such file). */
  resolveMedia(ref: CsvMediaRef): Promise<PostMedia>;
  /** Schedules the posts in one transaction (all or none); returns how many. */
  scheduleAll(posts: ImportedPost[]): number;
  now(): number;
}

export interface ImportedPost {
  line: number;
  accountId: string;
  platform: PublishPlatform;
  payload: PostPayload;
  scheduledAt: number;
  missedPolicy: MissedPolicy | undefined;
}

const norm = (s: string): string => s.normalize('NFKC').trim().toLowerCase();

/** The westernmost clocks (UTC−12) read a wall-clock time this long after UTC does. */
const LATEST_ZONE_LAG_MS = 12 * 3600_000;

const accountLabel = (a: PublishAccountView): string => `${a.platform}:${a.displayName} (${a.id})`;

/** An account by id, `platform:display name`, or a display name that only one account has. */
export function findAccount(text: string, accounts: readonly PublishAccountView[]): { account: PublishAccountView } | { problem: Localized } {
  const byId = accounts.find((a) => a.id === text);
  if (byId) return { account: byId };
  const colon = text.indexOf(':');
  const platform = colon > 0 ? text.slice(0, colon).trim().toLowerCase() : '';
  let matches = (PUBLISH_PLATFORMS as readonly string[]).includes(platform)
    ? accounts.filter((a) => a.platform === platform && norm(a.displayName) === norm(text.slice(colon + 1)))
    : [];
  // "Shop: Taipei" is a display name, not a platform and a name.
  if (matches.length === 0) matches = accounts.filter((a) => norm(a.displayName) === norm(text));
  if (matches.length === 1) return { account: matches[0]! };
  if (matches.length === 0) return { problem: say('publish.bulk.accountUnknown', { account: text }) };
  return { problem: say('publish.bulk.accountAmbiguous', { account: text, matches: matches.map(accountLabel).join(', ') }) };
}

/** The CSV column a validatePost field belongs to (`options.tiktok.privacy` → `tiktok_privacy`, `media.2` → `media`). */
function columnOf(field: string): string {
  const [head, platform, key] = field.split('.');
  if (head === 'options') return Object.entries(OPTION_COLUMNS).find(([, s]) => s.platform === platform && s.key === key)?.[0] ?? field;
  return head ?? field;
}

/** Why a media item cannot be used, naming it as the CSV did: not there, not in the library, or the resolver's own reason. */
function mediaProblem(err: unknown, ref: CsvMediaRef): Localized {
  const info = toErrorInfo(err);
  if ('assetId' in ref && info.code === 'NOT_FOUND') return say('publish.bulk.mediaNotInLibrary', { id: ref.assetId });
  if ('path' in ref && info.code === 'FILE_NOT_FOUND') return say('publish.bulk.mediaFileMissing', { path: ref.path });
  if (info.key && isMessageId(info.key)) return info.params ? { key: info.key, params: info.params } : { key: info.key };
  return say('publish.bulk.mediaUnusable', { path: 'path' in ref ? ref.path : ref.assetId, detail: info.message });
}

/** Only the account's own platform's options go into its payload (the others would never be read). */
function ownOptions(all: PostOptions, platform: PublishPlatform): PostOptions {
  const own = (all as Record<string, unknown>)[platform];
  return own === undefined ? {} : ({ [platform]: own } as PostOptions);
}

interface CheckedLine {
  row: CsvImportRow;
  post: ImportedPost | null;
}

async function checkLine(draft: CsvPostDraft, target: CsvImportTarget, accounts: PublishAccountView[], now: number): Promise<CheckedLine> {
  const problems: CsvImportRow['problems'] = [];
  const notes: NonNullable<CsvImportRow['notes']> = [];
  const add = (field: string, message: Localized): void => {
    problems.push({ field, message });
  };

  let account: PublishAccountView | null = null;
  if (draft.account !== '') {
    const found = findAccount(draft.account, accounts);
    if ('account' in found) account = found.account;
    else add('account', found.problem);
  }

  let scheduledAt: number | null = null;
  if (draft.time !== '') {
    // Without its account the zone is unknown; the format can still be checked.
    const zone = account?.timeZone ?? 'UTC';
    const t = parseTime(draft.time, zone);
    if (t.ok) {
      if (account) scheduledAt = t.utc;
      if (t.ambiguous && account) notes.push({ field: 'time', message: say('publish.bulk.timeAmbiguous', { value: draft.time, zone, chosen: formatZonedIso(t.utc, zone) }) });
      // A wall-clock time is only an instant in its account's zone: without the account it is past only if it is past
      // in every zone, i.e. even read on the westernmost clock (UTC−12, twelve hours after UTC).
      const latest = account || t.explicitOffset ? t.utc : t.utc + LATEST_ZONE_LAG_MS;
      if (latest <= now) add('time', say('publish.bulk.timePast', { value: draft.time }));
    } else if (t.problem === 'nonexistent' && account) add('time', say('publish.bulk.timeSkipped', { value: draft.time, zone }));
    else if (t.problem === 'invalid-date') add('time', say('publish.bulk.timeInvalid', { value: draft.time }));
    else if (t.problem === 'format' || t.problem === 'bad-zone') add('time', say('publish.bulk.timeFormat', { value: draft.time }));
  }

  const media: PostMedia[] = [];
  let mediaComplete = true;
  for (const ref of draft.media) {
    try {
      media.push(await target.resolveMedia(ref));
    } catch (err) {
      add('media', mediaProblem(err, ref));
      mediaComplete = false;
    }
  }

  let post: ImportedPost | null = null;
  if (account) {
    const options = ownOptions(draft.options, account.platform);
    const payload: PostPayload = { text: draft.text, ...(draft.title !== undefined ? { title: draft.title } : {}), media, options };
    for (const p of validatePost(account.platform, payload)) {
      // With a media item missing, "needs an image" or "too few media" would only repeat it.
      if (!mediaComplete && columnOf(p.field) === 'media') continue;
      add(columnOf(p.field), p.message);
    }
    if (scheduledAt !== null) post = { line: draft.line, accountId: account.id, platform: account.platform, payload, scheduledAt, missedPolicy: draft.missedPolicy };
  }
  const row: CsvImportRow = { line: draft.line, problems, accountId: account?.id ?? null, scheduledAt, ...(notes.length > 0 ? { notes } : {}) };
  return { row, post };
}

/** Checks every line and, unless it is a dry run or a line has a problem, schedules them all at once. */
export async function importPostsCsv(csv: string, dryRun: boolean, target: CsvImportTarget): Promise<CsvImportResult> {
  const { drafts, problems } = readPostsCsv(csv);
  const accounts = target.accounts();
  const now = target.now();
  const checked: CheckedLine[] = [];
  for (const draft of drafts) checked.push(await checkLine(draft, target, accounts, now));

  // Problems found while reading (the header, a cell) join their line's row; file-wide ones get a row of their own.
  const rows = new Map<number, CsvImportRow>(checked.map((c) => [c.row.line, c.row]));
  for (const p of problems) addReadProblem(rows, p);
  const ordered = [...rows.values()].sort((a, b) => a.line - b.line);
  const clean = ordered.every((r) => r.problems.length === 0);
  const posts = checked.map((c) => c.post);
  const created = !dryRun && clean && posts.length > 0 && posts.every((p) => p !== null) ? target.scheduleAll(posts as ImportedPost[]) : 0;
  return { dryRun, rows: ordered, created };
}

function addReadProblem(rows: Map<number, CsvImportRow>, p: CsvProblem): void {
  let row = rows.get(p.line);
  if (!row) {
    row = { line: p.line, problems: [], accountId: null, scheduledAt: null };
    rows.set(p.line, row);
  }
  row.problems.unshift({ field: p.field, message: p.message });
}
