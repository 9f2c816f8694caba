import type { CleanedSketch } from '../clean.js';
import { label } from '../raster.js';

/**
 * The pixels of the PSD's four layers, all the size of the (deskewed) sketch:
 * line art (black on transparent), shading (grey tones to multiply), flat colours
 * (the closed regions between lines, each one colour) and the background.
 */
export interface Rgba {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

export interface InkLayers {
  lineArt: Rgba;
  shading: Rgba;
  flat: Rgba;
  background: Rgba;
  /** Whether region colours came from the sketch (else from the palette). */
  colouredSource: boolean;
  regions: number;
}

type Rgb = [number, number, number];

export function hexToRgb(hex: string): Rgb {
  const v = Number.parseInt(hex.slice(1), 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}

/** Mean colour chroma (max − min channel) above which a sketch counts as coloured, after balancing to its paper. */
const COLOURED_CHROMA = 28;

/** Relative tones above this (≈ 8 % darker than the region's average) count as shading. */
const SHADING_FLOOR = 235;

function rgba(width: number, height: number): Rgba {
  return { width, height, data: new Uint8ClampedArray(width * height * 4) };
}

/** Median of each channel over the pixels where `take` holds: the paper's colour. */
function medianColour(sketch: CleanedSketch, take: (i: number) => boolean): Rgb {
  const hists = [new Uint32Array(256), new Uint32Array(256), new Uint32Array(256)];
  const { data, channels } = sketch.colour;
  let n = 0;
  for (let i = 0; i < sketch.width * sketch.height; i++) {
    if (!take(i)) continue;
    n++;
    for (let c = 0; c < 3; c++) hists[c]![data[i * channels + c]!]!++;
  }
  if (n === 0) return [255, 255, 255];
  return hists.map((h) => {
    let acc = 0;
    for (let v = 0; v < 256; v++) if ((acc += h[v]!) * 2 >= n) return v;
    return 255;
  }) as Rgb;
}

/**
 * Closed regions: 4-connected paper between the lines that does not reach the
 * image's edge (the outside), larger than a few pixels. Each region then grows
 * under the lines around it so the fills meet beneath the ink without gaps.
 */
function regions(sketch: CleanedSketch): { labels: Int32Array; sizes: number[]; keep: boolean[] } {
  const { width: w, height: h, lines } = sketch;
  const { labels, sizes, touchesEdge } = label(lines, 0, 4);
  const minSize = Math.max(16, Math.round((w * h) / 20_000));
  const keep = sizes.map((s, id) => id > 0 && !touchesEdge[id] && s >= minSize);
  for (let i = 0; i < labels.length; i++) if (!keep[labels[i]!]) labels[i] = 0;
  // Grow one pixel a pass, visiting only the ink pixels not yet taken.
  let pending: number[] = [];
  for (let i = 0; i < labels.length; i++) if (lines.data[i] && labels[i] === 0) pending.push(i);
  for (let pass = 0; pass < 12 && pending.length > 0; pass++) {
    const taken: [number, number][] = [];
    const rest: number[] = [];
    for (const i of pending) {
      const x = i % w;
      const n = (x > 0 && labels[i - 1]) || (x < w - 1 && labels[i + 1]) || (i >= w && labels[i - w]) || (i < (h - 1) * w && labels[i + w]) || 0;
      if (n) taken.push([i, n]);
      else rest.push(i);
    }
    if (taken.length === 0) break;
    for (const [i, n] of taken) labels[i] = n;
    pending = rest;
  }
  return { labels, sizes, keep };
}

export function buildLayers(sketch: CleanedSketch, palette: string[], paperChoice: 'white' | 'sketch'): InkLayers {
  const { width: w, height: h, lines, flat: tones, colour } = sketch;
  const ch = colour.channels;
  const lineArt = rgba(w, h);
  for (let i = 0; i < w * h; i++) if (lines.data[i]) lineArt.data[i * 4 + 3] = 255;

  const { labels, sizes, keep } = regions(sketch);
  const paper = medianColour(sketch, (i) => !lines.data[i]);
  const count = sizes.length;
  // Per region: sums of the paper-balanced colour and of the flattened tone, over its own (non-ink) pixels.
  const sum = new Float64Array(count * 4);
  const own = new Float64Array(count);
  for (let i = 0; i < w * h; i++) {
    const id = labels[i]!;
    if (!id || lines.data[i]) continue;
    own[id]!++;
    for (let c = 0; c < 3; c++) sum[id * 4 + c]! += Math.min(255, (colour.data[i * ch + c]! * 255) / Math.max(1, paper[c]!));
    sum[id * 4 + 3]! += tones[i]!;
  }
  let chromaSum = 0;
  let chromaWeight = 0;
  const mean: Rgb[] = [];
  for (let id = 0; id < count; id++) {
    const n = Math.max(1, own[id]!);
    const m: Rgb = [sum[id * 4]! / n, sum[id * 4 + 1]! / n, sum[id * 4 + 2]! / n];
    mean.push(m);
    if (keep[id] && own[id]! > 0) {
      chromaSum += (Math.max(...m) - Math.min(...m)) * own[id]!;
      chromaWeight += own[id]!;
    }
  }
  const colouredSource = chromaWeight > 0 && chromaSum / chromaWeight > COLOURED_CHROMA;
  // Palette colours go to regions largest first, so the main shapes get the first colours of a style.
  const order = sizes.map((s, id) => ({ s, id })).filter((r) => keep[r.id]).sort((a, b) => b.s - a.s);
  const fill: Rgb[] = new Array<Rgb>(count).fill([255, 255, 255]);
  order.forEach((r, rank) => {
    fill[r.id] = colouredSource ? (mean[r.id]!.map(Math.round) as Rgb) : hexToRgb(palette[rank % palette.length]!);
  });

  const avgTone = new Float64Array(count);
  for (let id = 0; id < count; id++) avgTone[id] = Math.max(1, sum[id * 4 + 3]! / Math.max(1, own[id]!));
  const flat = rgba(w, h);
  const shading = rgba(w, h);
  for (let i = 0; i < w * h; i++) {
    const id = labels[i]!;
    if (!id) continue;
    const c = fill[id]!;
    const o = i * 4;
    flat.data[o] = c[0];
    flat.data[o + 1] = c[1];
    flat.data[o + 2] = c[2];
    flat.data[o + 3] = 255;
    // Shading: how much darker than its region's average tone the sketch is here (white = none, for multiply).
    // Within a few percent of the average is paper grain, not shading: left white so the fills stay clean.
    const rel = Math.min(255, Math.round((tones[i]! * 255) / avgTone[id]!));
    const t = lines.data[i] || rel > SHADING_FLOOR ? 255 : rel;
    shading.data[o] = t;
    shading.data[o + 1] = t;
    shading.data[o + 2] = t;
    shading.data[o + 3] = 255;
  }
  const background = rgba(w, h);
  const bg = paperChoice === 'sketch' ? paper : ([255, 255, 255] as Rgb);
  for (let o = 0; o < w * h * 4; o += 4) {
    background.data[o] = bg[0];
    background.data[o + 1] = bg[1];
    background.data[o + 2] = bg[2];
    background.data[o + 3] = 255;
  }
  return { lineArt, shading, flat, background, colouredSource, regions: order.length };
}

/** The layers flattened as a drawing tool would show them: background, fills, shading multiplied, lines on top. */
export function composite(layers: InkLayers): Rgba {
  const { width, height } = layers.background;
  const out = rgba(width, height);
  for (let i = 0; i < width * height; i++) {
    const o = i * 4;
    for (let c = 0; c < 3; c++) {
      let v = layers.background.data[o + c]!;
      const fa = layers.flat.data[o + 3]! / 255;
      v = v * (1 - fa) + layers.flat.data[o + c]! * fa;
      const sa = layers.shading.data[o + 3]! / 255;
      v = v * (1 - sa) + ((v * layers.shading.data[o + c]!) / 255) * sa;
      const la = layers.lineArt.data[o + 3]! / 255;
      v = v * (1 - la) + layers.lineArt.data[o + c]! * la;
      out.data[o + c] = Math.round(v);
    }
    out.data[o + 3] = 255;
  }
  return out;
}
