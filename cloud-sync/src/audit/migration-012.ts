import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import type { Dialect } from '../db/connect.js';

type AnyDb = Kysely<unknown>;

/**
 * Audit entries waiting to be sealed (docs/audit-log.md "Sealing"): on PostgreSQL an opening writes
 * its entry here inside its own transaction, without the chain head's lock, and the sealer links
 * the committed ones into audit_log in id order. Table in src/boxes/tables.ts (AuditPendingTable).
 */
export function migration012(dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('audit_pending')
        .addColumn('id', dialect === 'sqlite' ? 'integer' : 'bigserial', (c) => (dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey()))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('ref', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
    },
  };
}
