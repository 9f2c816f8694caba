import type { DbHandle } from '../db/connect.js';
import { transact } from '../db/connect.js';
import { entryHash } from './chain.js';

/**
 * Sealing (docs/audit-log.md): an entry may be written unchained into audit_pending inside the
 * transaction of what it records (an opening on PostgreSQL, boxes/opening-pg.ts) — no lock on the
 * chain's head, so such transactions do not wait for each other's commits — and is linked into
 * the chain afterwards. The chain, the head, the
 * checker and the digests only ever see sealed entries; an entry's place in the chain is the order
 * in which it was sealed.
 */

/** Entries linked per sealing transaction. */
export const SEAL_BATCH = 500;

/**
 * Links every committed pending entry into the chain, oldest id first, and moves the head; returns
 * how many. Each batch is one transaction that takes the head's lock FIRST (as every direct append
 * does, chain.ts), so sealers in several processes, and direct appends, take turns; the pending
 * rows are read after the lock is had, so a sealer that waited sees only what the one before it
 * left. A crash rolls a batch back whole: its entries stay pending for the next run.
 */
export async function sealPending(h: DbHandle, batch = SEAL_BATCH): Promise<number> {
  let sealed = 0;
  for (;;) {
    const n = await transact(h, async (tx) => {
      const head = await tx
        .selectFrom('audit_head')
        .select(['seq', 'hash'])
        .where('id', '=', 1)
        .$if(h.dialect === 'postgres', (qb) => qb.forUpdate())
        .executeTakeFirstOrThrow();
      const rows = await tx.selectFrom('audit_pending').selectAll().orderBy('id').limit(batch).execute();
      if (rows.length === 0) return 0;
      let seq = Number(head.seq);
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
      await tx.updateTable('audit_head').set({ seq, hash: prev, updated_at: entries[entries.length - 1]!.created_at }).where('id', '=', 1).execute();
      return rows.length;
    });
    sealed += n;
    if (n < batch) return sealed;
  }
}

/**
 * One process's sealer: `seal()` resolves once every entry committed before the call is in the
 * chain. A run already under way may have read the pending rows before the caller's commit, so a
 * caller that arrives during a run waits for the next one — one next run shared by all who arrive
 * meanwhile, which is what batches the sealing of concurrent openings into one transaction.
 */
export class AuditSealer {
  private current: Promise<number> | null = null;
  private next: Promise<number> | null = null;

  constructor(private readonly h: DbHandle) {}

  seal(): Promise<number> {
    if (!this.current) {
      this.current = sealPending(this.h).finally(() => {
        this.current = null;
      });
      return this.current;
    }
    this.next ??= this.current
      .then(
        () => undefined,
        () => undefined,
      )
      .then(() => {
        this.next = null;
        return this.seal();
      });
    return this.next;
  }
}
