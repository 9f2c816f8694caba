import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, it } from 'vitest';
import type { DbHandle } from '../../src/db/connect.js';
import { openDatabase } from '../../src/db/connect.js';
import { migrate } from '../../src/db/migrations.js';

export type DbKind = 'sqlite' | 'postgres';

export const PG_URL = process.env.KINGJAM_TEST_PG_URL;

/** A fresh, empty, migrated database: a SQLite file in a temp dir, or a new schema on the test PostgreSQL. */
export interface FreshDb {
  kind: DbKind;
  /** What `--db` takes to reach this same database (for a server process). */
  target: string;
  open(opts?: { poolSize?: number }): Promise<DbHandle>;
  drop(): Promise<void>;
}

export async function freshDb(kind: DbKind): Promise<FreshDb> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'kingjam-cloud-test-'));
    const target = join(dir, 'cloud.db');
    return {
      kind,
      target,
      async open() {
        const h = openDatabase(target);
        await migrate(h);
        return h;
      },
      async drop() {
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  if (!PG_URL) throw new Error('KINGJAM_TEST_PG_URL is not set');
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = openDatabase(PG_URL, { poolSize: 1 });
  await sql.raw(`create schema ${schema}`).execute(admin.db);
  await admin.close();
  const url = new URL(PG_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const target = url.toString();
  return {
    kind,
    target,
    async open(opts = {}) {
      const h = openDatabase(target, opts);
      await migrateTestDb(h);
      return h;
    },
    async drop() {
      await underSchemaLock('exclusive', (a) => sql.raw(`drop schema if exists ${schema} cascade`).execute(a.db));
    },
  };
}

/** Any advisory-lock key will do, as long as every test process uses the same one. */
const SCHEMA_LOCK_KEY = 740_211;

/**
 * Kysely's migrator reads the catalog of every schema in the database; a schema that another test
 * file drops during that read makes it fail (42P01, "relation t_….agency_clients does not exist").
 * Test files share one PostgreSQL database, so drops take this lock exclusively and migrations
 * shared: they wait for each other instead of racing.
 */
async function underSchemaLock<T>(mode: 'shared' | 'exclusive', fn: (admin: DbHandle) => Promise<T>): Promise<T> {
  if (!PG_URL) throw new Error('KINGJAM_TEST_PG_URL is not set');
  const admin = openDatabase(PG_URL, { poolSize: 1 });
  const suffix = mode === 'shared' ? '_shared' : '';
  try {
    await sql.raw(`select pg_advisory_lock${suffix}(${SCHEMA_LOCK_KEY})`).execute(admin.db);
    try {
      return await fn(admin);
    } finally {
      await sql.raw(`select pg_advisory_unlock${suffix}(${SCHEMA_LOCK_KEY})`).execute(admin.db);
    }
  } finally {
    await admin.close();
  }
}

/** `migrate`, for a database a test made: on PostgreSQL while no other test file drops its schema. */
export function migrateTestDb(h: DbHandle, upTo?: string): Promise<unknown> {
  return h.dialect === 'postgres' ? underSchemaLock('shared', () => migrate(h, upTo)) : migrate(h, upTo);
}

/**
 * Declares `fn` once per database: SQLite always; PostgreSQL when KINGJAM_TEST_PG_URL is set
 * (see describePostgres).
 */
export function describeEachDb(title: string, fn: (kind: DbKind) => void): void {
  describe(`${title} [sqlite]`, () => fn('sqlite'));
  describePostgres(title, () => fn('postgres'));
}

/**
 * Declares `fn` for PostgreSQL when KINGJAM_TEST_PG_URL is set. Without it, CI (CI=true) fails
 * loudly, so CI never passes without PostgreSQL; on a developer's machine with no PostgreSQL it is
 * skipped with a message (and the SQLite half still runs), rather than failing every run there.
 */
export function describePostgres(title: string, fn: () => void): void {
  if (PG_URL) {
    describe(`${title} [postgres]`, fn);
  } else if (process.env.CI === 'true') {
    describe(`${title} [postgres]`, () => {
      it('needs PostgreSQL', () => {
        throw new Error('KINGJAM_TEST_PG_URL is not set but CI=true: run `eval "$(bash .ci/postgres.sh)"` before the tests');
      });
    });
  } else {
    console.warn(`[cloud-sync] skipping "${title} [postgres]": KINGJAM_TEST_PG_URL is not set (eval "$(bash .ci/postgres.sh)" to run it)`);
    describe.skip(`${title} [postgres] (KINGJAM_TEST_PG_URL unset)`, fn);
  }
}
