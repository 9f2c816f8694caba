/**
 * What the two hot paths (hot-path-sqlite.ts, hot-path-pg.ts) share: the interface the ledger
 * calls, writes that ride along with a hold or capture, and the idempotency rule.
 */
import { ApiError, idempotencyConflict } from '../errors.js';
import type { CaptureInput, CaptureResult, HoldInput, HoldResult, ReleaseResult } from './service.js';

export interface HotPath {
  /** `hash`: the request hash of the idempotency record (requestHash('hold', holdRequest(input))). */
  hold(userId: string, input: HoldInput, hash: string): Promise<HoldResult>;
  capture(userId: string, holdId: string, input: CaptureInput, hash: string): Promise<CaptureResult>;
}

/**
 * Writes of the caller's own that commit in the same SQLite transaction as a hold or a capture
 * (the gateway's call row with the hold that pays for it, its end with the capture): one COMMIT
 * per step of a call instead of two. Each runs synchronously on the ledger's connection, inside
 * the group commit, so it must be prepared statements on that connection and nothing that waits.
 */
export interface AlongWrites<R> {
  /** Before the ledger write. If it throws (a unique key taken), nothing of the operation is written and the error comes back as `blocked`. */
  before?: () => void;
  /** After the ledger write, when it succeeded. */
  after?: (result: R) => void;
  /** When the ledger refused the write on its reads (402, HOLD_EXPIRED…): runs instead of `after`, and `before`'s writes stay. */
  refused?: (err: ApiError) => void;
}

/** How an operation with writes along went; a failure that undid everything is thrown instead. */
export type AlongOutcome<R> = { kind: 'done'; result: R } | { kind: 'refused'; err: ApiError } | { kind: 'blocked'; err: unknown };

/**
 * The ledger's writes as synchronous steps of an operation that runs inside a group commit's
 * transaction (GroupedWrites.inGroup): a caller that moves credits together with rows of its own
 * (a blind-box opening: hold, then capture or release, and its own rows) in one synchronous
 * function. `now` is the operation's one time. Ids and hashes are given as for hold and capture.
 */
export interface GroupTx {
  readonly now: number;
  hold(userId: string, input: HoldInput, hash: string): HoldResult;
  capture(userId: string, holdId: string, input: CaptureInput, hash: string): CaptureResult;
  release(userId: string, holdId: string, id: string, hash: string): ReleaseResult;
}

/** The SQLite hot path's hold and capture with writes along (see AlongWrites), and whole operations in a group; PostgreSQL has none. */
export interface GroupedWrites {
  holdAlong(userId: string, input: HoldInput, hash: string, along: AlongWrites<HoldResult>): Promise<AlongOutcome<HoldResult>>;
  captureAlong(userId: string, holdId: string, input: CaptureInput, hash: string, along: AlongWrites<CaptureResult>): Promise<AlongOutcome<CaptureResult>>;
  /**
   * Runs `fn` inside the next group commit's transaction, synchronously, and resolves with what it
   * returned once that COMMIT has returned. `fn` must use prepared statements on the ledger's
   * connection and nothing that waits. The group's rule for a failure holds (commitGroup): one
   * thrown before `fn` wrote anything leaves the others alone; one thrown after a write undoes
   * the whole group and the others run again.
   */
  inGroup<R>(fn: (g: GroupTx) => R): Promise<R>;
}

export interface Prior {
  user_id: string;
  request_hash: string;
  response: string;
}

/** The idempotency rule: the same id with the same request replays the first answer; anything else is a conflict. */
export function replay<T>(prior: Prior | null | undefined, userId: string, hash: string, id: string): T | undefined {
  if (!prior) return undefined;
  if (prior.user_id !== userId || prior.request_hash !== hash) throw idempotencyConflict(id);
  return JSON.parse(prior.response) as T;
}

export const walletMissing = () => new ApiError(404, 'WALLET_NOT_FOUND', 'no wallet for this user');
export const holdNoLongerOpen = (holdId: string) => new ApiError(409, 'HOLD_NOT_OPEN', `hold ${holdId} is no longer open`);
