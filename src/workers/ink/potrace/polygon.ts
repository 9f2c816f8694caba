import { cross, cyclic, mod, sign, type Point } from './geometry.js';

/**
 * Stage 2 of the tracer (Selinger 2003, §2.2): the optimal polygon of a closed
 * lattice path. First, for every point, how far the path stays "straight"
 * (approximable by one line within half a pixel, and not using all four
 * directions); then the polygon with the fewest segments whose every segment
 * spans a straight subpath, and among those the smallest total deviation.
 */

/** Prefix sums of x, y, xy, x², y² (relative to the first point) for O(1) line fits over any run of points. */
export interface PathSums {
  origin: Point;
  x: Float64Array;
  y: Float64Array;
  xy: Float64Array;
  x2: Float64Array;
  y2: Float64Array;
}

export function pathSums(points: Point[]): PathSums {
  const n = points.length;
  const origin = points[0]!;
  const s: PathSums = {
    origin,
    x: new Float64Array(n + 1),
    y: new Float64Array(n + 1),
    xy: new Float64Array(n + 1),
    x2: new Float64Array(n + 1),
    y2: new Float64Array(n + 1),
  };
  for (let i = 0; i < n; i++) {
    const x = points[i]!.x - origin.x;
    const y = points[i]!.y - origin.y;
    s.x[i + 1] = s.x[i]! + x;
    s.y[i + 1] = s.y[i]! + y;
    s.xy[i + 1] = s.xy[i]! + x * y;
    s.x2[i + 1] = s.x2[i]! + x * x;
    s.y2[i + 1] = s.y2[i]! + y * y;
  }
  return s;
}

/** Direction class 0…3 of a unit lattice step (the four compass directions). */
function stepClass(dx: number, dy: number): number {
  return (3 + 3 * sign(dx) + sign(dy)) / 2;
}

/**
 * For each i, the last index reachable from i by a straight subpath (the paper's
 * "pivot"). A subpath is straight while the directions from point i to each later
 * point keep inside a cone narrowed by every point seen (each must lie within
 * distance ½ of the line in the L∞ sense), and not all four step directions occur.
 */
function pivots(points: Point[]): Int32Array {
  const n = points.length;
  // nextCorner[i]: the first index after i whose point differs from point i in both coordinates.
  const nextCorner = new Int32Array(n);
  let k = 0;
  for (let i = n - 1; i >= 0; i--) {
    if (points[i]!.x !== points[k]!.x && points[i]!.y !== points[k]!.y) k = i + 1;
    nextCorner[i] = k;
  }
  const pivot = new Int32Array(n);
  for (let i = n - 1; i >= 0; i--) {
    const seen = new Int32Array(4);
    const pi = points[i]!;
    const next = points[mod(i + 1, n)]!;
    seen[stepClass(next.x - pi.x, next.y - pi.y)]!++;
    // The cone of allowed directions: left and right bounding vectors (zero = unbounded yet).
    let coneL: Point = { x: 0, y: 0 };
    let coneR: Point = { x: 0, y: 0 };
    let k1 = i;
    k = nextCorner[i]!;
    let found = false;
    for (;;) {
      const pk = points[k]!;
      const pk1 = points[k1]!;
      seen[stepClass(pk.x - pk1.x, pk.y - pk1.y)]!++;
      if (seen[0] && seen[1] && seen[2] && seen[3]) {
        pivot[i] = k1;
        found = true;
        break;
      }
      const cur = { x: pk.x - pi.x, y: pk.y - pi.y };
      if (cross(coneL, cur) < 0 || cross(coneR, cur) > 0) break;
      if (Math.abs(cur.x) > 1 || Math.abs(cur.y) > 1) {
        // Narrow the cone to the two corners of the unit square around point k that bound it.
        const offL = {
          x: cur.x + (cur.y >= 0 && (cur.y > 0 || cur.x < 0) ? 1 : -1),
          y: cur.y + (cur.x <= 0 && (cur.x < 0 || cur.y < 0) ? 1 : -1),
        };
        if (cross(coneL, offL) >= 0) coneL = offL;
        const offR = {
          x: cur.x + (cur.y <= 0 && (cur.y < 0 || cur.x < 0) ? 1 : -1),
          y: cur.y + (cur.x >= 0 && (cur.x > 0 || cur.y < 0) ? 1 : -1),
        };
        if (cross(coneR, offR) <= 0) coneR = offR;
      }
      k1 = k;
      k = nextCorner[k1]!;
      if (!cyclic(k, i, k1)) break;
    }
    if (!found) {
      // Between corners k1 and k the path runs straight; find how far along it the cone still holds.
      const pk = points[k]!;
      const pk1 = points[k1]!;
      const step = { x: sign(pk.x - pk1.x), y: sign(pk.y - pk1.y) };
      const cur = { x: pk1.x - pi.x, y: pk1.y - pi.y };
      const a = cross(coneL, cur);
      const b = cross(coneL, step);
      const c = cross(coneR, cur);
      const d = cross(coneR, step);
      let j = Number.MAX_SAFE_INTEGER;
      if (b < 0) j = Math.floor(a / -b);
      if (d > 0) j = Math.min(j, Math.floor(-c / d));
      pivot[i] = mod(k1 + j, n);
    }
  }
  return pivot;
}

/** lon[i]: the furthest index j such that every subpath from i to before j is straight (monotone, cyclic). */
export function longestStraight(points: Point[]): Int32Array {
  const n = points.length;
  const pivot = pivots(points);
  const lon = new Int32Array(n);
  let j = pivot[n - 1]!;
  lon[n - 1] = j;
  for (let i = n - 2; i >= 0; i--) {
    if (cyclic(i + 1, pivot[i]!, j)) j = pivot[i]!;
    lon[i] = j;
  }
  for (let i = n - 1; cyclic(mod(i + 1, n), j, lon[i]!); i--) lon[i] = j;
  return lon;
}

/** Deviation of the points i…j (j may run past n, wrapping once) from the straight segment joining points i and j. */
function segmentPenalty(points: Point[], sums: PathSums, i: number, jIn: number): number {
  const n = points.length;
  const wrap = jIn >= n ? 1 : 0;
  const j = jIn - wrap * n;
  const x = sums.x[j + 1]! - sums.x[i]! + wrap * sums.x[n]!;
  const y = sums.y[j + 1]! - sums.y[i]! + wrap * sums.y[n]!;
  const xy = sums.xy[j + 1]! - sums.xy[i]! + wrap * sums.xy[n]!;
  const x2 = sums.x2[j + 1]! - sums.x2[i]! + wrap * sums.x2[n]!;
  const y2 = sums.y2[j + 1]! - sums.y2[i]! + wrap * sums.y2[n]!;
  const count = j + 1 - i + wrap * n;
  const pi = points[i]!;
  const pj = points[j]!;
  const px = (pi.x + pj.x) / 2 - sums.origin.x;
  const py = (pi.y + pj.y) / 2 - sums.origin.y;
  const ey = pj.x - pi.x;
  const ex = -(pj.y - pi.y);
  const a = (x2 - 2 * x * px) / count + px * px;
  const b = (xy - x * py - y * px) / count + px * py;
  const c = (y2 - 2 * y * py) / count + py * py;
  return Math.sqrt(Math.max(0, ex * ex * a + 2 * ex * ey * b + ey * ey * c));
}

/**
 * The optimal polygon's vertex indices (into points), by dynamic programming over
 * the allowed segments (a segment i→j is allowed while j stays before lon of the
 * point after i). Point 0 is a vertex, as in the paper.
 */
export function optimalPolygon(points: Point[], sums: PathSums, lon: Int32Array): number[] {
  const n = points.length;
  // clip0[i]: the furthest j a segment from i may reach; clip1[j]: the earliest i that may reach j.
  const clip0 = new Int32Array(n);
  const clip1 = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    let c = mod(lon[mod(i - 1, n)]! - 1, n);
    if (c === i) c = mod(i + 1, n);
    clip0[i] = c < i ? n : c;
  }
  let j = 1;
  for (let i = 0; i < n; i++) {
    while (j <= clip0[i]!) clip1[j++] = i;
  }
  // seg0[k]: the furthest point reachable in k segments; seg1[k]: the earliest from which n is reachable in m-k.
  const seg0: number[] = [];
  let i = 0;
  for (j = 0; i < n; j++) {
    seg0[j] = i;
    i = clip0[i]!;
  }
  seg0[j] = n;
  const m = j;
  const seg1: number[] = new Array<number>(m + 1);
  i = n;
  for (j = m; j > 0; j--) {
    seg1[j] = i;
    i = clip1[i]!;
  }
  seg1[0] = 0;
  const pen = new Float64Array(n + 1);
  const prev = new Int32Array(n + 1);
  for (j = 1; j <= m; j++) {
    for (i = seg1[j]!; i <= seg0[j]!; i++) {
      let best = -1;
      for (let k = seg0[j - 1]!; k >= clip1[i]!; k--) {
        const p = segmentPenalty(points, sums, k, i) + pen[k]!;
        if (best < 0 || p < best) {
          prev[i] = k;
          best = p;
        }
      }
      pen[i] = best;
    }
  }
  const vertices = new Array<number>(m);
  for (i = n, j = m - 1; i > 0; j--) {
    i = prev[i]!;
    vertices[j] = i;
  }
  return vertices;
}
