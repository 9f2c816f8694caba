import { adjustVertices } from './adjust.js';
import { decompose, type Bitmap, type TurnPolicy } from './decompose.js';
import { optimizeCurve } from './optimize.js';
import { longestStraight, optimalPolygon, pathSums } from './polygon.js';
import { smooth, type CurveSegment } from './smooth.js';

/**
 * Our own implementation of the tracing algorithm published by Peter Selinger,
 * "Potrace: a polygon-based tracing algorithm" (2003): bitmap → boundary paths →
 * optimal polygons → adjusted vertices → Bézier curves → (optionally) fewer,
 * longer curves. Written from the paper; no code of the GPL potrace program or
 * its ports is used.
 */
export type { Bitmap, TurnPolicy } from './decompose.js';
export type { CurveSegment } from './smooth.js';

export interface TraceOptions {
  /** Paths enclosing this many pixels or fewer are dropped (specks). */
  turdSize: number;
  turnPolicy: TurnPolicy;
  /** Corner threshold: 0 keeps every vertex a corner (a polygon), 4/3 rounds everything. */
  alphaMax: number;
  /** Join curve segments where the result stays within this many pixels; null skips the step. */
  optTolerance: number | null;
}

export const DEFAULT_TRACE: TraceOptions = { turdSize: 2, turnPolicy: 'minority', alphaMax: 1, optTolerance: 0.2 };

export interface TracedPath {
  sign: '+' | '-';
  segments: CurveSegment[];
}

export function trace(bitmap: Bitmap, options: Partial<TraceOptions> = {}): TracedPath[] {
  const o = { ...DEFAULT_TRACE, ...options };
  return decompose(bitmap, o.turnPolicy, o.turdSize).map((path) => {
    const sums = pathSums(path.points);
    const lon = longestStraight(path.points);
    const polygon = optimalPolygon(path.points, sums, lon);
    const vertices = adjustVertices(path.points, sums, polygon);
    const curve = smooth(vertices, o.alphaMax);
    return { sign: path.sign, segments: o.optTolerance === null ? curve : optimizeCurve(curve, o.optTolerance) };
  });
}

function num(v: number): string {
  return String(Math.round(v * 100) / 100);
}

/** One path's SVG data: moves to the end of its last segment, then each segment as a curve or two lines. */
export function pathData(path: TracedPath): string {
  const segs = path.segments;
  const start = segs[segs.length - 1]!.c[2];
  const parts = [`M${num(start.x)} ${num(start.y)}`];
  for (const s of segs) {
    const [a, b, c] = s.c;
    if (s.kind === 'curve') parts.push(`C${num(a.x)} ${num(a.y)} ${num(b.x)} ${num(b.y)} ${num(c.x)} ${num(c.y)}`);
    else parts.push(`L${num(b.x)} ${num(b.y)}L${num(c.x)} ${num(c.y)}`);
  }
  return `${parts.join('')}Z`;
}

/** A standalone SVG of the traced paths; even-odd filling makes holes of the paths inside outlines. */
export function toSvg(paths: TracedPath[], width: number, height: number, fill = '#000000'): string {
  const d = paths.map(pathData).join('');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    d ? `<path d="${d}" fill="${fill}" fill-rule="evenodd"/>` : '',
    '</svg>',
    '',
  ].join('\n');
}

/** How many Bézier curves and straight lines the paths are made of. */
export function countSegments(paths: TracedPath[]): { curves: number; lines: number } {
  let curves = 0;
  let lines = 0;
  for (const p of paths) {
    for (const s of p.segments) {
      if (s.kind === 'curve') curves++;
      else lines += 2;
    }
  }
  return { curves, lines };
}
