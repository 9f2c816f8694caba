import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

type AnyDb = Kysely<unknown>;

/**
 * The platform-paid daily grant (issue 15, the photo studio's free tier): one row per user and
 * Taipei day, inserted in the same transaction as the call it pays for, so the unique key decides
 * who gets today's free image however many requests race for it. A call made on a grant says so
 * on its gen_calls row (grant_kind), with nothing held or charged.
 */
export function migration009(): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('gen_grants')
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        // The calendar day in Asia/Taipei (UTC+8, no daylight saving), 'YYYY-MM-DD'.
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('call_id', 'text', (c) => c.notNull())
        // What the call would have cost at list price: the platform's cost of its free tier.
        .addColumn('list_credits', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('gen_grants_user_day', ['user_id', 'day'])
        .execute();
      await db.schema.createIndex('gen_grants_call').on('gen_grants').column('call_id').execute();
      await db.schema.alterTable('gen_calls').addColumn('grant_kind', 'text').execute();
    },
  };
}
