import { mulberry32 } from '../../../shared/random.js';

/** The seeded generator of the offline compositor: a variant's seed fixes every choice it makes (mulberry32). */
export function seededRandom(seed: number): () => number {
  return mulberry32(seed);
}

/** A value in [lo, hi) from the generator. */
export function between(rand: () => number, lo: number, hi: number): number {
  return lo + rand() * (hi - lo);
}
