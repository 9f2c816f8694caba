import type BetterSqlite3 from 'better-sqlite3';
import type { Clock } from '../clock.js';
import type { DbHandle } from '../db/connect.js';
import type { LotRow } from '../db/schema.js';
import { ApiError } from '../errors.js';
import type { Effects, HoldPart, HoldRow, Posting } from './plan.js';
import { checkOpenHold, effectsOf, planCapture, planHold, planRelease } from './plan.js';
import type { CaptureInput, CaptureResult, HoldInput, HoldResult, ReleaseResult } from './service.js';
import type { AlongOutcome, AlongWrites, GroupedWrites, GroupTx, HotPath, Prior } from './hot-path-rules.js';
import { holdNoLongerOpen, replay, walletMissing } from './hot-path-rules.js';

/** SQLite's hold and capture (see hot-path.ts): one synchronous group commit for what arrives together. */
function sqliteStatements(db: BetterSqlite3.Database) {
  return {
    begin: db.prepare('begin immediate'),
    commit: db.prepare('commit'),
    rollback: db.prepare('rollback'),
    // Rows changed by this connection's completed INSERT/UPDATE/DELETE statements so far.
    totalChanges: db.prepare<[], number>('select total_changes()').pluck(),
    wallet: db.prepare<[string], { user_id: string }>('select user_id from wallets where user_id = ?'),
    prior: db.prepare<[string], Prior>('select user_id, request_hash, response from journal where id = ?'),
    liveLots: db.prepare<[string, number], LotRow>(
      'select * from lots where user_id = ? and (expires_at is null or expires_at > ?) and consumed + held + expired + paid_out < amount',
    ),
    hold: db.prepare<[string, string], HoldRow>('select * from holds where id = ? and user_id = ?'),
    holdParts: db.prepare<[string], HoldPart>(
      "select lots.*, postings.amount as part from postings inner join lots on lots.id = postings.lot_id where postings.journal_id = ? and postings.to_state = 'held'",
    ),
    insertJournal: db.prepare<[string, string, string, string | null, string, number, string | null, string, number | null, number, string]>(
      'insert into journal (id, user_id, kind, parent_id, request_hash, amount, reason, response, hold_expires_at, created_at, created_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    insertHold: db.prepare<[string, string, number, number, string, string | null, number]>(
      "insert into holds (id, user_id, amount, status, expires_at, reason, job_ref, created_at) values (?, ?, ?, 'open', ?, ?, ?, ?)",
    ),
    resolveHold: db.prepare<[string, number, string, string]>("update holds set status = ?, resolved_at = ?, resolution_id = ? where id = ? and status = 'open'"),
    insertPosting: db.prepare<[string, string, string, string, number]>('insert into postings (journal_id, lot_id, from_state, to_state, amount) values (?, ?, ?, ?, ?)'),
    updateLot: db.prepare<[number, number, number, number, string]>(
      'update lots set held = held + ?, consumed = consumed + ?, expired = expired + ?, paid_out = paid_out + ? where id = ?',
    ),
    updateWallet: db.prepare<[number, number, number, number, number, number, number, string]>(
      'update wallets set promo = promo + ?, sub = sub + ?, paid = paid + ?, bonus = bonus + ?, total = total + ?, held = held + ?, updated_at = ? where user_id = ?',
    ),
  };
}

type SqliteStatements = ReturnType<typeof sqliteStatements>;

/** An operation waiting for the next group commit. `exec` runs inside the transaction; it may run again (see commitGroup). */
interface PendingOp {
  exec: (st: SqliteStatements) => unknown;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

/** At most this many operations per transaction: it bounds how long one COMMIT keeps the others (and Kysely) waiting. */
const MAX_GROUP = 64;

export class SqliteHotPath implements HotPath, GroupedWrites {
  // Prepared on first use: the ledger may be built before the tables are migrated.
  private st: SqliteStatements | null = null;
  private pending: PendingOp[] = [];
  private scheduled = false;

  constructor(
    private readonly h: DbHandle,
    private readonly db: BetterSqlite3.Database,
    private readonly clock: Clock,
  ) {}

  /**
   * Queues `fn` for the next group commit, which runs once the event loop has taken in what has
   * arrived (setImmediate: after the current poll phase, so the wait is a turn of the loop, not a
   * timer). Resolves with what `fn` returned once the COMMIT that holds its writes has returned.
   */
  private run<T>(fn: (st: SqliteStatements) => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ exec: fn, resolve: resolve as (value: unknown) => void, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.pending.length === 0) return;
    this.scheduled = true;
    setImmediate(() => void this.flush());
  }

  /**
   * One `BEGIN IMMEDIATE … COMMIT` for everything queued, run synchronously. It holds Kysely's
   * connection while it runs: Kysely's SQLite driver has a single connection, and a Kysely
   * transaction (grant, refund, …) spans awaits, so without that lock this transaction could land
   * in the middle of one. Operations queued while it waits for the connection join this group.
   */
  private async flush(): Promise<void> {
    let group: PendingOp[] | null = null;
    try {
      if (!this.db.inTransaction) {
        // Nobody is inside a transaction on the connection at this instant, and this runs to its
        // COMMIT without yielding: no Kysely transaction can begin in the middle of it, so the
        // connection need not be queued for (which cost a tenth of the gateway's ledger time).
        group = this.pending.splice(0, MAX_GROUP);
        this.commitGroup(group);
        return;
      }
      await this.h.db.connection().execute(() => {
        group = this.pending.splice(0, MAX_GROUP);
        this.commitGroup(group);
        return Promise.resolve();
      });
    } catch (err) {
      // Kysely's connection could not be had (the database is closed: refuse all that waits), or
      // the statements could not be prepared or a ROLLBACK failed (refuse this group; a promise
      // already settled ignores it).
      for (const op of group ?? this.pending.splice(0)) op.reject(err);
    } finally {
      this.scheduled = false;
      this.schedule();
    }
  }

  /**
   * The group's operations run one after the other in one transaction, in queue order, each
   * reading what the ones before it wrote — as if each had had its own transaction. Nobody is
   * answered before the COMMIT; if it fails, all are refused with its error, as each would have
   * been alone.
   *
   * An operation that fails must leave the others' results alone. Almost every failure (a 402, a
   * 404, a 409, an idempotency conflict) is decided on reads, before the operation writes
   * anything: SQLite's count of changed rows (total_changes(): only statements that completed
   * count, a failed one is undone whole) shows that, and the others simply go on. Savepoints
   * would isolate the rest too, but they cost every operation two statements and a copy of each
   * page it touches that an earlier one in the group had touched. For a failure after a write (a
   * CHECK constraint refusing a row — the plan is made under the lock, so it means a bug) or
   * one after which SQLite has rolled the whole transaction back itself (an I/O error, a full
   * disk), everything is rolled back: that operation is refused, and the others go back to the
   * head of the queue, unanswered, to run again from scratch (each reads its state afresh).
   * Every such round refuses one operation, so a lasting fault cannot loop.
   */
  private commitGroup(group: PendingOp[]): void {
    const st = (this.st ??= sqliteStatements(this.db));
    // Never nest into someone else's transaction (better-sqlite3 would not refuse a statement).
    if (this.db.inTransaction) {
      const err = new Error('ledger hot path: the SQLite connection is already inside a transaction');
      for (const op of group) op.reject(err);
      return;
    }
    const outcomes: ({ ok: true; value: unknown } | { ok: false; err: unknown })[] = [];
    // Alone, an operation's failure rolls its transaction back, as before group commit.
    const alone = group.length === 1;
    try {
      st.begin.run();
      for (const [i, op] of group.entries()) {
        const changesBefore = alone ? 0 : st.totalChanges.get();
        try {
          outcomes.push({ ok: true, value: op.exec(st) });
        } catch (err) {
          if (!alone && this.db.inTransaction && st.totalChanges.get() === changesBefore) {
            outcomes.push({ ok: false, err });
            continue;
          }
          if (this.db.inTransaction) st.rollback.run();
          op.reject(err);
          this.pending.unshift(...group.slice(0, i), ...group.slice(i + 1));
          return;
        }
      }
      st.commit.run();
    } catch (err) {
      if (this.db.inTransaction) st.rollback.run();
      for (const op of group) op.reject(err);
      return;
    }
    for (const [i, op] of group.entries()) {
      const o = outcomes[i];
      if (o?.ok) op.resolve(o.value);
      else op.reject(o?.err);
    }
  }

  private lockAndReplay<T>(st: SqliteStatements, userId: string, id: string, hash: string): T | undefined {
    // BEGIN IMMEDIATE has taken the database's write lock: this reads the wallet under it.
    if (!st.wallet.get(userId)) throw walletMissing();
    return replay<T>(st.prior.get(id), userId, hash, id);
  }

  private post(st: SqliteStatements, userId: string, journalId: string, postings: readonly Posting[], now: number): void {
    if (postings.length === 0) return;
    for (const p of postings) st.insertPosting.run(journalId, p.lot.id, p.from, p.to, p.amount);
    const e: Effects = effectsOf(postings);
    for (const d of e.lots) st.updateLot.run(d.held, d.consumed, d.expired, d.paid_out, d.id);
    st.updateWallet.run(e.available.PROMO, e.available.SUB, e.available.PAID, e.available.BONUS, e.total, e.held, now, userId);
  }

  hold(userId: string, input: HoldInput, hash: string): Promise<HoldResult> {
    return this.run((st) => this.holdIn(st, userId, input, hash));
  }

  capture(userId: string, holdId: string, input: CaptureInput, hash: string): Promise<CaptureResult> {
    return this.run((st) => this.captureIn(st, userId, holdId, input, hash));
  }

  holdAlong(userId: string, input: HoldInput, hash: string, along: AlongWrites<HoldResult>): Promise<AlongOutcome<HoldResult>> {
    return this.run((st) => this.along(st, along, () => this.holdIn(st, userId, input, hash)));
  }

  captureAlong(userId: string, holdId: string, input: CaptureInput, hash: string, along: AlongWrites<CaptureResult>): Promise<AlongOutcome<CaptureResult>> {
    return this.run((st) => this.along(st, along, () => this.captureIn(st, userId, holdId, input, hash)));
  }

  inGroup<R>(fn: (g: GroupTx) => R): Promise<R> {
    return this.run((st) => {
      const now = this.clock.now();
      return fn({
        now,
        hold: (userId, input, hash) => this.holdIn(st, userId, input, hash, now),
        capture: (userId, holdId, input, hash) => this.captureIn(st, userId, holdId, input, hash, now),
        release: (userId, holdId, id, hash) => this.releaseIn(st, userId, holdId, id, hash, now),
      });
    });
  }

  /**
   * A ledger write between the caller's own. A refusal the ledger decided on its reads wrote
   * nothing of the ledger's (the count of changed rows says so), so `before`'s writes can stay
   * and commit with `refused`'s; any other failure is thrown, and commitGroup undoes it all.
   */
  private along<R>(st: SqliteStatements, along: AlongWrites<R>, write: () => R): AlongOutcome<R> {
    try {
      along.before?.();
    } catch (err) {
      // SQLite rolled the whole transaction back itself (an I/O error, a full disk): commitGroup
      // must see that and answer for the group.
      if (!this.db.inTransaction) throw err;
      // A statement that failed left nothing behind: the operation wrote nothing.
      return { kind: 'blocked', err };
    }
    const changes = st.totalChanges.get();
    let result: R;
    try {
      result = write();
    } catch (err) {
      if (!(err instanceof ApiError) || !this.db.inTransaction || st.totalChanges.get() !== changes) throw err;
      along.refused?.(err);
      return { kind: 'refused', err };
    }
    along.after?.(result);
    return { kind: 'done', result };
  }

  private holdIn(st: SqliteStatements, userId: string, input: HoldInput, hash: string, now = this.clock.now()): HoldResult {
    const prior = this.lockAndReplay<HoldResult>(st, userId, input.id, hash);
    if (prior) return prior;
    const { result, postings } = planHold(input, st.liveLots.all(userId, now), now);
    st.insertJournal.run(input.id, userId, 'hold', null, hash, input.amount, input.reason, JSON.stringify(result), result.expires_at, now, userId);
    st.insertHold.run(input.id, userId, input.amount, result.expires_at, input.reason, input.job_ref ?? null, now);
    this.post(st, userId, input.id, postings, now);
    return result;
  }

  private captureIn(st: SqliteStatements, userId: string, holdId: string, input: CaptureInput, hash: string, now = this.clock.now()): CaptureResult {
    const prior = this.lockAndReplay<CaptureResult>(st, userId, input.id, hash);
    if (prior) return prior;
    const hold = checkOpenHold(st.hold.get(holdId, userId), holdId, now, true);
    const { result, postings } = planCapture(hold, st.holdParts.all(holdId), holdId, input, now);
    st.insertJournal.run(input.id, userId, 'capture', holdId, hash, input.amount, null, JSON.stringify(result), null, now, userId);
    if (st.resolveHold.run('captured', now, input.id, holdId).changes !== 1) throw holdNoLongerOpen(holdId);
    this.post(st, userId, input.id, postings, now);
    return result;
  }

  /** The Kysely path's release (in-tx.ts releaseIn), for operations in a group. */
  private releaseIn(st: SqliteStatements, userId: string, holdId: string, id: string, hash: string, now: number): ReleaseResult {
    const prior = this.lockAndReplay<ReleaseResult>(st, userId, id, hash);
    if (prior) return prior;
    const hold = checkOpenHold(st.hold.get(holdId, userId), holdId, now, false);
    const { result, postings } = planRelease(hold, st.holdParts.all(holdId), id, now);
    st.insertJournal.run(id, userId, 'release', holdId, hash, hold.amount, null, JSON.stringify(result), null, now, userId);
    if (st.resolveHold.run('released', now, id, holdId).changes !== 1) throw holdNoLongerOpen(holdId);
    this.post(st, userId, id, postings, now);
    return result;
  }
}
