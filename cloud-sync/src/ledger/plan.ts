/**
 * The pure part of hold and capture: given the rows read under the wallet lock, what to write.
 * Both the Kysely path (service.ts) and the hand-written hot paths (hot-path.ts) use these, so
 * the money rules live in one place and the two ways of executing them cannot drift apart.
 */
import type { Bucket, HoldsTable, LotRow, LotState } from '../db/schema.js';
import { BUCKETS } from '../db/schema.js';
import { ApiError, insufficientCredits } from '../errors.js';
import type { BucketAmounts } from './burn-down.js';
import { allocate, emptyBuckets, lotAvailable } from './burn-down.js';
import type { CaptureInput, CaptureResult, HoldInput, HoldResult, ReleaseResult } from './service.js';

export interface Posting {
  lot: LotRow;
  from: LotState;
  to: LotState;
  amount: number;
}

/** A lot as a hold's posting left it: the lot row plus the part this hold holds on it. */
export type HoldPart = LotRow & { part: number };

export const isExpired = (lot: { expires_at: number | null }, now: number): boolean => lot.expires_at !== null && lot.expires_at <= now;

export const holdRequest = (input: HoldInput) => ({ amount: input.amount, ttl_seconds: input.ttl_seconds, reason: input.reason, job_ref: input.job_ref ?? null });
export const captureRequest = (holdId: string, input: CaptureInput) => ({ hold_id: holdId, amount: input.amount });

export interface HoldPlan {
  result: HoldResult;
  postings: Posting[];
}

/** `lots`: the wallet's lots that are live and have credit left (any order). Throws 402 when short. */
export function planHold(input: HoldInput, lots: readonly LotRow[], now: number): HoldPlan {
  const takes = allocate(lots, input.amount, lotAvailable);
  if (!takes) throw insufficientCredits(input.amount, lots.reduce((s, l) => s + lotAvailable(l), 0));
  const expiresAt = now + input.ttl_seconds * 1000;
  const buckets = emptyBuckets();
  for (const t of takes) buckets[t.lot.bucket] += t.take;
  return {
    result: { id: input.id, kind: 'hold', status: 'open', amount: input.amount, expires_at: expiresAt, buckets },
    postings: takes.map((t) => ({ lot: t.lot, from: 'available', to: 'held', amount: t.take })),
  };
}

export type HoldRow = HoldsTable;

/** Refuses a hold that is missing, already resolved, or (when `mustBeLive`) past its expiry. */
export function checkOpenHold(hold: HoldRow | undefined, holdId: string, now: number, mustBeLive: boolean): HoldRow {
  if (!hold) throw new ApiError(404, 'HOLD_NOT_FOUND', `no hold ${holdId}`);
  if (hold.status !== 'open') throw new ApiError(409, 'HOLD_NOT_OPEN', `hold ${holdId} is already ${hold.status}`);
  if (mustBeLive && hold.expires_at <= now) throw new ApiError(409, 'HOLD_EXPIRED', `hold ${holdId} expired at ${new Date(hold.expires_at).toISOString()}`);
  return hold;
}

export interface CapturePlan {
  result: CaptureResult;
  postings: Posting[];
}

/**
 * `hold`: the open, live hold; `parts`: its held postings joined with their lots. `actual` is
 * drawn held → consumed in burn-down order; the rest goes back to available (or to expired on a lot
 * that has expired meanwhile).
 */
export function planCapture(hold: HoldRow, parts: readonly HoldPart[], holdId: string, input: CaptureInput, now: number): CapturePlan {
  if (input.amount > hold.amount) {
    throw new ApiError(422, 'CAPTURE_EXCEEDS_HOLD', `capture of ${input.amount} exceeds the hold's ${hold.amount}`);
  }
  const takes = allocate(parts, input.amount, (p) => p.part) ?? [];
  const consumedByLot = new Map(takes.map((t) => [t.lot.id, t.take]));
  const postings: Posting[] = [];
  const buckets = emptyBuckets();
  for (const p of parts) {
    const consumed = consumedByLot.get(p.id) ?? 0;
    if (consumed > 0) {
      postings.push({ lot: p, from: 'held', to: 'consumed', amount: consumed });
      buckets[p.bucket] += consumed;
    }
    const rest = p.part - consumed;
    if (rest > 0) postings.push({ lot: p, from: 'held', to: isExpired(p, now) ? 'expired' : 'available', amount: rest });
  }
  return {
    result: { id: input.id, kind: 'capture', hold_id: holdId, captured: input.amount, released: hold.amount - input.amount, buckets },
    postings,
  };
}

/** A release of an open hold: every part back to available (or to expired on a lot that has expired meanwhile). */
export function planRelease(hold: { id: string; amount: number }, parts: readonly HoldPart[], id: string, now: number): { result: ReleaseResult; postings: Posting[] } {
  const buckets = emptyBuckets();
  const postings: Posting[] = parts.map((p) => {
    const expired = isExpired(p, now);
    if (!expired) buckets[p.bucket] += p.part;
    return { lot: p, from: 'held', to: expired ? 'expired' : 'available', amount: p.part };
  });
  return { result: { id, kind: 'release', hold_id: hold.id, released: hold.amount, buckets }, postings };
}

export interface LotDelta {
  id: string;
  held: number;
  consumed: number;
  expired: number;
  paid_out: number;
}

export interface Effects {
  /** Per lot touched (zero deltas left out), in the order first posted. */
  lots: LotDelta[];
  /** Change of each bucket's available credit on the wallet row. */
  available: BucketAmounts;
  total: number;
  held: number;
}

/** What a set of postings does to the lots' columns and to the wallet's balances. */
export function effectsOf(postings: readonly Posting[]): Effects {
  const byLot = new Map<string, LotDelta>();
  const available = emptyBuckets();
  let held = 0;
  for (const p of postings) {
    let d = byLot.get(p.lot.id);
    if (!d) {
      d = { id: p.lot.id, held: 0, consumed: 0, expired: 0, paid_out: 0 };
      byLot.set(p.lot.id, d);
    }
    for (const [state, sign] of [
      [p.from, -1],
      [p.to, 1],
    ] as const) {
      if (state === 'available') available[p.lot.bucket] += sign * p.amount;
      else if (state !== 'external') d[state] += sign * p.amount;
      if (state === 'held') held += sign * p.amount;
    }
  }
  const lots = [...byLot.values()].filter((d) => d.held !== 0 || d.consumed !== 0 || d.expired !== 0 || d.paid_out !== 0);
  const total = BUCKETS.reduce((s, b: Bucket) => s + available[b], 0);
  return { lots, available, total, held };
}
