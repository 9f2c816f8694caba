import { deltaE } from './colour.js';
import type { ImageFeatures, LineFeatures, PaletteColour } from './features.js';

/**
 * The consistency score (docs/style-locker.md): a new image against a
 * profile, by measured features only. Three parts, each 0–100:
 *   palette   — matched ΔE between the two palettes (each colour of one to
 *               its nearest in the other, weighted, both ways, averaged);
 *               0 at a mean ΔE of PALETTE_DE_ZERO or more;
 *   lines     — edge density relative to the profile's, and edge strength;
 *   structure — Hamming distance of the 64-bit pHash to the nearest reference;
 *               0 at 32 bits, what two unrelated images differ by on average.
 * Combined with SCORE_WEIGHTS; below DRIFT_THRESHOLD the image is flagged as drift.
 */
export const PALETTE_DE_ZERO = 40;
export const SCORE_WEIGHTS = { palette: 0.5, lines: 0.25, structure: 0.25 } as const;
export const DRIFT_THRESHOLD = 60;

export interface ScoreParts {
  palette: number;
  lines: number;
  structure: number;
}

export interface StyleScore {
  score: number;
  parts: ScoreParts;
  /** The raw distances the parts come from. */
  distances: { paletteDeltaE: number; edgeDensityDiff: number; edgeStrengthDiff: number; hamming: number };
  drift: boolean;
  /** A clip's sampled frames, each scored like an image (a still has none). */
  frames?: FrameScore[];
  /** A clip's mean frame score (its `score` is its lowest frame's); a still has none. */
  meanScore?: number;
}

export interface FrameScore {
  atSec: number;
  score: number;
  drift: boolean;
}

/** What a profile keeps to score against. */
export interface ScoreReference {
  palette: PaletteColour[];
  lines: LineFeatures;
  hashes: string[];
}

function clamp01(v: number): number {
  return Math.min(1, Math.max(0, v));
}

function oneWay(from: PaletteColour[], to: PaletteColour[]): number {
  let sum = 0;
  let weight = 0;
  for (const c of from) {
    const nearest = Math.min(...to.map((t) => deltaE(c.lab, t.lab)));
    sum += c.weight * nearest;
    weight += c.weight;
  }
  return weight > 0 ? sum / weight : PALETTE_DE_ZERO;
}

/** Matched ΔE between two weighted palettes (symmetric). */
export function paletteDistance(a: PaletteColour[], b: PaletteColour[]): number {
  if (a.length === 0 || b.length === 0) return PALETTE_DE_ZERO;
  return (oneWay(a, b) + oneWay(b, a)) / 2;
}

export function hamming(a: string, b: string): number {
  let bits = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    let x = Number.parseInt(a[i]!, 16) ^ Number.parseInt(b[i]!, 16);
    while (x) {
      bits += x & 1;
      x >>= 1;
    }
  }
  return bits;
}

export function scoreImage(ref: ScoreReference, image: Pick<ImageFeatures, 'palette' | 'lines' | 'phash'>): StyleScore {
  const paletteDeltaE = paletteDistance(image.palette, ref.palette);
  const edgeDensityDiff = Math.abs(image.lines.edgeDensity - ref.lines.edgeDensity);
  const edgeStrengthDiff = Math.abs(image.lines.meanEdgeStrength - ref.lines.meanEdgeStrength);
  const nearest = ref.hashes.length ? Math.min(...ref.hashes.map((h) => hamming(h, image.phash))) : 32;
  // Density is judged relative to the profile's (a sketchy style tolerates more absolute difference than a flat one); +0.05 keeps flat styles from dividing by ~0.
  const density = clamp01(1 - edgeDensityDiff / (ref.lines.edgeDensity + 0.05));
  const strength = clamp01(1 - edgeStrengthDiff / 0.5);
  const parts: ScoreParts = {
    palette: round1(100 * clamp01(1 - paletteDeltaE / PALETTE_DE_ZERO)),
    lines: round1(100 * (0.75 * density + 0.25 * strength)),
    structure: round1(100 * clamp01(1 - nearest / 32)),
  };
  const score = round1(parts.palette * SCORE_WEIGHTS.palette + parts.lines * SCORE_WEIGHTS.lines + parts.structure * SCORE_WEIGHTS.structure);
  return {
    score,
    parts,
    distances: { paletteDeltaE: round1(paletteDeltaE), edgeDensityDiff: Math.round(edgeDensityDiff * 1000) / 1000, edgeStrengthDiff: Math.round(edgeStrengthDiff * 1000) / 1000, hamming: nearest },
    drift: score < DRIFT_THRESHOLD,
  };
}

/**
 * A clip scored by its sampled frames: it is as far from the style as its
 * furthest frame (one frame off the style shows in the cut however good the
 * others are), so its score, parts and distances are that frame's, and it
 * drifts by the same threshold as a still. The mean of the frames is kept
 * beside it: a clip whose mean is far above its lowest frame drifted in one
 * stretch (re-render it), one whose mean is low too is off the style throughout.
 */
export function scoreClip(frames: { atSec: number; score: StyleScore }[]): StyleScore {
  const worst = frames.reduce((a, b) => (b.score.score < a.score.score ? b : a));
  const meanScore = round1(frames.reduce((sum, f) => sum + f.score.score, 0) / frames.length);
  return { ...worst.score, frames: frames.map((f) => ({ atSec: f.atSec, score: f.score.score, drift: f.score.drift })), meanScore };
}

function round1(v: number): number {
  return Math.round(v * 10) / 10;
}
