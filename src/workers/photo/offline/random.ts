/** A value in [lo, hi) from the generator. */
export function between(rand: () => number, lo: number, hi: number): number {
  return lo + rand() * (hi - lo);
}
