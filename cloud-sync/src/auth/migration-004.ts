import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import type { Dialect } from '../db/connect.js';

type AnyDb = Kysely<unknown>;

/**
 * Account security (issue 11 §2): the withdrawal-TOTP attempt counter and its lock, a TOTP secret
 * waiting for its first code, when 2FA last changed (withdrawals are held for review for 24 hours
 * after), the access-token deny-list, a `review` withdrawal state and two more notice kinds.
 */
export function migration004(dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema.alterTable('users').addColumn('totp_pending_secret', 'text').execute();
      await db.schema.alterTable('users').addColumn('totp_changed_at', 'bigint').execute();
      await db.schema.alterTable('users').addColumn('withdraw_totp_failures', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      await db.schema.alterTable('users').addColumn('withdraw_locked_until', 'bigint').execute();

      // Sessions (refresh-token families) whose access tokens are refused before their `exp`. A row
      // lives until the last access token of its family would have expired anyway.
      await db.schema
        .createTable('revoked_token_families')
        .addColumn('family_id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('revoked_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('revoked_token_families_revoked').on('revoked_token_families').column('revoked_at').execute();
      await db.schema.createIndex('revoked_token_families_expiry').on('revoked_token_families').column('expires_at').execute();

      await replaceCheck(db, dialect, 'withdrawals', 'withdrawals_status', "status in ('requested', 'approved', 'paid', 'rejected')", "status in ('requested', 'review', 'approved', 'paid', 'rejected')");
      await replaceCheck(db, dialect, 'notifications', 'notifications_kind', "kind in ('connection_needs_reconnect')", "kind in ('connection_needs_reconnect', 'withdrawals_locked', 'totp_changed')");
    },
  };
}

/**
 * Replaces a table's named CHECK constraint. PostgreSQL alters it in place; SQLite cannot, so the
 * table is rebuilt from its own stored DDL with only the CHECK's text changed (SQLite's documented
 * twelve-step procedure: foreign keys off, copy, drop, rename, indexes back, foreign-key check).
 */
async function replaceCheck(db: AnyDb, dialect: Dialect, table: string, name: string, before: string, after: string): Promise<void> {
  if (dialect === 'postgres') {
    await sql`alter table ${sql.table(table)} drop constraint ${sql.id(name)}, add constraint ${sql.id(name)} check (${sql.raw(after)})`.execute(db);
    return;
  }
  const objects = await sql<{ type: string; name: string; sql: string | null }>`select type, name, sql from sqlite_master where tbl_name = ${table}`.execute(db);
  const ddl = objects.rows.find((o) => o.type === 'table')?.sql;
  const check = `constraint "${name}" check (${before})`;
  if (!ddl?.includes(check)) throw new Error(`migration 004: ${table} has no ${check}`);
  const temp = `${table}__004`;
  const created = ddl.replace(check, `constraint "${name}" check (${after})`).replace(/^create table\s+"?[a-z_]+"?/i, `create table "${temp}"`);
  const indexes = objects.rows.filter((o) => o.type === 'index' && o.sql !== null).map((o) => o.sql as string);
  // The migrator runs SQLite migrations outside a transaction, so the pragma can change here.
  await sql`pragma foreign_keys = off`.execute(db);
  try {
    await db.transaction().execute(async (tx) => {
      await sql.raw(created).execute(tx);
      await sql`insert into ${sql.table(temp)} select * from ${sql.table(table)}`.execute(tx);
      await sql`drop table ${sql.table(table)}`.execute(tx);
      await sql`alter table ${sql.table(temp)} rename to ${sql.table(table)}`.execute(tx);
      for (const index of indexes) await sql.raw(index).execute(tx);
      const broken = await sql`pragma foreign_key_check`.execute(tx);
      if (broken.rows.length > 0) throw new Error(`migration 004: foreign keys broken after rebuilding ${table}`);
    });
  } finally {
    await sql`pragma foreign_keys = on`.execute(db);
  }
}
