import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import type { Dialect } from '../db/connect.js';

type AnyDb = Kysely<unknown>;

/**
 * Referral partners, verification, withdrawals, fraud signals, the social-token vault (issue 5).
 * The same tables on SQLite and PostgreSQL; only the auto-increment and blob column types differ.
 */
export function migration002(dialect: Dialect): Migration {
  const autoIncrement = dialect === 'sqlite' ? sql`integer primary key autoincrement` : sql`bigint generated always as identity primary key`;
  const blob = dialect === 'sqlite' ? sql`blob` : sql`bytea`;
  return {
    async up(db: AnyDb) {
      // A partner's tier only ever goes up; the row appears on the first evaluation.
      await db.schema
        .createTable('partners')
        .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id'))
        .addColumn('tier', 'text', (c) => c.notNull())
        .addColumn('upgraded_at', 'bigint')
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addCheckConstraint('partners_tier', sql`tier in ('bronze', 'silver', 'gold')`)
        .execute();

      // Every referral reward, queued first: its id is the ledger grant's id, so a grant happens once.
      await db.schema
        .createTable('referral_rewards')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('referrer_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('referee_id', 'text', (c) => c.references('users.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('bucket', 'text', (c) => c.notNull())
        .addColumn('tier', 'text', (c) => c.notNull())
        .addColumn('plan', 'text')
        .addColumn('amount_twd', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('credits', 'bigint', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('due_at', 'bigint', (c) => c.notNull())
        .addColumn('granted_at', 'bigint')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addCheckConstraint('referral_rewards_kind', sql`kind in ('signup', 'payment', 'monthly')`)
        .addCheckConstraint('referral_rewards_status', sql`status in ('pending', 'held', 'granted')`)
        .addCheckConstraint('referral_rewards_credits', sql`credits > 0`)
        .execute();
      await db.schema.createIndex('referral_rewards_referrer').on('referral_rewards').columns(['referrer_id', 'status']).execute();
      await db.schema.createIndex('referral_rewards_due').on('referral_rewards').columns(['status', 'due_at']).execute();

      await db.schema
        .createTable('phone_verifications')
        .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id'))
        .addColumn('phone', 'text', (c) => c.notNull())
        .addColumn('code_hash', 'text')
        .addColumn('expires_at', 'bigint')
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('sent_at', 'bigint')
        .addColumn('sends_window_start', 'bigint')
        .addColumn('sends_in_window', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('locked_until', 'bigint')
        .addColumn('verified_at', 'bigint')
        .execute();

      await db.schema
        .createTable('identity_documents')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('content_type', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('data', sql`${blob}`, (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('identity_verifications')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('national_id_hash', 'text', (c) => c.notNull())
        .addColumn('national_id_masked', 'text', (c) => c.notNull())
        .addColumn('full_name', 'text', (c) => c.notNull())
        .addColumn('document_id', 'text', (c) => c.notNull().references('identity_documents.id'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('reviewed_by', 'text')
        .addColumn('reviewed_at', 'bigint')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addCheckConstraint('identity_status', sql`status in ('pending', 'approved', 'rejected')`)
        .execute();
      await db.schema.createIndex('identity_user').on('identity_verifications').columns(['user_id', 'created_at']).execute();
      await db.schema.createIndex('identity_status_idx').on('identity_verifications').columns(['status', 'created_at']).execute();

      // ledger.md: the month's withdrawn credits, refused by the database past the cap.
      await db.schema
        .createTable('withdraw_limits')
        .addColumn('user_id', 'text', (c) => c.notNull().references('wallets.user_id'))
        .addColumn('period', 'text', (c) => c.notNull())
        .addColumn('used', 'bigint', (c) => c.notNull())
        .addColumn('cap', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('withdraw_limits_pk', ['user_id', 'period'])
        .addCheckConstraint('withdraw_limits_used', sql`used >= 0 and used <= cap`)
        .execute();

      await db.schema
        .createTable('withdrawals')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('amount', 'bigint', (c) => c.notNull())
        .addColumn('amount_twd', 'bigint', (c) => c.notNull())
        .addColumn('period', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('payout', 'text', (c) => c.notNull())
        .addColumn('request_hash', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addCheckConstraint('withdrawals_status', sql`status in ('requested', 'approved', 'paid', 'rejected')`)
        .execute();
      await db.schema.createIndex('withdrawals_user').on('withdrawals').columns(['user_id', 'created_at']).execute();
      await db.schema.createIndex('withdrawals_status').on('withdrawals').columns(['status', 'created_at']).execute();
      await db.schema
        .createTable('withdrawal_events')
        .addColumn('seq', sql`${autoIncrement}`)
        .addColumn('withdrawal_id', 'text', (c) => c.notNull().references('withdrawals.id'))
        .addColumn('from_status', 'text')
        .addColumn('to_status', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('journal_id', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('withdrawal_events_w').on('withdrawal_events').column('withdrawal_id').execute();

      // Hashes only (HMAC with a server key): raw IPs and fingerprints are never stored.
      await db.schema
        .createTable('fingerprints')
        .addColumn('seq', sql`${autoIncrement}`)
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('event', 'text', (c) => c.notNull())
        .addColumn('ip_hash', 'text')
        .addColumn('device_hash', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('fingerprints_ip').on('fingerprints').column('ip_hash').execute();
      await db.schema.createIndex('fingerprints_device').on('fingerprints').column('device_hash').execute();
      await db.schema.createIndex('fingerprints_user').on('fingerprints').column('user_id').execute();

      await db.schema
        .createTable('risk_profiles')
        .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id'))
        .addColumn('level', 'text', (c) => c.notNull())
        .addColumn('rules', 'text', (c) => c.notNull())
        .addColumn('cleared_rules', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('reviewed_by', 'text')
        .addColumn('reviewed_at', 'bigint')
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addCheckConstraint('risk_level', sql`level in ('low', 'medium', 'high', 'blocked')`)
        .execute();

      await db.schema
        .createTable('agency_clients')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('agency_clients_user').on('agency_clients').column('user_id').execute();

      await db.schema
        .createTable('social_connections')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('client_id', 'text', (c) => c.references('agency_clients.id'))
        .addColumn('platform', 'text', (c) => c.notNull())
        .addColumn('account_id', 'text', (c) => c.notNull())
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('scopes', 'text', (c) => c.notNull())
        .addColumn('key_id', 'text', (c) => c.notNull())
        .addColumn('access_ct', 'text', (c) => c.notNull())
        .addColumn('refresh_ct', 'text')
        .addColumn('expires_at', 'bigint')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('last_error', 'text')
        .addColumn('lock_owner', 'text')
        .addColumn('lock_until', 'bigint')
        .addColumn('refreshed_at', 'bigint')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addCheckConstraint('social_status', sql`status in ('active', 'needs_reconnect')`)
        .execute();
      await db.schema.createIndex('social_connections_account').on('social_connections').columns(['user_id', 'platform', 'account_id']).unique().execute();
      await db.schema.createIndex('social_connections_expiry').on('social_connections').columns(['status', 'expires_at']).execute();

      await db.schema
        .createTable('oauth_states')
        .addColumn('state_hash', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('client_id', 'text')
        .addColumn('platform', 'text', (c) => c.notNull())
        .addColumn('verifier_ct', 'text')
        .addColumn('key_id', 'text')
        .addColumn('redirect_uri', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('used_at', 'bigint')
        .execute();

      await db.schema
        .createTable('token_audit')
        .addColumn('seq', sql`${autoIncrement}`)
        .addColumn('connection_id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('ip_hash', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('token_audit_conn').on('token_audit').columns(['connection_id', 'seq']).execute();
    },
  };
}
