import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import type { Dialect } from '../db/connect.js';
import { GENESIS_HASH } from '../audit/chain.js';

type AnyDb = Kysely<unknown>;

/**
 * Blind boxes, the resale market and the audit log (issue 18): series and their items, the server
 * seeds (committed, later revealed), openings, the collection, listings and trades, guardians'
 * consents, the birth date an identity check records, and the hash-chained audit log with its head
 * and daily signed digests. Tables in src/boxes/tables.ts.
 */
export function migration010(dialect: Dialect): Migration {
  const blob = dialect === 'sqlite' ? sql`blob` : sql`bytea`;
  return {
    async up(db: AnyDb) {
      await db.schema.alterTable('identity_verifications').addColumn('birth_date', 'text').execute();

      await db.schema
        .createTable('box_series')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('creator_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('price', 'bigint', (c) => c.notNull())
        .addColumn('daily_limit', 'integer', (c) => c.notNull())
        .addColumn('starts_at', 'bigint', (c) => c.notNull())
        .addColumn('ends_at', 'bigint')
        .addColumn('guarantee_after', 'integer')
        .addColumn('guarantee_tier', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addColumn('opened_at', 'bigint')
        .addColumn('closed_at', 'bigint')
        .addCheckConstraint('box_series_status', sql`status in ('draft', 'open', 'closed')`)
        .addCheckConstraint('box_series_price', sql`price > 0 and daily_limit > 0`)
        .addCheckConstraint('box_series_guarantee', sql`(guarantee_after is null and guarantee_tier is null) or (guarantee_after > 1 and guarantee_tier in ('rare', 'secret'))`)
        .execute();
      await db.schema.createIndex('box_series_creator').on('box_series').column('creator_id').execute();
      await db.schema.createIndex('box_series_status').on('box_series').columns(['status', 'starts_at']).execute();

      await db.schema
        .createTable('box_items')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('series_id', 'text', (c) => c.notNull().references('box_series.id'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('tier', 'text', (c) => c.notNull())
        .addColumn('odds_ppm', 'integer', (c) => c.notNull())
        .addColumn('stock', 'bigint')
        .addColumn('remaining', 'bigint')
        .addColumn('character_id', 'text')
        .addColumn('character_name', 'text')
        .addColumn('image_type', 'text')
        .addColumn('image', sql`${blob}`)
        .addColumn('pack_name', 'text')
        .addColumn('pack_bytes', 'bigint')
        .addColumn('pack_sha256', 'text')
        .addCheckConstraint('box_items_tier', sql`tier in ('regular', 'rare', 'secret')`)
        .addCheckConstraint('box_items_odds', sql`odds_ppm >= 0 and odds_ppm <= 1000000`)
        // A limited item never goes below zero: the last ones are decided by the database, not by a read.
        .addCheckConstraint('box_items_stock', sql`(stock is null and remaining is null) or (stock >= 0 and remaining >= 0 and remaining <= stock)`)
        .execute();
      await db.schema.createIndex('box_items_series').on('box_items').columns(['series_id', 'position']).unique().execute();

      await db.schema
        .createTable('box_seeds')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('series_id', 'text', (c) => c.notNull().references('box_series.id'))
        // The seed, encrypted at rest with the server's key until (and after) it is revealed.
        .addColumn('seed_sealed', 'text', (c) => c.notNull())
        .addColumn('commitment', 'text', (c) => c.notNull().unique())
        .addColumn('revealed_seed', 'text')
        .addColumn('active', 'integer', (c) => c.notNull())
        .addColumn('committed_at', 'bigint', (c) => c.notNull())
        .addColumn('revealed_at', 'bigint')
        .execute();
      // At most one seed draws for a series at a time.
      await db.schema.createIndex('box_seeds_one_active').on('box_seeds').column('series_id').unique().where(sql.ref('active'), '=', 1).execute();

      await db.schema
        .createTable('box_openings')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('series_id', 'text', (c) => c.notNull().references('box_series.id'))
        .addColumn('seed_id', 'text', (c) => c.notNull().references('box_seeds.id'))
        .addColumn('request_id', 'text', (c) => c.notNull())
        .addColumn('request_hash', 'text', (c) => c.notNull())
        .addColumn('client_seed', 'text', (c) => c.notNull())
        .addColumn('nonce', 'integer', (c) => c.notNull())
        .addColumn('guaranteed', 'integer', (c) => c.notNull())
        .addColumn('item_id', 'text', (c) => c.notNull().references('box_items.id'))
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('credits', 'bigint', (c) => c.notNull())
        // The ledger entries that paid for it (null for a sold-out draw, which charges nothing).
        .addColumn('capture_id', 'text')
        .addColumn('owned_id', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addCheckConstraint('box_openings_outcome', sql`outcome in ('granted', 'sold_out')`)
        .execute();
      await db.schema.createIndex('box_openings_request').on('box_openings').columns(['user_id', 'request_id']).unique().execute();
      await db.schema.createIndex('box_openings_nonce').on('box_openings').columns(['user_id', 'series_id', 'nonce']).unique().execute();
      await db.schema.createIndex('box_openings_series').on('box_openings').columns(['series_id', 'created_at']).execute();

      await db.schema
        .createTable('box_owned')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('series_id', 'text', (c) => c.notNull().references('box_series.id'))
        .addColumn('item_id', 'text', (c) => c.notNull().references('box_items.id'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('source_kind', 'text', (c) => c.notNull())
        .addColumn('source_id', 'text', (c) => c.notNull())
        .addColumn('acquired_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addCheckConstraint('box_owned_status', sql`status in ('owned', 'listed', 'sold')`)
        .addCheckConstraint('box_owned_source', sql`source_kind in ('opening', 'trade')`)
        .execute();
      await db.schema.createIndex('box_owned_user').on('box_owned').columns(['user_id', 'status']).execute();

      await db.schema
        .createTable('box_listings')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('seller_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('owned_id', 'text', (c) => c.notNull().references('box_owned.id'))
        .addColumn('request_id', 'text', (c) => c.notNull())
        .addColumn('price', 'bigint', (c) => c.notNull())
        .addColumn('fee', 'bigint', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('closed_at', 'bigint')
        .addCheckConstraint('box_listings_status', sql`status in ('listed', 'sold', 'canceled', 'expired')`)
        .addCheckConstraint('box_listings_price', sql`price > 0 and fee >= 0 and fee < price`)
        .execute();
      await db.schema.createIndex('box_listings_request').on('box_listings').columns(['seller_id', 'request_id']).unique().execute();
      // An item is on the market at most once at a time.
      await db.schema.createIndex('box_listings_one_live').on('box_listings').column('owned_id').unique().where(sql.ref('status'), '=', 'listed').execute();
      await db.schema.createIndex('box_listings_live').on('box_listings').columns(['status', 'expires_at']).execute();

      await db.schema
        .createTable('box_trades')
        .addColumn('id', 'text', (c) => c.primaryKey())
        // A listing sells once.
        .addColumn('listing_id', 'text', (c) => c.notNull().unique().references('box_listings.id'))
        .addColumn('buyer_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('seller_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('request_id', 'text', (c) => c.notNull())
        .addColumn('price', 'bigint', (c) => c.notNull())
        .addColumn('fee', 'bigint', (c) => c.notNull())
        .addColumn('hold_id', 'text', (c) => c.notNull())
        .addColumn('capture_id', 'text', (c) => c.notNull())
        .addColumn('proceeds_id', 'text', (c) => c.notNull())
        .addColumn('owned_id', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addCheckConstraint('box_trades_no_self', sql`buyer_id <> seller_id`)
        .execute();
      await db.schema.createIndex('box_trades_request').on('box_trades').columns(['buyer_id', 'request_id']).unique().execute();
      await db.schema.createIndex('box_trades_buyer').on('box_trades').columns(['buyer_id', 'created_at']).execute();

      await db.schema
        .createTable('guardian_consents')
        .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id'))
        .addColumn('guardian_name', 'text', (c) => c.notNull())
        .addColumn('relation', 'text', (c) => c.notNull())
        .addColumn('guardian_phone_masked', 'text', (c) => c.notNull())
        .addColumn('guardian_phone_hash', 'text', (c) => c.notNull())
        .addColumn('consented_at', 'bigint', (c) => c.notNull())
        .addCheckConstraint('guardian_consents_relation', sql`relation in ('parent', 'guardian')`)
        .execute();

      await db.schema
        .createTable('audit_log')
        .addColumn('seq', 'bigint', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('ref', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('prev_hash', 'text', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull().unique())
        .execute();
      await db.schema.createIndex('audit_log_ref').on('audit_log').column('ref').execute();
      // The chain's head: one row, locked by every append, so the log has one order on both databases.
      await db.schema
        .createTable('audit_head')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('seq', 'bigint', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addCheckConstraint('audit_head_one', sql`id = 1`)
        .execute();
      await sql`insert into audit_head (id, seq, hash, updated_at) values (1, 0, ${GENESIS_HASH}, 0)`.execute(db);
      await db.schema
        .createTable('audit_digests')
        .addColumn('day', 'text', (c) => c.primaryKey())
        .addColumn('seq', 'bigint', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .addColumn('signature', 'text', (c) => c.notNull())
        .addColumn('public_key', 'text', (c) => c.notNull())
        .addColumn('signed_at', 'bigint', (c) => c.notNull())
        .execute();
    },
  };
}
