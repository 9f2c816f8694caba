import { area2, bezier, crossOf, dist, dotFrom, dotOf, lerp, mod, sign, type Point } from './geometry.js';
import { convexity, type CurveSegment } from './smooth.js';

/**
 * Stage 5 of the tracer (Selinger 2003, §2.4, optional): joins runs of
 * consecutive curve segments into single Béziers where one curve can stand in
 * for the run: the run must turn one way through less than 179°, the joined
 * curve must enclose the same area, and it must stay within `tolerance` of
 * every polygon edge it replaces. Among joinings, the fewest segments win,
 * then the smallest squared deviation.
 */
const COS_179 = Math.cos((179 * Math.PI) / 180);

interface Joined {
  pen: number;
  c: [Point, Point];
  alpha: number;
}

/** Parameter t∈[0,1] where the Bézier's tangent is parallel to q0→q1, or −1 when there is none. */
function tangentAt(p0: Point, p1: Point, p2: Point, p3: Point, q0: Point, q1: Point): number {
  const A = crossOf(p0, p1, q0, q1);
  const B = crossOf(p1, p2, q0, q1);
  const C = crossOf(p2, p3, q0, q1);
  const a = A - 2 * B + C;
  const b = -2 * A + 2 * B;
  const c = A;
  const d = b * b - 4 * a * c;
  if (a === 0 || d < 0) return -1;
  const s = Math.sqrt(d);
  const r1 = (-b + s) / (2 * a);
  const r2 = (-b - s) / (2 * a);
  if (r1 >= 0 && r1 <= 1) return r1;
  if (r2 >= 0 && r2 <= 1) return r2;
  return -1;
}

/** Tries to replace segments i+1 … j by one Bézier from the end of segment i to the end of segment j. */
function tryJoin(seg: CurveSegment[], i: number, j: number, conv: number[], areaUpTo: Float64Array, tolerance: number): Joined | null {
  const m = seg.length;
  if (i === j) return null;
  const i1 = mod(i + 1, m);
  const turn = conv[i1]!;
  if (turn === 0) return null;
  const vi = seg[i]!.vertex;
  const vi1 = seg[i1]!.vertex;
  const d = dist(vi, vi1);
  for (let k = i1; k !== j; ) {
    const k1 = mod(k + 1, m);
    const k2 = mod(k + 2, m);
    if (conv[k1] !== turn) return null;
    if (sign(crossOf(vi, vi1, seg[k1]!.vertex, seg[k2]!.vertex)) !== turn) return null;
    if (dotOf(vi, vi1, seg[k1]!.vertex, seg[k2]!.vertex) < d * dist(seg[k1]!.vertex, seg[k2]!.vertex) * COS_179) return null;
    k = k1;
  }
  const p0 = seg[i]!.c[2];
  let p1 = seg[i1]!.vertex;
  let p2 = seg[j]!.vertex;
  const p3 = seg[j]!.c[2];
  // The area the run encloses (against segment 0's vertex), which the joined curve must match.
  let area = areaUpTo[j]! - areaUpTo[i]! - area2(seg[0]!.vertex, seg[i]!.c[2], seg[j]!.c[2]) / 2;
  if (i >= j) area += areaUpTo[m]!;
  const A1 = area2(p0, p1, p2);
  const A2 = area2(p0, p1, p3);
  const A3 = area2(p0, p2, p3);
  const A4 = A1 + A3 - A2;
  if (A2 === A1) return null;
  const t = A3 / (A3 - A4);
  const s = A2 / (A2 - A1);
  const A = (A2 * t) / 2;
  if (A === 0) return null;
  const R = area / A;
  const alpha = 2 - Math.sqrt(4 - R / 0.3);
  if (!Number.isFinite(alpha)) return null;
  p1 = lerp(t * alpha, p0, p1);
  p2 = lerp(s * alpha, p3, p2);
  let pen = 0;
  // The joined curve must run close to, and alongside, every polygon edge of the run…
  for (let k = i1; k !== j; ) {
    const k1 = mod(k + 1, m);
    const a = seg[k]!.vertex;
    const b = seg[k1]!.vertex;
    const tt = tangentAt(p0, p1, p2, p3, a, b);
    if (tt < -0.5) return null;
    const pt = bezier(tt, p0, p1, p2, p3);
    const len = dist(a, b);
    if (len === 0) return null;
    const d1 = area2(a, b, pt) / len;
    if (Math.abs(d1) > tolerance) return null;
    if (dotFrom(a, b, pt) < 0 || dotFrom(b, a, pt) < 0) return null;
    pen += d1 * d1;
    k = k1;
  }
  // …and must not cut inside the original curve at any of its corners.
  for (let k = i; k !== j; ) {
    const k1 = mod(k + 1, m);
    const a = seg[k]!.c[2];
    const b = seg[k1]!.c[2];
    const tt = tangentAt(p0, p1, p2, p3, a, b);
    if (tt < -0.5) return null;
    const pt = bezier(tt, p0, p1, p2, p3);
    const len = dist(a, b);
    if (len === 0) return null;
    let d1 = area2(a, b, pt) / len;
    let d2 = (area2(a, b, seg[k1]!.vertex) / len) * 0.75 * seg[k1]!.alpha;
    if (d2 < 0) {
      d1 = -d1;
      d2 = -d2;
    }
    if (d1 < d2 - tolerance) return null;
    if (d1 < d2) pen += (d1 - d2) * (d1 - d2);
    k = k1;
  }
  return { pen, c: [p1, p2], alpha };
}

export function optimizeCurve(seg: CurveSegment[], tolerance: number): CurveSegment[] {
  const m = seg.length;
  const conv = convexity(seg);
  // areaUpTo[i]: the signed area swept by segments 0…i−1 (curves counted with their bulge), from segment 0's vertex.
  const areaUpTo = new Float64Array(m + 1);
  let area = 0;
  const origin = seg[0]!.vertex;
  for (let i = 0; i < m; i++) {
    const i1 = mod(i + 1, m);
    if (seg[i1]!.kind === 'curve') {
      const a = seg[i1]!.alpha;
      area += (0.3 * a * (4 - a) * area2(seg[i]!.c[2], seg[i1]!.vertex, seg[i1]!.c[2])) / 2;
      area += area2(origin, seg[i]!.c[2], seg[i1]!.c[2]) / 2;
    }
    areaUpTo[i + 1] = area;
  }
  const from = new Int32Array(m + 1);
  const pen = new Float64Array(m + 1);
  const count = new Int32Array(m + 1);
  const joined: (Joined | null)[] = new Array<Joined | null>(m + 1).fill(null);
  from[0] = -1;
  for (let j = 1; j <= m; j++) {
    from[j] = j - 1;
    pen[j] = pen[j - 1]!;
    count[j] = count[j - 1]! + 1;
    for (let i = j - 2; i >= 0; i--) {
      const r = tryJoin(seg, i, mod(j, m), conv, areaUpTo, tolerance);
      if (!r) break;
      if (count[j]! > count[i]! + 1 || (count[j] === count[i]! + 1 && pen[j]! > pen[i]! + r.pen)) {
        from[j] = i;
        pen[j] = pen[i]! + r.pen;
        count[j] = count[i]! + 1;
        joined[j] = r;
      }
    }
  }
  const out: CurveSegment[] = [];
  for (let j = m; j > 0; j = from[j]!) {
    const last = seg[mod(j, m)]!;
    const r = joined[j];
    if (from[j] === j - 1 || !r) out.push(last);
    else out.push({ kind: 'curve', c: [r.c[0], r.c[1], last.c[2]], vertex: last.vertex, alpha: r.alpha });
  }
  return out.reverse();
}
