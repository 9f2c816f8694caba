import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

type AnyDb = Kysely<unknown>;

/**
 * Sign-up by email (issue 11): the verified mark and an optional nickname on users, the mailed
 * one-time codes (email verification, password reset), and failed sign-ins against addresses
 * that have no account (so a lockout answers the same whether or not the account exists).
 */
export function migration006(): Migration {
  return {
    async up(db: AnyDb) {
      // Accounts made before this migration got their sign-up credits at sign-up; they stay unmarked.
      await db.schema.alterTable('users').addColumn('email_verified_at', 'bigint').execute();
      await db.schema.alterTable('users').addColumn('nickname', 'text').execute();

      // One live code per account and purpose: a new send replaces the old one, a use spends it.
      // 'exists_notice' rows carry no code: when the owner was last told someone tried to register.
      await db.schema
        .createTable('email_codes')
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('purpose', 'text', (c) => c.notNull())
        .addColumn('code_hash', 'text')
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('sent_at', 'bigint', (c) => c.notNull())
        .addColumn('used_at', 'bigint')
        .addPrimaryKeyConstraint('email_codes_pk', ['user_id', 'purpose'])
        .addCheckConstraint('email_codes_purpose', sql`purpose in ('verify', 'reset', 'exists_notice')`)
        .execute();

      // Keyed by a keyed hash of the address: the raw address of a non-account is never stored.
      await db.schema
        .createTable('login_throttle')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('locked_until', 'bigint')
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
    },
  };
}
