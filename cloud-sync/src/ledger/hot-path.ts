/**
 * Hold and capture — the calls every generation makes — with hand-written statements instead of
 * Kysely-built ones. The rules are the same as the Kysely path in service.ts (and the decisions
 * are literally the same code, plan.ts): the writes on one wallet serialised (the Kysely path locks
 * the wallet row first; here SQLite's write lock, and on PostgreSQL the wallet row's version or its
 * lock, see below), the idempotency record checked within that, a journal entry, a posting per
 * lot, the lots' and the wallet's columns moved by those postings with the CHECK constraints
 * refusing a negative, all committed together or not at all.
 *
 * SQLite (better-sqlite3 is synchronous): the whole `BEGIN IMMEDIATE … COMMIT` runs without
 * yielding to the event loop — nothing else can interleave on the connection — with statements
 * prepared once. Operations that arrive together share one transaction (group commit, see
 * SqliteHotPath.commitGroup), each answered only after the COMMIT.
 * PostgreSQL: two round trips instead of ~10 — one read, one write made of data-modifying CTEs
 * that commits on its own only if the wallet row is unchanged since the read (see below) — with
 * named (server-side prepared) statements; one round trip, the write alone, when this process
 * already knows the wallet as of its current version (wallet-snapshots.ts) — and such writes on
 * different wallets that arrive together share one statement and one commit (pg-write-batch.ts).
 */
import type { Clock } from '../clock.js';
import type { DbHandle } from '../db/connect.js';
import type { GroupedWrites, HotPath } from './hot-path-rules.js';
import { PgHotPath } from './hot-path-pg.js';
import { SqliteHotPath } from './hot-path-sqlite.js';

export type { AlongOutcome, AlongWrites, GroupedWrites, HotPath } from './hot-path-rules.js';

export function createHotPath(h: DbHandle, clock: Clock): (HotPath & Partial<GroupedWrites>) | null {
  if (h.dialect === 'sqlite' && h.sqlite) return new SqliteHotPath(h, h.sqlite, clock);
  if (h.dialect === 'postgres' && h.pgPool) return new PgHotPath(h.pgPool, clock);
  return null;
}
