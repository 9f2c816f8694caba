import type { Mask } from './raster.js';

/**
 * Skew of a drawing by projection profiles: turned back by the right angle, the
 * ink of its straight strokes (panel borders, ruled lines, horizons) piles up in
 * few rows and columns, so the sum of squared row and column counts peaks. Tried
 * over ±maxDegrees in half-degree steps, then refined to a tenth of a degree.
 * Returns the clockwise skew in degrees (turn the image by minus this to fix it).
 */
const MAX_POINTS = 60_000;

export function estimateSkew(mask: Mask, maxDegrees = 15): number {
  const { width: w, height: h, data } = mask;
  const xs: number[] = [];
  const ys: number[] = [];
  let count = 0;
  for (const v of data) count += v;
  if (count < 50) return 0;
  // A regular subsample keeps big scans fast; the profiles only need the shape of the ink.
  const stride = Math.max(1, Math.ceil(count / MAX_POINTS));
  let seen = 0;
  const cx = w / 2;
  const cy = h / 2;
  for (let i = 0; i < data.length; i++) {
    if (!data[i]) continue;
    if (seen++ % stride !== 0) continue;
    xs.push((i % w) - cx);
    ys.push(Math.floor(i / w) - cy);
  }
  const size = Math.ceil(Math.hypot(w, h)) + 2;
  const rows = new Float64Array(size);
  const cols = new Float64Array(size);
  const score = (degrees: number): number => {
    const rad = (-degrees * Math.PI) / 180;
    const cos = Math.cos(rad);
    const sin = Math.sin(rad);
    rows.fill(0);
    cols.fill(0);
    const half = size / 2;
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i]!;
      const y = ys[i]!;
      cols[Math.floor(cos * x - sin * y + half)]!++;
      rows[Math.floor(sin * x + cos * y + half)]!++;
    }
    let s = 0;
    for (let i = 0; i < size; i++) s += rows[i]! * rows[i]! + cols[i]! * cols[i]!;
    return s;
  };
  let best = 0;
  let bestScore = -1;
  for (let d = -maxDegrees; d <= maxDegrees + 1e-9; d += 0.5) {
    const s = score(d);
    if (s > bestScore) {
      bestScore = s;
      best = d;
    }
  }
  const coarse = best;
  for (let d = coarse - 0.5; d <= coarse + 0.5 + 1e-9; d += 0.1) {
    const s = score(d);
    if (s > bestScore) {
      bestScore = s;
      best = d;
    }
  }
  return Math.round(best * 10) / 10;
}
