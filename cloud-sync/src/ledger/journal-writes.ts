import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Bucket, Database, HoldStatus, JournalKind, LotRow, LotState } from '../db/schema.js';
import { BUCKET_COLUMN, BUCKET_RANK } from '../db/schema.js';
import { ApiError } from '../errors.js';
import type { Posting } from './plan.js';
import { effectsOf } from './plan.js';
import { requestHash } from './types.js';

/** The rows one ledger write adds or changes inside its transaction: journal entry, lots, postings, the hold's resolution. */
type Tx = Kysely<Database>;

/** The lots an entry moved credit into `state` on, with how much (what a capture, refund or reversal undoes). */
export function partsMovedTo(tx: Tx, journalId: string, state: LotState) {
  return tx
    .selectFrom('postings')
    .innerJoin('lots', 'lots.id', 'postings.lot_id')
    .selectAll('lots')
    .select('postings.amount as part')
    .where('postings.journal_id', '=', journalId)
    .where('postings.to_state', '=', state)
    .execute();
}

export async function resolveHold(tx: Tx, holdId: string, status: HoldStatus, resolutionId: string, now: number): Promise<void> {
  const res = await tx
    .updateTable('holds')
    .set({ status, resolved_at: now, resolution_id: resolutionId })
    .where('id', '=', holdId)
    .where('status', '=', 'open')
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new ApiError(409, 'HOLD_NOT_OPEN', `hold ${holdId} is no longer open`);
}

export async function insertLot(tx: Tx, userId: string, journalId: string, bucket: Bucket, amount: number, expiresAt: number | null, sourceRef: string, now: number): Promise<LotRow> {
  const lot: LotRow = {
    id: randomUUID(),
    user_id: userId,
    bucket,
    rank: BUCKET_RANK[bucket],
    amount,
    consumed: 0,
    held: 0,
    expired: 0,
    paid_out: 0,
    expires_at: expiresAt,
    created_at: now,
    source_ref: sourceRef,
    journal_id: journalId,
  };
  // The posting (external → available) brings the lot to life; the row starts with nothing used.
  await tx.insertInto('lots').values(lot).execute();
  return lot;
}

export async function insertJournal(
  tx: Tx,
  e: {
    id: string;
    user_id: string;
    kind: JournalKind;
    parentId?: string;
    amount: number;
    reason: string | null;
    request: object;
    result: unknown;
    now: number;
    createdBy: string;
    holdExpiresAt?: number;
  },
): Promise<void> {
  await tx
    .insertInto('journal')
    .values({
      id: e.id,
      user_id: e.user_id,
      kind: e.kind,
      parent_id: e.parentId ?? null,
      request_hash: requestHash(e.kind, e.request),
      amount: e.amount,
      reason: e.reason,
      response: JSON.stringify(e.result),
      hold_expires_at: e.holdExpiresAt ?? null,
      created_at: e.now,
      created_by: e.createdBy,
    })
    .execute();
}

/** Records postings and applies them to the lots' columns and the wallet's per-bucket balances. */
export async function post(tx: Tx, userId: string, journalId: string, postings: Posting[], now: number): Promise<void> {
  if (postings.length === 0) return;
  await tx
    .insertInto('postings')
    .values(postings.map((p) => ({ journal_id: journalId, lot_id: p.lot.id, from_state: p.from, to_state: p.to, amount: p.amount })))
    .execute();
  const e = effectsOf(postings);
  for (const d of e.lots) {
    await tx
      .updateTable('lots')
      .set((eb) => ({
        held: eb('held', '+', d.held),
        consumed: eb('consumed', '+', d.consumed),
        expired: eb('expired', '+', d.expired),
        paid_out: eb('paid_out', '+', d.paid_out),
      }))
      .where('id', '=', d.id)
      .execute();
  }
  await tx
    .updateTable('wallets')
    .set((eb) => ({
      [BUCKET_COLUMN.PROMO]: eb('promo', '+', e.available.PROMO),
      [BUCKET_COLUMN.SUB]: eb('sub', '+', e.available.SUB),
      [BUCKET_COLUMN.PAID]: eb('paid', '+', e.available.PAID),
      [BUCKET_COLUMN.BONUS]: eb('bonus', '+', e.available.BONUS),
      total: eb('total', '+', e.total),
      held: eb('held', '+', e.held),
      updated_at: now,
    }))
    .where('user_id', '=', userId)
    .execute();
}
