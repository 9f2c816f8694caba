import { createHash, createHmac } from 'node:crypto';
import type { Guarantee, Tier } from '../../../src/shared/boxes/fair.js';
import { drawWeights, fairDraw, guaranteeApplies } from '../../../src/shared/boxes/fair.js';
import type { ProofView, SeriesView } from '../../../src/shared/boxes/wire.js';

/** What the check reads of a SeriesView and of its proofs. */
export interface PublishedSeries {
  id: string;
  guarantee: Guarantee | null;
  items: Pick<SeriesView['items'][number], 'id' | 'tier' | 'odds_ppm'>[];
  seeds: Pick<SeriesView['seeds'][number], 'id' | 'commitment' | 'server_seed'>[];
}
export type PublishedProof = Pick<ProofView, 'opening_id' | 'seed_id' | 'client_seed' | 'nonce' | 'guaranteed' | 'item_id' | 'outcome' | 'buyer'>;

/**
 * Recomputes the openings of a series from what it publishes (the series with its odds and seeds,
 * and its proofs): for a revealed seed, SHA-256 of its bytes must be the commitment and every
 * opening drawn with it must give the recorded item; for every buyer (by pseudonym) the nonces must
 * run 0, 1, 2 … and the guarantee must have applied exactly where the published rule says.
 */

export type Problem =
  | { kind: 'commitment'; seed_id: string }
  | { kind: 'item'; opening_id: string; recorded: string; recomputed: string }
  | { kind: 'nonce'; opening_id: string; expected: number; recorded: number }
  | { kind: 'guarantee'; opening_id: string; expected: boolean; recorded: boolean }
  | { kind: 'unknown_seed'; opening_id: string; seed_id: string }
  | { kind: 'unknown_item'; opening_id: string; item_id: string };

export interface SeedResult {
  seed_id: string;
  commitment: string;
  revealed: boolean;
  openings: number;
  /** Openings recomputed and matching (0 while the seed is not revealed). */
  verified: number;
  problems: Problem[];
}

export interface SeriesCheck {
  series_id: string;
  seeds: SeedResult[];
  /** Nonce, guarantee and reference problems, which need no seed. */
  sequence: Problem[];
  openings: number;
  verified: number;
  unrevealed: number;
  ok: boolean;
}

export function verifySeries(series: PublishedSeries, proofs: readonly PublishedProof[]): SeriesCheck {
  const items = new Map(series.items.map((it) => [it.id, it]));
  const sequence: Problem[] = [];
  const bySeed = new Map<string, SeedResult>();
  const seedBytes = new Map<string, Buffer>();
  for (const s of series.seeds) {
    const revealed = s.server_seed !== null && /^[0-9a-f]{64}$/.test(s.server_seed);
    const r: SeedResult = { seed_id: s.id, commitment: s.commitment, revealed, openings: 0, verified: 0, problems: [] };
    if (revealed) {
      const bytes = Buffer.from(s.server_seed!, 'hex');
      if (createHash('sha256').update(bytes).digest('hex') !== s.commitment) r.problems.push({ kind: 'commitment', seed_id: s.id });
      else seedBytes.set(s.id, bytes);
    }
    bySeed.set(s.id, r);
  }

  // Each buyer's openings in nonce order: the nonce sequence and the guarantee streak are theirs.
  const byBuyer = new Map<string, PublishedProof[]>();
  for (const p of proofs) byBuyer.set(p.buyer, [...(byBuyer.get(p.buyer) ?? []), p]);
  for (const list of byBuyer.values()) {
    list.sort((a, b) => a.nonce - b.nonce);
    const granted: Tier[] = [];
    list.forEach((p, expected) => {
      if (p.nonce !== expected) sequence.push({ kind: 'nonce', opening_id: p.opening_id, expected, recorded: p.nonce });
      const applies = guaranteeApplies(series.guarantee, granted);
      if (applies !== p.guaranteed) sequence.push({ kind: 'guarantee', opening_id: p.opening_id, expected: applies, recorded: p.guaranteed });
      const item = items.get(p.item_id);
      if (!item) {
        sequence.push({ kind: 'unknown_item', opening_id: p.opening_id, item_id: p.item_id });
        return;
      }
      if (p.outcome === 'granted') granted.push(item.tier);
      const seed = bySeed.get(p.seed_id);
      if (!seed) {
        sequence.push({ kind: 'unknown_seed', opening_id: p.opening_id, seed_id: p.seed_id });
        return;
      }
      seed.openings++;
      const bytes = seedBytes.get(p.seed_id);
      if (!bytes) return;
      // The weights the published rule gives this opening (the recorded flag was checked above).
      const weights = drawWeights(series.items, applies ? series.guarantee : null);
      const hmac = (message: string) => createHmac('sha256', bytes).update(message, 'utf8').digest();
      const drawn = series.items[fairDraw(hmac, p.client_seed, p.nonce, weights).index]!;
      if (drawn.id === p.item_id) seed.verified++;
      else seed.problems.push({ kind: 'item', opening_id: p.opening_id, recorded: p.item_id, recomputed: drawn.id });
    });
  }
  const seeds = [...bySeed.values()];
  const openings = seeds.reduce((s, r) => s + r.openings, 0);
  const verified = seeds.reduce((s, r) => s + r.verified, 0);
  const unrevealed = seeds.filter((r) => !r.revealed).reduce((s, r) => s + r.openings, 0);
  return { series_id: series.id, seeds, sequence, openings, verified, unrevealed, ok: sequence.length === 0 && seeds.every((r) => r.problems.length === 0) };
}
