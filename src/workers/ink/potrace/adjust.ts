import { mod, type Point } from './geometry.js';
import type { PathSums } from './polygon.js';

/**
 * Stage 3 of the tracer (Selinger 2003, §2.3.2): moves each polygon vertex off
 * the pixel lattice to where the best-fit lines of its two neighbouring edges
 * meet, held within the unit square around the original corner.
 */

/** A 3×3 symmetric quadratic form: the squared distance of (x, y, 1) to a line, summed over lines. */
type Quad = number[][];

function zeroQuad(): Quad {
  return [
    [0, 0, 0],
    [0, 0, 0],
    [0, 0, 0],
  ];
}

function evalQuad(q: Quad, p: Point): number {
  const v = [p.x, p.y, 1];
  let sum = 0;
  for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) sum += v[i]! * q[i]![j]! * v[j]!;
  return sum;
}

/** Adds the form of the line through `at` with normal (a, b) (not necessarily unit length). */
function addLine(q: Quad, a: number, b: number, at: Point): void {
  const d = a * a + b * b;
  if (d === 0) return;
  const v = [a, b, -(a * at.x + b * at.y)];
  for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) q[i]![j]! += (v[i]! * v[j]!) / d;
}

/** Centre and principal direction of the points i…j (indices may wrap around the path any number of times). */
function fitLine(points: Point[], sums: PathSums, iIn: number, jIn: number): { centre: Point; dir: Point } {
  const n = points.length;
  let i = iIn;
  let j = jIn;
  let wraps = 0;
  while (j >= n) {
    j -= n;
    wraps++;
  }
  while (i >= n) {
    i -= n;
    wraps--;
  }
  while (j < 0) {
    j += n;
    wraps--;
  }
  while (i < 0) {
    i += n;
    wraps++;
  }
  const x = sums.x[j + 1]! - sums.x[i]! + wraps * sums.x[n]!;
  const y = sums.y[j + 1]! - sums.y[i]! + wraps * sums.y[n]!;
  const x2 = sums.x2[j + 1]! - sums.x2[i]! + wraps * sums.x2[n]!;
  const xy = sums.xy[j + 1]! - sums.xy[i]! + wraps * sums.xy[n]!;
  const y2 = sums.y2[j + 1]! - sums.y2[i]! + wraps * sums.y2[n]!;
  const k = j + 1 - i + wraps * n;
  const centre = { x: x / k, y: y / k };
  let a = (x2 - (x * x) / k) / k;
  const b = (xy - (x * y) / k) / k;
  let c = (y2 - (y * y) / k) / k;
  // Eigenvector of the larger eigenvalue of the covariance [[a b] [b c]].
  const lambda = (a + c + Math.sqrt((a - c) * (a - c) + 4 * b * b)) / 2;
  a -= lambda;
  c -= lambda;
  let dir = { x: 0, y: 0 };
  if (Math.abs(a) >= Math.abs(c)) {
    const l = Math.hypot(a, b);
    if (l !== 0) dir = { x: -b / l, y: a / l };
  } else {
    const l = Math.hypot(c, b);
    if (l !== 0) dir = { x: -c / l, y: b / l };
  }
  return { centre, dir };
}

/** The adjusted vertices (absolute coordinates) of the polygon given by indices into points. */
export function adjustVertices(points: Point[], sums: PathSums, polygon: number[]): Point[] {
  const n = points.length;
  const m = polygon.length;
  const origin = sums.origin;
  const forms: Quad[] = [];
  for (let i = 0; i < m; i++) {
    const from = polygon[i]!;
    const to = mod(polygon[mod(i + 1, m)]! - from, n) + from;
    const { centre, dir } = fitLine(points, sums, from, to);
    const q = zeroQuad();
    addLine(q, dir.y, -dir.x, centre);
    forms.push(q);
  }
  const out: Point[] = [];
  for (let i = 0; i < m; i++) {
    const s = { x: points[polygon[i]!]!.x - origin.x, y: points[polygon[i]!]!.y - origin.y };
    const q = zeroQuad();
    for (const f of [forms[mod(i - 1, m)]!, forms[i]!]) for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) q[a]![b]! += f[a]![b]!;
    let w: Point = s;
    for (;;) {
      const det = q[0]![0]! * q[1]![1]! - q[0]![1]! * q[1]![0]!;
      if (det !== 0) {
        w = {
          x: (-q[0]![2]! * q[1]![1]! + q[1]![2]! * q[0]![1]!) / det,
          y: (q[0]![2]! * q[1]![0]! - q[1]![2]! * q[0]![0]!) / det,
        };
        break;
      }
      // Parallel lines: add a line through the corner across them so the minimum is unique.
      if (q[0]![0]! > q[1]![1]!) addLine(q, -q[0]![1]!, q[0]![0]!, s);
      else if (q[1]![1]!) addLine(q, -q[1]![1]!, q[1]![0]!, s);
      else addLine(q, 1, 0, s);
    }
    if (Math.abs(w.x - s.x) <= 0.5 && Math.abs(w.y - s.y) <= 0.5) {
      out.push({ x: w.x + origin.x, y: w.y + origin.y });
      continue;
    }
    // The free minimum lies outside the square: take the best point on its edges and corners.
    let best = evalQuad(q, s);
    let bx = s.x;
    let by = s.y;
    const consider = (p: Point) => {
      const v = evalQuad(q, p);
      if (v < best) {
        best = v;
        bx = p.x;
        by = p.y;
      }
    };
    for (let z = 0; z < 2; z++) {
      if (q[0]![0]! !== 0) {
        const y = s.y - 0.5 + z;
        const x = -(q[0]![1]! * y + q[0]![2]!) / q[0]![0]!;
        if (Math.abs(x - s.x) <= 0.5) consider({ x, y });
      }
      if (q[1]![1]! !== 0) {
        const x = s.x - 0.5 + z;
        const y = -(q[1]![0]! * x + q[1]![2]!) / q[1]![1]!;
        if (Math.abs(y - s.y) <= 0.5) consider({ x, y });
      }
    }
    for (let l = 0; l < 2; l++) for (let k = 0; k < 2; k++) consider({ x: s.x - 0.5 + l, y: s.y - 0.5 + k });
    out.push({ x: bx + origin.x, y: by + origin.y });
  }
  return out;
}
