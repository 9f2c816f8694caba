import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database, HoldStatus } from '../db/schema.js';
import { ApiError } from '../errors.js';
import { assertExpiryRule } from './expiry-rules.js';
import { insertJournal, insertLot, partsMovedTo, post, resolveHold } from './journal-writes.js';
import { captureRequest, checkOpenHold, holdRequest, planCapture, planHold, planRelease } from './plan.js';
import { LEDGER_REASONS } from './reasons.js';
import type { CaptureInput, CaptureResult, GrantInput, GrantResult, HoldInput, HoldResult, ReleaseResult } from './types.js';

type Tx = Kysely<Database>;

/**
 * The ledger's writes as steps inside a transaction someone else opened, with the wallet already
 * locked: the Kysely path of Ledger's own hold, capture, release and grant, and the writes that
 * move credits together with other rows (a market trade) in one transaction.
 * Ids are taken as given (callers make them canonical and unique).
 */

export async function holdIn(tx: Tx, userId: string, input: HoldInput, now: number): Promise<HoldResult> {
  const lots = await tx
    .selectFrom('lots')
    .selectAll()
    .where('user_id', '=', userId)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
    .where(sql<boolean>`consumed + held + expired + paid_out < amount`)
    .execute();
  const { result, postings } = planHold(input, lots, now);
  await insertJournal(tx, { id: input.id, user_id: userId, kind: 'hold', amount: input.amount, reason: input.reason, request: holdRequest(input), result, now, createdBy: userId, holdExpiresAt: result.expires_at });
  await tx
    .insertInto('holds')
    .values({ id: input.id, user_id: userId, amount: input.amount, status: 'open', expires_at: result.expires_at, reason: input.reason, job_ref: input.job_ref ?? null, created_at: now })
    .execute();
  await post(tx, userId, input.id, postings, now);
  return result;
}

export async function openHoldIn(tx: Tx, userId: string, holdId: string, now: number, mustBeLive: boolean) {
  const hold = await tx.selectFrom('holds').selectAll().where('id', '=', holdId).where('user_id', '=', userId).executeTakeFirst();
  return checkOpenHold(hold, holdId, now, mustBeLive);
}

export async function captureIn(tx: Tx, userId: string, holdId: string, input: CaptureInput, now: number): Promise<CaptureResult> {
  const hold = await openHoldIn(tx, userId, holdId, now, true);
  const { result, postings } = planCapture(hold, await partsMovedTo(tx, holdId, 'held'), holdId, input, now);
  await insertJournal(tx, { id: input.id, user_id: userId, kind: 'capture', parentId: holdId, amount: input.amount, reason: null, request: captureRequest(holdId, input), result, now, createdBy: userId });
  await resolveHold(tx, holdId, 'captured', input.id, now);
  await post(tx, userId, input.id, postings, now);
  return result;
}

export async function releaseIn(
  tx: Tx,
  userId: string,
  hold: { id: string; amount: number },
  id: string,
  status: Extract<HoldStatus, 'released' | 'expired'>,
  request: object,
  createdBy: string,
  now: number,
): Promise<ReleaseResult> {
  const { result, postings } = planRelease(hold, await partsMovedTo(tx, hold.id, 'held'), id, now);
  await insertJournal(tx, { id, user_id: userId, kind: 'release', parentId: hold.id, amount: hold.amount, reason: status === 'expired' ? LEDGER_REASONS.holdExpired() : null, request, result, now, createdBy });
  await resolveHold(tx, hold.id, status, id, now);
  await post(tx, userId, id, postings, now);
  return result;
}

export async function grantIn(tx: Tx, input: GrantInput, createdBy: string, sourceRef: string, now: number): Promise<GrantResult> {
  const request = { user_id: input.user_id, bucket: input.bucket, amount: input.amount, expires_at: input.expires_at ?? null, reason: input.reason };
  const expiresAt = input.expires_at ?? null;
  if (expiresAt !== null && expiresAt <= now) throw new ApiError(422, 'ALREADY_EXPIRED', 'expires_at is not in the future');
  assertExpiryRule(input.bucket, expiresAt, now);
  const lot = await insertLot(tx, input.user_id, input.id, input.bucket, input.amount, expiresAt, sourceRef, now);
  const result: GrantResult = { id: input.id, kind: 'grant', lot_id: lot.id, bucket: input.bucket, amount: input.amount, expires_at: expiresAt };
  await insertJournal(tx, { id: input.id, user_id: input.user_id, kind: 'grant', amount: input.amount, reason: input.reason, request, result, now, createdBy });
  await post(tx, input.user_id, input.id, [{ lot, from: 'external', to: 'available', amount: input.amount }], now);
  return result;
}

/**
 * A transaction with some wallets locked (Ledger.transaction): the ledger writes it may make are on
 * those wallets only, so no write can slip past the lock that keeps balances consistent.
 */
export class LedgerTx {
  constructor(
    readonly tx: Tx,
    readonly now: number,
    private readonly locked: ReadonlySet<string>,
  ) {}

  hold(userId: string, input: HoldInput): Promise<HoldResult> {
    return holdIn(this.tx, this.mine(userId), input, this.now);
  }

  capture(userId: string, holdId: string, input: CaptureInput): Promise<CaptureResult> {
    return captureIn(this.tx, this.mine(userId), holdId, input, this.now);
  }

  async release(userId: string, holdId: string, id: string, createdBy = userId): Promise<ReleaseResult> {
    const hold = await openHoldIn(this.tx, this.mine(userId), holdId, this.now, false);
    return releaseIn(this.tx, userId, hold, id, 'released', { hold_id: holdId }, createdBy, this.now);
  }

  grant(input: GrantInput, createdBy: string, sourceRef: string): Promise<GrantResult> {
    return grantIn(this.tx, { ...input, user_id: this.mine(input.user_id) }, createdBy, sourceRef, this.now);
  }

  private mine(userId: string): string {
    if (!this.locked.has(userId)) throw new Error(`wallet ${userId} is not locked by this transaction`);
    return userId;
  }
}
