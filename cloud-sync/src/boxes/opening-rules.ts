import { randomBytes } from 'node:crypto';
import type { Guarantee, Tier } from '../../../src/shared/boxes/fair.js';
import { drawWeights, fairDraw } from '../../../src/shared/boxes/fair.js';
import type { OpeningView } from '../../../src/shared/boxes/wire.js';
import type { AuditFacts } from '../audit/chain.js';
import type { BoxOpeningsTable } from './tables.js';
import { ApiError } from '../errors.js';
import type { SeedKeeper } from './seeds.js';
import { seedHmac } from './seeds.js';
import { openingView } from './views.js';

/**
 * What an opening decides, shared by its two ways of running (openings.ts: a Kysely transaction;
 * opening-sqlite.ts: one operation of SQLite's group commit), so the rules cannot drift apart.
 */

/** The hold of an opening is captured or released in its own transaction; this only bounds a crash. */
export const HOLD_TTL_SECONDS = 60;

/** Everything about a series that is fixed once it opens (items, odds, price, window, guarantee): read once per process. */
export interface FrozenSeries {
  id: string;
  price: number;
  daily_limit: number;
  starts_at: number;
  ends_at: number | null;
  guarantee: Guarantee | null;
  items: { id: string; name: string; tier: Tier; odds_ppm: number; limited: boolean }[];
}

export interface OpeningRequest {
  /** The opening's id (openingIdOf: the same on every retry). */
  id: string;
  requestId: string;
  requestHash: string;
  clientSeed: string | null;
}

/** An opening done, or the earlier opening under the same request id (its view is read after the commit). */
export type GroupedOpening = { kind: 'new'; view: OpeningView } | { kind: 'prior'; id: string };

export interface ActiveSeed {
  id: string;
  seed_sealed: string;
  commitment: string;
}

/** Refuses an opening when the series has no active seed (it closed), is not open, or is outside its sale window. */
export function assertOnSale(series: FrozenSeries, seed: ActiveSeed | null | undefined, status: string | null | undefined, now: number): asserts seed is ActiveSeed {
  if (!seed || status !== 'open' || now < series.starts_at || (series.ends_at !== null && now >= series.ends_at)) {
    throw new ApiError(409, 'SERIES_NOT_ON_SALE', `series ${series.id} is not on sale now`);
  }
}

export function assertUnderDailyLimit(series: FrozenSeries, today: number): void {
  if (today >= series.daily_limit) throw new ApiError(429, 'DAILY_BOX_LIMIT', `at most ${series.daily_limit} boxes of this series a day (Asia/Taipei)`, { daily_limit: series.daily_limit });
}

/** The provably fair draw of this opening (the buyer's client seed, or a random one when they gave none). */
export function drawOpening(seeds: SeedKeeper, series: FrozenSeries, seed: ActiveSeed, req: OpeningRequest, nonce: number, underGuarantee: boolean) {
  const clientSeed = req.clientSeed ?? randomBytes(16).toString('hex');
  const draw = fairDraw(seedHmac(seeds.unseal(seed.id, seed.seed_sealed)), clientSeed, nonce, drawWeights(series.items, underGuarantee ? series.guarantee : null));
  return { clientSeed, item: series.items[draw.index]! };
}

/** The opening's row, its audit entry and the buyer's view of it. */
export function openingRecord(
  userId: string,
  series: FrozenSeries,
  seed: ActiveSeed,
  req: OpeningRequest,
  d: { clientSeed: string; item: FrozenSeries['items'][number]; nonce: number; underGuarantee: boolean; granted: boolean; captureId: string | null; ownedId: string | null; now: number },
): { row: BoxOpeningsTable; audit: AuditFacts; view: OpeningView } {
  const row: BoxOpeningsTable = {
    id: req.id,
    user_id: userId,
    series_id: series.id,
    seed_id: seed.id,
    request_id: req.requestId,
    request_hash: req.requestHash,
    client_seed: d.clientSeed,
    nonce: d.nonce,
    guaranteed: d.underGuarantee ? 1 : 0,
    item_id: d.item.id,
    outcome: d.granted ? 'granted' : 'sold_out',
    credits: d.granted ? series.price : 0,
    capture_id: d.captureId,
    owned_id: d.ownedId,
    created_at: d.now,
  };
  const audit: AuditFacts = {
    kind: 'opening',
    ref: `opening:${req.id}`,
    actor: userId,
    payload: { series_id: series.id, seed_id: seed.id, commitment: seed.commitment, client_seed: d.clientSeed, nonce: d.nonce, guaranteed: d.underGuarantee, item_id: d.item.id, outcome: row.outcome, credits: row.credits, owned_id: d.ownedId },
  };
  return { row, audit, view: openingView(row, { commitment: seed.commitment, revealed_seed: null }, d.item) };
}
