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

/** Entries linked per batch when pending entries are sealed (sealer.ts, and before a direct append). */
export const SEAL_BATCH = 500;

/**
 * Links up to `limit` committed pending entries (audit_pending, docs/audit-log.md "Sealing") into
 * the chain after `head`, oldest id first, inside the caller's transaction, which must hold the
 * head's lock. Returns the new head, how many it linked and the last one's time (the head's
 * `updated_at`); the caller moves audit_head.
 */
export async function linkPending(tx: Kysely<Database>, head: { seq: number; hash: string }, limit = SEAL_BATCH): Promise<{ seq: number; hash: string; linked: number; at: number | null }> {
  const rows = await tx.selectFrom('audit_pending').selectAll().orderBy('id').limit(limit).execute();
  if (rows.length === 0) return { ...head, linked: 0, at: null };
  let seq = head.seq;
  let prev = head.hash;
  const entries = rows.map((r) => {
    seq++;
    const created_at = Number(r.created_at);
    const hash = entryHash(prev, { seq, kind: r.kind, ref: r.ref, actor: r.actor, payload: JSON.parse(r.payload) as unknown, created_at });
    const entry = { seq, kind: r.kind, ref: r.ref, actor: r.actor, payload: r.payload, created_at, prev_hash: prev, hash };
    prev = hash;
    return entry;
  });
  await tx.insertInto('audit_log').values(entries).execute();
  await tx
    .deleteFrom('audit_pending')
    .where(
      'id',
      'in',
      rows.map((r) => r.id),
    )
    .execute();
  return { seq, hash: prev, linked: rows.length, at: entries[entries.length - 1]!.created_at };
}

/**
 * Appends one entry inside the caller's transaction (so the entry commits with what it records, or
 * neither does). It locks the head row: call it last in the transaction, to hold that lock briefly.
 * Pending entries already committed are linked first, so an entry sealed later never lands after
 * a change that was made after it (a series closed after an opening: the opening comes first).
 */
export async function appendAudit(tx: Kysely<Database>, dialect: Dialect, facts: AuditFacts, now: number): Promise<AuditEntry> {
  const locked = await tx
    .selectFrom('audit_head')
    .select(['seq', 'hash'])
    .where('id', '=', 1)
    .$if(dialect === 'postgres', (qb) => qb.forUpdate())
    .executeTakeFirstOrThrow();
  let head = { seq: Number(locked.seq), hash: locked.hash };
  for (;;) {
    const r = await linkPending(tx, head);
    head = { seq: r.seq, hash: r.hash };
    if (r.linked < SEAL_BATCH) break;
  }
  const seq = head.seq + 1;
  const entry = { seq, kind: facts.kind, ref: facts.ref, actor: facts.actor, payload: facts.payload, created_at: now };
  const hash = entryHash(head.hash, entry);
  await tx
    .insertInto('audit_log')
    .values({ seq, kind: facts.kind, ref: facts.ref, actor: facts.actor, payload: canonical(facts.payload), created_at: now, prev_hash: head.hash, hash })
    .execute();
  await tx.updateTable('audit_head').set({ seq, hash, updated_at: now }).where('id', '=', 1).execute();
  return { ...entry, prev_hash: head.hash, hash };
}
