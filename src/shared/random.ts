/**
 * mulberry32: a tiny, fast seeded generator, good enough for layout, phrase
 * choice and particles. Everything the studio makes "at random" but must make
 * the same way again from the same seed (offline drafts, overlays, composites,
 * allocation) draws from it. Returns numbers in [0, 1).
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
