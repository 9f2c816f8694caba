import type { Bucket } from '../db/schema.js';
import { BUCKET_RANK } from '../db/schema.js';

/** What the burn-down order needs to know about a lot. */
export interface OrderedLot {
  id: string;
  bucket: Bucket;
  expires_at: number | null;
  created_at: number;
}

/**
 * The spend order: PROMO → SUB → PAID → BONUS; within a bucket the soonest expiry first
 * (never-expiring last), then the oldest grant, then the id.
 */
export function burnDownCompare(a: OrderedLot, b: OrderedLot): number {
  const r = BUCKET_RANK[a.bucket] - BUCKET_RANK[b.bucket];
  if (r !== 0) return r;
  const ea = a.expires_at ?? Number.MAX_SAFE_INTEGER;
  const eb = b.expires_at ?? Number.MAX_SAFE_INTEGER;
  if (ea !== eb) return ea - eb;
  if (a.created_at !== b.created_at) return a.created_at - b.created_at;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export interface Take<L> {
  lot: L;
  take: number;
}

/**
 * Draws `amount` from `lots` in burn-down order, each lot giving at most `capacity(lot)`.
 * Returns null when the lots together hold less than `amount`.
 */
export function allocate<L extends OrderedLot>(lots: readonly L[], amount: number, capacity: (lot: L) => number): Take<L>[] | null {
  const sorted = [...lots].sort(burnDownCompare);
  const takes: Take<L>[] = [];
  let left = amount;
  for (const lot of sorted) {
    if (left === 0) break;
    const cap = capacity(lot);
    if (cap <= 0) continue;
    const take = Math.min(cap, left);
    takes.push({ lot, take });
    left -= take;
  }
  return left === 0 ? takes : null;
}

export function lotAvailable(l: { amount: number; consumed: number; held: number; expired: number; paid_out: number }): number {
  return l.amount - l.consumed - l.held - l.expired - l.paid_out;
}

export type BucketAmounts = Record<Bucket, number>;

export function emptyBuckets(): BucketAmounts {
  return { PROMO: 0, SUB: 0, PAID: 0, BONUS: 0 };
}
