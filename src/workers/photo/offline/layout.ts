import { mulberry32 } from '../../../shared/random.js';
import { between } from './random.js';

/**
 * Where each person stands in the composite. Everyone is scaled to a common
 * head height (by the face box), then arranged by count: one person centred,
 * two or three in a row, four or five in a slight arc whose middle stands a
 * little further back (smaller, higher, drawn first) and whose ends come
 * forward. The seed fixes the order, the spacing and small jitters of scale
 * and position, so the four variants differ and each can be made again.
 *
 * Cut-off rule: a person whose cut-out reaches the bottom of their photo is a
 * half-body portrait (the photo itself cut them off), so they stand at the
 * bottom edge of the frame and may run past it — they are cropped there and
 * only there. A full-body person (feet inside the photo) stands on the
 * background's floor line. Either way the cut-out's top, left and right stay
 * inside the frame.
 */

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** One person as the layout sees them: the cut-out's size and the face box within it, in the photo's pixels. */
export interface PersonShape {
  width: number;
  height: number;
  face: Box;
  halfBody: boolean;
}

export interface Placement {
  /** Index into the people as given. */
  person: number;
  scale: number;
  /** The cut-out's top-left corner on the canvas (may be fractional; the bottom may pass the frame for half-body people). */
  left: number;
  top: number;
  /** 0 front … 1 back: back people are drawn first. */
  depth: number;
  /** The face box on the canvas. */
  face: Box;
}

export interface LayoutOptions {
  width: number;
  height: number;
  /** Where full-body people's feet go, as a fraction of the height. */
  floor: number;
  seed: number;
  /** Multiplies the spacing: the compositor widens it when a face would be covered by a neighbour. */
  spread?: number;
}

/** Face height as a fraction of the frame's height, by head count: fewer people are shown larger. */
const FACE_SHARE = [0, 0.075, 0.065, 0.06, 0.0525, 0.0475];
/** Depth of each position by head count (0 front, 1 back): the arc for four and five. */
const DEPTHS: number[][] = [[], [0], [0, 0], [0.15, 0, 0.15], [0, 0.7, 0.7, 0], [0, 0.6, 1, 0.6, 0]];
const MARGIN = 0.025;
const MAX_FACE = 0.1;

/** A seeded shuffle: the variant's order of the people from left to right. */
function order(n: number, rand: () => number): number[] {
  const idx = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [idx[i], idx[j]] = [idx[j]!, idx[i]!];
  }
  return idx;
}

export function planLayout(people: readonly PersonShape[], opts: LayoutOptions): Placement[] {
  const n = people.length;
  const { width: W, height: H } = opts;
  const rand = mulberry32(opts.seed);
  const seq = order(n, rand);
  const spacing = between(rand, 0.92, 1.08) * (opts.spread ?? 1);
  const shift = between(rand, -0.025, 0.025) * W;
  const sizeJitter = between(rand, 0.95, 1.05);
  const jitter = seq.map(() => ({ scale: between(rand, 0.97, 1.03), dy: between(rand, -0.16, 0.16) }));
  const depths = DEPTHS[n]!;
  // Half-body portraits are shown large enough that the middle one fills about 60 % of the height: a row of
  // heads-and-shoulders along the bottom edge reads as people sitting under the picture, not posing in it.
  const halfHeights = people.filter((p) => p.halfBody).map((p) => (0.6 * H * p.face.height) / p.height).sort((a, b) => a - b);
  const fill = halfHeights.length ? halfHeights[Math.floor(halfHeights.length / 2)]! : 0;
  let faceH = Math.min(MAX_FACE * H, Math.max(FACE_SHARE[n]! * H, fill)) * sizeJitter;

  for (let attempt = 0; ; attempt++) {
    const slots = seq.map((p, slot) => {
      const shape = people[p]!;
      const depth = depths[slot]!;
      const scale = ((faceH * (1 - 0.07 * depth)) / shape.face.height) * jitter[slot]!.scale;
      return { p, shape, depth, scale, w: shape.width * scale, faceCx: (shape.face.x + shape.face.width / 2) * scale, faceW: shape.face.width * scale };
    });
    // Neighbours' face centres: far enough apart that shoulders touch rather than heads, widened by the seed and by the caller.
    const centres: number[] = [0];
    for (let i = 1; i < n; i++) {
      const a = slots[i - 1]!;
      const b = slots[i]!;
      const gap = Math.max(0.3 * (a.w + b.w), 3 * Math.max(a.faceW, b.faceW)) * spacing;
      centres.push(centres[i - 1]! + gap);
    }
    const lefts = slots.map((s, i) => centres[i]! - s.faceCx);
    const minX = Math.min(...lefts);
    const maxX = Math.max(...slots.map((s, i) => lefts[i]! + s.w));
    const span = maxX - minX;
    const room = W * (1 - 2 * MARGIN);
    if (span > room && attempt < 8) {
      faceH *= (room / span) * 0.99;
      continue;
    }
    const x0 = Math.min(Math.max(MARGIN * W, (W - span) / 2 + shift), W - MARGIN * W - span) - minX;

    // The head line: half-body people's face tops line up where the median one reaches the bottom edge with a face's height to spare.
    const half = slots.filter((s) => s.shape.halfBody);
    const below = half.map((s) => (s.shape.height - s.shape.face.y) * s.scale).sort((a, b) => a - b);
    const headLine = below.length ? H - below[Math.floor(below.length / 2)]! + faceH : 0;
    let tooTall = 1;
    const placed = slots.map((s, i): Placement => {
      const h = s.shape.height * s.scale;
      const raise = s.depth * 0.9 * faceH + jitter[i]!.dy * faceH;
      let top: number;
      if (s.shape.halfBody) {
        top = headLine - raise - s.shape.face.y * s.scale;
        // Never a floating torso: the cut edge must reach the frame's bottom.
        if (top + h < H) top = H - h;
        // Hair above the frame: lower them instead (more of the body goes past the bottom edge, which their photo had cut anyway).
        top = Math.max(top, MARGIN * H);
      } else {
        top = opts.floor * H - raise * 0.6 - h;
        if (top < MARGIN * H) tooTall = Math.min(tooTall, (opts.floor * H - MARGIN * H) / h);
      }
      const left = x0 + lefts[i]!;
      const f = s.shape.face;
      return { person: s.p, scale: s.scale, left, top, depth: s.depth, face: { x: left + f.x * s.scale, y: top + f.y * s.scale, width: f.width * s.scale, height: f.height * s.scale } };
    });
    if (tooTall < 1 && attempt < 8) {
      faceH *= tooTall * 0.99;
      continue;
    }
    return placed;
  }
}

/** Drawing order: the back of the arc first, so the people in front overlap them. */
export function drawOrder(placements: readonly Placement[]): Placement[] {
  return [...placements].sort((a, b) => b.depth - a.depth);
}
