import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

type AnyDb = Kysely<unknown>;

/**
 * Delivery records of physical figures (issue 18; docs/blind-boxes.md "Deliveries"): one row per
 * shipping request, with the address (sealed, only its country in clear), the creator's carrier
 * and tracking number and a time for each status. `box_owned.delivery_id` marks an item that is on its way (or delivered): listing
 * and requesting both change that one row with a condition on it, so of two racing only one wins.
 * Tables in src/boxes/tables.ts.
 */
export function migration011(): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema.alterTable('box_owned').addColumn('delivery_id', 'text').execute();
      await db.schema
        .createTable('box_deliveries')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('owned_id', 'text', (c) => c.notNull().references('box_owned.id'))
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('creator_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('series_id', 'text', (c) => c.notNull().references('box_series.id'))
        .addColumn('item_id', 'text', (c) => c.notNull().references('box_items.id'))
        .addColumn('request_id', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        // The address is personal data: only its country in clear, the rest sealed with a vault key (address-seal.ts).
        .addColumn('country', 'text', (c) => c.notNull())
        .addColumn('key_id', 'text', (c) => c.notNull())
        .addColumn('address_ct', 'text', (c) => c.notNull())
        .addColumn('carrier', 'text')
        .addColumn('tracking_number', 'text')
        .addColumn('requested_at', 'bigint', (c) => c.notNull())
        .addColumn('shipped_at', 'bigint')
        .addColumn('delivered_at', 'bigint')
        .addColumn('cancelled_at', 'bigint')
        .addColumn('cancelled_by', 'text')
        .addCheckConstraint('box_deliveries_status', sql`status in ('requested', 'shipped', 'delivered', 'cancelled')`)
        .addCheckConstraint('box_deliveries_shipped', sql`(status in ('shipped', 'delivered')) = (shipped_at is not null and carrier is not null and tracking_number is not null)`)
        .execute();
      await db.schema.createIndex('box_deliveries_request').on('box_deliveries').columns(['user_id', 'request_id']).unique().execute();
      // An item has at most one delivery that is not cancelled.
      await db.schema.createIndex('box_deliveries_one_live').on('box_deliveries').column('owned_id').unique().where(sql.ref('status'), '<>', 'cancelled').execute();
      await db.schema.createIndex('box_deliveries_series').on('box_deliveries').columns(['series_id', 'requested_at']).execute();
      await db.schema.createIndex('box_deliveries_user').on('box_deliveries').columns(['user_id', 'requested_at']).execute();
    },
  };
}
