/**
 * The provably fair draw of a blind-box opening (issue 18). Pure: the caller
 * brings HMAC-SHA256 keyed with the server seed (Node's crypto in cloud-sync,
 * the studio's verifier and the tests), so the one mapping below is what the
 * server draws with and what every verifier recomputes.
 *
 * The method, as published on the verify page and in docs/blind-boxes.md:
 * 1. The server seed is 32 random bytes, written as 64 hex digits. Before any
 *    box is sold its commitment, SHA-256 of those 32 bytes in hex, is published.
 * 2. Opening number `nonce` (0, 1, 2 … : the buyer's earlier openings in the
 *    series) with the buyer's client seed computes, for round r = 0, 1, …,
 *    digest_r = HMAC-SHA256(key = the 32 seed bytes, message = UTF-8 of
 *    `${clientSeed}:${nonce}` when r = 0, `${clientSeed}:${nonce}:${r}` after).
 * 3. Each digest is read as eight big-endian unsigned 32-bit words, in order.
 *    With W the sum of the item weights (parts per million of the published
 *    odds, W = 1,000,000; under the guarantee, the guaranteed items' weights
 *    alone), a word x is used only if x < 2^32 − (2^32 mod W) — rejection
 *    sampling, so x mod W is exactly uniform over 0 … W−1 and there is no
 *    modulo bias; otherwise the next word is read.
 * 4. The item is the first, in the series' published item order, whose
 *    cumulative weight exceeds x mod W.
 */

export const SEED_BYTES = 32;
/** Odds are whole parts per million: 100 % = 1,000,000 (four decimals of a percent). */
export const ODDS_SCALE = 1_000_000;
const WORD_SPACE = 2 ** 32;
/** A digest is rejected whole with probability < W/2^32 per word; 64 rounds never run out in practice. */
const MAX_ROUNDS = 64;

export type Hmac = (message: string) => Uint8Array;

/** The HMAC message of round `round` of opening `nonce`. */
export function drawMessage(clientSeed: string, nonce: number, round: number): string {
  return round === 0 ? `${clientSeed}:${nonce}` : `${clientSeed}:${nonce}:${round}`;
}

/** The index of the item drawn: weights in published item order (an item with weight 0 is never drawn). */
export function fairDraw(hmac: Hmac, clientSeed: string, nonce: number, weights: readonly number[]): { index: number; word: number; round: number } {
  const total = weights.reduce((s, w) => s + w, 0);
  if (!Number.isInteger(total) || total <= 0 || weights.some((w) => !Number.isInteger(w) || w < 0)) throw new Error('weights must be non-negative whole numbers with a positive sum');
  const limit = WORD_SPACE - (WORD_SPACE % total);
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const digest = hmac(drawMessage(clientSeed, nonce, round));
    for (let i = 0; i + 4 <= digest.length; i += 4) {
      const word = ((digest[i]! << 24) | (digest[i + 1]! << 16) | (digest[i + 2]! << 8) | digest[i + 3]!) >>> 0;
      if (word >= limit) continue;
      return { index: pickByWeight(word % total, weights), word, round };
    }
  }
  throw new Error('no usable word in 64 rounds of HMAC output');
}

function pickByWeight(x: number, weights: readonly number[]): number {
  let cumulative = 0;
  for (let i = 0; i < weights.length; i++) {
    cumulative += weights[i]!;
    if (x < cumulative) return i;
  }
  throw new Error('unreachable: x is below the total weight');
}

/** Tier order, lowest first: the guarantee (保底) names the lowest tier it guarantees. */
export const TIERS = ['regular', 'rare', 'secret'] as const;
export type Tier = (typeof TIERS)[number];

export function tierAtLeast(tier: Tier, floor: Tier): boolean {
  return TIERS.indexOf(tier) >= TIERS.indexOf(floor);
}

export interface DrawItem {
  tier: Tier;
  odds_ppm: number;
}

export interface Guarantee {
  /** The Nth opening in a row without an item of `tier` or better is drawn among those items only. */
  after: number;
  tier: Tier;
}

/**
 * Whether opening `nonce` falls under the guarantee: the buyer's previous after−1 openings in the
 * series (their tiers, oldest first, as the buyer's own export lists them) had no item at or above
 * the guaranteed tier since the last one that did.
 */
export function guaranteeApplies(guarantee: Guarantee | null, previousTiers: readonly Tier[]): boolean {
  if (!guarantee) return false;
  let dry = 0;
  for (const t of previousTiers) dry = tierAtLeast(t, guarantee.tier) ? 0 : dry + 1;
  return dry >= guarantee.after - 1;
}

/** The weights an opening draws with: the published odds, or under the guarantee only the guaranteed items' odds. */
export function drawWeights(items: readonly DrawItem[], underGuarantee: Guarantee | null): number[] {
  return items.map((it) => (underGuarantee && !tierAtLeast(it.tier, underGuarantee.tier) ? 0 : it.odds_ppm));
}
