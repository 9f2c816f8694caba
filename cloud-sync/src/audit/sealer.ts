import type { DbHandle } from '../db/connect.js';
import { transact } from '../db/connect.js';
import { linkPending, SEAL_BATCH } from './chain.js';

/**
 * Sealing (docs/audit-log.md): an entry may be written unchained into audit_pending inside the
 * transaction of what it records (an opening on PostgreSQL, boxes/opening-pg.ts) — no lock on the
 * chain's head, so such transactions do not wait for each other's commits — and is linked into
 * the chain afterwards. The chain, the head, the checker and the digests only ever see sealed
 * entries; an entry's place in the chain is the order in which it was sealed.
 */

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
      const r = await linkPending(tx, { seq: Number(head.seq), hash: head.hash }, batch);
      if (r.linked > 0) await tx.updateTable('audit_head').set({ seq: r.seq, hash: r.hash, updated_at: r.at ?? 0 }).where('id', '=', 1).execute();
      return r.linked;
    });
    sealed += n;
    if (n < batch) return sealed;
  }
}

/** How long a background seal waits to gather the entries of other writers answered meanwhile. */
const KICK_DELAY_MS = 25;

/**
 * One process's sealer: `seal()` resolves once every entry committed before the call is in the
 * chain. A run already under way may have read the pending rows before the caller's commit, so a
 * caller that arrives during a run waits for the next one — one next run shared by all who arrive
 * meanwhile, which is what batches the sealing of concurrent openings into one transaction.
 */
export class AuditSealer {
  private current: Promise<number> | null = null;
  private next: Promise<number> | null = null;
  private kicked: NodeJS.Timeout | null = null;

  constructor(
    private readonly h: DbHandle,
    /** Where a seal run in the background (`kick`) reports a failure: its entries stay pending for the next run. */
    private readonly onError: (err: unknown) => void = () => undefined,
  ) {}

  /**
   * Seals in the background, for a writer that answers without waiting for its entry to join the
   * chain: within KICK_DELAY_MS, so the entries of openings answered meanwhile are linked by one
   * transaction (a seal per opening cost almost as much CPU as the opening itself).
   */
  kick(): void {
    if (this.kicked) return;
    this.kicked = setTimeout(() => {
      this.kicked = null;
      this.seal().catch(this.onError);
    }, KICK_DELAY_MS);
    this.kicked.unref();
  }

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
