import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { drawMessage, drawWeights, fairDraw, guaranteeApplies } from '../../src/shared/boxes/fair.js';

/**
 * The fair draw's statistics (issue 18): 1,000,000 draws on a fixed server seed match the published
 * odds by a chi-square test at p > 0.001, and the mapping has no modulo bias — words at or above the
 * rejection limit are skipped, so odds that do not divide 2^32 are drawn exactly.
 */

const SEED = Buffer.from('7f3a9c1e5b2d4f60718293a4b5c6d7e8f90112233445566778899aabbccddeef', 'hex');
const hmac = (message: string) => createHmac('sha256', SEED).update(message, 'utf8').digest();

/** Upper-tail critical values of the chi-square distribution at p = 0.001, by degrees of freedom. */
const CHI2_CRITICAL_P001: Record<number, number> = { 1: 10.828, 2: 13.816, 3: 16.266, 4: 18.467, 5: 20.515 };

function chiSquare(weights: number[], draws: number, clientSeed: string): { chi2: number; counts: number[] } {
  const counts = weights.map(() => 0);
  for (let nonce = 0; nonce < draws; nonce++) counts[fairDraw(hmac, clientSeed, nonce, weights).index]!++;
  const total = weights.reduce((a, b) => a + b, 0);
  const chi2 = counts.reduce((s, c, i) => {
    const expected = (draws * weights[i]!) / total;
    return s + (c - expected) ** 2 / expected;
  }, 0);
  return { chi2, counts };
}

/** A stand-in HMAC that answers the given 32-bit words, eight per digest (one digest per round). */
function wordsHmac(rounds: number[][], seen: string[]) {
  return (message: string): Uint8Array => {
    seen.push(message);
    const words = rounds[seen.length - 1] ?? [];
    const out = Buffer.alloc(32);
    words.forEach((w, i) => out.writeUInt32BE(w, i * 4));
    return out;
  };
}

describe('fair draw', () => {
  it('1,000,000 draws on a fixed seed match the published odds (chi-square, p > 0.001)', () => {
    const odds = [600_000, 300_000, 90_000, 9_000, 1_000];
    const { chi2, counts } = chiSquare(odds, 1_000_000, 'chi-square');
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1_000_000);
    expect(chi2).toBeLessThan(CHI2_CRITICAL_P001[odds.length - 1]!);
    // The rarest item (0.1 %) is drawn about a thousand times.
    expect(counts[4]).toBeGreaterThan(850);
    expect(counts[4]).toBeLessThan(1150);
  });

  it('odds that do not divide 2^32 (333,333 / 333,333 / 333,334) are drawn without bias', () => {
    const odds = [333_333, 333_333, 333_334];
    const { chi2 } = chiSquare(odds, 300_000, 'thirds');
    expect(chi2).toBeLessThan(CHI2_CRITICAL_P001[2]!);
  });

  it('skips every word at or above the rejection limit 2^32 − (2^32 mod W), reading on (and into the next round)', () => {
    const W = 1_000_000;
    const limit = 2 ** 32 - (2 ** 32 % W); // 4,294,000,000
    const odds = [333_333, 333_333, 333_334];
    // Words at the limit and above are skipped; the first below it decides (x mod W = 666,666 → the third item).
    const seen: string[] = [];
    const d = fairDraw(wordsHmac([[limit, 2 ** 32 - 1, limit + 12_345, 4_293_666_666]], seen), 'c', 7, odds);
    expect(d).toEqual({ index: 2, word: 4_293_666_666, round: 0 });
    expect(4_293_666_666 % W).toBe(666_666);
    // The largest word still used: limit − 1 ≡ W − 1, the last item.
    expect(fairDraw(wordsHmac([[limit - 1]], []), 'c', 0, odds).index).toBe(2);
    // A digest of eight rejected words: round 1 hashes `${clientSeed}:${nonce}:1`.
    const seen2: string[] = [];
    const d2 = fairDraw(wordsHmac([Array(8).fill(limit), [5]], seen2), 'c', 7, odds);
    expect(seen2).toEqual(['c:7', 'c:7:1']);
    expect(seen2).toEqual([drawMessage('c', 7, 0), drawMessage('c', 7, 1)]);
    expect(d2).toEqual({ index: 0, word: 5, round: 1 });
  });

  it('a total where plain modulo would favour the first third (W = 3·2^30) is still uniform', () => {
    // Plain `word mod W` would give item 0 half of all draws (words 0…2^30−1 and W…2^32−1 both land in it).
    const third = 2 ** 30;
    const { chi2, counts } = chiSquare([third, third, third], 60_000, 'modulo');
    expect(chi2).toBeLessThan(CHI2_CRITICAL_P001[2]!);
    expect(counts[0]! / 60_000).toBeLessThan(0.36);
  });

  it('the guarantee draws among the guaranteed tier and better only, after N−1 openings without it', () => {
    const items = [
      { tier: 'regular' as const, odds_ppm: 900_000 },
      { tier: 'rare' as const, odds_ppm: 90_000 },
      { tier: 'secret' as const, odds_ppm: 10_000 },
    ];
    const g = { after: 3, tier: 'rare' as const };
    expect(guaranteeApplies(g, ['regular'])).toBe(false);
    expect(guaranteeApplies(g, ['regular', 'regular'])).toBe(true);
    expect(guaranteeApplies(g, ['regular', 'regular', 'secret', 'regular'])).toBe(false);
    expect(drawWeights(items, g)).toEqual([0, 90_000, 10_000]);
    for (let nonce = 0; nonce < 2000; nonce++) expect(fairDraw(hmac, 'g', nonce, drawWeights(items, g)).index).toBeGreaterThan(0);
  });
});
