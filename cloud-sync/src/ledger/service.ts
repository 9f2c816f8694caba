import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Clock } from '../clock.js';
import type { DbHandle } from '../db/connect.js';
import { constraintKind, transact } from '../db/connect.js';
import type { Database, JournalKind } from '../db/schema.js';
import { ApiError, idempotencyConflict } from '../errors.js';
import { allocate, emptyBuckets, lotAvailable } from './burn-down.js';
import type { CheckResult } from './check.js';
import { checkLedger } from './check.js';
import type { AlongOutcome, AlongWrites, GroupedWrites, HotPath } from './hot-path.js';
import { createHotPath } from './hot-path.js';
import type { LedgerGroupTx } from './grouped.js';
import { ledgerGroupTx } from './grouped.js';
import { canonicalId } from './ids.js';
import type { Posting } from './plan.js';
import { captureRequest, holdRequest, isExpired } from './plan.js';
import { LEDGER_REASONS } from './reasons.js';
import { readBalance, readEntries } from './reads.js';
import { insertJournal, insertLot, partsMovedTo, post } from './journal-writes.js';
import { captureIn, grantIn, holdIn, LedgerTx, openHoldIn, releaseIn } from './in-tx.js';

type Tx = Kysely<Database>;

export * from './types.js';
import { REFUND_REGRANT_TTL_MS, SWEEP_GRACE_MS, requestHash } from './types.js';
import type {
  Balance,
  BatchOp,
  BatchResult,
  CaptureInput,
  CaptureResult,
  GrantInput,
  GrantResult,
  HoldInput,
  HoldResult,
  JournalEntryView,
  LedgerOptions,
  RefundInput,
  RefundResult,
  ReleaseInput,
  ReleaseResult,
  ReversalResult,
  SweepResult,
  WithdrawInput,
  WithdrawResult,
} from './types.js';

/** Ledger.along: hold and capture with the caller's own writes in their transaction. */
export interface LedgerAlong {
  hold(userId: string, raw: HoldInput, along: AlongWrites<HoldResult>): Promise<AlongOutcome<HoldResult>>;
  capture(userId: string, holdId: string, raw: CaptureInput, along: AlongWrites<CaptureResult>): Promise<AlongOutcome<CaptureResult>>;
}

/**
 * The authoritative credits ledger. Every write: one transaction, the wallet row locked first,
 * idempotent on its client id, recorded as a journal entry with a posting per lot it touches.
 */
export class Ledger {
  /** Hand-written hold/capture (hot-path.ts); null runs them through Kysely like every other write. */
  private readonly hot: (HotPath & Partial<GroupedWrites>) | null;

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
    return this.write(input.user_id, input.id, 'grant', request, (tx, now) => grantIn(tx, input, createdBy, sourceRef, now));
  }

  async hold(userId: string, raw: HoldInput): Promise<HoldResult> {
    const input = { ...raw, id: canonicalId(raw.id) };
    const request = holdRequest(input);
    if (this.hot) {
      const hot = this.hot;
      return this.mapErrors(input.id, () => hot.hold(userId, input, requestHash('hold', request)));
    }
    return this.write(userId, input.id, 'hold', request, (tx, now) => holdIn(tx, userId, input, now));
  }

  async capture(userId: string, rawHoldId: string, raw: CaptureInput): Promise<CaptureResult> {
    const holdId = canonicalId(rawHoldId);
    const input = { ...raw, id: canonicalId(raw.id) };
    const request = captureRequest(holdId, input);
    if (this.hot) {
      const hot = this.hot;
      return this.mapErrors(input.id, () => hot.capture(userId, holdId, input, requestHash('capture', request)));
    }
    return this.write(userId, input.id, 'capture', request, (tx, now) => captureIn(tx, userId, holdId, input, now));
  }

  /**
   * Hold and capture with writes of the caller's own committed in the same transaction (see
   * AlongWrites in hot-path.ts). SQLite's hot path only: null elsewhere, where the caller makes
   * its writes apart.
   */
  get along(): LedgerAlong | null {
    const hot = this.hot;
    if (!hot?.holdAlong || !hot.captureAlong) return null;
    const holdAlong = hot.holdAlong.bind(hot);
    const captureAlong = hot.captureAlong.bind(hot);
    return {
      hold: (userId, raw, along) => {
        const input = { ...raw, id: canonicalId(raw.id) };
        return this.mapErrors(input.id, () => holdAlong(userId, input, requestHash('hold', holdRequest(input)), along));
      },
      capture: (userId, rawHoldId, raw, along) => {
        const holdId = canonicalId(rawHoldId);
        const input = { ...raw, id: canonicalId(raw.id) };
        return this.mapErrors(input.id, () => captureAlong(userId, holdId, input, requestHash('capture', captureRequest(holdId, input)), along));
      },
    };
  }

  /**
   * Runs `fn` — ledger writes and the caller's own, all synchronous — as one operation of SQLite's
   * group commit (GroupedWrites.inGroup in hot-path-rules.ts). SQLite's hot path only: null
   * elsewhere, where the caller uses `transaction`. `id` names the operation in an idempotency
   * conflict the database reports.
   */
  get grouped(): { run<R>(id: string, fn: (g: LedgerGroupTx) => R): Promise<R> } | null {
    const hot = this.hot;
    if (!hot?.inGroup) return null;
    const inGroup = hot.inGroup.bind(hot);
    return { run: (id, fn) => this.mapErrors(id, () => inGroup((g) => fn(ledgerGroupTx(g)))) };
  }

  async release(userId: string, rawHoldId: string, raw: ReleaseInput): Promise<ReleaseResult> {
    const holdId = canonicalId(rawHoldId);
    const input = { id: canonicalId(raw.id) };
    const request = { hold_id: holdId };
    return this.write(userId, input.id, 'release', request, async (tx, now) => {
      const hold = await openHoldIn(tx, userId, holdId, now, false);
      return releaseIn(tx, userId, hold, input.id, 'released', request, userId, now);
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
      const parts = await partsMovedTo(tx, captureId, 'consumed');
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
      await insertJournal(tx, { id: input.id, user_id: userId, kind: 'refund', parentId: captureId, amount: capture.amount, reason: null, request, result, now, createdBy: userId });
      if (regrant > 0) {
        const lot = await insertLot(tx, userId, input.id, 'PROMO', regrant, now + REFUND_REGRANT_TTL_MS, `refund:${input.id}`, now);
        postings.push({ lot, from: 'external', to: 'available', amount: regrant });
      }
      await post(tx, userId, input.id, postings, now);
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
      await insertJournal(tx, { id: input.id, user_id: userId, kind: 'withdraw', amount: input.amount, reason: input.reason, request, result, now, createdBy: userId });
      await post(
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
      const parts = await partsMovedTo(tx, withdrawId, 'paid_out');
      await tx
        .updateTable('withdraw_limits')
        .set((eb) => ({ used: eb('used', '-', w.amount) }))
        .where('user_id', '=', userId)
        .where('period', '=', input.period)
        .execute();
      const result: WithdrawResult = { id: input.id, kind: 'adjust', amount: w.amount, period: input.period };
      await insertJournal(tx, { id: input.id, user_id: userId, kind: 'adjust', parentId: withdrawId, amount: w.amount, reason: input.reason, request, result, now, createdBy: input.createdBy });
      await post(
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
      await insertJournal(tx, { id: input.id, user_id: userId, kind: 'adjust', parentId: input.parentId, amount: accounted, reason: input.reason, request, result, now, createdBy: input.createdBy });
      if (lot && retired > 0) await post(tx, userId, input.id, [{ lot, from: 'available', to: 'expired', amount: retired }], now);
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
          await releaseIn(tx, userId, hold, id, 'expired', { hold_id: hold.id, expired: true }, 'sweeper', t);
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
        await insertJournal(tx, {
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
        await post(tx, userId, id, postings, t);
        out.lots_expired += lots.length;
        out.credits_expired += amount;
      });
    }
    return out;
  }

  /**
   * One transaction with the wallets of `userIds` locked (in sorted order, so two transactions that
   * lock the same wallets never deadlock): for writes that move credits together with rows of their
   * own — a market trade (the buyer's hold captured, the seller paid). (A blind-box opening runs
   * on the hot paths instead: Ledger.grouped on SQLite, boxes/opening-pg.ts on PostgreSQL.) `fn` makes its ledger writes through the LedgerTx it is given.
   */
  async transaction<T>(userIds: readonly string[], fn: (l: LedgerTx) => Promise<T>): Promise<T> {
    const ids = [...new Set(userIds)].sort();
    return transact(this.h, async (tx) => {
      for (const id of ids) await this.lockWallet(tx, id);
      return fn(new LedgerTx(tx, this.clock.now(), new Set(ids)));
    });
  }

  get dialect(): DbHandle['dialect'] {
    return this.h.dialect;
  }

  // ---- reads ----------------------------------------------------------------------------------

  balance(userId: string, expiringLimit = 20): Promise<Balance> {
    return readBalance(this.h.db, userId, this.clock.now(), expiringLimit);
  }

  entries(userId: string, cursor: number | null, limit: number): Promise<{ entries: JournalEntryView[]; next_cursor: string | null }> {
    return readEntries(this.h.db, userId, cursor, limit);
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
}
