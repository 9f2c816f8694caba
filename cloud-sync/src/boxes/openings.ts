import { createHash } from 'node:crypto';
import type { OpeningView } from '../../../src/shared/boxes/wire.js';
import type { AuditSealer } from '../audit/sealer.js';
import type { DbHandle } from '../db/connect.js';
import { ApiError } from '../errors.js';
import type { Ledger } from '../ledger/service.js';
import { canonical } from '../ledger/types.js';
import type { BoxCompliance } from './compliance.js';
import { PgOpenings } from './opening-pg.js';
import type { FrozenSeries, GroupedOpening, OpeningRequest } from './opening-rules.js';
import { SqliteOpenings } from './opening-sqlite.js';
import type { SeedKeeper } from './seeds.js';
import { guaranteeOf, readOpenings } from './views.js';

/**
 * Opening a box (issue 18): checks the buyer may buy, then in ONE ledger transaction — idempotency
 * on (buyer, request id), the series still on sale, the daily limit, the guarantee, the provably
 * fair draw with the active seed, the stock, the charge and the grant, and the audit entry last.
 * Policy for a limited item that is gone: the opening is recorded as `sold_out` with its draw (so
 * the nonce sequence stays verifiable) and the price held for it is released — nothing is charged
 * and nothing is granted.
 *
 * SQLite runs it as one operation of the ledger's group commit (opening-sqlite.ts), with its audit
 * entry chained in that transaction; PostgreSQL optimistically, as the ledger's hot path does
 * (opening-pg.ts): one read (skipped when the process already knows the buyer), then one guarded
 * statement in autocommit whose audit entry is written unchained and sealed right after it
 * (audit/sealer.ts), so openings never wait for each other on the chain head's lock.
 * Both make the ledger's rows with the ledger's own plans (ledger/plan.ts), so the journal reads as
 * if Ledger.hold, capture and release had run.
 */
export class OpeningService {
  private readonly frozen = new Map<string, FrozenSeries>();
  private readonly way: { kind: 'sqlite'; openings: SqliteOpenings; ledger: NonNullable<Ledger['grouped']> } | { kind: 'postgres'; openings: PgOpenings };

  constructor(
    private readonly h: DbHandle,
    private readonly ledger: Ledger,
    seeds: SeedKeeper,
    private readonly compliance: BoxCompliance,
    private readonly sealer: AuditSealer,
  ) {
    const grouped = ledger.grouped;
    if (h.sqlite && grouped) this.way = { kind: 'sqlite', openings: new SqliteOpenings(h.sqlite, seeds), ledger: grouped };
    else if (h.pgPool) this.way = { kind: 'postgres', openings: new PgOpenings(h.pgPool, seeds) };
    else throw new Error('blind-box openings need SQLite with the ledger’s hot path, or PostgreSQL');
  }

  async open(userId: string, seriesId: string, body: { request_id: string; client_seed?: string | undefined; notice_acknowledged: boolean }): Promise<OpeningView> {
    if (!body.notice_acknowledged) throw new ApiError(422, 'NOTICE_NOT_ACKNOWLEDGED', 'show the buyer the cooling-off notice (odds, price, limits) and send notice_acknowledged: true');
    await this.compliance.assertMayBuy(userId);
    const series = await this.series(seriesId);
    const requestHash = createHash('sha256')
      .update(canonical({ series_id: seriesId, client_seed: body.client_seed ?? null }))
      .digest('hex');
    const req: OpeningRequest = { id: openingIdOf(userId, body.request_id), requestId: body.request_id, requestHash, clientSeed: body.client_seed ?? null };
    const way = this.way;
    let done: GroupedOpening;
    if (way.kind === 'sqlite') {
      done = await way.ledger.run(req.requestId, (g) => way.openings.open(g, userId, series, req));
    } else {
      done = await way.openings.open(userId, series, req, this.ledger.now());
      // The answer does not wait for the entry to join the chain (milliseconds later, batched with
      // the other openings'): the head and the digests only ever cover sealed entries.
      if (done.kind === 'new') this.sealer.kick();
    }
    if (done.kind === 'new') return done.view;
    const [view] = await readOpenings(this.h.db, { openingId: done.id });
    return view!;
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
