import type { Kysely } from 'kysely';
import type { Guarantee, Tier } from '../../../src/shared/boxes/fair.js';
import { tierAtLeast } from '../../../src/shared/boxes/fair.js';
import { BOX_ROUTES, type OpeningView, type SeedView, type SeriesItemView, type SeriesView } from '../../../src/shared/boxes/wire.js';
import type { Database } from '../db/schema.js';
import { refereeName } from '../referrals/mask.js';
import type { BoxItemsTable, BoxOpeningsTable, BoxSeedsTable, BoxSeriesTable } from './tables.js';
import { taipeiDayStart } from './compliance.js';

/** Rows of the blind-box tables as the wire views (src/shared/boxes/wire.ts). */

type Db = Kysely<Database>;
export type ItemRow = Omit<BoxItemsTable, 'image'> & { has_image: number | boolean };

export const imageUrl = (itemId: string): string => BOX_ROUTES.itemImage.replace(':id', itemId);

export function guaranteeOf(s: Pick<BoxSeriesTable, 'guarantee_after' | 'guarantee_tier'>): Guarantee | null {
  return s.guarantee_after !== null && s.guarantee_tier !== null ? { after: Number(s.guarantee_after), tier: s.guarantee_tier } : null;
}

/** The items of a series in published order, without their image bytes. */
export function readItems(db: Db, seriesId: string): Promise<ItemRow[]> {
  return db
    .selectFrom('box_items')
    .select(['id', 'series_id', 'position', 'name', 'tier', 'odds_ppm', 'stock', 'remaining', 'character_id', 'character_name', 'image_type', 'pack_name', 'pack_bytes', 'pack_sha256'])
    .select((eb) => eb.case().when('image', 'is not', null).then(1).else(0).end().as('has_image'))
    .where('series_id', '=', seriesId)
    .orderBy('position')
    .execute();
}

export function itemView(r: ItemRow): SeriesItemView {
  return {
    id: r.id,
    position: Number(r.position),
    name: r.name,
    tier: r.tier,
    odds_ppm: Number(r.odds_ppm),
    stock: r.stock === null ? null : Number(r.stock),
    remaining: r.remaining === null ? null : Number(r.remaining),
    character: r.character_id !== null && r.character_name !== null ? { id: r.character_id, name: r.character_name } : null,
    image_url: Number(r.has_image) ? imageUrl(r.id) : null,
    production_pack: r.pack_name !== null && r.pack_bytes !== null && r.pack_sha256 !== null ? { name: r.pack_name, bytes: Number(r.pack_bytes), sha256: r.pack_sha256 } : null,
  };
}

export function seedView(s: BoxSeedsTable, openings: number): SeedView {
  return { id: s.id, commitment: s.commitment, server_seed: s.revealed_seed, committed_at: Number(s.committed_at), revealed_at: s.revealed_at === null ? null : Number(s.revealed_at), openings };
}

/** How many openings of a buyer in a row granted nothing at or above the guaranteed tier (oldest first in, the streak out). */
export function dryStreak(guarantee: Guarantee | null, tiers: readonly Tier[]): number {
  if (!guarantee) return 0;
  let dry = 0;
  for (const t of tiers) dry = tierAtLeast(t, guarantee.tier) ? 0 : dry + 1;
  return dry;
}

/** A buyer's granted openings of a series, oldest first: the guarantee and the daily count read them. */
export async function grantedTiers(db: Db, userId: string, seriesId: string): Promise<{ tier: Tier; created_at: number }[]> {
  const rows = await db
    .selectFrom('box_openings as o')
    .innerJoin('box_items as i', 'i.id', 'o.item_id')
    .select(['i.tier', 'o.created_at'])
    .where('o.user_id', '=', userId)
    .where('o.series_id', '=', seriesId)
    .where('o.outcome', '=', 'granted')
    .orderBy('o.nonce')
    .execute();
  return rows.map((r) => ({ tier: r.tier, created_at: Number(r.created_at) }));
}

export async function seriesView(db: Db, s: BoxSeriesTable, viewer: string | null, now: number): Promise<SeriesView> {
  const [creator, items, seeds, counts] = await Promise.all([
    db.selectFrom('users').select(['nickname', 'email', 'phone']).where('id', '=', s.creator_id).executeTakeFirstOrThrow(),
    readItems(db, s.id),
    db.selectFrom('box_seeds').selectAll().where('series_id', '=', s.id).orderBy('committed_at').orderBy('id').execute(),
    db
      .selectFrom('box_openings')
      .select(['seed_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('series_id', '=', s.id)
      .groupBy('seed_id')
      .execute(),
  ]);
  const bySeed = new Map(counts.map((c) => [c.seed_id, Number(c.n)]));
  const guarantee = guaranteeOf(s);
  let mine: SeriesView['mine'] = null;
  if (viewer) {
    const granted = await grantedTiers(db, viewer, s.id);
    const dayStart = taipeiDayStart(now);
    const today = granted.filter((g) => g.created_at >= dayStart).length;
    mine = { opened_today: today, remaining_today: Math.max(0, Number(s.daily_limit) - today), since_guaranteed: dryStreak(guarantee, granted.map((g) => g.tier)) };
  }
  return {
    id: s.id,
    creator_id: s.creator_id,
    creator: refereeName(creator),
    title: s.title,
    description: s.description,
    status: s.status,
    price: Number(s.price),
    daily_limit: Number(s.daily_limit),
    starts_at: Number(s.starts_at),
    ends_at: s.ends_at === null ? null : Number(s.ends_at),
    guarantee,
    items: items.map(itemView),
    seeds: seeds.map((seed) => seedView(seed, bySeed.get(seed.id) ?? 0)),
    created_at: Number(s.created_at),
    opened_at: s.opened_at === null ? null : Number(s.opened_at),
    closed_at: s.closed_at === null ? null : Number(s.closed_at),
    mine,
  };
}

export function openingView(o: BoxOpeningsTable, seed: Pick<BoxSeedsTable, 'commitment' | 'revealed_seed'>, item: { name: string; tier: Tier }): OpeningView {
  return {
    id: o.id,
    series_id: o.series_id,
    seed_id: o.seed_id,
    commitment: seed.commitment,
    server_seed: seed.revealed_seed,
    client_seed: o.client_seed,
    nonce: Number(o.nonce),
    guaranteed: Number(o.guaranteed) === 1,
    item_id: o.item_id,
    item_name: item.name,
    tier: item.tier,
    outcome: o.outcome,
    credits: Number(o.credits),
    owned_id: o.owned_id,
    created_at: Number(o.created_at),
  };
}

/** Openings with their seed and item, as views (the caller filters). */
export async function readOpenings(db: Db, where: { userId?: string; seriesId?: string; openingId?: string }): Promise<OpeningView[]> {
  let q = db
    .selectFrom('box_openings as o')
    .innerJoin('box_seeds as s', 's.id', 'o.seed_id')
    .innerJoin('box_items as i', 'i.id', 'o.item_id')
    .selectAll('o')
    .select(['s.commitment', 's.revealed_seed', 'i.name as item_name', 'i.tier as item_tier']);
  if (where.userId) q = q.where('o.user_id', '=', where.userId);
  if (where.seriesId) q = q.where('o.series_id', '=', where.seriesId);
  if (where.openingId) q = q.where('o.id', '=', where.openingId);
  const rows = await q.orderBy('o.created_at').orderBy('o.nonce').orderBy('o.id').execute();
  return rows.map((r) => openingView(r, r, { name: r.item_name, tier: r.item_tier }));
}
