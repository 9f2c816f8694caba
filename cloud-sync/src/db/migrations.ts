import { sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import type { Kysely } from 'kysely';
import type { Migration, MigrationResultSet } from 'kysely/migration';
import type { DbHandle, Dialect } from './connect.js';
import { migration002 } from '../partners/migration.js';
import { migration003 } from '../partners/migration-003.js';
import { migration004 } from '../auth/migration-004.js';
import { migration005 } from './migration-005.js';
import { migration006 } from '../signup/migration-006.js';
import { migration007 } from '../gateway/migration-007.js';
import { migration008 } from '../relay/migration-008.js';
import { migration009 } from '../gateway/migration-009.js';
import { migration010 } from '../boxes/migration-010.js';
import { migration011 } from '../boxes/migration-011.js';
import { migration012 } from '../audit/migration-012.js';

type AnyDb = Kysely<unknown>;

function migration001(dialect: Dialect): Migration {
  const autoIncrement = dialect === 'sqlite' ? sql`integer primary key autoincrement` : sql`bigint generated always as identity primary key`;
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('email', 'text', (c) => c.unique())
        .addColumn('phone', 'text', (c) => c.unique())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull().defaultTo('user'))
        .addColumn('referral_code', 'text', (c) => c.notNull().unique())
        .addColumn('referred_by', 'text')
        .addColumn('device', 'text')
        .addColumn('totp_secret', 'text')
        .addColumn('totp_enabled', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('totp_last_step', 'bigint')
        .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('locked_until', 'bigint')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addCheckConstraint('users_identity', sql`email is not null or phone is not null`)
        .addCheckConstraint('users_role', sql`role in ('user', 'admin')`)
        .execute();

      await db.schema
        .createTable('refresh_tokens')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('family_id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('used_at', 'bigint')
        .addColumn('revoked_at', 'bigint')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('device', 'text')
        .execute();
      await db.schema.createIndex('refresh_tokens_family').on('refresh_tokens').column('family_id').execute();

      // The wallet row: every ledger write locks it first. Its per-bucket columns are the available
      // credit (not held), and the database refuses a negative bucket or a total that is not their sum.
      await db.schema
        .createTable('wallets')
        .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id'))
        .addColumn('promo', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('sub', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('paid', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('bonus', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('total', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('held', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addCheckConstraint('wallets_nonnegative', sql`promo >= 0 and sub >= 0 and paid >= 0 and bonus >= 0 and held >= 0`)
        .addCheckConstraint('wallets_total', sql`total = promo + sub + paid + bonus`)
        .execute();

      await db.schema
        .createTable('lots')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('wallets.user_id'))
        .addColumn('bucket', 'text', (c) => c.notNull())
        .addColumn('rank', 'integer', (c) => c.notNull())
        .addColumn('amount', 'bigint', (c) => c.notNull())
        .addColumn('consumed', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('held', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('expired', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('paid_out', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('expires_at', 'bigint')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('source_ref', 'text', (c) => c.notNull().unique())
        .addColumn('journal_id', 'text', (c) => c.notNull())
        .addCheckConstraint('lots_bucket', sql`bucket in ('PROMO', 'SUB', 'PAID', 'BONUS') and rank between 0 and 3`)
        .addCheckConstraint('lots_amount', sql`amount > 0`)
        .addCheckConstraint(
          'lots_nonnegative',
          sql`consumed >= 0 and held >= 0 and expired >= 0 and paid_out >= 0 and consumed + held + expired + paid_out <= amount`,
        )
        .execute();
      await db.schema.createIndex('lots_user').on('lots').columns(['user_id', 'rank']).execute();
      await db.schema.createIndex('lots_expiry').on('lots').column('expires_at').execute();

      await db.schema
        .createTable('journal')
        .addColumn('seq', sql`${autoIncrement}`)
        .addColumn('id', 'text', (c) => c.notNull().unique())
        .addColumn('user_id', 'text', (c) => c.notNull().references('wallets.user_id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('parent_id', 'text')
        .addColumn('request_hash', 'text', (c) => c.notNull())
        .addColumn('amount', 'bigint', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('response', 'text', (c) => c.notNull())
        .addColumn('hold_expires_at', 'bigint')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addCheckConstraint('journal_kind', sql`kind in ('grant', 'hold', 'capture', 'release', 'expire', 'refund', 'withdraw', 'adjust')`)
        .addCheckConstraint('journal_amount', sql`amount >= 0`)
        .execute();
      await db.schema.createIndex('journal_user_seq').on('journal').columns(['user_id', 'seq']).execute();
      // A hold resolves at most once; a capture is refunded at most once.
      await db.schema
        .createIndex('journal_one_resolution')
        .on('journal')
        .column('parent_id')
        .unique()
        .where(sql.ref('kind'), 'in', sql`('capture', 'release')`)
        .execute();
      await db.schema.createIndex('journal_one_refund').on('journal').column('parent_id').unique().where(sql.ref('kind'), '=', 'refund').execute();

      await db.schema
        .createTable('postings')
        .addColumn('journal_id', 'text', (c) => c.notNull().references('journal.id'))
        .addColumn('lot_id', 'text', (c) => c.notNull().references('lots.id'))
        .addColumn('from_state', 'text', (c) => c.notNull())
        .addColumn('to_state', 'text', (c) => c.notNull())
        .addColumn('amount', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('postings_pk', ['journal_id', 'lot_id', 'from_state', 'to_state'])
        .addCheckConstraint('postings_amount', sql`amount > 0`)
        .addCheckConstraint(
          'postings_states',
          sql`from_state in ('external', 'available', 'held', 'consumed', 'expired', 'paid_out') and to_state in ('available', 'held', 'consumed', 'expired', 'paid_out') and from_state <> to_state`,
        )
        .execute();
      await db.schema.createIndex('postings_lot').on('postings').column('lot_id').execute();

      await db.schema
        .createTable('holds')
        .addColumn('id', 'text', (c) => c.primaryKey().references('journal.id'))
        .addColumn('user_id', 'text', (c) => c.notNull().references('wallets.user_id'))
        .addColumn('amount', 'bigint', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('job_ref', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('resolved_at', 'bigint')
        .addColumn('resolution_id', 'text')
        .addCheckConstraint('holds_amount', sql`amount > 0`)
        .addCheckConstraint('holds_status', sql`status in ('open', 'captured', 'released', 'expired')`)
        .execute();
      await db.schema.createIndex('holds_open_expiry').on('holds').columns(['status', 'expires_at']).execute();

      await db.schema
        .createTable('webhook_events')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('provider', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text')
        .addColumn('received_at', 'bigint', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('checkout_sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('item', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('completed_at', 'bigint')
        .execute();

      await db.schema
        .createTable('subscriptions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('plan', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('current_period_end', 'bigint')
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
    },
  };
}

/**
 * Applies every pending migration (idempotent; Kysely's migrator serialises concurrent runs), or
 * those up to `upTo` (tests of an upgrade: a database as an older release left it).
 */
export async function migrate(h: DbHandle, upTo?: string): Promise<MigrationResultSet> {
  const migrations: Record<string, Migration> = {
    '001_initial': migration001(h.dialect),
    '002_partners': migration002(h.dialect),
    '003_payments_notices': migration003(),
    '004_account_security': migration004(h.dialect),
    '005_expiry_refunds': migration005(h.dialect),
    '006_signup': migration006(),
    '007_gateway': migration007(),
    '008_media_relay': migration008(),
    '009_gen_grants': migration009(),
    '010_blind_boxes': migration010(h.dialect),
    '011_box_deliveries': migration011(),
    '012_audit_pending': migration012(h.dialect),
  };
  // Kysely's migrator looks for its tables across all PostgreSQL schemas unless told which one:
  // pin it to the connection's own schema (search_path), so several ledgers can share a database.
  let schema: string | undefined;
  if (h.dialect === 'postgres') {
    const r = await sql<{ s: string }>`select current_schema() as s`.execute(h.db);
    schema = r.rows[0]?.s;
  }
  const migrator = new Migrator({
    db: h.db,
    ...(schema ? { migrationTableSchema: schema } : {}),
    provider: { getMigrations: () => Promise.resolve(migrations) },
    migrationTableName: 'kingjam_migrations',
    migrationLockTableName: 'kingjam_migrations_lock',
  });
  const result = upTo === undefined ? await migrator.migrateToLatest() : await migrator.migrateTo(upTo);
  if (result.error) throw result.error instanceof Error ? result.error : new Error(String(result.error));
  return result;
}
