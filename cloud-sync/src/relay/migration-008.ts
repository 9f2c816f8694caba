import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

type AnyDb = Kysely<unknown>;

/** The media relay (issue 13): one row per file a user relayed, live until `expires_at` or its deletion. */
export function migration008(): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('relay_files')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('bytes', 'bigint', (c) => c.notNull())
        .addColumn('content_type', 'text', (c) => c.notNull())
        // sha256 of the URL's token: the token itself is derived from the id with the server's key, never stored.
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('storage_key', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addCheckConstraint('relay_files_bytes', sql`bytes > 0`)
        .execute();
      // Content addressing: the same bytes are stored once per user.
      await db.schema.createIndex('relay_files_user_sha').on('relay_files').columns(['user_id', 'sha256']).unique().execute();
      // The expiry sweep scans by time.
      await db.schema.createIndex('relay_files_expiry').on('relay_files').column('expires_at').execute();
    },
  };
}
