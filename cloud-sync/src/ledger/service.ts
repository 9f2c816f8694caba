import { createHash, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Clock } from '../clock.js';
import type { DbHandle } from '../db/connect.js';
import { constraintKind, transact } from '../db/connect.js';
import type { Bucket, Database, HoldStatus, JournalKind, LotRow, LotState } from '../db/schema.js';
import { BUCKETS, BUCKET_COLUMN, BUCKET_RANK } from '../db/schema.js';
import { ApiError, idempotencyConflict } from '../errors.js';
import type { BucketAmounts } from './burn-down.js';
import { allocate, emptyBuckets, lotAvailable } from './burn-down.js';
import type { CheckResult } from './check.js';
import { checkLedger } from './check.js';
import type { HotPath } from './hot-path.js';
import { createHotPath } from './hot-path.js';
import { assertExpiryRule } from './expiry-rules.js';
import { canonicalId } from './ids.js';
import type { Posting } from './plan.js';
import { captureRequest, checkOpenHold, effectsOf, holdRequest, isExpired, planCapture, planHold } from './plan.js';
import { LEDGER_REASONS } from './reasons.js';

type Tx = Kysely<Database>;

export interface LedgerOptions {
  /**
   * Hold and capture through the hand-written statements of hot-path.ts (default), or through
   * Kysely like the other writes (false) — the tests run both and compare them.
   */
  hotPath?: boolean;
}

/** A refunded capture whose lot has expired meanwhile comes back as a PROMO lot valid this long. */
export const REFUND_REGRANT_TTL_MS = 7 * 24 * 3600 * 1000;
/** How long past its expiry a hold may stay open (or a lot keep available credit) before the check flags it. */
export const SWEEP_GRACE_MS = 10 * 60 * 1000;

export interface HoldInput {
  id: string;
  amount: number;
  ttl_seconds: number;
  reason: string;
  job_ref?: string | null | undefined;
}
export interface CaptureInput {
  id: string;
  amount: number;
}
export interface ReleaseInput {
  id: string;
}
export interface RefundInput {
  id: string;
}
export interface GrantInput {
  id: string;
  user_id: string;
  bucket: Bucket;
  amount: number;
  expires_at?: number | null | undefined;
  reason: string;
}

export interface HoldResult {
  id: string;
  kind: 'hold';
  status: 'open';
  amount: number;
  expires_at: number;
  buckets: BucketAmounts;
}
export interface CaptureResult {
  id: string;
  kind: 'capture';
  hold_id: string;
  captured: number;
  released: number;
  buckets: BucketAmounts;
}
export interface ReleaseResult {
  id: string;
  kind: 'release';
  hold_id: string;
  released: number;
  buckets: BucketAmounts;
}
export interface RefundResult {
  id: string;
  kind: 'refund';
  capture_id: string;
  refunded: number;
  buckets: BucketAmounts;
  regranted: number;
}
export interface GrantResult {
  id: string;
  kind: 'grant';
  lot_id: string;
  bucket: Bucket;
  amount: number;
  expires_at: number | null;
}

export interface WithdrawInput {
  id: string;
  amount: number;
  /** The calendar month the cap counts in ('YYYY-MM'). */
  period: string;
  monthlyCap: number;
  reason: string;
}
export interface WithdrawResult {
  id: string;
  kind: 'withdraw' | 'adjust';
  amount: number;
  period: string;
}

export interface ReversalResult {
  id: string;
  kind: 'adjust';
  /** The owed share this call accounted for (0 when earlier reversals already covered it). */
  accounted: number;
  retired: number;
  /** Owed but no longer there to take back: already spent, held by a job, withdrawn or expired. */
  not_recovered: number;
}

export type BatchOp =
  | ({ op: 'hold' } & HoldInput)
  | ({ op: 'capture'; hold_id: string } & CaptureInput)
  | ({ op: 'release'; hold_id: string } & ReleaseInput)
  | ({ op: 'refund'; capture_id: string } & RefundInput);

export type BatchResult =
  | { id: string; op: BatchOp['op']; ok: true; status: 200; result: HoldResult | CaptureResult | ReleaseResult | RefundResult }
  | { id: string; op: BatchOp['op']; ok: false; status: number; error: { code: string; message: string } };

export interface Balance {
  user_id: string;
  as_of: number;
  total: number;
  available: number;
  held: number;
  buckets: Record<Bucket, { available: number; held: number }>;
  expiring: { bucket: Bucket; amount: number; expires_at: number }[];
}

export interface JournalEntryView {
  seq: number;
  id: string;
  kind: JournalKind;
  amount: number;
  parent_id: string | null;
  reason: string | null;
  created_at: number;
  created_by: string;
  postings: { bucket: Bucket; lot_id: string; from: LotState; to: LotState; amount: number }[];
}

export interface SweepResult {
  holds_expired: number;
  lots_expired: number;
  credits_expired: number;
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function requestHash(kind: string, request: object): string {
  return createHash('sha256').update(canonical({ kind, ...request })).digest('hex');
}


/**
 * The authoritative credits ledger. Every write: one transaction, the wallet row locked first,
 * idempotent on its client id, recorded as a journal entry with a posting per lot it touches.
 */
export class Ledger {
  /** Hand-written hold/capture (hot-path.ts); null runs them through Kysely like every other write. */
  private readonly hot: HotPath | null;

  constructor(
    private readonly h: DbHandle,
    private readonly clock: Clock,
    opts: LedgerOptions = {},
  ) {
    this.hot = opts.hotPath === false ? null : createHotPath(h, clock);
  }

  now(): number {
    return this.clock.now();
  }

  // ---- writes ---------------------------------------------------------------------------------

  async grant(raw: GrantInput, createdBy: string, sourceRef = `grant:${canonicalId(raw.id)}`): Promise<GrantResult> {
    const input = { ...raw, id: canonicalId(raw.id) };
    const request = { user_id: input.user_id, bucket: input.bucket, amount: input.amount, expires_at: input.expires_at ?? null, reason: input.reason };
    return this.write(input.user_id, input.id, 'grant', request, async (tx, now) => {
      const expiresAt = input.expires_at ?? null;
      if (expiresAt !== null && expiresAt <= now) throw new ApiError(422, 'ALREADY_EXPIRED', 'expires_at is not in the future');
      assertExpiryRule(input.bucket, expiresAt, now);
      const lot = await this.insertLot(tx, input.user_id, input.id, input.bucket, input.amount, expiresAt, sourceRef, now);
      const result: GrantResult = { id: input.id, kind: 'grant', lot_id: lot.id, bucket: input.bucket, amount: input.amount, expires_at: expiresAt };
      await this.insertJournal(tx, { id: input.id, user_id: input.user_id, kind: 'grant', amount: input.amount, reason: input.reason, request, result, now, createdBy });
      await this.post(tx, input.user_id, input.id, [{ lot, from: 'external', to: 'available', amount: input.amount }], now);
      return result;
    });
  }

  async hold(userId: string, raw: HoldInput): Promise<HoldResult> {
    const input = { ...raw, id: canonicalId(raw.id) };
    const request = holdRequest(input);
    if (this.hot) {
      const hot = this.hot;
      return this.mapErrors(input.id, () => hot.hold(userId, input, requestHash('hold', request)));
    }
    return this.write(userId, input.id, 'hold', request, async (tx, now) => {
      const lots = await tx
        .selectFrom('lots')
        .selectAll()
        .where('user_id', '=', userId)
        .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
        .where(sql<boolean>`consumed + held + expired + paid_out < amount`)
        .execute();
      const { result, postings } = planHold(input, lots, now);
      await this.insertJournal(tx, {
        id: input.id,
        user_id: userId,
        kind: 'hold',
        amount: input.amount,
        reason: input.reason,
        request,
        result,
        now,
        createdBy: userId,
        holdExpiresAt: result.expires_at,
      });
      await tx
        .insertInto('holds')
        .values({ id: input.id, user_id: userId, amount: input.amount, status: 'open', expires_at: result.expires_at, reason: input.reason, job_ref: input.job_ref ?? null, created_at: now })
        .execute();
      await this.post(tx, userId, input.id, postings, now);
      return result;
    });
  }

  async capture(userId: string, rawHoldId: string, raw: CaptureInput): Promise<CaptureResult> {
    const holdId = canonicalId(rawHoldId);
    const input = { ...raw, id: canonicalId(raw.id) };
    const request = captureRequest(holdId, input);
    if (this.hot) {
      const hot = this.hot;
      return this.mapErrors(input.id, () => hot.capture(userId, holdId, input, requestHash('capture', request)));
    }
    return this.write(userId, input.id, 'capture', request, async (tx, now) => {
      const hold = await this.openHold(tx, userId, holdId, now, true);
      const { result, postings } = planCapture(hold, await this.partsMovedTo(tx, holdId, 'held'), holdId, input, now);
      await this.insertJournal(tx, { id: input.id, user_id: userId, kind: 'capture', parentId: holdId, amount: input.amount, reason: null, request, result, now, createdBy: userId });
      await this.resolveHold(tx, holdId, 'captured', input.id, now);
      await this.post(tx, userId, input.id, postings, now);
      return result;
    });
  }

  async release(userId: string, rawHoldId: string, raw: ReleaseInput): Promise<ReleaseResult> {
    const holdId = canonicalId(rawHoldId);
    const input = { id: canonicalId(raw.id) };
    const request = { hold_id: holdId };
    return this.write(userId, input.id, 'release', request, async (tx, now) => {
      const hold = await this.openHold(tx, userId, holdId, now, false);
      return this.releaseHold(tx, userId, hold, input.id, 'released', request, userId, now);
    });
  }

  async refund(userId: string, rawCaptureId: string, raw: RefundInput): Promise<RefundResult> {
    const captureId = canonicalId(rawCaptureId);
    const input = { id: canonicalId(raw.id) };
    const request = { capture_id: captureId };
    return this.write(userId, input.id, 'refund', request, async (tx, now) => {
      const capture = await tx
        .selectFrom('journal')
        .select(['id', 'amount'])
        .where('id', '=', captureId)
        .where('user_id', '=', userId)
        .where('kind', '=', 'capture')
        .executeTakeFirst();
      if (!capture) throw new ApiError(404, 'CAPTURE_NOT_FOUND', `no capture ${captureId}`);
      const prior = await tx.selectFrom('journal').select('id').where('parent_id', '=', captureId).where('kind', '=', 'refund').executeTakeFirst();
      if (prior) throw new ApiError(409, 'ALREADY_REFUNDED', `capture ${captureId} was already refunded by ${prior.id}`);
      const parts = await this.partsMovedTo(tx, captureId, 'consumed');
      const postings: Posting[] = [];
      const buckets = emptyBuckets();
      let regrant = 0;
      for (const p of parts) {
        if (isExpired(p, now)) {
          // Stated policy: credit refunded onto a lot that has expired meanwhile is retired on
          // that lot and granted back as one short PROMO lot (REFUND_REGRANT_TTL_MS).
          postings.push({ lot: p, from: 'consumed', to: 'expired', amount: p.part });
          regrant += p.part;
        } else {
          postings.push({ lot: p, from: 'consumed', to: 'available', amount: p.part });
          buckets[p.bucket] += p.part;
        }
      }
      buckets.PROMO += regrant;
      const result: RefundResult = { id: input.id, kind: 'refund', capture_id: captureId, refunded: capture.amount, buckets, regranted: regrant };
      await this.insertJournal(tx, { id: input.id, user_id: userId, kind: 'refund', parentId: captureId, amount: capture.amount, reason: null, request, result, now, createdBy: userId });
      if (regrant > 0) {
        const lot = await this.insertLot(tx, userId, input.id, 'PROMO', regrant, now + REFUND_REGRANT_TTL_MS, `refund:${input.id}`, now);
        postings.push({ lot, from: 'external', to: 'available', amount: regrant });
      }
      await this.post(tx, userId, input.id, postings, now);
      return result;
    });
  }

  // ---- withdrawals (BONUS → paid_out) -------------------------------------------------------

  /**
   * Moves `amount` BONUS credits (oldest lot first) to paid_out and counts them against the
   * month's cap in `withdraw_limits` (the database refuses `used > cap`). `inTx` runs in the same
   * transaction, so the caller's withdrawal record commits with the money or not at all.
   */
  async withdraw(userId: string, raw: WithdrawInput, inTx?: (tx: Tx, now: number) => Promise<void>): Promise<WithdrawResult> {
    const input = { ...raw, id: canonicalId(raw.id) };
    const request = { amount: input.amount, period: input.period, reason: input.reason };
    return this.write(userId, input.id, 'withdraw', request, async (tx, now) => {
      const lots = await tx
        .selectFrom('lots')
        .selectAll()
        .where('user_id', '=', userId)
        .where('bucket', '=', 'BONUS')
        .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
        .where(sql<boolean>`consumed + held + expired + paid_out < amount`)
        .execute();
      const takes = allocate(lots, input.amount, lotAvailable);
      if (!takes) throw new ApiError(402, 'INSUFFICIENT_BONUS', `${input.amount} BONUS credits requested but only ${lots.reduce((s, l) => s + lotAvailable(l), 0)} available`);
      await tx
        .insertInto('withdraw_limits')
        .values({ user_id: userId, period: input.period, used: 0, cap: input.monthlyCap })
        .onConflict((oc) => oc.columns(['user_id', 'period']).doNothing())
        .execute();
      const counted = await tx
        .updateTable('withdraw_limits')
        .set((eb) => ({ used: eb('used', '+', input.amount) }))
        .where('user_id', '=', userId)
        .where('period', '=', input.period)
        .where(sql<boolean>`used + ${input.amount} <= cap`)
        .executeTakeFirst();
      if (Number(counted.numUpdatedRows) !== 1) throw new ApiError(422, 'MONTHLY_WITHDRAWAL_LIMIT', `this would pass the monthly withdrawal limit for ${input.period}`);
      const result: WithdrawResult = { id: input.id, kind: 'withdraw', amount: input.amount, period: input.period };
      await this.insertJournal(tx, { id: input.id, user_id: userId, kind: 'withdraw', amount: input.amount, reason: input.reason, request, result, now, createdBy: userId });
      await this.post(
        tx,
        userId,
        input.id,
        takes.map((t) => ({ lot: t.lot, from: 'available', to: 'paid_out', amount: t.take })),
        now,
      );
      await inTx?.(tx, now);
      return result;
    });
  }

  /** Undoes a withdrawal (rejected): paid_out → available on the same lots, and the month's allowance back. Once per withdrawal. */
  async reverseWithdrawal(userId: string, withdrawId: string, input: { id: string; period: string; reason: string; createdBy: string }, inTx?: (tx: Tx, now: number) => Promise<void>): Promise<WithdrawResult> {
    const request = { withdraw_id: withdrawId, period: input.period };
    return this.write(userId, input.id, 'adjust', request, async (tx, now) => {
      const w = await tx.selectFrom('journal').select(['id', 'amount']).where('id', '=', withdrawId).where('user_id', '=', userId).where('kind', '=', 'withdraw').executeTakeFirst();
      if (!w) throw new ApiError(404, 'WITHDRAWAL_NOT_FOUND', `no withdrawal ${withdrawId}`);
      const prior = await tx.selectFrom('journal').select('id').where('parent_id', '=', withdrawId).where('kind', '=', 'adjust').executeTakeFirst();
      if (prior) throw new ApiError(409, 'ALREADY_REVERSED', `withdrawal ${withdrawId} was already reversed by ${prior.id}`);
      const parts = await this.partsMovedTo(tx, withdrawId, 'paid_out');
      await tx
        .updateTable('withdraw_limits')
        .set((eb) => ({ used: eb('used', '-', w.amount) }))
        .where('user_id', '=', userId)
        .where('period', '=', input.period)
        .execute();
      const result: WithdrawResult = { id: input.id, kind: 'adjust', amount: w.amount, period: input.period };
      await this.insertJournal(tx, { id: input.id, user_id: userId, kind: 'adjust', parentId: withdrawId, amount: w.amount, reason: input.reason, request, result, now, createdBy: input.createdBy });
      await this.post(
        tx,
        userId,
        input.id,
        parts.map((p) => ({ lot: p, from: 'paid_out', to: 'available', amount: p.part })),
        now,
      );
      await inTx?.(tx, now);
      return result;
    });
  }

  /**
   * A refunded or disputed payment (or a commission paid on it) takes back what its grant still has:
   * `owed` is the running total the payment `parentId` now owes; what earlier reversals of it
   * accounted for is subtracted under the wallet lock, so redeliveries, a refund then a dispute, or
   * two events at once never take more than owed. Unspent credit on the lot `sourceRef` is retired
   * (available → expired); the rest (spent, held, withdrawn, or on an expired lot) is reported as
   * not recovered. The journal entry ('adjust') records the owed share it accounted for.
   */
  async settleReversal(userId: string, input: { id: string; parentId: string; sourceRef: string; owed: number; reason: string; createdBy: string }): Promise<ReversalResult> {
    const request = { parent_id: input.parentId, source_ref: input.sourceRef, owed: input.owed };
    return this.write(userId, input.id, 'adjust', request, async (tx, now) => {
      const prior = await tx
        .selectFrom('journal')
        .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount'), eb.lit(0)).as('n'))
        .where('user_id', '=', userId)
        .where('kind', '=', 'adjust')
        .where('parent_id', '=', input.parentId)
        .executeTakeFirst();
      const accounted = input.owed - Number(prior?.n ?? 0);
      if (accounted <= 0) return { id: input.id, kind: 'adjust', accounted: 0, retired: 0, not_recovered: 0 };
      const lot = await tx.selectFrom('lots').selectAll().where('user_id', '=', userId).where('source_ref', '=', input.sourceRef).executeTakeFirst();
      const retired = lot && !isExpired(lot, now) ? Math.min(accounted, lotAvailable(lot)) : 0;
      const result: ReversalResult = { id: input.id, kind: 'adjust', accounted, retired, not_recovered: accounted - retired };
      await this.insertJournal(tx, { id: input.id, user_id: userId, kind: 'adjust', parentId: input.parentId, amount: accounted, reason: input.reason, request, result, now, createdBy: input.createdBy });
      if (lot && retired > 0) await this.post(tx, userId, input.id, [{ lot, from: 'available', to: 'expired', amount: retired }], now);
      return result;
    });
  }

  /** The desktop's offline settlement: each op on its own id and in its own transaction, results per op. */
  async batch(userId: string, ops: readonly BatchOp[]): Promise<BatchResult[]> {
    const results: BatchResult[] = [];
    for (const op of ops) {
      try {
        let result: HoldResult | CaptureResult | ReleaseResult | RefundResult;
        switch (op.op) {
          case 'hold':
            result = await this.hold(userId, op);
            break;
          case 'capture':
            result = await this.capture(userId, op.hold_id, op);
            break;
          case 'release':
            result = await this.release(userId, op.hold_id, op);
            break;
          case 'refund':
            result = await this.refund(userId, op.capture_id, op);
            break;
        }
        results.push({ id: op.id, op: op.op, ok: true, status: 200, result });
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        results.push({ id: op.id, op: op.op, ok: false, status: err.status, error: { code: err.code, message: err.message } });
      }
    }
    return results;
  }

  /** Releases holds past their expiry and retires what is left on expired lots. */
  async sweep(): Promise<SweepResult> {
    const now = this.clock.now();
    const holdUsers = await this.h.db.selectFrom('holds').select('user_id').distinct().where('status', '=', 'open').where('expires_at', '<=', now).execute();
    const lotUsers = await this.h.db
      .selectFrom('lots')
      .select('user_id')
      .distinct()
      .where('expires_at', '<=', now)
      .where(sql<boolean>`consumed + held + expired + paid_out < amount`)
      .execute();
    const users = [...new Set([...holdUsers, ...lotUsers].map((r) => r.user_id))].sort();
    const out: SweepResult = { holds_expired: 0, lots_expired: 0, credits_expired: 0 };
    for (const userId of users) {
      await transact(this.h, async (tx) => {
        await this.lockWallet(tx, userId);
        const t = this.clock.now();
        // In a fixed order, so the journal reads the same on every database (PostgreSQL's heap order moves with updates).
        const holds = await tx.selectFrom('holds').selectAll().where('user_id', '=', userId).where('status', '=', 'open').where('expires_at', '<=', t).orderBy('expires_at').orderBy('id').execute();
        for (const hold of holds) {
          const id = randomUUID();
          await this.releaseHold(tx, userId, hold, id, 'expired', { hold_id: hold.id, expired: true }, 'sweeper', t);
          out.holds_expired++;
        }
        const lots = await tx
          .selectFrom('lots')
          .selectAll()
          .where('user_id', '=', userId)
          .where('expires_at', '<=', t)
          .where(sql<boolean>`consumed + held + expired + paid_out < amount`)
          .orderBy('expires_at')
          .orderBy('id')
          .execute();
        if (lots.length === 0) return;
        const postings: Posting[] = lots.map((lot) => ({ lot, from: 'available', to: 'expired', amount: lotAvailable(lot) }));
        const amount = postings.reduce((s, p) => s + p.amount, 0);
        const id = randomUUID();
        const buckets = emptyBuckets();
        for (const p of postings) buckets[p.lot.bucket] += p.amount;
        await this.insertJournal(tx, {
          id,
          user_id: userId,
          kind: 'expire',
          amount,
          reason: LEDGER_REASONS.lotsExpired(),
          request: { lots: lots.map((l) => l.id) },
          result: { id, kind: 'expire', amount, buckets },
          now: t,
          createdBy: 'sweeper',
        });
        await this.post(tx, userId, id, postings, t);
        out.lots_expired += lots.length;
        out.credits_expired += amount;
      });
    }
    return out;
  }

  // ---- reads ----------------------------------------------------------------------------------

  async balance(userId: string, expiringLimit = 20): Promise<Balance> {
    const now = this.clock.now();
    const wallet = await this.h.db.selectFrom('wallets').select('user_id').where('user_id', '=', userId).executeTakeFirst();
    if (!wallet) throw new ApiError(404, 'WALLET_NOT_FOUND', 'no wallet for this user');
    const lots = await this.h.db
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

  async entries(userId: string, cursor: number | null, limit: number): Promise<{ entries: JournalEntryView[]; next_cursor: string | null }> {
    const rows = await this.h.db
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
        : await this.h.db
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

  check(): Promise<CheckResult> {
    return checkLedger(this.h.db, this.clock.now(), SWEEP_GRACE_MS);
  }

  /** Creates the wallet row of a new user (inside the caller's transaction). */
  static async createWallet(tx: Tx, userId: string, now: number): Promise<void> {
    await tx.insertInto('wallets').values({ user_id: userId, promo: 0, sub: 0, paid: 0, bonus: 0, total: 0, held: 0, updated_at: now }).execute();
  }

  // ---- internals ------------------------------------------------------------------------------

  private async write<T>(userId: string, id: string, kind: JournalKind, request: object, exec: (tx: Tx, now: number) => Promise<T>): Promise<T> {
    const hash = requestHash(kind, request);
    return this.mapErrors(id, () =>
      transact(this.h, async (tx) => {
        await this.lockWallet(tx, userId);
        const prior = await tx.selectFrom('journal').select(['user_id', 'request_hash', 'response']).where('id', '=', id).executeTakeFirst();
        if (prior) {
          if (prior.user_id !== userId || prior.request_hash !== hash) throw idempotencyConflict(id);
          return JSON.parse(prior.response) as T;
        }
        return exec(tx, this.clock.now());
      }),
    );
  }

  /** The database's refusals, as API errors (both the Kysely path and the hot path). */
  private async mapErrors<T>(id: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      const kindOf = constraintKind(err);
      // A concurrent request of another wallet took the same id first.
      if (kindOf === 'unique') throw idempotencyConflict(id);
      if (kindOf === 'check') throw new ApiError(409, 'LEDGER_CONSTRAINT', 'the database refused the change (a balance would go negative)');
      throw err;
    }
  }

  private async lockWallet(tx: Tx, userId: string): Promise<void> {
    const row = await tx
      .selectFrom('wallets')
      .select('user_id')
      .where('user_id', '=', userId)
      .$if(this.h.dialect === 'postgres', (qb) => qb.forUpdate())
      .executeTakeFirst();
    if (!row) throw new ApiError(404, 'WALLET_NOT_FOUND', 'no wallet for this user');
  }

  private async openHold(tx: Tx, userId: string, holdId: string, now: number, mustBeLive: boolean) {
    const hold = await tx.selectFrom('holds').selectAll().where('id', '=', holdId).where('user_id', '=', userId).executeTakeFirst();
    return checkOpenHold(hold, holdId, now, mustBeLive);
  }

  /** The lots an entry moved credit into `state` on, with how much (what a capture, refund or reversal undoes). */
  private partsMovedTo(tx: Tx, journalId: string, state: LotState) {
    return tx
      .selectFrom('postings')
      .innerJoin('lots', 'lots.id', 'postings.lot_id')
      .selectAll('lots')
      .select('postings.amount as part')
      .where('postings.journal_id', '=', journalId)
      .where('postings.to_state', '=', state)
      .execute();
  }

  private async releaseHold(
    tx: Tx,
    userId: string,
    hold: { id: string; amount: number },
    id: string,
    status: Extract<HoldStatus, 'released' | 'expired'>,
    request: object,
    createdBy: string,
    now: number,
  ): Promise<ReleaseResult> {
    const parts = await this.partsMovedTo(tx, hold.id, 'held');
    const buckets = emptyBuckets();
    const postings: Posting[] = parts.map((p) => {
      const expired = isExpired(p, now);
      if (!expired) buckets[p.bucket] += p.part;
      return { lot: p, from: 'held', to: expired ? 'expired' : 'available', amount: p.part };
    });
    const result: ReleaseResult = { id, kind: 'release', hold_id: hold.id, released: hold.amount, buckets };
    await this.insertJournal(tx, {
      id,
      user_id: userId,
      kind: 'release',
      parentId: hold.id,
      amount: hold.amount,
      reason: status === 'expired' ? LEDGER_REASONS.holdExpired() : null,
      request,
      result,
      now,
      createdBy,
    });
    await this.resolveHold(tx, hold.id, status, id, now);
    await this.post(tx, userId, id, postings, now);
    return result;
  }

  private async resolveHold(tx: Tx, holdId: string, status: HoldStatus, resolutionId: string, now: number): Promise<void> {
    const res = await tx
      .updateTable('holds')
      .set({ status, resolved_at: now, resolution_id: resolutionId })
      .where('id', '=', holdId)
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new ApiError(409, 'HOLD_NOT_OPEN', `hold ${holdId} is no longer open`);
  }

  private async insertLot(tx: Tx, userId: string, journalId: string, bucket: Bucket, amount: number, expiresAt: number | null, sourceRef: string, now: number): Promise<LotRow> {
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

  private async insertJournal(
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
  private async post(tx: Tx, userId: string, journalId: string, postings: Posting[], now: number): Promise<void> {
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
}
