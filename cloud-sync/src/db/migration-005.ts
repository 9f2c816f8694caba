import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import type { Dialect } from './connect.js';

type AnyDb = Kysely<unknown>;

/**
 * A new lot's expiry keeps to its bucket's rule (ledger/expiry-rules.ts; the ledger refuses first,
 * this is the database's own backstop): PAID and BONUS never expire, PROMO in 7 days (less the
 * rule's 5-minute allowance) to 30 days, SUB
 * within 31 days. `created_at` is the grant's time. Existing rows are not re-checked.
 */
const lotExpiryRule = (row: '' | 'new.') =>
  sql.raw(`(${row}bucket in ('PAID', 'BONUS') and ${row}expires_at is null)
  or (${row}bucket = 'PROMO' and ${row}expires_at is not null and ${row}expires_at - ${row}created_at between 604500000 and 2592000000)
  or (${row}bucket = 'SUB' and ${row}expires_at is not null and ${row}expires_at - ${row}created_at <= 2678400000)`);

/** Bucket expiry in the database, refused webhook events, and the payments a refund or dispute reverses (issue 11). */
export function migration005(dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      if (dialect === 'postgres') {
        // NOT VALID: enforced for every new or changed row, without re-judging the old ones.
        await sql`alter table lots add constraint lots_expiry_rule check (${lotExpiryRule('')}) not valid`.execute(db);
      } else {
        // SQLite cannot add a CHECK to an existing table; a trigger refuses the insert instead.
        await sql`create trigger lots_expiry_rule before insert on lots when not (${lotExpiryRule('new.')})
          begin select raise(abort, 'lots_expiry_rule'); end`.execute(db);
      }

      // A verified event that was refused (malformed, unknown purchase, wrong amount) is kept with
      // its reason; only 'applied' rows make a redelivery a duplicate.
      await db.schema.alterTable('webhook_events').addColumn('status', 'text', (c) => c.notNull().defaultTo('applied')).execute();
      await db.schema.alterTable('webhook_events').addColumn('reason', 'text').execute();

      // Each grant a payment bought, and how much of the payment has been refunded or disputed.
      await db.schema
        .createTable('payments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('provider', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('payment_intent', 'text', (c) => c.unique())
        .addColumn('invoice_id', 'text', (c) => c.unique())
        .addColumn('bucket', 'text', (c) => c.notNull())
        .addColumn('credits', 'bigint', (c) => c.notNull())
        .addColumn('amount_minor', 'bigint', (c) => c.notNull())
        .addColumn('refunded_minor', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('disputed_minor', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addCheckConstraint('payments_amounts', sql`credits > 0 and amount_minor > 0 and refunded_minor >= 0 and disputed_minor >= 0`)
        .execute();
      // A subscription invoice's charge names only its PaymentIntent: invoice_payment.paid links the two.
      await db.schema
        .createTable('payment_links')
        .addColumn('payment_intent', 'text', (c) => c.primaryKey())
        .addColumn('invoice_id', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      // What a refund or dispute took back of a referral commission not yet granted.
      await db.schema.alterTable('referral_rewards').addColumn('reversed_credits', 'bigint', (c) => c.notNull().defaultTo(0)).execute();
    },
  };
}
