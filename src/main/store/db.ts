import fs from 'node:fs';
import path from 'node:path';
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
      if (sqlite.open) sqlite.close();
    },
  };
  return store;
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
