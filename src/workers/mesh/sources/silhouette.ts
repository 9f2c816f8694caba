/**
 * The character's silhouette on a grid, for the offline relief: from the
 * image's alpha channel when it has real transparency, else by flood-filling
 * the background in from the border (pixels connected to the border whose
 * colour is near the border's). What is left is cleaned into a shape a
 * watertight surface can be built on: the largest 4-connected piece only, and
 * no two cells that touch at a corner alone (such a corner would be a
 * non-manifold vertex of the relief) — each such pair is bridged by filling one
 * of the two empty cells beside it.
 */

export interface Grid {
  width: number;
  height: number;
  /** 1 = the character, row by row. */
  cells: Uint8Array;
}

/** RGB distance under which a pixel counts as the border's colour. */
const BACKGROUND_DISTANCE = 48;
/** Alpha at or above which a pixel is opaque. */
const OPAQUE = 128;

/** Whether an RGBA image's alpha channel separates a subject from its background (not all opaque, not all clear). */
export function hasCutout(rgba: Uint8Array): boolean {
  let clear = 0;
  const pixels = rgba.length / 4;
  for (let i = 3; i < rgba.length; i += 4) if (rgba[i]! < OPAQUE) clear++;
  return clear > pixels * 0.02 && clear < pixels * 0.98;
}

export function maskFromAlpha(rgba: Uint8Array, width: number, height: number): Grid {
  const cells = new Uint8Array(width * height);
  for (let i = 0; i < cells.length; i++) cells[i] = rgba[i * 4 + 3]! >= OPAQUE ? 1 : 0;
  return { width, height, cells };
}

/** The median of the border pixels' colours: the background a drawing or product shot sits on. */
function borderColour(rgba: Uint8Array, width: number, height: number): [number, number, number] {
  const rs: number[] = [], gs: number[] = [], bs: number[] = [];
  const push = (x: number, y: number): void => {
    const i = (y * width + x) * 4;
    rs.push(rgba[i]!);
    gs.push(rgba[i + 1]!);
    bs.push(rgba[i + 2]!);
  };
  for (let x = 0; x < width; x++) {
    push(x, 0);
    push(x, height - 1);
  }
  for (let y = 1; y < height - 1; y++) {
    push(0, y);
    push(width - 1, y);
  }
  const median = (a: number[]): number => a.sort((p, q) => p - q)[a.length >> 1]!;
  return [median(rs), median(gs), median(bs)];
}

export function maskFromBackground(rgba: Uint8Array, width: number, height: number): Grid {
  const [br, bg, bb] = borderColour(rgba, width, height);
  const near = (p: number): boolean => {
    const i = p * 4;
    return Math.hypot(rgba[i]! - br, rgba[i + 1]! - bg, rgba[i + 2]! - bb) < BACKGROUND_DISTANCE;
  };
  const background = new Uint8Array(width * height);
  const stack: number[] = [];
  const seed = (p: number): void => {
    if (!background[p] && near(p)) {
      background[p] = 1;
      stack.push(p);
    }
  };
  for (let x = 0; x < width; x++) {
    seed(x);
    seed((height - 1) * width + x);
  }
  for (let y = 0; y < height; y++) {
    seed(y * width);
    seed(y * width + width - 1);
  }
  while (stack.length) {
    const p = stack.pop()!;
    const x = p % width, y = (p - x) / width;
    if (x > 0) seed(p - 1);
    if (x < width - 1) seed(p + 1);
    if (y > 0) seed(p - width);
    if (y < height - 1) seed(p + width);
  }
  const cells = new Uint8Array(width * height);
  for (let i = 0; i < cells.length; i++) cells[i] = background[i] ? 0 : 1;
  return { width, height, cells };
}

/** Keeps the largest 4-connected piece (specks of dust and stray strokes go). */
export function largestPiece(grid: Grid): Grid {
  const { width, height, cells } = grid;
  const label = new Int32Array(cells.length).fill(-1);
  let best = -1, bestSize = 0, next = 0;
  for (let start = 0; start < cells.length; start++) {
    if (!cells[start] || label[start] !== -1) continue;
    const id = next++;
    let size = 0;
    const stack = [start];
    label[start] = id;
    while (stack.length) {
      const p = stack.pop()!;
      size++;
      const x = p % width;
      for (const q of [x > 0 ? p - 1 : -1, x < width - 1 ? p + 1 : -1, p - width, p + width]) {
        if (q >= 0 && q < cells.length && cells[q] && label[q] === -1) {
          label[q] = id;
          stack.push(q);
        }
      }
    }
    if (size > bestSize) {
      bestSize = size;
      best = id;
    }
  }
  const out = new Uint8Array(cells.length);
  for (let i = 0; i < cells.length; i++) out[i] = label[i] === best ? 1 : 0;
  return { width, height, cells: out };
}

/**
 * Fills one empty cell of every 2×2 block whose two full cells touch only at
 * the corner, until none is left. Only cells are added, so it ends; the
 * piece stays one piece.
 */
export function bridgeDiagonals(grid: Grid): Grid {
  const { width, height } = grid;
  const cells = grid.cells.slice();
  for (let changed = true; changed; ) {
    changed = false;
    for (let y = 0; y + 1 < height; y++) {
      for (let x = 0; x + 1 < width; x++) {
        const i = y * width + x;
        const a = cells[i]!, b = cells[i + 1]!, c = cells[i + width]!, d = cells[i + width + 1]!;
        // a b / c d: a–d alone or b–c alone; cells outside the grid are empty, so only blocks inside it can have this.
        if (a && d && !b && !c) {
          cells[i + 1] = 1;
          changed = true;
        } else if (b && c && !a && !d) {
          cells[i] = 1;
          changed = true;
        }
      }
    }
  }
  return { width, height, cells };
}

export function filledCount(grid: Grid): number {
  let n = 0;
  for (const c of grid.cells) n += c;
  return n;
}
