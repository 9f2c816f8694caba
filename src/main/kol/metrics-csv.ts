import { say, type Localized } from '../../shared/messages.js';
import type { MetricsEntry } from '../../shared/kol/metrics.js';
import type { MetricsCsvResult, MetricsCsvRow } from '../../shared/api/kol-learn-contract.js';
import { parseCsv } from '../../shared/publish/csv.js';
import type { Store } from '../store/db.js';

/**
 * Engagement from a CSV (issue 14: TikTok, LINE, WordPress, LinkedIn and any
 * post whose numbers a person has): one line per post, named by its id, its
 * platform post id or its public URL, with views, likes, comments, shares and
 * saves. Every line is checked first; a real import writes all of them in
 * one transaction, and none when any line has a problem (as the publish CSV
 * import does).
 */

export const METRIC_COLUMNS = ['views', 'likes', 'comments', 'shares', 'saves'] as const;
type MetricColumn = (typeof METRIC_COLUMNS)[number];
/** Names the post column may have (case, spaces and underscores aside). */
const POST_COLUMN_NAMES = new Set(['post', 'postid', 'id', 'url', 'platformurl', 'link']);
export const MAX_METRICS_ROWS = 5000;

const headerKey = (cell: string): string => cell.normalize('NFKC').trim().toLowerCase().replace(/[\s_-]+/g, '');

/** A URL compared without its query, fragment, trailing slash or the host's case (platforms add tracking parameters). */
function urlKey(text: string): string | null {
  try {
    const u = new URL(text.trim());
    return `${u.host.toLowerCase()}${u.pathname.replace(/\/+$/, '')}`;
  } catch {
    return null;
  }
}

/** A count as people write it: digits, optionally grouped with commas or spaces ("1,234"). */
function countOf(text: string): number | null {
  const t = text.trim();
  if (t === '') return 0;
  const plain = /^\d{1,3}([, ]\d{3})+$/.test(t) ? t.replace(/[, ]/g, '') : t;
  if (!/^\d+$/.test(plain)) return null;
  const n = Number(plain);
  return Number.isSafeInteger(n) ? n : null;
}

interface PostRef {
  id: string;
  status: string;
}

/** Published posts by their id, platform post id and URL; other posts only by id (to say they are not published). */
class PostIndex {
  private readonly byKey = new Map<string, string>();
  private readonly statusOf;

  constructor(store: Store) {
    const rows = store.sqlite.prepare("SELECT id, url, platform_post_id FROM kol_posts WHERE status = 'published' AND published_at IS NOT NULL").all() as {
      id: string;
      url: string | null;
      platform_post_id: string | null;
    }[];
    for (const r of rows) {
      if (r.platform_post_id) this.byKey.set(`pid:${r.platform_post_id}`, r.id);
      const key = r.url ? urlKey(r.url) : null;
      if (key) this.byKey.set(`url:${key}`, r.id);
    }
    const statement = store.sqlite.prepare('SELECT id, status FROM kol_posts WHERE id = ?');
    this.statusOf = (id: string): PostRef | undefined => statement.get(id) as PostRef | undefined;
  }

  find(ref: string): PostRef | undefined {
    const own = this.statusOf(ref.trim());
    if (own) return own;
    const key = urlKey(ref);
    const id = (key ? this.byKey.get(`url:${key}`) : undefined) ?? this.byKey.get(`pid:${ref.trim()}`);
    return id ? { id, status: 'published' } : undefined;
  }
}

export interface MetricsCsvTarget {
  store: Store;
  /** Writes every line's numbers in one transaction. */
  writeAll(lines: { postId: string; metrics: MetricsEntry }[]): void;
}

export function importMetricsCsv(csv: string, dryRun: boolean, target: MetricsCsvTarget): MetricsCsvResult {
  const fail = (line: number, field: string, message: Localized): MetricsCsvResult => ({ dryRun, rows: [{ line, postId: null, problems: [{ field, message }] }], imported: 0 });
  const parsed = parseCsv(csv);
  if (!parsed.ok) return fail(parsed.line, 'file', say('kol.learn.csv.unreadable', { line: parsed.line }));
  const [header, ...records] = parsed.records;
  if (!header || records.length === 0) return fail(1, 'file', say('kol.learn.csv.empty'));
  if (records.length > MAX_METRICS_ROWS) return fail(1, 'file', say('kol.learn.csv.tooManyRows', { count: records.length, limit: MAX_METRICS_ROWS }));
  const keys = header.fields.map(headerKey);
  const postColumn = keys.findIndex((k) => POST_COLUMN_NAMES.has(k));
  const columns = Object.fromEntries(METRIC_COLUMNS.map((c) => [c, keys.indexOf(c)])) as Record<MetricColumn, number>;
  const missing = [...(postColumn < 0 ? ['post'] : []), ...METRIC_COLUMNS.filter((c) => columns[c] < 0)];
  if (missing.length > 0) return fail(header.line, 'header', say('kol.learn.csv.columnsMissing', { columns: missing.join(', ') }));

  const index = new PostIndex(target.store);
  const seen = new Map<string, number>();
  const rows: MetricsCsvRow[] = [];
  const good: { postId: string; metrics: MetricsEntry }[] = [];
  for (const record of records) {
    const problems: MetricsCsvRow['problems'] = [];
    const ref = (record.fields[postColumn] ?? '').trim();
    let postId: string | null = null;
    if (ref === '') problems.push({ field: 'post', message: say('kol.learn.csv.postMissing') });
    else {
      const post = index.find(ref);
      if (!post) problems.push({ field: 'post', message: say('kol.learn.csv.postUnknown', { post: ref }) });
      else if (post.status !== 'published') problems.push({ field: 'post', message: say('kol.learn.csv.notPublished', { post: ref, status: post.status }) });
      else if (seen.has(post.id)) problems.push({ field: 'post', message: say('kol.learn.csv.duplicate', { post: ref, line: seen.get(post.id)! }) });
      else {
        postId = post.id;
        seen.set(post.id, record.line);
      }
    }
    const metrics: Partial<MetricsEntry> = {};
    for (const column of METRIC_COLUMNS) {
      const cell = record.fields[columns[column]] ?? '';
      const n = countOf(cell);
      if (n === null) problems.push({ field: column, message: say('kol.learn.csv.notCount', { column, value: cell.trim().slice(0, 40) }) });
      else metrics[column] = n;
    }
    rows.push({ line: record.line, postId, problems });
    if (problems.length === 0 && postId) good.push({ postId, metrics: metrics as MetricsEntry });
  }
  const clean = rows.every((r) => r.problems.length === 0);
  if (clean && !dryRun) target.writeAll(good);
  return { dryRun, rows, imported: clean && !dryRun ? good.length : 0 };
}
