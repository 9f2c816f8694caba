/** Small vector helpers shared by the tracing stages (points are plain {x, y}). */
export interface Point {
  x: number;
  y: number;
}

/** Index modulo n that is never negative (paths are cyclic). */
export function mod(a: number, n: number): number {
  return a >= n ? a % n : a >= 0 ? a : n - 1 - ((-1 - a) % n);
}

export function sign(v: number): number {
  return v > 0 ? 1 : v < 0 ? -1 : 0;
}

/** Whether b lies on the cyclic interval [a, c) (a ≤ b < c, modulo wrap-around). */
export function cyclic(a: number, b: number, c: number): boolean {
  return a <= c ? a <= b && b < c : a <= b || b < c;
}

/** Point at fraction t of the way from a to b. */
export function lerp(t: number, a: Point, b: Point): Point {
  return { x: a.x + t * (b.x - a.x), y: a.y + t * (b.y - a.y) };
}

export function cross(a: Point, b: Point): number {
  return a.x * b.y - a.y * b.x;
}

/** Twice the signed area of the triangle p0 p1 p2. */
export function area2(p0: Point, p1: Point, p2: Point): number {
  return (p1.x - p0.x) * (p2.y - p0.y) - (p2.x - p0.x) * (p1.y - p0.y);
}

/** Cross product of the vectors p0→p1 and p2→p3. */
export function crossOf(p0: Point, p1: Point, p2: Point, p3: Point): number {
  return (p1.x - p0.x) * (p3.y - p2.y) - (p3.x - p2.x) * (p1.y - p0.y);
}

/** Dot product of p0→p1 and p0→p2. */
export function dotFrom(p0: Point, p1: Point, p2: Point): number {
  return (p1.x - p0.x) * (p2.x - p0.x) + (p1.y - p0.y) * (p2.y - p0.y);
}

/** Dot product of p0→p1 and p2→p3. */
export function dotOf(p0: Point, p1: Point, p2: Point, p3: Point): number {
  return (p1.x - p0.x) * (p3.x - p2.x) + (p1.y - p0.y) * (p3.y - p2.y);
}

export function dist(a: Point, b: Point): number {
  return Math.hypot(a.x - b.x, a.y - b.y);
}

/** Point at t on the cubic Bézier p0 p1 p2 p3. */
export function bezier(t: number, p0: Point, p1: Point, p2: Point, p3: Point): Point {
  const s = 1 - t;
  const a = s * s * s;
  const b = 3 * s * s * t;
  const c = 3 * s * t * t;
  const d = t * t * t;
  return { x: a * p0.x + b * p1.x + c * p2.x + d * p3.x, y: a * p0.y + b * p1.y + c * p2.y + d * p3.y };
}
