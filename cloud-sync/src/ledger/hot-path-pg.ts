import type pg from 'pg';
import type { Clock } from '../clock.js';
import { constraintKind } from '../db/connect.js';
import { ApiError } from '../errors.js';
import type { LotRow } from '../db/schema.js';
import type { CapturePlan, Effects, HoldPart, HoldPlan, HoldRow, Posting } from './plan.js';
import { checkOpenHold, effectsOf, planCapture, planHold } from './plan.js';
import type { CaptureInput, CaptureResult, HoldInput, HoldResult } from './service.js';
import type { PlannedWrite } from './pg-write-batch.js';
import { PgWriteBatcher } from './pg-write-batch.js';
import type { OpenHold, WalletSnapshot } from './wallet-snapshots.js';
import { WalletSnapshots } from './wallet-snapshots.js';
import type { HotPath, Prior } from './hot-path-rules.js';
import { holdNoLongerOpen, replay, walletMissing } from './hot-path-rules.js';

/*
 * Optimistic, two statements and no explicit transaction: one read, then one write that commits
 * on its own (autocommit; durable before it returns, as COMMIT was) and only if the wallet row is
 * still the version the read saw. Every ledger write that changes a wallet's lots, holds, journal
 * or postings also updates its wallet row in the same transaction (the balances move with every
 * posting, and every journal entry has postings), so an unchanged row version (`xmin`, the id of
 * the transaction that wrote it) means nothing the read saw has changed: the plan made from it is
 * what the same plan under the wallet lock would have been. The guard is the write's UPDATE of
 * the wallet row, which takes the row lock: a writer holding it is waited for, and in READ
 * COMMITTED the condition is then checked again against the row as that writer left it. Every
 * other part of the write hangs on that UPDATE having matched, so a stale write writes nothing;
 * then the operation starts again from the read. After OPTIMISTIC_TRIES such misses (one wallet
 * under a storm of writes) it runs under the lock instead: BEGIN, `SELECT … FOR UPDATE` on the
 * wallet, the same read and write, COMMIT — the way every other ledger write runs.
 *
 * Why not lock and read in one statement: a statement reads with the snapshot taken when it
 * starts, so a read in the same statement as a lock that had to wait would see the lots from
 * before the other writer committed. Each statement of the locked path takes a fresh snapshot.
 */
const OPTIMISTIC_TRIES = 3;

const PG_LOCK_WALLET = 'select user_id from wallets where user_id = $1 for update';

const PG_PRIOR = `(select json_build_object('user_id', user_id, 'request_hash', request_hash, 'response', response) from journal where id = $1)`;

/** The wallet row's version: the transaction that last wrote it. Null: no wallet. */
const PG_VERSION = '(select xmin::text from wallets where user_id = $2)';

const PG_READ_HOLD = `select ${PG_VERSION} as version, ${PG_PRIOR} as prior,
  (select coalesce(json_agg(l), '[]'::json) from lots l
    where l.user_id = $2 and (l.expires_at is null or l.expires_at > $3::bigint) and l.consumed + l.held + l.expired + l.paid_out < l.amount) as lots`;

const PG_READ_CAPTURE = `select ${PG_VERSION} as version, ${PG_PRIOR} as prior,
  (select row_to_json(h) from holds h where h.id = $3 and h.user_id = $2) as hold,
  (select coalesce(json_agg(x), '[]'::json) from (
    select l.*, p.amount as part from postings p inner join lots l on l.id = p.lot_id where p.journal_id = $3 and p.to_state = 'held'
  ) x) as parts`;

/**
 * The guard and the postings of journal entry $1 for wallet $2, as CTEs (parameters from $N on):
 * `w` updates the wallet row only if it is still version $N (and its balances by the postings);
 * the journal entry, the postings and the lots' columns are written only if it did. All run in
 * the one statement; the foreign keys (postings → journal, lots) are checked at its end, and each
 * lot and the wallet row are updated at most once.
 */
function pgGuardAndPostCtes(n: number): string {
  const $ = (i: number) => `$${n + i}`;
  return `w as (
    update wallets set promo = promo + ${$(10)}::bigint, sub = sub + ${$(11)}::bigint, paid = paid + ${$(12)}::bigint, bonus = bonus + ${$(13)}::bigint,
      total = total + ${$(14)}::bigint, held = held + ${$(15)}::bigint, updated_at = ${$(16)}::bigint
    where user_id = $2::text and xmin = ${$(0)}::xid
    returning xmin::text as version
  ),
  p as (
    insert into postings (journal_id, lot_id, from_state, to_state, amount)
    select $1::text, t.lot_id, t.from_state, t.to_state, t.amount
    from unnest(${$(1)}::text[], ${$(2)}::text[], ${$(3)}::text[], ${$(4)}::bigint[]) as t(lot_id, from_state, to_state, amount), w
  ),
  l as (
    update lots set held = lots.held + d.held, consumed = lots.consumed + d.consumed, expired = lots.expired + d.expired, paid_out = lots.paid_out + d.paid_out
    from unnest(${$(5)}::text[], ${$(6)}::bigint[], ${$(7)}::bigint[], ${$(8)}::bigint[], ${$(9)}::bigint[]) as d(id, held, consumed, expired, paid_out), w
    where lots.id = d.id
  )`;
}

/**
 * The postings (lot, from, to, amount) and the lot deltas (id, held, consumed, expired, paid_out) as
 * the nine arrays an `unnest(...)` insert and update take: one statement writes them all.
 */
export function postingAndLotColumns(postings: readonly Posting[], lots: Effects['lots']): unknown[] {
  return [
    postings.map((p) => p.lot.id),
    postings.map((p) => p.from),
    postings.map((p) => p.to),
    postings.map((p) => p.amount),
    lots.map((d) => d.id),
    lots.map((d) => d.held),
    lots.map((d) => d.consumed),
    lots.map((d) => d.expired),
    lots.map((d) => d.paid_out),
  ];
}

function pgGuardAndPostValues({ version, postings, effects: e, now }: PlannedWrite): unknown[] {
  return [
    version,
    ...postingAndLotColumns(postings, e.lots),
    e.available.PROMO,
    e.available.SUB,
    e.available.PAID,
    e.available.BONUS,
    e.total,
    e.held,
    now,
  ];
}

const PG_WRITE_HOLD = `with ${pgGuardAndPostCtes(10)},
  j as (
    insert into journal (id, user_id, kind, parent_id, request_hash, amount, reason, response, hold_expires_at, created_at, created_by)
    select $1::text, $2::text, 'hold', null, $3, $4::bigint, $5::text, $6, $7::bigint, $8::bigint, $2::text from w
  ),
  h as (
    insert into holds (id, user_id, amount, status, expires_at, reason, job_ref, created_at)
    select $1::text, $2::text, $4::bigint, 'open', $7::bigint, $5::text, $9, $8::bigint from w
  )
  select (select version from w) as version`;

/*
 * The hold is resolved only if the guard matched. Matched, the hold is still open (resolving a
 * hold moves the wallet too); should it not be, the cast fails and the whole statement — the
 * wallet's and the lots' updates with it — is undone: nothing commits without its hold resolved.
 * (The message reads a subquery so that the planner cannot fold it into a constant and fail on it
 * while planning, whichever branch runs.)
 */
const PG_WRITE_CAPTURE = `with ${pgGuardAndPostCtes(8)},
  j as (
    insert into journal (id, user_id, kind, parent_id, request_hash, amount, reason, response, hold_expires_at, created_at, created_by)
    select $1::text, $2::text, 'capture', $3::text, $4, $5::bigint, null, $6, null, $7::bigint, $2::text from w
  ),
  r as (
    update holds set status = 'captured', resolved_at = $7::bigint, resolution_id = $1::text
    where id = $3::text and status = 'open' and exists (select 1 from w)
    returning id
  )
  select case when (select count(*) from w) = (select count(*) from r) then (select version from w)
    else ('ledger hot path: hold ' || $3::text || ' is no longer open (' || (select count(*) from r) || ')')::int::text end as version`;

/** A client, or the pool (each query on whichever connection is free). */
type Queryable = Pick<pg.Pool, 'query'>;

/** The wallet changed between the read and the write: nothing was written; read again. */
const STALE = Symbol('stale');
/** The snapshot could not settle the operation alone: it goes the way that reads first. */
const MISS = Symbol('miss');

/** The planning refusals and the database's duplicate id: the snapshot's word is not the last one. */
function snapshotCannotSay(err: unknown): boolean {
  return err instanceof ApiError || constraintKind(err) === 'unique';
}

/**
 * Each operation first tries what this process already knows of the wallet (a WalletSnapshot: its
 * row version and lots as of it, the holds it opened): plan from that, and write once, guarded by
 * that version — one round trip. Whatever the snapshot cannot settle goes the way that reads
 * first: a stale version (nothing was written), a refusal planned from it (402, an expired hold:
 * only the database's state may refuse), an id the database already has (the read replays or
 * refuses it), a hold it does not know.
 */
export class PgHotPath implements HotPath {
  private readonly snapshots = new WalletSnapshots();
  private readonly batcher: PgWriteBatcher;

  constructor(
    private readonly pool: pg.Pool,
    private readonly clock: Clock,
  ) {
    this.batcher = new PgWriteBatcher(pool, (w) => this.writeAlone(pool, w));
  }

  /** `attempt` without a transaction, then, after OPTIMISTIC_TRIES stale reads, under the wallet lock. */
  private async run<T>(userId: string, attempt: (q: Queryable) => Promise<T | typeof STALE>): Promise<T> {
    for (let i = 0; i < OPTIMISTIC_TRIES; i++) {
      const r = await attempt(this.pool);
      if (r !== STALE) return r;
    }
    return this.locked(userId, async (c) => {
      const r = await attempt(c);
      if (r === STALE) throw new Error('ledger hot path: the wallet row changed under its lock');
      return r;
    });
  }

  /** BEGIN; lock the wallet row; `fn`; COMMIT — on one pooled connection. */
  private async locked<T>(userId: string, fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      try {
        // BEGIN and the lock in one round trip: a simple-protocol query may hold several
        // statements (it cannot take parameters, hence the escaped literal; the id comes from our
        // own signed token, and escapeLiteral makes any string safe anyway).
        const [, locked] = (await client.query(`begin; ${PG_LOCK_WALLET.replace('$1', client.escapeLiteral(userId))}`)) as unknown as pg.QueryResult[];
        if (locked?.rowCount !== 1) throw walletMissing();
        const result = await fn(client);
        await client.query('commit');
        return result;
      } catch (err) {
        // A failed ROLLBACK means the connection is gone: hand it back as broken, not for reuse.
        await client.query('rollback').catch((e: unknown) => {
          broken = e instanceof Error ? e : new Error(String(e));
        });
        throw err;
      }
    } finally {
      client.release(broken);
    }
  }

  /** A hold's write, planned against `version` of the wallet. */
  private holdWrite(userId: string, input: HoldInput, hash: string, plan: HoldPlan, version: string, now: number): PlannedWrite {
    const { result, postings } = plan;
    return { kind: 'hold', id: input.id, userId, holdId: null, requestHash: hash, amount: input.amount, reason: input.reason, response: JSON.stringify(result), holdExpiresAt: result.expires_at, jobRef: input.job_ref ?? null, version, postings, effects: effectsOf(postings), now };
  }

  /** A capture's write, planned against `version` of the wallet. */
  private captureWrite(userId: string, holdId: string, input: CaptureInput, hash: string, plan: CapturePlan, version: string, now: number): PlannedWrite {
    const { result, postings } = plan;
    return { kind: 'capture', id: input.id, userId, holdId, requestHash: hash, amount: input.amount, reason: null, response: JSON.stringify(result), holdExpiresAt: null, jobRef: null, version, postings, effects: effectsOf(postings), now };
  }

  /** `w` in a statement of its own, guarded by its version; the wallet's new version, or null when it was stale. */
  private async writeAlone(q: Queryable, w: PlannedWrite): Promise<string | null> {
    if (w.kind === 'hold') {
      const written = await q.query<{ version: string | null }>({
        name: 'ledger_write_hold',
        text: PG_WRITE_HOLD,
        values: [w.id, w.userId, w.requestHash, w.amount, w.reason, w.response, w.holdExpiresAt, w.now, w.jobRef, ...pgGuardAndPostValues(w)],
      });
      return written.rows[0]?.version ?? null;
    }
    try {
      const written = await q.query<{ version: string | null }>({
        name: 'ledger_write_capture',
        text: PG_WRITE_CAPTURE,
        values: [w.id, w.userId, w.holdId, w.requestHash, w.amount, w.response, w.now, ...pgGuardAndPostValues(w)],
      });
      return written.rows[0]?.version ?? null;
    } catch (err) {
      if (err instanceof Error && err.message.includes('ledger hot path: hold')) throw holdNoLongerOpen(w.holdId ?? '');
      throw err;
    }
  }

  /** After a hold committed against `snap` at `version`: the snapshot moves on and knows the hold. */
  private holdWritten(userId: string, snap: WalletSnapshot, version: string, input: HoldInput, plan: HoldPlan, effects: Effects, next: string, now: number): void {
    if (!this.snapshots.advance(userId, snap, version, effects, next)) return;
    const { result, postings } = plan;
    snap.rememberHold({
      hold: { id: input.id, user_id: userId, amount: input.amount, status: 'open', expires_at: result.expires_at, reason: input.reason, job_ref: input.job_ref ?? null, created_at: now, resolved_at: null, resolution_id: null },
      parts: postings.map((p) => ({ ...p.lot, part: p.amount })),
    });
  }

  async hold(userId: string, input: HoldInput, hash: string): Promise<HoldResult> {
    const snap = this.snapshots.get(userId);
    if (snap) {
      const r = await this.holdFromSnapshot(userId, snap, input, hash);
      if (r !== MISS) return r;
    }
    return this.run(userId, async (q) => {
      const now = this.clock.now();
      const read = await q.query<{ version: string | null; prior: Prior | null; lots: LotRow[] }>({ name: 'ledger_read_hold', text: PG_READ_HOLD, values: [input.id, userId, now] });
      const row = read.rows[0];
      if (!row) throw new Error('ledger hot path: the read returned no row');
      if (row.version === null) throw walletMissing();
      const prior = replay<HoldResult>(row.prior, userId, hash, input.id);
      if (prior) return prior;
      const fresh = this.snapshots.fromRead(userId, row.version, row.lots);
      const plan = planHold(input, row.lots, now);
      const w = this.holdWrite(userId, input, hash, plan, row.version, now);
      const next = await this.writeAlone(q, w);
      if (next === null) return STALE;
      this.holdWritten(userId, fresh, row.version, input, plan, w.effects, next, now);
      return plan.result;
    });
  }

  private async holdFromSnapshot(userId: string, snap: WalletSnapshot, input: HoldInput, hash: string): Promise<HoldResult | typeof MISS> {
    const now = this.clock.now();
    const version = snap.version;
    try {
      const plan = planHold(input, snap.liveLots(now), now);
      const w = this.holdWrite(userId, input, hash, plan, version, now);
      const next = await this.batcher.write(w);
      if (next === null) {
        this.snapshots.drop(userId, snap);
        return MISS;
      }
      this.holdWritten(userId, snap, version, input, plan, w.effects, next, now);
      return plan.result;
    } catch (err) {
      if (snapshotCannotSay(err)) return MISS;
      throw err;
    }
  }

  async capture(userId: string, holdId: string, input: CaptureInput, hash: string): Promise<CaptureResult> {
    const snap = this.snapshots.get(userId);
    const open = snap?.holds.get(holdId);
    if (snap && open) {
      const r = await this.captureFromSnapshot(userId, snap, open, input, hash);
      if (r !== MISS) return r;
    }
    return this.run(userId, async (q) => {
      const now = this.clock.now();
      const read = await q.query<{ version: string | null; prior: Prior | null; hold: HoldRow | null; parts: HoldPart[] }>({
        name: 'ledger_read_capture',
        text: PG_READ_CAPTURE,
        values: [input.id, userId, holdId],
      });
      const row = read.rows[0];
      if (!row) throw new Error('ledger hot path: the read returned no row');
      if (row.version === null) throw walletMissing();
      const prior = replay<CaptureResult>(row.prior, userId, hash, input.id);
      if (prior) return prior;
      const hold = checkOpenHold(row.hold ?? undefined, holdId, now, true);
      const plan = planCapture(hold, row.parts, holdId, input, now);
      const w = this.captureWrite(userId, holdId, input, hash, plan, row.version, now);
      const next = await this.writeAlone(q, w);
      if (next === null) return STALE;
      // This read did not read the lots: a snapshot at the version it read can follow, any other is behind.
      const known = this.snapshots.get(userId);
      if (known && this.snapshots.advance(userId, known, row.version, w.effects, next)) known.holds.delete(holdId);
      else this.snapshots.drop(userId, known);
      return plan.result;
    });
  }

  private async captureFromSnapshot(userId: string, snap: WalletSnapshot, open: OpenHold, input: CaptureInput, hash: string): Promise<CaptureResult | typeof MISS> {
    const now = this.clock.now();
    const version = snap.version;
    const holdId = open.hold.id;
    try {
      const plan = planCapture(checkOpenHold(open.hold, holdId, now, true), open.parts, holdId, input, now);
      const w = this.captureWrite(userId, holdId, input, hash, plan, version, now);
      const next = await this.batcher.write(w);
      if (next === null) {
        this.snapshots.drop(userId, snap);
        return MISS;
      }
      if (this.snapshots.advance(userId, snap, version, w.effects, next)) snap.holds.delete(holdId);
      return plan.result;
    } catch (err) {
      if (snapshotCannotSay(err)) return MISS;
      throw err;
    }
  }
}
