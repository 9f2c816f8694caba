import { createHash } from 'node:crypto';
import { mulberry32 } from '../../../../shared/random.js';

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
  const next = mulberry32(seed);
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[Math.floor(next() * items.length)] as T;
    },
  };
}
