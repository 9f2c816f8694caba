/**
 * Plain-array image operations of the cleanup (no canvas, no native code beyond
 * sharp's decoding): rotation, Otsu's threshold, speck removal, dilation by a
 * Euclidean distance transform, and connected regions.
 */
import { FAR, squaredDistanceTransform } from '../media/distance.js';

export interface Raster {
  width: number;
  height: number;
  channels: number;
  data: Uint8Array;
}

/** One byte a pixel: 1 = set. */
export interface Mask {
  width: number;
  height: number;
  data: Uint8Array;
}

/**
 * The image turned by `degrees` clockwise about its centre (y down), same size,
 * bilinear; what comes in from outside the frame is `fill`.
 */
export function rotate(src: Raster, degrees: number, fill: number[]): Raster {
  const { width: w, height: h, channels: ch, data } = src;
  const out = new Uint8Array(w * h * ch);
  const rad = (degrees * Math.PI) / 180;
  const cos = Math.cos(rad);
  const sin = Math.sin(rad);
  const cx = (w - 1) / 2;
  const cy = (h - 1) / 2;
  for (let y = 0; y < h; y++) {
    const dy = y - cy;
    for (let x = 0; x < w; x++) {
      // The source pixel is where the inverse rotation takes this one.
      const dx = x - cx;
      const sx = cos * dx + sin * dy + cx;
      const sy = -sin * dx + cos * dy + cy;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      const fx = sx - x0;
      const fy = sy - y0;
      const o = (y * w + x) * ch;
      const in00 = x0 >= 0 && y0 >= 0 && x0 < w && y0 < h;
      const in10 = x0 + 1 >= 0 && y0 >= 0 && x0 + 1 < w && y0 < h;
      const in01 = x0 >= 0 && y0 + 1 >= 0 && x0 < w && y0 + 1 < h;
      const in11 = x0 + 1 >= 0 && y0 + 1 >= 0 && x0 + 1 < w && y0 + 1 < h;
      const i00 = (y0 * w + x0) * ch;
      for (let c = 0; c < ch; c++) {
        const f = fill[c]!;
        const a = in00 ? data[i00 + c]! : f;
        const b = in10 ? data[i00 + ch + c]! : f;
        const d = in01 ? data[i00 + w * ch + c]! : f;
        const e = in11 ? data[i00 + w * ch + ch + c]! : f;
        const top = a + (b - a) * fx;
        const bottom = d + (e - d) * fx;
        out[o + c] = Math.round(top + (bottom - top) * fy);
      }
    }
  }
  return { width: w, height: h, channels: ch, data: out };
}

/** Otsu's threshold of a one-channel image: the grey level that best splits it into two classes. */
export function otsu(grey: Uint8Array): number {
  const hist = new Float64Array(256);
  for (const v of grey) hist[v]!++;
  const total = grey.length;
  let sumAll = 0;
  for (let i = 0; i < 256; i++) sumAll += i * hist[i]!;
  let sumB = 0;
  let weightB = 0;
  let best = -1;
  let threshold = 127;
  for (let t = 0; t < 256; t++) {
    weightB += hist[t]!;
    if (weightB === 0) continue;
    const weightF = total - weightB;
    if (weightF === 0) break;
    sumB += t * hist[t]!;
    const meanB = sumB / weightB;
    const meanF = (sumAll - sumB) / weightF;
    const between = weightB * weightF * (meanB - meanF) * (meanB - meanF);
    if (between > best) {
      best = between;
      threshold = t;
    }
  }
  return threshold;
}

/**
 * Labels the connected regions of pixels whose mask value equals `value`
 * (8-connected for ink, 4-connected for paper so lines that touch diagonally
 * still close a region). Returns labels (0 = other) and each region's size.
 */
export function label(mask: Mask, value: 0 | 1, connectivity: 4 | 8): { labels: Int32Array; sizes: number[]; touchesEdge: boolean[] } {
  const { width: w, height: h, data } = mask;
  const labels = new Int32Array(w * h);
  const sizes = [0];
  const touchesEdge = [false];
  const stack = new Int32Array(w * h);
  for (let start = 0; start < w * h; start++) {
    if (labels[start] !== 0 || data[start] !== value) continue;
    const id = sizes.length;
    let size = 0;
    let edge = false;
    let top = 0;
    stack[top++] = start;
    labels[start] = id;
    while (top > 0) {
      const p = stack[--top]!;
      size++;
      const x = p % w;
      const y = (p - x) / w;
      if (x === 0 || y === 0 || x === w - 1 || y === h - 1) edge = true;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          if ((dx === 0 && dy === 0) || (connectivity === 4 && dx !== 0 && dy !== 0)) continue;
          const nx = x + dx;
          const ny = y + dy;
          if (nx < 0 || ny < 0 || nx >= w || ny >= h) continue;
          const q = ny * w + nx;
          if (labels[q] === 0 && data[q] === value) {
            labels[q] = id;
            stack[top++] = q;
          }
        }
      }
    }
    sizes.push(size);
    touchesEdge.push(edge);
  }
  return { labels, sizes, touchesEdge };
}

/** Clears ink blobs smaller than `minArea` pixels (dust, paper grain, scanner noise). */
export function removeSpecks(mask: Mask, minArea: number): number {
  if (minArea <= 1) return 0;
  const { labels, sizes } = label(mask, 1, 8);
  let removed = 0;
  for (let i = 0; i < mask.data.length; i++) {
    if (mask.data[i] && sizes[labels[i]!]! < minArea) {
      mask.data[i] = 0;
      removed++;
    }
  }
  return removed;
}

/** Squared distance from every pixel to the nearest set pixel. */
export function distanceToInk(mask: Mask): Float64Array {
  const cost = new Float64Array(mask.width * mask.height);
  for (let i = 0; i < cost.length; i++) cost[i] = mask.data[i] ? 0 : FAR;
  return squaredDistanceTransform(cost, mask.width, mask.height);
}

/** Grows the ink by `radius` pixels (a round brush), so thin pencil lines come out as solid strokes. */
export function dilate(mask: Mask, radius: number): void {
  if (radius <= 0) return;
  const dist = distanceToInk(mask);
  const r2 = radius * radius;
  for (let i = 0; i < mask.data.length; i++) if (dist[i]! <= r2) mask.data[i] = 1;
}
