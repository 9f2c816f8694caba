import type { IndexedMesh } from '../mesh.js';
import type { Grid } from './silhouette.js';
import { FAR, squaredDistanceTransform } from '../../media/distance.js';

/**
 * The offline draft (issue 16): a silhouette inflated into a rounded,
 * closed relief. Every full cell of the grid is a quad on the front and on
 * the back; every edge between a full and an empty cell is a wall quad
 * joining the two. Height comes from the distance to the outline (an exact
 * Euclidean distance transform), through a quarter-circle profile, so thin
 * parts (arms, ears) come out round and broad parts a plateau with rounded
 * edges; the back is the same shape, flatter. Vertices sit at cell corners
 * and are shared by index, so the surface is closed and, on a grid without
 * corner-only contacts (silhouette.ts bridges them), 2-manifold.
 *
 * Units: metres, as glTF reads them; the largest image side is `sizeM` (the
 * builder rescales to the chosen print size anyway). Y is up, the front faces +Z.
 */

export interface ReliefOptions {
  /** The model's largest side (m). */
  sizeM: number;
  /** Front bulge at the centre of a thick part, as a share of the rounding radius. */
  frontBulge: number;
  /** Back bulge, the same way (flatter than the front). */
  backBulge: number;
  /** Half the wall height at the outline, in cells: the edge is never a knife. */
  rimCells: number;
  /** Laplacian smoothing passes over the heights (the distance transform leaves creases along the medial axis). */
  smoothing: number;
}

export const RELIEF_DEFAULTS: ReliefOptions = { sizeM: 0.12, frontBulge: 0.9, backBulge: 0.45, rimCells: 1.5, smoothing: 4 };

/** Distance (in cells) from each full cell's centre to the nearest empty cell's centre; the grid's outside counts as empty. */
export function distanceTransform(grid: Grid): Float32Array {
  // One cell of empty margin all round, so the outside is empty.
  const w = grid.width + 2, h = grid.height + 2;
  const f = new Float64Array(w * h).fill(0);
  for (let y = 0; y < grid.height; y++) for (let x = 0; x < grid.width; x++) if (grid.cells[y * grid.width + x]) f[(y + 1) * w + x + 1] = FAR;
  squaredDistanceTransform(f, w, h);
  const dist = new Float32Array(grid.width * grid.height);
  for (let y = 0; y < grid.height; y++) for (let x = 0; x < grid.width; x++) dist[y * grid.width + x] = Math.sqrt(f[(y + 1) * w + x + 1]!);
  return dist;
}

export function buildRelief(grid: Grid, opts: ReliefOptions = RELIEF_DEFAULTS): IndexedMesh {
  const { width, height, cells } = grid;
  const cw = width + 1;
  const full = (x: number, y: number): boolean => x >= 0 && y >= 0 && x < width && y < height && cells[y * width + x] === 1;
  const dist = distanceTransform(grid);

  // Corner heights: 0 on the outline, else the mean distance of the four cells around the corner.
  const corner = new Int32Array(cw * (height + 1)).fill(-1);
  const cornerDist: number[] = [];
  const onOutline: boolean[] = [];
  const cornerXY: number[] = [];
  let maxDist = 0;
  for (let y = 0; y <= height; y++) {
    for (let x = 0; x <= width; x++) {
      const around = [full(x - 1, y - 1), full(x, y - 1), full(x - 1, y), full(x, y)];
      if (!around.some(Boolean)) continue;
      const outline = !around.every(Boolean);
      const d = outline ? 0 : (dist[(y - 1) * width + x - 1]! + dist[(y - 1) * width + x]! + dist[y * width + x - 1]! + dist[y * width + x]!) / 4 - 0.5;
      corner[y * cw + x] = cornerDist.length;
      cornerDist.push(d);
      onOutline.push(outline);
      cornerXY.push(x, y);
      maxDist = Math.max(maxDist, d);
    }
  }
  const count = cornerDist.length;

  // Smooth the distances over the corner graph (outline corners stay at 0).
  let heights = Float64Array.from(cornerDist);
  for (let pass = 0; pass < opts.smoothing; pass++) {
    const next = heights.slice();
    for (let i = 0; i < count; i++) {
      if (onOutline[i]) continue;
      const x = cornerXY[i * 2]!, y = cornerXY[i * 2 + 1]!;
      let sum = 0, n = 0;
      for (const [nx, ny] of [[x - 1, y], [x + 1, y], [x, y - 1], [x, y + 1]] as const) {
        const j = nx >= 0 && ny >= 0 && nx <= width && ny <= height ? corner[ny * cw + nx]! : -1;
        if (j >= 0) {
          sum += heights[j]!;
          n++;
        }
      }
      if (n) next[i] = 0.5 * heights[i]! + 0.5 * (sum / n);
    }
    heights = next;
  }

  // Quarter-circle profile: round up to the rounding radius R, flat beyond it.
  const radius = Math.max(2, maxDist * 0.7);
  const profile = (d: number): number => {
    const t = Math.min(1, Math.max(0, d) / radius);
    return radius * Math.sqrt(1 - (1 - t) ** 2);
  };
  const cell = opts.sizeM / Math.max(width, height);
  const positions = new Float32Array(count * 2 * 3);
  const uvs = new Float32Array(count * 2 * 2);
  for (let i = 0; i < count; i++) {
    const x = cornerXY[i * 2]!, y = cornerXY[i * 2 + 1]!;
    const p = profile(heights[i]!);
    const px = (x - width / 2) * cell, py = (height - y) * cell;
    const front = (opts.rimCells + opts.frontBulge * p) * cell;
    const back = -(opts.rimCells + opts.backBulge * p) * cell;
    positions.set([px, py, front], i * 3);
    positions.set([px, py, back], (count + i) * 3);
    // The image on the front (glTF's UV origin is the top-left); the back shows it mirrored, as the figure's reverse.
    uvs.set([x / width, y / height], i * 2);
    uvs.set([x / width, y / height], (count + i) * 2);
  }

  const tris: number[] = [];
  const id = (x: number, y: number): number => corner[y * cw + x]!;
  const wall = (a: number, b: number): void => {
    // The front has the edge a→b; the wall takes b→a, the back (reversed) a→b.
    tris.push(b, a, count + a, b, count + a, count + b);
  };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (!full(x, y)) continue;
      const tl = id(x, y), tr = id(x + 1, y), bl = id(x, y + 1), br = id(x + 1, y + 1);
      // Counter-clockwise seen from +Z (x right, y up): bl → br → tr, bl → tr → tl.
      tris.push(bl, br, tr, bl, tr, tl);
      tris.push(count + bl, count + tr, count + br, count + bl, count + tl, count + tr);
      if (!full(x, y - 1)) wall(tr, tl);
      if (!full(x + 1, y)) wall(br, tr);
      if (!full(x, y + 1)) wall(bl, br);
      if (!full(x - 1, y)) wall(tl, bl);
    }
  }
  return { positions, indices: Uint32Array.from(tris), uvs };
}
