import { deltaE, labToHex, type Lab } from '../../shared/style/colour.js';
import type { PaletteColour } from '../../shared/style/features.js';
import { mulberry32 } from '../../shared/random.js';

/**
 * The palette: k-means (k = 8) in CIELAB over downsampled pixels, seeded
 * k-means++ so the same images always give the same palette. Clusters under
 * MIN_WEIGHT are stray pixels (anti-aliased edges, noise) and dropped; then
 * the two nearest clusters are merged while more than MIN_COLOURS remain and
 * they are closer than MERGE_DE — one colour split in two is one colour.
 */
const K = 8;
const MIN_COLOURS = 5;
const MERGE_DE = 10;
const MIN_WEIGHT = 0.015;
const ITERATIONS = 30;

/** Lab samples as a flat array [L, a, b, L, a, b, …]. */
export function paletteOf(samples: Float32Array): PaletteColour[] {
  const n = samples.length / 3;
  if (n === 0) return [];
  const centres = initCentres(samples, Math.min(K, n));
  const assign = new Int32Array(n);
  for (let it = 0; it < ITERATIONS; it++) {
    let moved = 0;
    for (let i = 0; i < n; i++) {
      const c = nearest(samples, i, centres);
      if (c !== assign[i]) moved++;
      assign[i] = c;
    }
    const sums = centres.map(() => [0, 0, 0, 0]);
    for (let i = 0; i < n; i++) {
      const s = sums[assign[i]!]!;
      s[0]! += samples[i * 3]!;
      s[1]! += samples[i * 3 + 1]!;
      s[2]! += samples[i * 3 + 2]!;
      s[3]! += 1;
    }
    sums.forEach((s, c) => {
      if (s[3]! > 0) centres[c] = [s[0]! / s[3]!, s[1]! / s[3]!, s[2]! / s[3]!];
    });
    if (it > 0 && moved === 0) break;
  }
  const counts = new Array<number>(centres.length).fill(0);
  for (let i = 0; i < n; i++) counts[assign[i]!]! += 1;
  let clusters = centres.map((lab, c) => ({ lab, weight: counts[c]! / n })).filter((c) => c.weight >= MIN_WEIGHT);
  clusters = mergeNear(clusters);
  const total = clusters.reduce((s, c) => s + c.weight, 0);
  return clusters
    .sort((a, b) => b.weight - a.weight)
    .map((c) => ({ lab: c.lab.map((v) => Math.round(v * 100) / 100) as unknown as Lab, hex: labToHex(c.lab), weight: Math.round((c.weight / total) * 10000) / 10000 }));
}

function mergeNear(clusters: { lab: Lab; weight: number }[]): { lab: Lab; weight: number }[] {
  const out = [...clusters];
  while (out.length > MIN_COLOURS) {
    let best = { i: -1, j: -1, d: Infinity };
    for (let i = 0; i < out.length; i++) {
      for (let j = i + 1; j < out.length; j++) {
        const d = deltaE(out[i]!.lab, out[j]!.lab);
        if (d < best.d) best = { i, j, d };
      }
    }
    if (best.d >= MERGE_DE) break;
    const a = out[best.i]!;
    const b = out[best.j]!;
    const w = a.weight + b.weight;
    const lab: Lab = [0, 1, 2].map((k) => (a.lab[k]! * a.weight + b.lab[k]! * b.weight) / w) as unknown as Lab;
    out.splice(best.j, 1);
    out[best.i] = { lab, weight: w };
  }
  return out;
}

function dist2(samples: Float32Array, i: number, c: Lab): number {
  const dl = samples[i * 3]! - c[0];
  const da = samples[i * 3 + 1]! - c[1];
  const db = samples[i * 3 + 2]! - c[2];
  return dl * dl + da * da + db * db;
}

function nearest(samples: Float32Array, i: number, centres: Lab[]): number {
  let best = 0;
  let bestD = Infinity;
  for (let c = 0; c < centres.length; c++) {
    const d = dist2(samples, i, centres[c]!);
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best;
}

/** k-means++: each next centre drawn with probability ∝ squared distance to the nearest chosen one. */
function initCentres(samples: Float32Array, k: number): Lab[] {
  const n = samples.length / 3;
  const rand = mulberry32(0x5eed);
  const at = (i: number): Lab => [samples[i * 3]!, samples[i * 3 + 1]!, samples[i * 3 + 2]!];
  const centres: Lab[] = [at(Math.floor(rand() * n))];
  const d = new Float64Array(n).fill(Infinity);
  while (centres.length < k) {
    const last = centres[centres.length - 1]!;
    let total = 0;
    for (let i = 0; i < n; i++) {
      d[i] = Math.min(d[i]!, dist2(samples, i, last));
      total += d[i]!;
    }
    // Every sample sits on a centre already: fewer distinct colours than k.
    if (total === 0) break;
    let r = rand() * total;
    let pick = n - 1;
    for (let i = 0; i < n; i++) {
      r -= d[i]!;
      if (r <= 0) {
        pick = i;
        break;
      }
    }
    centres.push(at(pick));
  }
  return centres;
}
