import { randomBytes, randomUUID } from 'node:crypto';
import type pg from 'pg';
import { TIERS, guaranteeApplies, tierAtLeast } from '../../../src/shared/boxes/fair.js';
import type { Tier } from '../../../src/shared/boxes/fair.js';
import { constraintKind } from '../db/connect.js';
import type { LotRow } from '../db/schema.js';
import { ApiError, idempotencyConflict } from '../errors.js';
import type { Posting } from '../ledger/plan.js';
import { captureRequest, holdRequest, planCapture, planHold, planRelease } from '../ledger/plan.js';
import { LEDGER_REASONS } from '../ledger/reasons.js';
import { requestHash } from '../ledger/types.js';
import { taipeiDayStart } from './compliance.js';
import type { JournalLine } from './opening-pg-sql.js';
import { lockedBegin, MOVED, READ, TAKE_STOCK, WRITE, writeValues } from './opening-pg-sql.js';
import type { ActiveSeed, FrozenSeries, GroupedOpening, OpeningRequest } from './opening-rules.js';
import { assertOnSale, assertUnderDailyLimit, drawOpening, HOLD_TTL_SECONDS, openingRecord } from './opening-rules.js';
import type { SeedKeeper } from './seeds.js';

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

export class PgOpenings {
  constructor(
    private readonly pool: pg.Pool,
    private readonly seeds: SeedKeeper,
  ) {}

  /** `now`: the opening's one time. A refusal writes nothing; neither does a failure. */
  async open(userId: string, series: FrozenSeries, req: OpeningRequest, now: number): Promise<GroupedOpening> {
    // Chosen once, so that every try of this request draws with the same client seed.
    const fixed: OpeningRequest = req.clientSeed === null ? { ...req, clientSeed: randomBytes(16).toString('hex') } : req;
    try {
      for (let i = 0; i < OPTIMISTIC_TRIES; i++) {
        const r = await this.attempt(this.pool, userId, series, fixed, now, false);
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

  /**
   * One read and one write. `locked`: inside the locked transaction, where the stock is taken by
   * a statement of its own before the write (which then cannot miss).
   */
  private async attempt(q: Queryable, userId: string, series: FrozenSeries, req: OpeningRequest, now: number, locked: boolean): Promise<GroupedOpening | typeof STALE> {
    const g = series.guarantee;
    const hitTiers = g === null ? null : TIERS.filter((t) => tierAtLeast(t, g.tier));
    const read = await q.query<ReadRow>({ name: 'box_open_read', text: READ, values: [series.id, userId, taipeiDayStart(now), req.requestId, now, hitTiers] });
    const pre = read.rows[0];
    if (!pre) throw new Error('box opening: the read returned no row');
    if (pre.version === null) throw new ApiError(404, 'WALLET_NOT_FOUND', 'no wallet for this user');
    // Even once the series has closed, a retry of an earlier opening answers what it did.
    if (pre.prior) {
      if (pre.prior.request_hash !== req.requestHash) throw idempotencyConflict(req.requestId);
      return { kind: 'prior', id: pre.prior.id };
    }
    const seed = pre.seed;
    assertOnSale(series, seed, pre.status, now);
    assertUnderDailyLimit(series, Number(pre.today));
    const nonce = Number(pre.n);
    const underGuarantee = g !== null && guaranteeApplies(g, pre.tiers ?? []);

    // The price is held first: a buyer who cannot pay gets 402 and nothing is drawn or recorded.
    const holdId = `box:${req.id}:hold`;
    const holdInput = { id: holdId, amount: series.price, ttl_seconds: HOLD_TTL_SECONDS, reason: LEDGER_REASONS.boxOpening() };
    const hold = planHold(holdInput, pre.lots, now);
    const { clientSeed, item } = drawOpening(this.seeds, series, seed, req, nonce, underGuarantee);
    // The database decides who gets the last ones: the check constraint and the conditions on
    // `remaining > 0` never let it go below zero. Optimistic, one left at the read is taken by the
    // write or the write misses; none left stays none.
    let granted = true;
    if (item.limited) granted = locked ? (await q.query({ name: 'box_open_stock', text: TAKE_STOCK, values: [item.id] })).rowCount === 1 : Number(pre.stock[item.id] ?? 0) > 0;

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
    const { row, audit, view } = openingRecord(userId, series, seed, req, { clientSeed, item, nonce, underGuarantee, granted, captureId, ownedId, now });
    const values = writeValues({ userId, now, lines, holdId, price: series.price, granted, holdExpiresAt: hold.result.expires_at, holdReason: holdInput.reason, resolution, journalOf, postings, ownedId, row, audit, version: pre.version, takeStock: item.limited && granted && !locked });
    let outcome: string | undefined;
    try {
      outcome = (await q.query<{ outcome: string }>({ name: 'box_open_write', text: WRITE, values })).rows[0]?.outcome;
    } catch (err) {
      if (!locked && err instanceof Error && err.message.includes(MOVED)) return STALE;
      throw err;
    }
    if (outcome !== 'written') {
      if (locked) throw new Error(`box opening: the write under the locks found '${outcome ?? 'nothing'}'`);
      return STALE;
    }
    return { kind: 'new', view };
  }
}
