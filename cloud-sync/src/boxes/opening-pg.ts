import { randomBytes, randomUUID } from 'node:crypto';
import type pg from 'pg';
import { TIERS, guaranteeApplies, tierAtLeast } from '../../../src/shared/boxes/fair.js';
import type { Tier } from '../../../src/shared/boxes/fair.js';
import { constraintKind } from '../db/connect.js';
import type { LotRow } from '../db/schema.js';
import { ApiError, idempotencyConflict } from '../errors.js';
import type { Posting } from '../ledger/plan.js';
import { captureRequest, effectsOf, holdRequest, planCapture, planHold, planRelease } from '../ledger/plan.js';
import { LEDGER_REASONS } from '../ledger/reasons.js';
import { requestHash } from '../ledger/types.js';
import { taipeiDayStart } from './compliance.js';
import type { JournalLine } from './opening-pg-sql.js';
import { lockedBegin, MOVED, READ, TAKE_STOCK, WRITE, writeValues } from './opening-pg-sql.js';
import type { ActiveSeed, FrozenSeries, GroupedOpening, OpeningRequest } from './opening-rules.js';
import { assertOnSale, assertUnderDailyLimit, drawOpening, HOLD_TTL_SECONDS, openingRecord } from './opening-rules.js';
import type { SeedKeeper } from './seeds.js';
import type { SeriesFacts } from './opening-pg-snapshots.js';
import { OpeningSnapshots } from './opening-pg-snapshots.js';

/*
 * An opening on PostgreSQL, optimistic like the ledger's hot path (ledger/hot-path-pg.ts): one
 * read outside any transaction, the draw and the ledger's plans made in memory from it, then ONE
 * write statement that commits on its own (autocommit) and only if what the read saw still holds
 * (opening-pg-sql.ts: the wallet row's version, the seed still active, a limited item still left).
 * It writes the same rows as the ledger's hold, then its capture or release would (two journal
 * entries, their postings, the hold resolved), the collection row, the opening and its audit
 * entry — into audit_pending, sealed after the commit (audit/sealer.ts): no lock on the chain's head.
 *
 * When the write finds something moved it writes nothing and the opening starts again from the
 * read, with the same client seed (drawn once per request). The item sold out in between is such
 * a move: the next read sees none left and records the draw as sold out, charging nothing. After
 * OPTIMISTIC_TRIES misses it runs under locks instead: BEGIN with the wallet locked and the seed
 * held, the same read, the stock taken, the same write, COMMIT.
 *
 * Before all that, a buyer this process already knows skips the read: the write is planned from
 * what it last knew (opening-pg-snapshots.ts) — one round trip, with the same guards — and only
 * what that cannot settle goes the way that reads.
 */

const OPTIMISTIC_TRIES = 3;

/** The write found the wallet, the seed or the stock moved since the read: nothing was written. */
const STALE = Symbol('stale');

interface ReadRow {
  version: string | null;
  seed: ActiveSeed | null;
  status: string | null;
  n: number;
  today: number;
  prior: { id: string; request_hash: string } | null;
  lots: LotRow[];
  tiers: Tier[] | null;
  stock: Record<string, number>;
}

/** A client, or the pool (each query on whichever connection is free). */
type Queryable = Pick<pg.Pool, 'query'>;

/** What an opening is planned from: a read, or what this process knew (opening-pg-snapshots.ts). */
interface Basis {
  version: string;
  lots: LotRow[];
  facts: SeriesFacts;
}

export class PgOpenings {
  private readonly snapshots = new OpeningSnapshots();

  constructor(
    private readonly pool: pg.Pool,
    private readonly seeds: SeedKeeper,
  ) {}

  /** `now`: the opening's one time. A refusal writes nothing; neither does a failure. */
  async open(userId: string, series: FrozenSeries, req: OpeningRequest, now: number): Promise<GroupedOpening> {
    // Chosen once, so that every try of this request draws with the same client seed.
    const fixed: OpeningRequest = req.clientSeed === null ? { ...req, clientSeed: randomBytes(16).toString('hex') } : req;
    try {
      const known = await this.fromSnapshot(userId, series, fixed, now);
      if (known !== STALE) return known;
      for (let i = 0; i < OPTIMISTIC_TRIES; i++) {
        let r: GroupedOpening | typeof STALE = STALE;
        try {
          r = await this.attempt(this.pool, userId, series, fixed, now, false);
        } catch (err) {
          if (!isMoved(err)) throw err;
        }
        if (r !== STALE) return r;
      }
      return await this.locked(userId, series, fixed, now);
    } catch (err) {
      // The database's refusals, as the ledger reports them (Ledger.mapErrors).
      const kind = constraintKind(err);
      if (kind === 'unique') throw idempotencyConflict(req.requestId);
      if (kind === 'check') throw new ApiError(409, 'LEDGER_CONSTRAINT', 'the database refused the change (a balance would go negative)');
      throw err;
    }
  }

  /**
   * One round trip: the write planned from what this process knew. Anything it cannot settle is
   * STALE and the opening reads: a guard that failed (nothing was written), a key the database
   * already has (an unknown opening took the nonce, or the request id was used), and a refusal
   * (only the database's state may refuse).
   */
  private async fromSnapshot(userId: string, series: FrozenSeries, req: OpeningRequest, now: number): Promise<GroupedOpening | typeof STALE> {
    const known = this.snapshots.get(userId, series.id, taipeiDayStart(now));
    if (!known) return STALE;
    const { wallet, facts } = known;
    const version = wallet.version;
    try {
      assertOnSale(series, facts.seed, 'open', now);
      const r = await this.write(this.pool, userId, series, req, now, { version, lots: wallet.liveLots(now), facts }, false);
      if (r === STALE) this.snapshots.drop(userId, series.id, { wallet });
      else this.snapshots.written(userId, series.id, wallet, version, r.effects, r.next, facts, r.done);
      return r === STALE ? STALE : { kind: 'new', view: r.view };
    } catch (err) {
      if (err instanceof ApiError || constraintKind(err) === 'unique' || isMoved(err)) {
        this.snapshots.drop(userId, series.id, { wallet, facts });
        return STALE;
      }
      throw err;
    }
  }

  /** The opening under the wallet's lock and the seed's, on one pooled connection. */
  private async locked(userId: string, series: FrozenSeries, req: OpeningRequest, now: number): Promise<GroupedOpening> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      try {
        await client.query(lockedBegin(client.escapeLiteral(userId), client.escapeLiteral(series.id)));
        const r = await this.attempt(client, userId, series, req, now, true);
        if (r === STALE) throw new Error('box opening: the wallet changed under its lock');
        await client.query('commit');
        return r;
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

  /** The read, its refusals, then the write planned from it. `locked`: inside the locked transaction. */
  private async attempt(q: Queryable, userId: string, series: FrozenSeries, req: OpeningRequest, now: number, locked: boolean): Promise<GroupedOpening | typeof STALE> {
    const g = series.guarantee;
    const hitTiers = g === null ? null : TIERS.filter((t) => tierAtLeast(t, g.tier));
    const dayStart = taipeiDayStart(now);
    const read = await q.query<ReadRow>({ name: 'box_open_read', text: READ, values: [series.id, userId, dayStart, req.requestId, now, hitTiers] });
    const pre = read.rows[0];
    if (!pre) throw new Error('box opening: the read returned no row');
    if (pre.version === null) throw new ApiError(404, 'WALLET_NOT_FOUND', 'no wallet for this user');
    // Even once the series has closed, a retry of an earlier opening answers what it did.
    if (pre.prior) {
      if (pre.prior.request_hash !== req.requestHash) throw idempotencyConflict(req.requestId);
      return { kind: 'prior', id: pre.prior.id };
    }
    assertOnSale(series, pre.seed, pre.status, now);
    const facts: SeriesFacts = { nonce: Number(pre.n), dayStart, today: Number(pre.today), tiers: pre.tiers, seed: pre.seed, stock: pre.stock };
    const r = await this.write(q, userId, series, req, now, { version: pre.version, lots: pre.lots, facts }, locked);
    if (r === STALE) return STALE;
    if (!locked) {
      const wallet = this.snapshots.fromRead(userId, series.id, pre.version, pre.lots, facts);
      this.snapshots.written(userId, series.id, wallet, pre.version, r.effects, r.next, facts, r.done);
    }
    return { kind: 'new', view: r.view };
  }

  /**
   * The opening planned from `b` and written by one statement: the daily limit, the guarantee,
   * the hold (402 when the buyer cannot pay: nothing is drawn or recorded), the draw, the stock,
   * then the capture or the release. `locked`: the stock is taken by a statement of its own first
   * (under the locks the write then cannot miss).
   */
  private async write(q: Queryable, userId: string, series: FrozenSeries, req: OpeningRequest, now: number, b: Basis, locked: boolean) {
    const { facts } = b;
    const g = series.guarantee;
    assertUnderDailyLimit(series, facts.today);
    const nonce = facts.nonce;
    const underGuarantee = g !== null && guaranteeApplies(g, facts.tiers ?? []);
    const holdId = `box:${req.id}:hold`;
    const holdInput = { id: holdId, amount: series.price, ttl_seconds: HOLD_TTL_SECONDS, reason: LEDGER_REASONS.boxOpening() };
    const hold = planHold(holdInput, b.lots, now);
    const { clientSeed, item } = drawOpening(this.seeds, series, facts.seed, req, nonce, underGuarantee);
    // The database decides who gets the last ones: the check constraint and the conditions on
    // `remaining > 0` never let it go below zero. Optimistic, one left as far as is known is taken
    // by the write or the write misses; none left stays none.
    let granted = true;
    if (item.limited) granted = locked ? (await q.query({ name: 'box_open_stock', text: TAKE_STOCK, values: [item.id] })).rowCount === 1 : Number(facts.stock[item.id] ?? 0) > 0;
    const holdRow = { id: holdId, user_id: userId, amount: series.price, status: 'open' as const, expires_at: hold.result.expires_at, reason: holdInput.reason, job_ref: null, created_at: now, resolved_at: null, resolution_id: null };
    const parts = hold.postings.map((p) => ({ ...p.lot, part: p.amount }));
    const lines: JournalLine[] = [
      { id: holdId, kind: 'hold', parent: null, hash: requestHash('hold', holdRequest(holdInput)), amount: series.price, reason: holdInput.reason, response: hold.result, holdExpiresAt: hold.result.expires_at },
    ];
    let postings: Posting[] = hold.postings.map((p) => ({ ...p }));
    const journalOf: string[] = hold.postings.map(() => holdId);
    let captureId: string | null = null;
    let ownedId: string | null = null;
    let resolution: string;
    if (granted) {
      captureId = `box:${req.id}:capture`;
      const input = { id: captureId, amount: series.price };
      const c = planCapture(holdRow, parts, holdId, input, now);
      lines.push({ id: captureId, kind: 'capture', parent: holdId, hash: requestHash('capture', captureRequest(holdId, input)), amount: series.price, reason: null, response: c.result, holdExpiresAt: null });
      postings = [...postings, ...c.postings];
      journalOf.push(...c.postings.map(() => captureId!));
      ownedId = randomUUID();
      resolution = captureId;
    } else {
      resolution = `box:${req.id}:release`;
      const rl = planRelease(holdRow, parts, resolution, now);
      lines.push({ id: resolution, kind: 'release', parent: holdId, hash: requestHash('release', { hold_id: holdId }), amount: series.price, reason: null, response: rl.result, holdExpiresAt: null });
      postings = [...postings, ...rl.postings];
      journalOf.push(...rl.postings.map(() => resolution));
    }
    const { row, audit, view } = openingRecord(userId, series, facts.seed, req, { clientSeed, item, nonce, underGuarantee, granted, captureId, ownedId, now });
    const values = writeValues({ userId, now, lines, holdId, price: series.price, granted, holdExpiresAt: hold.result.expires_at, holdReason: holdInput.reason, resolution, journalOf, postings, ownedId, row, audit, version: b.version, takeStock: item.limited && granted && !locked });
    const written = (await q.query<{ outcome: string; version: string | null }>({ name: 'box_open_write', text: WRITE, values })).rows[0];
    if (written?.outcome !== 'written' || !written.version) {
      if (locked) throw new Error(`box opening: the write under the locks found '${written?.outcome ?? 'nothing'}'`);
      return STALE;
    }
    const done = { itemId: item.id, limited: item.limited, granted, tier: item.tier, endsStreak: g !== null && tierAtLeast(item.tier, g.tier) };
    return { view, effects: effectsOf(postings), next: written.version, done };
  }
}

/** The write undid itself: the seed or the stock moved after its wallet guard matched. */
const isMoved = (err: unknown): boolean => err instanceof Error && err.message.includes(MOVED);
