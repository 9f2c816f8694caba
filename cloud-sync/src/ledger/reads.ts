import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { BUCKETS, BUCKET_RANK } from '../db/schema.js';
import { ApiError } from '../errors.js';
import { lotAvailable } from './burn-down.js';
import { isExpired } from './plan.js';
import type { Balance, JournalEntryView } from './types.js';

/** A wallet's balance per bucket and what expires next (credit in lots that are expired but not yet swept is not counted). */
export async function readBalance(db: Kysely<Database>, userId: string, now: number, expiringLimit: number): Promise<Balance> {
  const wallet = await db.selectFrom('wallets').select('user_id').where('user_id', '=', userId).executeTakeFirst();
  if (!wallet) throw new ApiError(404, 'WALLET_NOT_FOUND', 'no wallet for this user');
  const lots = await db
    .selectFrom('lots')
    .selectAll()
    .where('user_id', '=', userId)
    .where((eb) => eb.or([eb('held', '>', 0), sql<boolean>`consumed + held + expired + paid_out < amount`]))
    .execute();
  const buckets = Object.fromEntries(BUCKETS.map((b) => [b, { available: 0, held: 0 }])) as Balance['buckets'];
  const expiring: Balance['expiring'] = [];
  for (const lot of lots) {
    const b = buckets[lot.bucket];
    b.held += lot.held;
    if (isExpired(lot, now)) continue;
    const avail = lotAvailable(lot);
    b.available += avail;
    // Held credit expires with its lot too unless it is captured first (a device's allowance holds most of a wallet).
    const unspent = avail + lot.held;
    if (lot.expires_at === null || unspent <= 0) continue;
    const same = expiring.find((e) => e.bucket === lot.bucket && e.expires_at === lot.expires_at);
    if (same) same.amount += unspent;
    else expiring.push({ bucket: lot.bucket, amount: unspent, expires_at: lot.expires_at });
  }
  expiring.sort((a, b) => a.expires_at - b.expires_at || BUCKET_RANK[a.bucket] - BUCKET_RANK[b.bucket]);
  const available = BUCKETS.reduce((s, k) => s + buckets[k].available, 0);
  const held = BUCKETS.reduce((s, k) => s + buckets[k].held, 0);
  return { user_id: userId, as_of: now, total: available + held, available, held, buckets, expiring: expiring.slice(0, expiringLimit) };
}

/** A wallet's journal, newest first, with each entry's postings; keyset pages on seq. */
export async function readEntries(db: Kysely<Database>, userId: string, cursor: number | null, limit: number): Promise<{ entries: JournalEntryView[]; next_cursor: string | null }> {
  const rows = await db
    .selectFrom('journal')
    .select(['seq', 'id', 'kind', 'amount', 'parent_id', 'reason', 'created_at', 'created_by'])
    .where('user_id', '=', userId)
    .$if(cursor !== null, (qb) => qb.where('seq', '<', cursor ?? 0))
    .orderBy('seq', 'desc')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  const ids = page.map((r) => r.id);
  const postings =
    ids.length === 0
      ? []
      : await db
          .selectFrom('postings')
          .innerJoin('lots', 'lots.id', 'postings.lot_id')
          .select(['postings.journal_id', 'postings.lot_id', 'postings.from_state', 'postings.to_state', 'postings.amount', 'lots.bucket'])
          .where('postings.journal_id', 'in', ids)
          .execute();
  const byEntry = new Map<string, JournalEntryView['postings']>();
  for (const p of postings) {
    const list = byEntry.get(p.journal_id) ?? [];
    list.push({ bucket: p.bucket, lot_id: p.lot_id, from: p.from_state, to: p.to_state, amount: p.amount });
    byEntry.set(p.journal_id, list);
  }
  const entries = page.map((r) => ({ ...r, postings: byEntry.get(r.id) ?? [] }));
  const last = page[page.length - 1];
  return { entries, next_cursor: rows.length > limit && last ? String(last.seq) : null };
}
