import type BetterSqlite3 from 'better-sqlite3';
import { StudioError } from '../../shared/errors.js';
import { say } from '../../shared/messages.js';
import { KOL_POST_STATES, type KolPostState } from '../../shared/kol/post-record.js';
import type { KolPostFilter } from '../../shared/api/kol-contract.js';

/**
 * The review queue's pages: newest first, keyset on (created_at, id).
 *
 * A page is the merge of one index range per "lane" — a state, or a state
 * and a risk level, under the persona's or the client's prefix when the
 * filter names one — each read in index order from the cursor and cut at the
 * page size, so a page costs about (lanes × page size) index steps however
 * many records there are. The filters no index covers (score, search, the
 * other of persona/client) are checked on the index entries a lane reads
 * (the indexes carry the score columns).
 *
 * A search word that few records hold would make every lane read its range
 * to the end; when the search index (migration 20: a trigram phrase for 3+
 * characters, a range of trigrams for 1–2) says at most SEARCH_DRIVE_MAX
 * records hold it, the page is read from those records instead.
 */
export const SEARCH_DRIVE_MAX = 2000;

export interface QueueCursor {
  createdAt: number;
  id: string;
}

export function encodeCursor(c: QueueCursor): string {
  return Buffer.from(JSON.stringify([c.createdAt, c.id])).toString('base64url');
}

export function decodeCursor(text: string): QueueCursor {
  try {
    const value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(value) && value.length === 2 && Number.isInteger(value[0]) && typeof value[1] === 'string') return { createdAt: value[0] as number, id: value[1] };
  } catch {
    // Not ours: refused below.
  }
  throw new StudioError({ code: 'BAD_INPUT', message: 'The page cursor is not one this queue gave.', field: 'cursor', ...say('kol.core.badCursor') });
}

interface Lane {
  index: string;
  /** Column = value pairs the index starts with. */
  eq: [string, string][];
}

export class KolQueue {
  private readonly cache = new Map<string, BetterSqlite3.Statement>();

  constructor(private readonly db: BetterSqlite3.Database) {}

  /** The ids of one page in order, and the cursor of the next page (null on the last). */
  page(filter: KolPostFilter, cursor: QueueCursor | null, limit: number): { ids: string[]; next: QueueCursor | null } {
    const lookup = filter.search !== undefined ? indexLookup(filter.search) : null;
    if (lookup !== null) {
      const found = (this.prepared(`SELECT COUNT(*) AS n FROM (SELECT DISTINCT * FROM (${lookup.rowids}) LIMIT ?)`).get(...lookup.params, SEARCH_DRIVE_MAX + 1) as { n: number }).n;
      if (found <= SEARCH_DRIVE_MAX) return this.pageOfMatches(filter, lookup, cursor, limit);
    }
    const lanes = lanesFor(filter);
    const { where, params: residual } = residualFor(filter, {
      // Risk is in the lane's index prefix unless a persona or client lane took that place.
      risk: filter.personaId !== undefined || filter.clientId !== undefined,
      client: filter.personaId !== undefined && filter.clientId !== undefined,
      table: '',
    });
    const after = cursor ? ' AND (created_at, id) < (?, ?)' : '';
    const one = (lane: Lane) =>
      `SELECT id, created_at FROM (SELECT id, created_at FROM kol_posts INDEXED BY ${lane.index} WHERE ${[...lane.eq.map(([col]) => `${col} = ?`), ...where].join(' AND ')}${after}
         ORDER BY created_at DESC, id DESC LIMIT ?)`;
    const sql = `${lanes.map(one).join(' UNION ALL ')} ORDER BY created_at DESC, id DESC LIMIT ?`;
    const params: unknown[] = [];
    for (const lane of lanes) params.push(...lane.eq.map(([, v]) => v), ...residual, ...(cursor ? [cursor.createdAt, cursor.id] : []), limit + 1);
    params.push(limit + 1);
    return this.cut(this.prepared(sql).all(...params) as { id: string; created_at: number }[], limit);
  }

  /** The page read from the records the search index finds, every filter (the search's LIKE too) checked on each. */
  private pageOfMatches(filter: KolPostFilter, lookup: IndexLookup, cursor: QueueCursor | null, limit: number): { ids: string[]; next: QueueCursor | null } {
    const where: string[] = [`p.rowid IN (${lookup.rowids})`];
    const params: unknown[] = [...lookup.params];
    const eq = (column: string, value: string | undefined): void => {
      if (value === undefined) return;
      where.push(`p.${column} = ?`);
      params.push(value);
    };
    const among = (column: string, values: readonly string[] | undefined): void => {
      if (!values?.length) return;
      where.push(`p.${column} IN (${values.map(() => '?').join(', ')})`);
      params.push(...values);
    };
    among('status', filter.statuses);
    eq('persona_id', filter.personaId);
    eq('client_id', filter.clientId);
    const residual = residualFor(filter, { risk: true, client: false, table: 'p.' });
    where.push(...residual.where);
    params.push(...residual.params);
    if (cursor) {
      where.push('(p.created_at, p.id) < (?, ?)');
      params.push(cursor.createdAt, cursor.id);
    }
    const rows = this.prepared(`SELECT p.id, p.created_at FROM kol_posts p WHERE ${where.join(' AND ')} ORDER BY p.created_at DESC, p.id DESC LIMIT ?`).all(...params, limit + 1) as {
      id: string;
      created_at: number;
    }[];
    return this.cut(rows, limit);
  }

  private cut(rows: { id: string; created_at: number }[], limit: number): { ids: string[]; next: QueueCursor | null } {
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return { ids: page.map((r) => r.id), next: rows.length > limit && last ? { createdAt: last.created_at, id: last.id } : null };
  }

  private prepared(sql: string): BetterSqlite3.Statement {
    let s = this.cache.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      // The shapes are few (which filters, how many states): keep them, but never without bound.
      if (this.cache.size > 200) this.cache.clear();
      this.cache.set(sql, s);
    }
    return s;
  }
}

/** A query of the rowids of the records that may hold a search word, and its parameters. */
interface IndexLookup {
  rowids: string;
  params: unknown[];
}

/**
 * Where migration 20's index finds the records that may hold `search`: the
 * index keeps the text as SQLite's lower() leaves it (ASCII lowered, as LIKE
 * compares), so the word is lowered the same way and nothing else.
 */
export function indexLookup(search: string): IndexLookup {
  const folded = search.replace(/[A-Z]+/g, (c) => c.toLowerCase());
  const length = [...folded].length;
  if (length >= 3) return { rowids: 'SELECT rowid FROM kol_posts_search WHERE kol_posts_search MATCH ?', params: [`"${folded.replaceAll('"', '""')}"`] };
  // Every occurrence begins a trigram (each column is indexed padded), and the trigrams that begin with the word are
  // the terms from the word itself to the word followed by the highest code point.
  return { rowids: 'SELECT doc FROM kol_posts_search_terms WHERE term >= ? AND term <= ?', params: [folded, folded + '\u{10FFFF}'.repeat(3 - length)] };
}

function lanesFor(filter: KolPostFilter): Lane[] {
  const states: readonly KolPostState[] = filter.statuses?.length ? [...new Set(filter.statuses)] : KOL_POST_STATES;
  if (filter.personaId !== undefined) return states.map((s) => ({ index: 'kol_posts_persona_queue', eq: [['persona_id', filter.personaId!], ['status', s]] }));
  if (filter.clientId !== undefined) return states.map((s) => ({ index: 'kol_posts_client', eq: [['client_id', filter.clientId!], ['status', s]] }));
  if (filter.risk?.length) return states.flatMap((s) => [...new Set(filter.risk)].map((r): Lane => ({ index: 'kol_posts_risk', eq: [['status', s], ['risk_level', r]] })));
  if (filter.statuses?.length) return states.map((s) => ({ index: 'kol_posts_queue', eq: [['status', s]] }));
  return [{ index: 'kol_posts_newest', eq: [] }];
}

/** The conditions not in a lane's index prefix (risk and client only when `which` says so), on columns of `table`. */
function residualFor(filter: KolPostFilter, which: { risk: boolean; client: boolean; table: string }): { where: string[]; params: unknown[] } {
  const t = which.table;
  const where: string[] = [];
  const params: unknown[] = [];
  if (which.client && filter.clientId !== undefined) {
    where.push(`${t}client_id = ?`);
    params.push(filter.clientId);
  }
  if (which.risk && filter.risk?.length) {
    where.push(`${t}risk_level IN (${filter.risk.map(() => '?').join(', ')})`);
    params.push(...filter.risk);
  }
  if (filter.minQuality !== undefined) {
    where.push(`${t}quality_score >= ?`);
    params.push(filter.minQuality);
  }
  if (filter.search !== undefined) {
    const like = `%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(`(${t}title LIKE ? ESCAPE '\\' OR ${t}content LIKE ? ESCAPE '\\')`);
    params.push(like, like);
  }
  if (where.length === 0) where.push('1');
  return { where, params };
}
