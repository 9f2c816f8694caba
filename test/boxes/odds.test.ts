import { describe, expect, it } from 'vitest';
import { ODDS_SCALE } from '../../src/shared/boxes/fair.js';
import { percentsToPpm } from '../../src/main/boxes/odds.js';

describe('the editor’s percents as whole ppm', () => {
  it('sums to exactly 1,000,000, the rounding remainder on the largest item', () => {
    expect(percentsToPpm([60, 40])).toEqual([600_000, 400_000]);
    // Thirds round down three times: the missing ppm goes to the first of the largest.
    expect(percentsToPpm([33.33333, 33.33333, 33.33334])).toEqual([333_334, 333_333, 333_333]);
    // Rounding up too far gives back to the largest (here the 50 %).
    const p = percentsToPpm([16.66667, 16.66667, 16.66666, 50]);
    expect(p.reduce((s, w) => s + w, 0)).toBe(ODDS_SCALE);
    expect(p).toEqual([166_667, 166_667, 166_667, 499_999]);
    // Float dust from typed decimals is no error.
    expect(percentsToPpm([0.1, 0.2, 99.7]).reduce((s, w) => s + w, 0)).toBe(ODDS_SCALE);
  });

  it('refuses a total more than 0.0001 % away from 100, saying the sum', () => {
    expect(() => percentsToPpm([60, 39.9])).toThrow(expect.objectContaining({ code: 'BAD_INPUT', key: 'boxes.oddsNot100', params: { sum: 99.9 } }));
    expect(() => percentsToPpm([50, 50.001])).toThrow(expect.objectContaining({ key: 'boxes.oddsNot100' }));
  });
});
