import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { Checkpointer } from './checkpointer.js';
import { BACKSTOP_CHECKPOINT_FRAMES, startCheckpointer } from './checkpointer.js';
import type { Database } from './schema.js';

export type Dialect = 'sqlite' | 'postgres';

export interface DbHandle {
  readonly db: Kysely<Database>;
  readonly dialect: Dialect;
  /** Where it points, without a password. */
  readonly description: string;
  /**
   * The driver under Kysely, for the ledger's hand-written hot path (hold, capture). Whoever uses
   * `sqlite` must hold Kysely's connection (`db.connection().execute`) while it does, so it never
   * interleaves with a Kysely transaction on the same single connection.
   */
  readonly sqlite?: BetterSqlite3.Database;
  readonly pgPool?: pg.Pool;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** PostgreSQL pool size (default 10). */
  poolSize?: number;
  /** SQLite `synchronous` pragma: NORMAL (default; durable across process crashes in WAL mode) or FULL. */
  sqliteSync?: 'NORMAL' | 'FULL';
  /** SQLite: run WAL checkpoints on a worker thread (default true; see checkpointer.ts). */
  sqliteCheckpointer?: boolean;
}

export function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//i.test(target);
}

const INT8_OID = 20;

/** Opens a SQLite file (the embedded default) or a PostgreSQL URL; both are driven by the same Kysely queries. */
export function openDatabase(target: string, opts: OpenOptions = {}): DbHandle {
  if (isPostgresUrl(target)) {
    const pool = new pg.Pool({
      connectionString: target,
      max: opts.poolSize ?? 10,
      // bigint columns hold credits and epoch-ms times, all far below 2^53.
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
          oid === INT8_OID ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
      },
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    const url = new URL(target);
    url.password = url.password ? '***' : '';
    return { db, dialect: 'postgres', description: url.toString(), pgPool: pool, close: () => db.destroy() };
  }
  const file = target.startsWith('sqlite:') ? target.slice('sqlite:'.length) : target;
  const sqlite = new BetterSqlite3(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma(`synchronous = ${opts.sqliteSync ?? 'NORMAL'}`);
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 10000');
  const inMemory = file === '' || file === ':memory:' || file.startsWith('file::memory:');
  let checkpointer: Checkpointer | null = null;
  if (!inMemory && opts.sqliteCheckpointer !== false) {
    // Checkpoints move to a worker thread; the connection's own automatic checkpoint (which would
    // stall the event loop on its fsync) is only a backstop.
    sqlite.pragma(`wal_autocheckpoint = ${BACKSTOP_CHECKPOINT_FRAMES}`);
    // A WAL that grew during a burst is cut back to this size when it next starts over.
    sqlite.pragma('journal_size_limit = 67108864');
    checkpointer = startCheckpointer(file, { synchronous: opts.sqliteSync ?? 'NORMAL' });
  }
  // Kysely prepares every statement anew; better-sqlite3 statements are reusable, so cache them
  // (the ledger runs a small, fixed set of statements).
  const cache = new Map<string, BetterSqlite3.Statement>();
  const database = {
    close: () => sqlite.close(),
    prepare: (text: string) => {
      let st = cache.get(text);
      if (!st) {
        st = sqlite.prepare(text);
        if (cache.size < 500) cache.set(text, st);
      }
      return st;
    },
  };
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
  const close = async () => {
    // The worker's connection closes first, so the main one is the last and cleans the WAL up.
    await checkpointer?.stop();
    await db.destroy();
  };
  return { db, dialect: 'sqlite', description: `sqlite:${file}`, sqlite, close };
}

/**
 * Runs `fn` in one transaction on one connection. SQLite: `BEGIN IMMEDIATE` (the write lock is taken
 * up front, so two writers never upgrade into a deadlock); PostgreSQL: `BEGIN` and the caller locks
 * the wallet row first with `SELECT … FOR UPDATE`.
 */
export async function transact<T>(h: DbHandle, fn: (tx: Kysely<Database>) => Promise<T>): Promise<T> {
  return h.db.connection().execute(async (conn) => {
    await sql.raw(h.dialect === 'sqlite' ? 'begin immediate' : 'begin').execute(conn);
    let result: T;
    try {
      result = await fn(conn);
    } catch (err) {
      await sql
        .raw('rollback')
        .execute(conn)
        .catch(() => undefined);
      throw err;
    }
    await sql.raw('commit').execute(conn);
    return result;
  });
}

export type ConstraintKind = 'unique' | 'check' | 'foreign_key' | null;

/** Classifies a driver error as a constraint violation (both dialects). */
export function constraintKind(err: unknown): ConstraintKind {
  if (typeof err !== 'object' || err === null || !('code' in err)) return null;
  const code = String((err as { code: unknown }).code);
  if (code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') return 'unique';
  if (code === '23514' || code === 'SQLITE_CONSTRAINT_CHECK') return 'check';
  if (code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return 'foreign_key';
  return null;
}

export async function ping(h: DbHandle): Promise<void> {
  await sql`select 1 as ok`.execute(h.db);
}
