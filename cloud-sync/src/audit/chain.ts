import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Dialect } from '../db/connect.js';
import type { Database } from '../db/schema.js';
import { canonical } from '../ledger/types.js';

/**
 * The append-only audit log of blind boxes and the market (issue 18). Each entry's hash covers the
 * previous entry's hash and the entry's own facts, so editing or removing any row breaks every
 * hash after it; the head (seq, hash) is published, and signed once a day (digest.ts).
 *
 *   hash = SHA-256 hex of UTF-8( prev_hash + "\n" + canonical JSON {actor, created_at, kind, payload, ref, seq} )
 *
 * with `payload` the parsed object (canonical JSON: keys sorted, no spaces).
 */

/** The prev_hash of entry 1. */
export const GENESIS_HASH = '0'.repeat(64);

export interface AuditFacts {
  /** e.g. series.created, series.opened, series.closed, seed.rotated, opening, listing.created, trade. */
  kind: string;
  /** The subject: `series:<id>`, `opening:<id>`, `listing:<id>`… */
  ref: string;
  /** Who did it: a user id, `system`, or `sweeper`. */
  actor: string;
  payload: Record<string, unknown>;
}

export interface AuditEntry extends AuditFacts {
  seq: number;
  created_at: number;
  prev_hash: string;
  hash: string;
}

export function entryHash(prevHash: string, e: { seq: number; kind: string; ref: string; actor: string; payload: unknown; created_at: number }): string {
  const facts = canonical({ actor: e.actor, created_at: e.created_at, kind: e.kind, payload: e.payload, ref: e.ref, seq: e.seq });
  return createHash('sha256').update(`${prevHash}\n${facts}`, 'utf8').digest('hex');
}

/**
 * Appends one entry inside the caller's transaction (so the entry commits with what it records, or
 * neither does). It locks the head row: call it last in the transaction, to hold that lock briefly.
 */
export async function appendAudit(tx: Kysely<Database>, dialect: Dialect, facts: AuditFacts, now: number): Promise<AuditEntry> {
  const head = await tx
    .selectFrom('audit_head')
    .select(['seq', 'hash'])
    .where('id', '=', 1)
    .$if(dialect === 'postgres', (qb) => qb.forUpdate())
    .executeTakeFirstOrThrow();
  const seq = Number(head.seq) + 1;
  const entry = { seq, kind: facts.kind, ref: facts.ref, actor: facts.actor, payload: facts.payload, created_at: now };
  const hash = entryHash(head.hash, entry);
  await tx
    .insertInto('audit_log')
    .values({ seq, kind: facts.kind, ref: facts.ref, actor: facts.actor, payload: canonical(facts.payload), created_at: now, prev_hash: head.hash, hash })
    .execute();
  await tx.updateTable('audit_head').set({ seq, hash, updated_at: now }).where('id', '=', 1).execute();
  return { ...entry, prev_hash: head.hash, hash };
}
