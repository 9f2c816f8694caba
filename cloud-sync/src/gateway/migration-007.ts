import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

type AnyDb = Kysely<unknown>;

/** The generation gateway (issue 12): one row per upstream call, for the owner's history and the admin's cost report. */
export function migration007(): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('gen_calls')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('idempotency_key', 'text')
        .addColumn('request_hash', 'text', (c) => c.notNull())
        .addColumn('purpose', 'text', (c) => c.notNull())
        .addColumn('job_ref', 'text')
        .addColumn('upstream', 'text', (c) => c.notNull())
        .addColumn('model', 'text', (c) => c.notNull())
        .addColumn('operation', 'text', (c) => c.notNull())
        .addColumn('hold_id', 'text')
        .addColumn('held', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('credits', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('units', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('error_code', 'text')
        .addColumn('upstream_ref', 'text')
        .addColumn('upstream_files', 'text')
        .addColumn('first_byte_ms', 'integer')
        .addColumn('latency_ms', 'integer')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('finished_at', 'bigint')
        .addCheckConstraint('gen_calls_status', sql`status in ('running', 'succeeded', 'failed', 'released')`)
        .addCheckConstraint('gen_calls_operation', sql`operation in ('text', 'stream', 'image', 'speech', 'video', 'prediction')`)
        .addCheckConstraint('gen_calls_charge', sql`credits >= 0 and credits <= held`)
        .execute();
      // Idempotency: one live call per user and key (NULLs, freed keys, never collide on either database).
      await db.schema.createIndex('gen_calls_idempotency').on('gen_calls').columns(['user_id', 'idempotency_key']).unique().execute();
      // The owner's history, newest first, optionally for one job.
      await db.schema.createIndex('gen_calls_user_created').on('gen_calls').columns(['user_id', 'created_at', 'id']).execute();
      await db.schema.createIndex('gen_calls_user_job').on('gen_calls').columns(['user_id', 'job_ref', 'created_at']).execute();
      // Polls find the call by its upstream operation / prediction.
      await db.schema.createIndex('gen_calls_upstream_ref').on('gen_calls').columns(['upstream', 'upstream_ref']).execute();
      // The admin's cost report scans a time range.
      await db.schema.createIndex('gen_calls_created').on('gen_calls').column('created_at').execute();
    },
  };
}
