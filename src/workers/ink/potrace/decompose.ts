import type { Point } from './geometry.js';

/**
 * Stage 1 of the tracer (Selinger 2003, §2.1): the bitmap's boundaries as closed
 * lattice paths. A one-bit image (1 = ink) is walked edge by edge along the
 * border between ink and paper; each path found is XOR-ed into a working copy
 * so its inside flips and holes show up as the next paths to find.
 */
export interface Bitmap {
  width: number;
  height: number;
  /** One byte a pixel, row-major; non-zero is ink. */
  data: Uint8Array;
}

/** How an ambiguous diagonal meeting of two ink pixels is resolved (the paper's turn policies). */
export type TurnPolicy = 'black' | 'white' | 'left' | 'right' | 'minority' | 'majority';

export interface LatticePath {
  /** Corner points, one lattice step apart, closed (the last joins the first). */
  points: Point[];
  /** '+' bounds ink (an outline), '-' bounds paper inside ink (a hole). */
  sign: '+' | '-';
  /** Enclosed area in pixels. */
  area: number;
}

function inkAt(bm: Bitmap, x: number, y: number): boolean {
  return x >= 0 && y >= 0 && x < bm.width && y < bm.height && bm.data[y * bm.width + x] !== 0;
}

/** Whether ink outnumbers paper in growing squares around the corner (x, y) (for the majority/minority policies). */
function inkIsMajority(bm: Bitmap, x: number, y: number): boolean {
  for (let r = 2; r < 5; r++) {
    let count = 0;
    for (let a = -r + 1; a <= r - 1; a++) {
      count += inkAt(bm, x + a, y + r - 1) ? 1 : -1;
      count += inkAt(bm, x + r - 1, y + a - 1) ? 1 : -1;
      count += inkAt(bm, x + a - 1, y - r) ? 1 : -1;
      count += inkAt(bm, x - r, y + a) ? 1 : -1;
    }
    if (count !== 0) return count > 0;
  }
  return false;
}

/** Whether, at an ambiguous corner, the walk should turn so the two diagonal ink pixels stay joined. */
function joinInk(policy: Exclude<TurnPolicy, 'left' | 'right'>, original: Bitmap, x: number, y: number): boolean {
  switch (policy) {
    case 'black':
      return true;
    case 'white':
      return false;
    case 'majority':
      return inkIsMajority(original, x, y);
    case 'minority':
      return !inkIsMajority(original, x, y);
  }
}

/**
 * Walks one boundary starting at the top-left corner of pixel (x0, y0), which is
 * ink in `work` with paper above and to its left. Ink is kept on the walker's
 * right (y grows downwards).
 */
function walk(work: Bitmap, original: Bitmap, x0: number, y0: number, policy: TurnPolicy): LatticePath {
  const sign = inkAt(original, x0, y0) ? '+' : '-';
  const points: Point[] = [];
  let x = x0;
  let y = y0;
  let dx = 1;
  let dy = 0;
  let area = 0;
  for (;;) {
    points.push({ x, y });
    x += dx;
    y += dy;
    area += x * dy;
    if (x === x0 && y === y0) break;
    // The pixels just ahead on the right and on the left of the direction of travel.
    const right = inkAt(work, x + (dx - dy - 1) / 2, y + (dy + dx - 1) / 2);
    const left = inkAt(work, x + (dx + dy - 1) / 2, y + (dy - dx - 1) / 2);
    let turn: 'left' | 'right' | 'straight';
    if (right && left) turn = 'left';
    else if (right) turn = 'straight';
    else if (!left) turn = 'right';
    else {
      // Diagonal: ink behind on the right and ahead on the left. Turning left joins them.
      if (policy === 'left' || policy === 'right') turn = policy;
      // In the working copy a hole's pixels are inverted, so joining original ink there means the other turn.
      else turn = joinInk(policy, original, x, y) === (sign === '+') ? 'left' : 'right';
    }
    if (turn === 'left') [dx, dy] = [dy, -dx];
    else if (turn === 'right') [dx, dy] = [-dy, dx];
  }
  return { points, sign, area: Math.abs(area) };
}

/** Flips every pixel enclosed by the path in `work` (row by row, from each vertical edge rightwards). */
function xorInside(work: Bitmap, path: Point[]): void {
  let maxX = 0;
  for (const p of path) maxX = Math.max(maxX, p.x);
  const n = path.length;
  for (let i = 0; i < n; i++) {
    const a = path[i]!;
    const b = path[(i + 1) % n]!;
    if (a.y === b.y) continue;
    const row = Math.min(a.y, b.y);
    const base = row * work.width;
    for (let x = a.x; x < maxX; x++) work.data[base + x] = work.data[base + x]! ^ 1;
  }
}

/** Every boundary path of the bitmap, outlines and holes, dropping those enclosing `turdSize` pixels or fewer. */
export function decompose(bitmap: Bitmap, policy: TurnPolicy, turdSize: number): LatticePath[] {
  const work: Bitmap = { width: bitmap.width, height: bitmap.height, data: new Uint8Array(bitmap.data.length) };
  for (let i = 0; i < bitmap.data.length; i++) work.data[i] = bitmap.data[i] ? 1 : 0;
  const paths: LatticePath[] = [];
  let from = 0;
  for (;;) {
    while (from < work.data.length && work.data[from] === 0) from++;
    if (from >= work.data.length) break;
    const x = from % work.width;
    const y = (from - x) / work.width;
    const path = walk(work, bitmap, x, y, policy);
    xorInside(work, path.points);
    if (path.area > turdSize) paths.push(path);
  }
  return paths;
}
