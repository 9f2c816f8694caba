import { afterEach, describe, expect, it, vi } from 'vitest';
import { ODDS_SCALE, guaranteeApplies, type Tier } from '../../src/shared/boxes/fair.js';
import type { OwnedItemView, SeedView } from '../../src/shared/boxes/wire.js';
import { marketFee } from '../../src/shared/pricing.js';
import { currentSeed, formatOdds, groupDuplicates, guaranteeWithin, onSale, randomClientSeed, sellerReceives, totalRemaining } from '../../src/renderer/lib/boxes.js';
import { boxPageFor } from '../../src/renderer/lib/boxPages.js';
import { generatorPageFor } from '../../src/renderer/lib/generatorPages.js';
import { partnerPageFor } from '../../src/renderer/lib/partnerPages.js';
import { photoPageFor } from '../../src/renderer/lib/photoPage.js';

/** The pure logic behind the buyer's blind-box pages (issue 18): what the odds table, the collection and the list dialog show. */

function owned(id: string, itemId: string, name: string, tier: Tier, status: OwnedItemView['status'], acquiredAt: number): OwnedItemView {
  return { id, series_id: 's', series_title: 'Series', item_id: itemId, item_name: name, tier, image_url: null, status, source: { kind: 'opening', id: `o-${id}` }, acquired_at: acquiredAt, physical: false, delivery: null };
}

describe('the odds as the buyer reads them', () => {
  it('shows parts per million as a percent with exactly four decimals, without float rounding', () => {
    expect(formatOdds(125_000)).toBe('12.5000');
    expect(formatOdds(1)).toBe('0.0001');
    expect(formatOdds(ODDS_SCALE)).toBe('100.0000');
    expect(formatOdds(0)).toBe('0.0000');
    // 1/3 of the odds does not divide evenly: each printed figure is the whole ppm, and three of them add back to 100 %.
    const thirds = [333_333, 333_333, 333_334];
    expect(thirds.map(formatOdds)).toEqual(['33.3333', '33.3333', '33.3334']);
    expect(formatOdds(290_001)).toBe('29.0001');
  });

  it('says within how many openings the guarantee comes, agreeing with the draw’s own rule', () => {
    const g = { after: 10, tier: 'rare' as const };
    // For every streak the server may report, the opening `within` from now is the first one the draw guarantees.
    for (let since = 0; since < g.after; since++) {
      const within = guaranteeWithin(g, since);
      const dry: Tier[] = Array.from({ length: since }, () => 'regular');
      for (let k = 1; k < within; k++) expect(guaranteeApplies(g, [...dry, ...Array.from({ length: k - 1 }, () => 'regular' as const)])).toBe(false);
      expect(guaranteeApplies(g, [...dry, ...Array.from({ length: within - 1 }, () => 'regular' as const)])).toBe(true);
    }
    expect(guaranteeWithin(g, 0)).toBe(10);
    expect(guaranteeWithin(g, 9)).toBe(1);
  });

  it('picks the newest unrevealed seed as the one sales draw from', () => {
    const seed = (id: string, committed: number, revealed: number | null): SeedView => ({ id, commitment: id.repeat(4), server_seed: revealed ? 'ab' : null, committed_at: committed, revealed_at: revealed, openings: 0 });
    expect(currentSeed([])).toBeNull();
    expect(currentSeed([seed('a', 1, 5)])).toBeNull();
    expect(currentSeed([seed('a', 1, 5), seed('b', 5, null)])?.id).toBe('b');
  });

  it('knows when a series sells and how much stock it has left', () => {
    expect(onSale({ status: 'open', starts_at: 100, ends_at: null }, 100)).toBe(true);
    expect(onSale({ status: 'open', starts_at: 100, ends_at: 200 }, 200)).toBe(false);
    expect(onSale({ status: 'open', starts_at: 100, ends_at: null }, 99)).toBe(false);
    expect(onSale({ status: 'draft', starts_at: 0, ends_at: null }, 1)).toBe(false);
    const item = (remaining: number | null) => ({ remaining }) as never;
    expect(totalRemaining({ items: [item(3), item(4)] })).toBe(7);
    expect(totalRemaining({ items: [item(3), item(null)] })).toBeNull();
  });
});

describe('the collection and the market', () => {
  it('groups duplicates with a count of the copies still held, the rarest first, each group newest first', () => {
    const groups = groupDuplicates([
      owned('1', 'cat', 'Cat', 'regular', 'owned', 1),
      owned('2', 'cat', 'Cat', 'regular', 'listed', 3),
      owned('3', 'dog', 'Dog', 'secret', 'owned', 2),
      owned('4', 'cat', 'Cat', 'regular', 'sold', 2),
      owned('5', 'ant', 'Ant', 'regular', 'owned', 4),
    ]);
    expect(groups.map((g) => [g.itemId, g.held, g.copies.map((c) => c.id)])).toEqual([
      ['dog', 1, ['3']],
      ['ant', 1, ['5']],
      ['cat', 2, ['2', '4', '1']],
    ]);
    expect(groupDuplicates([])).toEqual([]);
  });

  it('shows the seller the price table’s fee and the rest they receive', () => {
    for (const price of [2, 3, 19, 20, 21, 100, 999, 100_000]) {
      const { fee, receives } = sellerReceives(price);
      expect(fee).toBe(marketFee(price));
      expect(fee + receives).toBe(price);
      expect(receives).toBeGreaterThanOrEqual(1);
    }
    expect(sellerReceives(100)).toEqual({ fee: 5, receives: 95 });
    expect(sellerReceives(21)).toEqual({ fee: 2, receives: 19 });
  });

  it('makes a fresh 32-hex-digit client seed from the random source', () => {
    expect(randomClientSeed((b) => b.fill(0xab))).toBe('ab'.repeat(16));
    const a = randomClientSeed();
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(randomClientSeed()).not.toBe(a);
  });
});

describe('the blind-box shortcuts', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('open the four pages with Ctrl+Shift+O, K, M and A, letters no other page shortcut takes', () => {
    // A Linux browser (Node 20 has no navigator of its own): Ctrl is the modifier.
    vi.stubGlobal('navigator', { platform: 'Linux x86_64', userAgent: 'Mozilla/5.0 (X11; Linux x86_64)' });
    const press = (letter: string) => ({ code: `Key${letter}`, ctrlKey: true, metaKey: false, shiftKey: true, altKey: false }) as KeyboardEvent;
    expect(['O', 'K', 'M', 'A'].map((l) => boxPageFor(press(l)))).toEqual(['box-shop', 'box-collection', 'box-market', 'box-verify']);
    for (const letter of 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') {
      const e = press(letter);
      const owners = [boxPageFor(e), generatorPageFor(e), partnerPageFor(e), photoPageFor(e)].filter((p) => p !== null);
      expect(owners.length, letter).toBeLessThanOrEqual(1);
    }
    expect(boxPageFor({ ...press('O'), shiftKey: false } as KeyboardEvent)).toBeNull();
  });
});
