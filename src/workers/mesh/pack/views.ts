import sharp from 'sharp';
import type { IndexedMesh } from '../mesh.js';
import { bounds } from '../scale.js';

export const VIEWS = ['front', 'side', 'top'] as const;
export type ViewName = (typeof VIEWS)[number];

/**
 * The spec sheet's orthographic views, drawn by a small software
 * rasteriser (no GPU in a worker): each triangle filled with a z-buffer and
 * flat shading from a light over the viewer's shoulder. All three views use
 * one scale (millimetres per pixel), so they compare as a drawing would.
 * Model in millimetres, Z up. Front looks along +y, side along −x, top down −z.
 */
const BACKGROUND = 255;
const BASE: [number, number, number] = [150, 172, 196];

/** Screen right (u), screen up (v) and toward the viewer (depth), per view. */
function project(view: ViewName, x: number, y: number, z: number): [number, number, number] {
  if (view === 'front') return [x, z, -y];
  if (view === 'side') return [y, z, x];
  return [x, y, z];
}

export interface RenderedView {
  view: ViewName;
  png: Buffer;
  width: number;
  height: number;
  /** Millimetres per pixel. */
  mmPerPx: number;
}

export async function renderViews(mesh: IndexedMesh, sizePx = 480): Promise<RenderedView[]> {
  const [x0, y0, z0, x1, y1, z1] = bounds(mesh.positions);
  const extent = Math.max(x1 - x0, y1 - y0, z1 - z0) || 1;
  const mmPerPx = extent / (sizePx * 0.86);
  const centre = [(x0 + x1) / 2, (y0 + y1) / 2, (z0 + z1) / 2] as const;
  const out: RenderedView[] = [];
  for (const view of VIEWS) {
    const rgb = rasterise(mesh, view, sizePx, mmPerPx, centre);
    const png = await sharp(rgb, { raw: { width: sizePx, height: sizePx, channels: 3 } }).png().toBuffer();
    out.push({ view, png, width: sizePx, height: sizePx, mmPerPx });
  }
  return out;
}

/** RGB pixels of one view. */
export function rasterise(mesh: IndexedMesh, view: ViewName, size: number, mmPerPx: number, centre: readonly [number, number, number]): Buffer {
  const rgb = Buffer.alloc(size * size * 3, BACKGROUND);
  const depth = new Float32Array(size * size).fill(-Infinity);
  const [cu, cv] = project(view, centre[0], centre[1], centre[2]);
  const p = mesh.positions, ix = mesh.indices;
  // Light from the viewer's upper left, in screen terms (u right, v up, d toward the viewer).
  const light = normalise([-0.4, 0.5, 0.77]);
  const sx = new Float64Array(3), sy = new Float64Array(3), sd = new Float64Array(3);
  for (let t = 0; t < ix.length / 3; t++) {
    for (let k = 0; k < 3; k++) {
      const v = ix[t * 3 + k]! * 3;
      const [u, w, d] = project(view, p[v]!, p[v + 1]!, p[v + 2]!);
      sx[k] = size / 2 + (u - cu) / mmPerPx;
      sy[k] = size / 2 - (w - cv) / mmPerPx;
      sd[k] = d;
    }
    // Face normal in screen terms (u, v up, d): y is flipped on screen, so recompute it from the projected model coordinates.
    const ux = sx[1]! - sx[0]!, uy = -(sy[1]! - sy[0]!), ud = sd[1]! - sd[0]!;
    const vx = sx[2]! - sx[0]!, vy = -(sy[2]! - sy[0]!), vd = sd[2]! - sd[0]!;
    const n = normalise([uy * vd - ud * vy, ud * vx - ux * vd, ux * vy - uy * vx]);
    const shade = 0.3 + 0.7 * Math.abs(n[0]! * light[0]! + n[1]! * light[1]! + n[2]! * light[2]!);
    const colour = BASE.map((c) => Math.round(c * shade)) as [number, number, number];
    fill(sx, sy, sd, size, depth, rgb, colour);
  }
  return rgb;
}

function fill(sx: Float64Array, sy: Float64Array, sd: Float64Array, size: number, depth: Float32Array, rgb: Buffer, colour: [number, number, number]): void {
  const area = (sx[1]! - sx[0]!) * (sy[2]! - sy[0]!) - (sx[2]! - sx[0]!) * (sy[1]! - sy[0]!);
  if (area === 0) return;
  const minX = Math.max(0, Math.floor(Math.min(sx[0]!, sx[1]!, sx[2]!))), maxX = Math.min(size - 1, Math.ceil(Math.max(sx[0]!, sx[1]!, sx[2]!)));
  const minY = Math.max(0, Math.floor(Math.min(sy[0]!, sy[1]!, sy[2]!))), maxY = Math.min(size - 1, Math.ceil(Math.max(sy[0]!, sy[1]!, sy[2]!)));
  for (let y = minY; y <= maxY; y++) {
    const py = y + 0.5;
    for (let x = minX; x <= maxX; x++) {
      const px = x + 0.5;
      // Barycentric weights by edge functions; either winding is filled (the z-buffer decides what shows).
      const w0 = ((sx[1]! - px) * (sy[2]! - py) - (sx[2]! - px) * (sy[1]! - py)) / area;
      const w1 = ((sx[2]! - px) * (sy[0]! - py) - (sx[0]! - px) * (sy[2]! - py)) / area;
      const w2 = 1 - w0 - w1;
      if (w0 < 0 || w1 < 0 || w2 < 0) continue;
      const d = w0 * sd[0]! + w1 * sd[1]! + w2 * sd[2]!;
      const at = y * size + x;
      if (d <= depth[at]!) continue;
      depth[at] = d;
      rgb[at * 3] = colour[0];
      rgb[at * 3 + 1] = colour[1];
      rgb[at * 3 + 2] = colour[2];
    }
  }
}

function normalise(v: number[]): number[] {
  const len = Math.hypot(v[0]!, v[1]!, v[2]!) || 1;
  return [v[0]! / len, v[1]! / len, v[2]! / len];
}
