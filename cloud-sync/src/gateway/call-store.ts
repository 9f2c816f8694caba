import type BetterSqlite3 from 'better-sqlite3';
import type { Selectable } from 'kysely';
import type { DbHandle } from '../db/connect.js';
import type { GenCallsTable } from './tables.js';

type Row = Selectable<GenCallsTable>;
/** The columns a call's end may set (finished_at is set by the store). */
export type CallEnd = Partial<Omit<Row, 'id' | 'finished_at'>>;

const COLUMNS = [
  'id',
  'user_id',
  'idempotency_key',
  'request_hash',
  'purpose',
  'job_ref',
  'upstream',
  'model',
  'operation',
  'hold_id',
  'held',
  'credits',
  'units',
  'status',
  'error_code',
  'upstream_ref',
  'upstream_files',
  'first_byte_ms',
  'latency_ms',
  'created_at',
  'finished_at',
  'grant_kind',
] as const satisfies readonly (keyof Row)[];
const SETTABLE: ReadonlySet<string> = new Set(COLUMNS.filter((c) => c !== 'id' && c !== 'finished_at'));

/**
 * The `gen_calls` writes and reads every call makes (claim, find by Idempotency-Key, end). On
 * PostgreSQL they go through Kysely. On SQLite they are statements prepared once and run on the
 * driver directly: building and compiling the Kysely queries was a tenth of the gateway's CPU per
 * call. This is safe only outside a transaction — Kysely's SQLite driver has one connection, and
 * a Kysely transaction (a grant, a refund) spans awaits, so a statement run in the middle of one
 * would become part of it. better-sqlite3 runs synchronously, so a connection that is not inside
 * a transaction at this instant cannot be entered by anyone before the statement has committed on
 * its own; when it is inside one, the statement queues for the connection through Kysely instead.
 */
export class CallStore {
  private st: ReturnType<CallStore['prepare']> | null = null;
  /** One UPDATE per set of columns an end sets (a handful: settle, abandon, expire). */
  private readonly ends = new Map<string, BetterSqlite3.Statement>();

  constructor(private readonly h: DbHandle) {}

  /** Inserts a new call; throws the driver's unique-constraint error when its Idempotency-Key is taken. */
  async insert(row: Row): Promise<void> {
    const sqlite = this.direct();
    if (sqlite) {
      this.statements(sqlite).insert.run(row);
      return;
    }
    await this.h.db.insertInto('gen_calls').values(row).execute();
  }

  async byKey(userId: string, key: string): Promise<Row | undefined> {
    const sqlite = this.direct();
    if (sqlite) return this.statements(sqlite).byKey.get(userId, key);
    return this.h.db.selectFrom('gen_calls').selectAll().where('user_id', '=', userId).where('idempotency_key', '=', key).executeTakeFirst();
  }

  /** Moves a running call to its end state; false when another request already did. */
  async finish(callId: string, set: CallEnd, finishedAt: number): Promise<boolean> {
    const sqlite = this.direct();
    if (sqlite) return this.finishOn(sqlite, callId, set, finishedAt);
    const r = await this.h.db
      .updateTable('gen_calls')
      .set({ ...set, finished_at: finishedAt })
      .where('id', '=', callId)
      .where('status', '=', 'running')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /**
   * SQLite only (null on PostgreSQL): the insert and the end as synchronous statements, for the
   * ledger to run inside its own transaction (Ledger.along) — valid only there, where the ledger
   * holds the connection.
   */
  inLedgerTransaction(): { insert(row: Row): void; finish(callId: string, set: CallEnd, finishedAt: number): boolean } | null {
    const sqlite = this.h.sqlite;
    if (!sqlite) return null;
    return {
      insert: (row) => void this.statements(sqlite).insert.run(row),
      finish: (callId, set, finishedAt) => this.finishOn(sqlite, callId, set, finishedAt),
    };
  }

  private finishOn(sqlite: BetterSqlite3.Database, callId: string, set: CallEnd, finishedAt: number): boolean {
    const cols = Object.keys(set).filter((c) => (set as Record<string, unknown>)[c] !== undefined);
    for (const c of cols) if (!SETTABLE.has(c)) throw new Error(`gen_calls has no settable column ${c}`);
    const sig = cols.join(',');
    let st = this.ends.get(sig);
    if (!st) {
      st = sqlite.prepare(`update gen_calls set ${cols.map((c) => `${c} = ?`).join(', ')}, finished_at = ? where id = ? and status = 'running'`);
      this.ends.set(sig, st);
    }
    return st.run(...cols.map((c) => (set as Record<string, unknown>)[c]), finishedAt, callId).changes === 1;
  }

  /** The SQLite driver when a statement may run on it now (see the class comment), else null. */
  private direct(): BetterSqlite3.Database | null {
    const sqlite = this.h.sqlite;
    return sqlite && !sqlite.inTransaction ? sqlite : null;
  }

  private statements(sqlite: BetterSqlite3.Database) {
    return (this.st ??= this.prepare(sqlite));
  }

  // Prepared on first use: the gateway is built before the tables are migrated.
  private prepare(sqlite: BetterSqlite3.Database) {
    return {
      insert: sqlite.prepare<[Row]>(`insert into gen_calls (${COLUMNS.join(', ')}) values (${COLUMNS.map((c) => `@${c}`).join(', ')})`),
      byKey: sqlite.prepare<[string, string], Row>('select * from gen_calls where user_id = ? and idempotency_key = ?'),
    };
  }
}
