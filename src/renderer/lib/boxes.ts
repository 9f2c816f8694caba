import { ODDS_SCALE, type Guarantee, type Tier } from '../../shared/boxes/fair.js';
import type { OwnedItemView, SeedView, SeriesView } from '../../shared/boxes/wire.js';
import { marketFee } from '../../shared/pricing.js';

/**
 * The pure logic of the blind-box pages (issue 18): odds as the buyer reads
 * them, the seed a sale draws from, duplicates in a collection, what a seller
 * receives. Kept out of the components so it is tested without a browser.
 */

/** Parts per million as a percent with exactly four decimals (125000 → "12.5000"), in whole numbers so no float rounding shows. */
export function formatOdds(ppm: number): string {
  const whole = Math.floor(ppm / (ODDS_SCALE / 100));
  const fraction = ppm % (ODDS_SCALE / 100);
  return `${whole}.${String(fraction).padStart(4, '0')}`;
}

/** The seed the next opening draws from: the newest one not yet revealed (null before sales open). */
export function currentSeed(seeds: readonly SeedView[]): SeedView | null {
  const open = seeds.filter((s) => s.revealed_at === null);
  if (open.length === 0) return null;
  return open.reduce((a, b) => (b.committed_at > a.committed_at ? b : a));
}

/**
 * Within how many more openings the buyer gets the guaranteed tier at the latest: after `since` dry
 * openings, the (after − since)th next one is drawn among the guaranteed items only (fair.ts guaranteeApplies).
 */
export function guaranteeWithin(guarantee: Guarantee, sinceGuaranteed: number): number {
  return Math.max(1, guarantee.after - sinceGuaranteed);
}

/** Whether the series sells now (open, started, not ended). */
export function onSale(series: Pick<SeriesView, 'status' | 'starts_at' | 'ends_at'>, now: number): boolean {
  return series.status === 'open' && series.starts_at <= now && (series.ends_at === null || series.ends_at > now);
}

/** A series' items still in stock in total (null: at least one item is unlimited). */
export function totalRemaining(series: Pick<SeriesView, 'items'>): number | null {
  let total = 0;
  for (const item of series.items) {
    if (item.remaining === null) return null;
    total += item.remaining;
  }
  return total;
}

export interface DuplicateGroup {
  itemId: string;
  itemName: string;
  tier: Tier;
  seriesTitle: string;
  imageUrl: string | null;
  /** Every copy, newest first. */
  copies: OwnedItemView[];
  /** Copies still in the collection (not sold): the count shown. */
  held: number;
}

const TIER_RANK: Record<Tier, number> = { secret: 0, rare: 1, regular: 2 };

/** A collection grouped by item: the rarest first, then by name; each group's copies newest first. */
export function groupDuplicates(items: readonly OwnedItemView[]): DuplicateGroup[] {
  const groups = new Map<string, DuplicateGroup>();
  for (const item of items) {
    let group = groups.get(item.item_id);
    if (!group) {
      group = { itemId: item.item_id, itemName: item.item_name, tier: item.tier, seriesTitle: item.series_title, imageUrl: item.image_url, copies: [], held: 0 };
      groups.set(item.item_id, group);
    }
    group.copies.push(item);
    if (item.status !== 'sold') group.held += 1;
  }
  for (const group of groups.values()) group.copies.sort((a, b) => b.acquired_at - a.acquired_at);
  return [...groups.values()].sort((a, b) => TIER_RANK[a.tier] - TIER_RANK[b.tier] || a.itemName.localeCompare(b.itemName) || a.itemId.localeCompare(b.itemId));
}

/** What a listing at `price` pays the seller: the price less the platform's fee. */
export function sellerReceives(price: number): { fee: number; receives: number } {
  const fee = marketFee(price);
  return { fee, receives: Math.max(0, price - fee) };
}

/** A client seed a buyer may keep or replace: 16 random bytes in hex (32 characters, under the 64 allowed). */
export function randomClientSeed(random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b)): string {
  return [...random(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** An id or a hash shortened for a table cell (the whole value stays in the title and a copy button). */
export function shortHex(value: string, keep = 12): string {
  return value.length <= keep * 2 + 1 ? value : `${value.slice(0, keep)}…${value.slice(-keep)}`;
}
