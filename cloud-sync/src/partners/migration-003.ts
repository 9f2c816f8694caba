import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

type AnyDb = Kysely<unknown>;

/**
 * Payment fingerprints for the self-referral rule, the Stripe customer of each user (a charge names
 * only its customer), and in-app notices to a user (a social connection that needs reconnecting).
 */
export function migration003(): Migration {
  return {
    async up(db: AnyDb) {
      // A keyed hash of the card's fingerprint, like the IP and device hashes beside it.
      await db.schema.alterTable('fingerprints').addColumn('payment_hash', 'text').execute();
      await db.schema.createIndex('fingerprints_payment').on('fingerprints').column('payment_hash').execute();

      // Created before the first checkout, so every charge (packs and plan invoices alike) maps to its user.
      await db.schema
        .createTable('billing_customers')
        .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id'))
        .addColumn('provider', 'text', (c) => c.notNull())
        .addColumn('customer_id', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('notifications')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('subject_id', 'text')
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('read_at', 'bigint')
        .addCheckConstraint('notifications_kind', sql`kind in ('connection_needs_reconnect')`)
        .execute();
      await db.schema.createIndex('notifications_unread').on('notifications').columns(['user_id', 'read_at', 'created_at']).execute();
    },
  };
}
