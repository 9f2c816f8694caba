import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { GENESIS_HASH, entryHash } from './chain.js';

/**
 * The audit chain's checker: walks audit_log in seq order, a page at a time, recomputing every
 * hash, and stops at the FIRST row that breaks the chain — the row an edit or a removal touched
 * (rows after it are not judged: once one link is broken, everything after it is unproven).
 */

export type AuditRule =
  /** The row's stored hash is not the hash of its own facts (its payload, kind, ref, actor or time was edited). */
  | 'hash_mismatch'
  /** The row's prev_hash is not the previous row's hash (a row was replaced or re-linked). */
  | 'prev_mismatch'
  /** A seq is missing (a row was deleted). */
  | 'gap'
  /** audit_head does not name the last row (the newest rows were deleted, or the head was moved). */
  | 'head_mismatch';

export interface AuditCheckResult {
  ok: boolean;
  /** Rows verified before the first failure (all of them when ok). */
  checked: number;
  head: { seq: number; hash: string };
  failure: { seq: number; rule: AuditRule; detail: string } | null;
  /** Entries written but not yet sealed into the chain (sealer.ts): not judged, and not covered by the head yet. */
  unsealed: number;
}

const PAGE = 1000;

export async function checkAuditChain(db: Kysely<Database>, pageSize = PAGE): Promise<AuditCheckResult> {
  // The head first: rows appended while we walk have seq > head.seq and are left to the next check.
  const headRow = await db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirstOrThrow();
  const head = { seq: Number(headRow.seq), hash: headRow.hash };
  let prevSeq = 0;
  let prevHash = GENESIS_HASH;
  let checked = 0;
  const waiting = await db
    .selectFrom('audit_pending')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const unsealed = Number(waiting.n);
  const fail = (seq: number, rule: AuditRule, detail: string): AuditCheckResult => ({ ok: false, checked, head, failure: { seq, rule, detail }, unsealed });

  for (;;) {
    const rows = await db.selectFrom('audit_log').selectAll().where('seq', '>', prevSeq).where('seq', '<=', head.seq).orderBy('seq').limit(pageSize).execute();
    for (const row of rows) {
      const seq = Number(row.seq);
      if (seq !== prevSeq + 1) return fail(prevSeq + 1, 'gap', `seq ${prevSeq + 1} is missing (the next row is ${seq})`);
      if (row.prev_hash !== prevHash) return fail(seq, 'prev_mismatch', `prev_hash ${row.prev_hash} is not the hash of seq ${prevSeq} (${prevHash})`);
      let payload: unknown;
      try {
        payload = JSON.parse(row.payload);
      } catch {
        return fail(seq, 'hash_mismatch', 'the payload is not JSON');
      }
      const expected = entryHash(prevHash, { seq, kind: row.kind, ref: row.ref, actor: row.actor, payload, created_at: Number(row.created_at) });
      if (expected !== row.hash) return fail(seq, 'hash_mismatch', `stored hash ${row.hash}, recomputed ${expected}`);
      prevSeq = seq;
      prevHash = row.hash;
      checked++;
    }
    if (rows.length < pageSize) break;
  }
  // The first row the head promises but the log lacks: the newest rows were removed.
  if (prevSeq !== head.seq) return fail(prevSeq + 1, 'head_mismatch', `the head names seq ${head.seq} but the log ends at ${prevSeq}`);
  if (prevHash !== head.hash) return fail(head.seq, 'head_mismatch', `the head's hash ${head.hash} is not the last row's (${prevHash})`);
  return { ok: true, checked, head, failure: null, unsealed };
}
