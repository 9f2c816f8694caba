import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { sql } from 'kysely';
import type { DbHandle } from '../db/connect.js';
import { ping } from '../db/connect.js';
import type { FullItem } from './monitor.js';

/** A database round trip slower than this fails the full check. */
export const SLOW_DATABASE_MS = 1000;

/** The full check's items: the database reads the ledger's tables, accepts writes, and answers quickly. */
export async function fullCheck(h: DbHandle, dataDir: string): Promise<FullItem[]> {
  const item = async (name: string, fn: () => Promise<string>): Promise<FullItem> => {
    try {
      return { name, ok: true, detail: await fn() };
    } catch (err) {
      return { name, ok: false, detail: err instanceof Error ? err.message : String(err) };
    }
  };
  return [
    await item('database_read', async () => {
      await h.db.selectFrom('wallets').select('user_id').limit(1).execute();
      await h.db.selectFrom('users').select('id').limit(1).execute();
      return 'users and wallets readable';
    }),
    await item('database_write', async () => {
      if (h.dialect === 'postgres') {
        // A failover can leave us on a read-only standby: every write would fail.
        const r = await sql<{ standby: boolean }>`select pg_is_in_recovery() as standby`.execute(h.db);
        if (r.rows[0]?.standby) throw new Error('connected to a read-only standby');
        return 'primary';
      }
      // SQLite writes its journal beside the database file.
      await access(dataDir, constants.W_OK);
      return `${dataDir} writable`;
    }),
    await item('database_latency', async () => {
      const start = performance.now();
      await ping(h);
      const ms = Math.round(performance.now() - start);
      if (ms > SLOW_DATABASE_MS) throw new Error(`a round trip took ${ms} ms (limit ${SLOW_DATABASE_MS} ms)`);
      return `${ms} ms`;
    }),
  ];
}
