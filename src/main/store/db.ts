import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import {
  DummyDriver,
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type Compilable,
} from 'kysely';
import { StudioError } from '../../shared/errors.js';
import { say } from '../../shared/messages.js';
import { BACKSTOP_CHECKPOINT_FRAMES, startCheckpointer, type Checkpointer } from '../../shared/sqlite-checkpoints.js';
import { LATEST_SCHEMA_VERSION, migrations } from './migrations/index.js';
import type { Database } from './schema.js';

/**
 * The local store. Kysely builds typed queries; better-sqlite3 runs them
 * synchronously, so a job's state change and its side effects (e.g. the
 * asset a probe fills in) commit in one transaction.
 */
export interface Store {
  readonly file: string;
  readonly sqlite: BetterSqlite3.Database;
  readonly q: Kysely<Database>;
  all<R>(query: Compilable<R>): R[];
  first<R>(query: Compilable<R>): R | undefined;
  run(query: Compilable<unknown>): BetterSqlite3.RunResult;
  transaction<T>(fn: () => T): T;
  close(): void;
}

const queryBuilder = new Kysely<Database>({
  dialect: {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  },
});

function recoveryHint(file: string): string {
  return (
    `Quit KingJam Studio, rename "${file}" to "${path.basename(file)}.broken" and start again: ` +
    `a new empty database is created. Your media files in the library folder beside it are not touched; ` +
    `bring them back with \`kingjam import "${path.join(path.dirname(file), 'library')}"\`.`
  );
}

function corrupt(file: string, detail: string, cause?: unknown): StudioError {
  return new StudioError(
    {
      code: 'DB_CORRUPT',
      message: `The studio database is damaged (${detail}).`,
      hint: recoveryHint(file),
      ...say('store.corrupt', { file, detail }),
    },
    { cause },
  );
}

export interface OpenStoreOptions {
  /** Skip PRAGMA integrity_check (benchmarks on huge databases). */
  skipIntegrityCheck?: boolean;
  /**
   * Run WAL checkpoints on a worker thread from this long after opening (default
   * CHECKPOINT_THREAD_AFTER_MS; src/shared/sqlite-checkpoints.ts says why); null: never, the
   * connection checkpoints itself as SQLite does by default.
   */
  checkpointThreadAfterMs?: number | null;
}

export function openStore(file: string, options: OpenStoreOptions = {}): Store {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  let sqlite: BetterSqlite3.Database;
  try {
    sqlite = new BetterSqlite3(file);
  } catch (err) {
    throw corrupt(file, err instanceof Error ? err.message : String(err), err);
  }
  try {
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    if (!options.skipIntegrityCheck) {
      const rows = sqlite.pragma('integrity_check') as { integrity_check: string }[];
      const problems = rows.map((r) => r.integrity_check).filter((r) => r !== 'ok');
      if (problems.length > 0) throw corrupt(file, problems.slice(0, 3).join('; '));
    }
    migrate(sqlite, file);
  } catch (err) {
    sqlite.close();
    if (err instanceof StudioError) throw err;
    const code = err && typeof err === 'object' && 'code' in err ? String(err.code) : '';
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
      throw corrupt(file, 'not a valid SQLite database', err);
    }
    throw err;
  }

  let checkpointer: Checkpointer | null = null;
  const afterMs = options.checkpointThreadAfterMs === undefined ? CHECKPOINT_THREAD_AFTER_MS : options.checkpointThreadAfterMs;
  const startTimer = afterMs === null ? null : setTimeout(() => (checkpointer = backgroundCheckpoints(sqlite, file)), afterMs);
  // It never keeps a CLI command alive.
  startTimer?.unref();
  const store: Store = {
    file,
    sqlite,
    q: queryBuilder,
    all<R>(query: Compilable<R>): R[] {
      const c = query.compile();
      return sqlite.prepare(c.sql).all(...(c.parameters as unknown[])) as R[];
    },
    first<R>(query: Compilable<R>): R | undefined {
      const c = query.compile();
      return sqlite.prepare(c.sql).get(...(c.parameters as unknown[])) as R | undefined;
    },
    run(query: Compilable<unknown>) {
      const c = query.compile();
      return sqlite.prepare(c.sql).run(...(c.parameters as unknown[]));
    },
    transaction<T>(fn: () => T): T {
      return sqlite.transaction(fn)();
    },
    close() {
      if (!sqlite.open) return;
      if (startTimer) clearTimeout(startTimer);
      // The thread's connection closes first, so this one is the last and cleans the WAL up.
      checkpointer?.stopNow();
      sqlite.close();
    },
  };
  return store;
}

/**
 * A thread costs ~60 ms to start and stop: a store open for a moment (a CLI command, most tests)
 * checkpoints on its own connection, as SQLite does by default; one that stays open, on the thread.
 */
const CHECKPOINT_THREAD_AFTER_MS = 2000;

/** SQLite's own `wal_autocheckpoint` default. */
const DEFAULT_AUTOCHECKPOINT_FRAMES = 1000;

/**
 * Checkpoints move to a worker thread; the connection's own automatic checkpoint (which would stall
 * the event loop on its fsync, inside whichever commit crossed it) is only a backstop, and comes
 * back as SQLite's default should the thread fail.
 */
function backgroundCheckpoints(sqlite: BetterSqlite3.Database, file: string): Checkpointer {
  sqlite.pragma(`wal_autocheckpoint = ${BACKSTOP_CHECKPOINT_FRAMES}`);
  // A WAL that grew during a burst is cut back to this size when it next starts over.
  sqlite.pragma(`journal_size_limit = ${64 * 1024 * 1024}`);
  return startCheckpointer(Worker, createRequire(import.meta.url).resolve('better-sqlite3'), file, {
    synchronous: 'NORMAL',
    onError: () => {
      if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT_FRAMES}`);
    },
  });
}

function migrate(sqlite: BetterSqlite3.Database, file: string): void {
  sqlite.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)');
  const row = sqlite.prepare('SELECT MAX(version) AS v FROM schema_version').get() as { v: number | null };
  const current = row.v ?? 0;
  if (current > LATEST_SCHEMA_VERSION) {
    throw new StudioError({
      code: 'DB_NEWER_THAN_APP',
      message: `The database at ${file} was written by a newer KingJam Studio (schema version ${current}; this app knows up to ${LATEST_SCHEMA_VERSION}).`,
      hint: 'Update KingJam Studio to the latest version, or set KINGJAM_HOME to another folder to start fresh. Nothing was changed.',
      ...say('store.newerThanApp', { file, current, latest: LATEST_SCHEMA_VERSION }),
    });
  }
  const record = sqlite.prepare('INSERT INTO schema_version (version, applied_at) VALUES (?, ?)');
  for (const m of migrations.filter((x) => x.version > current).sort((a, b) => a.version - b.version)) {
    sqlite.transaction(() => {
      sqlite.exec(m.sql);
      record.run(m.version, Date.now());
    })();
  }
}
