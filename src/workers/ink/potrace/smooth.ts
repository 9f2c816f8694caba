import { area2, lerp, mod, sign, type Point } from './geometry.js';

/**
 * Stage 4 of the tracer (Selinger 2003, §2.3.3): the adjusted polygon becomes a
 * closed curve of segments, one per vertex, each running from the midpoint of
 * the edge before the vertex to the midpoint of the edge after it. A vertex
 * whose corner is sharp (alpha ≥ alphamax) stays a corner (two straight lines);
 * otherwise it becomes a cubic Bézier whose control points sit on the two edges
 * at a distance set by alpha.
 */
export interface CurveSegment {
  kind: 'curve' | 'corner';
  /** Curve: the two control points and the end point. Corner: unused, the corner vertex, the end point. */
  c: [Point, Point, Point];
  /** The polygon vertex this segment rounds. */
  vertex: Point;
  /** How round the segment is (0.55…1 for curves). */
  alpha: number;
}

/** The corner sharpness of vertex v between neighbours prev and next, as in the paper: 4/3 for a full corner. */
function cornerAlpha(prev: Point, v: Point, next: Point): number {
  // The L1 length of prev→next (an "L∞ unit square" measure of the span, as the paper uses).
  const denom = Math.abs(next.x - prev.x) + Math.abs(next.y - prev.y);
  if (denom === 0) return 4 / 3;
  const dd = Math.abs(area2(prev, v, next)) / denom;
  return (dd > 1 ? 1 - 1 / dd : 0) / 0.75;
}

export function smooth(vertices: Point[], alphaMax: number): CurveSegment[] {
  const m = vertices.length;
  const out: CurveSegment[] = [];
  for (let i = 0; i < m; i++) {
    const prev = vertices[mod(i - 1, m)]!;
    const v = vertices[i]!;
    const next = vertices[mod(i + 1, m)]!;
    const end = lerp(0.5, v, next);
    const alpha = cornerAlpha(prev, v, next);
    if (alpha >= alphaMax) {
      out.push({ kind: 'corner', c: [v, v, end], vertex: v, alpha });
    } else {
      const a = Math.min(1, Math.max(0.55, alpha));
      out.push({ kind: 'curve', c: [lerp(0.5 + 0.5 * a, prev, v), lerp(0.5 + 0.5 * a, next, v), end], vertex: v, alpha: a });
    }
  }
  return out;
}

/** +1/−1 for the turning direction at each curved vertex, 0 at corners (used by the optimiser). */
export function convexity(segments: CurveSegment[]): number[] {
  const m = segments.length;
  return segments.map((s, i) =>
    s.kind === 'curve' ? sign(area2(segments[mod(i - 1, m)]!.vertex, s.vertex, segments[mod(i + 1, m)]!.vertex)) : 0,
  );
}
