import { createHash, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { ExpressionBuilder } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Guarantee, Tier } from '../../../src/shared/boxes/fair.js';
import { guaranteeApplies, tierAtLeast, TIERS } from '../../../src/shared/boxes/fair.js';
import type { OpeningView } from '../../../src/shared/boxes/wire.js';
import { appendAudit } from '../audit/chain.js';
import type { AuditSealer } from '../audit/sealer.js';
import type { DbHandle } from '../db/connect.js';
import { ApiError, idempotencyConflict } from '../errors.js';
import type { LedgerTx } from '../ledger/in-tx.js';
import type { Ledger } from '../ledger/service.js';
import { canonical } from '../ledger/types.js';
import { LEDGER_REASONS } from '../ledger/reasons.js';
import type { BoxCompliance } from './compliance.js';
import { taipeiDayStart } from './compliance.js';
import { PgOpenings } from './opening-pg.js';
import type { FrozenSeries, GroupedOpening, OpeningRequest } from './opening-rules.js';
import { assertOnSale, assertUnderDailyLimit, drawOpening, HOLD_TTL_SECONDS, openingRecord } from './opening-rules.js';
import { SqliteOpenings } from './opening-sqlite.js';
import type { SeedKeeper } from './seeds.js';
import { guaranteeOf, readOpenings } from './views.js';

/**
 * Opening a box (issue 18): checks the buyer may buy, then in ONE ledger transaction with the
 * buyer's wallet locked — idempotency on (buyer, request id), the series still on sale, the daily
 * limit, the guarantee, the provably fair draw with the active seed, the stock, the charge and the
 * grant, and the audit entry last. Policy for a limited item that is gone: the opening is recorded
 * as `sold_out` with its draw (so the nonce sequence stays verifiable) and the price held for it is
 * released — nothing is charged and nothing is granted.
 *
 * SQLite runs it as one operation of the ledger's group commit (opening-sqlite.ts), with its audit
 * entry chained in that transaction; PostgreSQL as a hand-written transaction of five statements
 * (opening-pg.ts) whose audit entry is written unchained and sealed right after the commit
 * (audit/sealer.ts), so openings never wait for each other on the chain head's lock.
 * Otherwise (SQLite with the ledger's hot path off) it is the Kysely transaction below.
 */
export class OpeningService {
  private readonly frozen = new Map<string, FrozenSeries>();
  private readonly grouped: SqliteOpenings | null;
  private readonly pg: PgOpenings | null;

  constructor(
    private readonly h: DbHandle,
    private readonly ledger: Ledger,
    private readonly seeds: SeedKeeper,
    private readonly compliance: BoxCompliance,
    private readonly sealer: AuditSealer,
  ) {
    this.grouped = h.sqlite && ledger.grouped ? new SqliteOpenings(h.sqlite, seeds) : null;
    this.pg = h.pgPool ? new PgOpenings(h.pgPool, seeds) : null;
  }

  async open(userId: string, seriesId: string, body: { request_id: string; client_seed?: string | undefined; notice_acknowledged: boolean }): Promise<OpeningView> {
    if (!body.notice_acknowledged) throw new ApiError(422, 'NOTICE_NOT_ACKNOWLEDGED', 'show the buyer the cooling-off notice (odds, price, limits) and send notice_acknowledged: true');
    await this.compliance.assertMayBuy(userId);
    const series = await this.series(seriesId);
    const requestHash = createHash('sha256')
      .update(canonical({ series_id: seriesId, client_seed: body.client_seed ?? null }))
      .digest('hex');
    const req: OpeningRequest = { id: openingIdOf(userId, body.request_id), requestId: body.request_id, requestHash, clientSeed: body.client_seed ?? null };
    let done: GroupedOpening;
    const grouped = this.grouped ? { openings: this.grouped, ledger: this.ledger.grouped } : null;
    if (grouped?.ledger) {
      done = await grouped.ledger.run(req.requestId, (g) => grouped.openings.open(g, userId, series, req));
    } else if (this.pg) {
      done = await this.pg.open(userId, series, req, this.ledger.now());
      // The answer does not wait for the entry to join the chain (milliseconds later, batched with
      // the other openings'): the head and the digests only ever cover sealed entries.
      if (done.kind === 'new') this.sealer.kick();
    } else {
      done = await this.ledger.transaction([userId], (l) => this.openIn(l, userId, series, req));
    }
    if (done.kind === 'new') return done.view;
    const [view] = await readOpenings(this.h.db, { openingId: done.id });
    return view!;
  }

  private async openIn(l: LedgerTx, userId: string, series: FrozenSeries, req: OpeningRequest): Promise<GroupedOpening> {
    const { tx, now } = l;
    // One statement reads what the opening depends on: the active seed (held FOR SHARE, so closing or
    // rotating, which reveals it, waits until this opening commits), the series' status, the buyer's
    // openings so far (the nonce), today's (the daily limit) and an earlier request under this id.
    const mine = (eb: ExpressionBuilder<Database, 'box_seeds'>) => eb.selectFrom('box_openings as o').where('o.user_id', '=', userId).where('o.series_id', '=', series.id);
    const pre = await tx
      .selectFrom('box_seeds')
      .select(['box_seeds.id', 'box_seeds.seed_sealed', 'box_seeds.commitment'])
      .select((eb) => [
        eb.selectFrom('box_series').select('status').where('box_series.id', '=', series.id).as('status'),
        mine(eb)
          .select((e) => e.fn.countAll<number>().as('n'))
          .as('n'),
        mine(eb)
          .select((e) => e.fn.countAll<number>().as('today'))
          .where('o.outcome', '=', 'granted')
          .where('o.created_at', '>=', taipeiDayStart(now))
          .as('today'),
        eb.selectFrom('box_openings as p').select('p.id').where('p.user_id', '=', userId).where('p.request_id', '=', req.requestId).as('prior_id'),
      ])
      .where('box_seeds.series_id', '=', series.id)
      .where('box_seeds.active', '=', 1)
      .$if(this.h.dialect === 'postgres', (qb) => qb.forShare())
      .executeTakeFirst();
    // No active seed: the series closed; a retry of an earlier opening still answers what it did.
    const priorId = pre ? pre.prior_id : ((await tx.selectFrom('box_openings').select('id').where('user_id', '=', userId).where('request_id', '=', req.requestId).executeTakeFirst())?.id ?? null);
    if (priorId) {
      const prior = await tx.selectFrom('box_openings').select('request_hash').where('id', '=', priorId).executeTakeFirstOrThrow();
      if (prior.request_hash !== req.requestHash) throw idempotencyConflict(req.requestId);
      return { kind: 'prior', id: priorId };
    }
    assertOnSale(series, pre, pre?.status, now);
    const seed = pre;
    assertUnderDailyLimit(series, Number(pre.today ?? 0));
    const nonce = Number(pre.n ?? 0);
    const underGuarantee = series.guarantee !== null && guaranteeApplies(series.guarantee, await this.tiersSinceLastHit(l, userId, series.id, series.guarantee));

    // The price is held first: a buyer who cannot pay gets 402 and nothing is drawn or recorded.
    const holdId = `box:${req.id}:hold`;
    await l.hold(userId, { id: holdId, amount: series.price, ttl_seconds: HOLD_TTL_SECONDS, reason: LEDGER_REASONS.boxOpening() });
    const { clientSeed, item } = drawOpening(this.seeds, series, seed, req, nonce, underGuarantee);
    let granted = true;
    if (item.limited) {
      // The database decides who gets the last ones: the check constraint and this condition never let remaining go below zero.
      const taken = await tx
        .updateTable('box_items')
        .set({ remaining: sql`remaining - 1` })
        .where('id', '=', item.id)
        .where('remaining', '>', 0)
        .executeTakeFirst();
      granted = Number(taken.numUpdatedRows) === 1;
    }
    let captureId: string | null = null;
    let ownedId: string | null = null;
    if (granted) {
      captureId = `box:${req.id}:capture`;
      await l.capture(userId, holdId, { id: captureId, amount: series.price });
      ownedId = randomUUID();
      await tx.insertInto('box_owned').values({ id: ownedId, user_id: userId, series_id: series.id, item_id: item.id, status: 'owned', source_kind: 'opening', source_id: req.id, acquired_at: now, updated_at: now }).execute();
    } else {
      await l.release(userId, holdId, `box:${req.id}:release`);
    }
    const { row, audit, view } = openingRecord(userId, series, seed, req, { clientSeed, item, nonce, underGuarantee, granted, captureId, ownedId, now });
    await tx.insertInto('box_openings').values(row).execute();
    await appendAudit(tx, this.h.dialect, audit, now);
    return { kind: 'new', view };
  }

  /**
   * The tiers of the buyer's granted openings after the last one at or above the guaranteed tier,
   * oldest first: what guaranteeApplies needs (earlier ones cannot change its answer).
   */
  private async tiersSinceLastHit(l: LedgerTx, userId: string, seriesId: string, g: Guarantee): Promise<Tier[]> {
    const hitTiers = TIERS.filter((t) => tierAtLeast(t, g.tier));
    const rows = await l.tx
      .selectFrom('box_openings as o')
      .innerJoin('box_items as i', 'i.id', 'o.item_id')
      .select('i.tier')
      .where('o.user_id', '=', userId)
      .where('o.series_id', '=', seriesId)
      .where('o.outcome', '=', 'granted')
      .where('o.nonce', '>', (eb) =>
        eb.fn.coalesce(
          eb
            .selectFrom('box_openings as h')
            .innerJoin('box_items as hi', 'hi.id', 'h.item_id')
            .select((e) => e.fn.max('h.nonce').as('last'))
            .where('h.user_id', '=', userId)
            .where('h.series_id', '=', seriesId)
            .where('h.outcome', '=', 'granted')
            .where('hi.tier', 'in', hitTiers),
          eb.val(-1),
        ),
      )
      .orderBy('o.nonce')
      .execute();
    return rows.map((r) => r.tier);
  }

  /** The frozen facts of a series on sale or closed (a draft cannot be opened). */
  private async series(id: string): Promise<FrozenSeries> {
    const hit = this.frozen.get(id);
    if (hit) return hit;
    const s = await this.h.db.selectFrom('box_series').selectAll().where('id', '=', id).executeTakeFirst();
    if (!s || s.status === 'draft') throw new ApiError(404, 'SERIES_NOT_FOUND', `no series ${id} on sale`);
    const items = await this.h.db.selectFrom('box_items').select(['id', 'name', 'tier', 'odds_ppm', 'stock']).where('series_id', '=', id).orderBy('position').execute();
    const frozen: FrozenSeries = {
      id,
      price: Number(s.price),
      daily_limit: Number(s.daily_limit),
      starts_at: Number(s.starts_at),
      ends_at: s.ends_at === null ? null : Number(s.ends_at),
      guarantee: guaranteeOf(s),
      items: items.map((i) => ({ id: i.id, name: i.name, tier: i.tier, odds_ppm: Number(i.odds_ppm), limited: i.stock !== null })),
    };
    if (this.frozen.size > 1_000) this.frozen.clear();
    this.frozen.set(id, frozen);
    return frozen;
  }
}

/**
 * The opening's id, made from the buyer and their request id (a UUID of SHA-256, version and variant
 * bits set): its journal ids (`box:<id>:hold`, `:capture`, `:release`) are then the same on every
 * retry, so a request can never be charged twice.
 */
export function openingIdOf(userId: string, requestId: string): string {
  const b = createHash('sha256').update(`box-opening\u0000${userId}\u0000${requestId}`).digest();
  b[6] = (b[6]! & 0x0f) | 0x50;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = b.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
