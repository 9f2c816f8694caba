import type { Box } from './layout.js';
import type { RgbImage } from './cutout.js';

/**
 * Colour and light matching: each person's per-channel mean and spread are
 * moved part of the way toward those of the background behind them (Reinhard
 * transfer at partial strength). Full strength would paint people red in
 * front of a red wall; a part of it gives them the scene's light and cast
 * while they keep their own skin and clothes.
 */
export interface ChannelStats {
  mean: [number, number, number];
  std: [number, number, number];
}

function finish(sum: number[], sq: number[], n: number): ChannelStats {
  const c = Math.max(1, n);
  const mean = sum.map((s) => s / c) as [number, number, number];
  const std = sq.map((s, i) => Math.sqrt(Math.max(1, s / c - mean[i]! ** 2))) as [number, number, number];
  return { mean, std };
}

/** The statistics of the person's own pixels (alpha ≥ 128), sampled every `step` pixels. */
export function personStats(rgb: Buffer, alpha: Uint8Array, step = 3): ChannelStats {
  const sum = [0, 0, 0];
  const sq = [0, 0, 0];
  let n = 0;
  for (let i = 0; i < alpha.length; i += step) {
    if (alpha[i]! < 128) continue;
    for (let c = 0; c < 3; c++) {
      const v = rgb[i * 3 + c]!;
      sum[c]! += v;
      sq[c]! += v * v;
    }
    n++;
  }
  return finish(sum, sq, n);
}

/** The statistics of the background in a box (clipped to the image), sampled on a grid. */
export function regionStats(img: RgbImage, box: Box, step = 4): ChannelStats {
  const x0 = Math.max(0, Math.floor(box.x));
  const y0 = Math.max(0, Math.floor(box.y));
  const x1 = Math.min(img.width, Math.ceil(box.x + box.width));
  const y1 = Math.min(img.height, Math.ceil(box.y + box.height));
  const sum = [0, 0, 0];
  const sq = [0, 0, 0];
  let n = 0;
  for (let y = y0; y < y1; y += step) {
    for (let x = x0; x < x1; x += step) {
      const o = (y * img.width + x) * 3;
      for (let c = 0; c < 3; c++) {
        const v = img.data[o + c]!;
        sum[c]! += v;
        sq[c]! += v * v;
      }
      n++;
    }
  }
  return finish(sum, sq, n);
}

/**
 * Moves the person's colours toward the background's at `strength` (0…1): the
 * means by a third of the strength (the scene's light and cast), the spread by
 * half of it (its contrast), clamped so a flat wall cannot flatten a face.
 */
export function matchColours(rgb: Buffer, from: ChannelStats, to: ChannelStats, strength: number): void {
  const lut: Uint8Array[] = [0, 1, 2].map((c) => {
    const ratio = Math.min(1.25, Math.max(0.8, to.std[c]! / from.std[c]!)) ** (strength * 0.5);
    const target = from.mean[c]! + (to.mean[c]! - from.mean[c]!) * strength * 0.33;
    const table = new Uint8Array(256);
    for (let v = 0; v < 256; v++) {
      const out = (v - from.mean[c]!) * ratio + target;
      table[v] = out <= 0 ? 0 : out >= 255 ? 255 : Math.round(out);
    }
    return table;
  });
  const [r, g, b] = lut as [Uint8Array, Uint8Array, Uint8Array];
  for (let i = 0; i < rgb.length; i += 3) {
    rgb[i] = r[rgb[i]!]!;
    rgb[i + 1] = g[rgb[i + 1]!]!;
    rgb[i + 2] = b[rgb[i + 2]!]!;
  }
}
