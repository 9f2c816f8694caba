import { createHash } from 'node:crypto';

/**
 * Deterministic randomness for the offline provider: the same request gives
 * the same draft on every machine, so tests, demos and the manifest hashes
 * are stable, while different topics still look different.
 */
export interface Rng {
  /** 0 ≤ n < 1 */
  next(): number;
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
}

export function seedOf(...parts: unknown[]): number {
  const digest = createHash('sha256').update(JSON.stringify(parts)).digest();
  return digest.readUInt32LE(0);
}

/** mulberry32: tiny, fast, good enough for layout and phrase choice. */
export function rngFrom(seed: number): Rng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[Math.floor(next() * items.length)] as T;
    },
  };
}
