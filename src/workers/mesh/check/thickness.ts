import type { Bvh } from './bvh.js';

/**
 * Wall thickness: from the centroid of a triangle, a ray goes inward
 * (against its outward normal) to the nearest other triangle; when that
 * triangle faces away from the ray — the far side of the same wall — the
 * distance is the wall's thickness there. A hit on a triangle facing the ray
 * means the ray started outside the material (a flipped or open part) and is
 * not counted. At most MAX_RAYS triangles are sampled, spread evenly over the
 * triangle list (documented in docs/3d-checks.md).
 */
export const MAX_RAYS = 50_000;

export interface ThicknessReport {
  /** Thinnest wall found (mm), null when no ray measured one. */
  thinnestMm: number | null;
  /** Sampled triangles whose wall is thinner than the limit. */
  thinTriangles: Uint32Array;
  /** Triangles a ray was cast from. */
  sampled: number;
}

export function measureThickness(pos: Float32Array, tri: Uint32Array, skip: Uint8Array, bvh: Bvh, minWallMm: number): ThicknessReport {
  const triangles = tri.length / 3;
  const stride = Math.max(1, triangles / MAX_RAYS);
  const stack = new Int32Array(256);
  let thinnest = Infinity;
  const thin: number[] = [];
  let sampled = 0;
  for (let s = 0; s < Math.min(triangles, MAX_RAYS); s++) {
    const t = Math.floor(s * stride);
    if (skip[t]) continue;
    const a = tri[t * 3]! * 3, b = tri[t * 3 + 1]! * 3, c = tri[t * 3 + 2]! * 3;
    const ux = pos[b]! - pos[a]!, uy = pos[b + 1]! - pos[a + 1]!, uz = pos[b + 2]! - pos[a + 2]!;
    const vx = pos[c]! - pos[a]!, vy = pos[c + 1]! - pos[a + 1]!, vz = pos[c + 2]! - pos[a + 2]!;
    let nx = uy * vz - uz * vy, ny = uz * vx - ux * vz, nz = ux * vy - uy * vx;
    const len = Math.hypot(nx, ny, nz);
    if (len === 0) continue;
    nx /= -len; ny /= -len; nz /= -len; // inward
    const ox = (pos[a]! + pos[b]! + pos[c]!) / 3, oy = (pos[a + 1]! + pos[b + 1]! + pos[c + 1]!) / 3, oz = (pos[a + 2]! + pos[b + 2]! + pos[c + 2]!) / 3;
    sampled++;
    const d = castRay(pos, tri, bvh, stack, t, ox, oy, oz, nx, ny, nz);
    if (d === null) continue;
    if (d < thinnest) thinnest = d;
    if (d < minWallMm) thin.push(t);
  }
  return { thinnestMm: Number.isFinite(thinnest) ? thinnest : null, thinTriangles: Uint32Array.from(thin), sampled };
}

/** Distance to the nearest triangle other than `self` along the ray, when that triangle faces away from it (an exit); otherwise null. */
function castRay(pos: Float32Array, tri: Uint32Array, bvh: Bvh, stack: Int32Array, self: number, ox: number, oy: number, oz: number, dx: number, dy: number, dz: number): number | null {
  const { boxes, left, right, start, count, order } = bvh;
  // A zero component would make 0 × ∞ = NaN in the slab test for a ray starting on a box's face.
  const ix = 1 / (dx || 1e-30), iy = 1 / (dy || 1e-30), iz = 1 / (dz || 1e-30);
  let best = Infinity;
  let bestExit = false;
  let sp = 0;
  stack[sp++] = 0;
  while (sp > 0) {
    const node = stack[--sp]!;
    if (entry(boxes, node * 6, ox, oy, oz, ix, iy, iz, best) === Infinity) continue;
    if (left[node] !== -1) {
      if (sp + 2 > stack.length) continue; // a degenerate, 128-deep tree: skip the subtree rather than overflow
      // Nearer child on top, so the first hits found cut the farther one off.
      const l = left[node]!, r = right[node]!;
      const dl = entry(boxes, l * 6, ox, oy, oz, ix, iy, iz, best), dr = entry(boxes, r * 6, ox, oy, oz, ix, iy, iz, best);
      if (dl <= dr) {
        if (dr !== Infinity) stack[sp++] = r;
        if (dl !== Infinity) stack[sp++] = l;
      } else {
        if (dl !== Infinity) stack[sp++] = l;
        stack[sp++] = r;
      }
      continue;
    }
    for (let k = start[node]!; k < start[node]! + count[node]!; k++) {
      const t = order[k]!;
      if (t === self) continue;
      const a = tri[t * 3]! * 3, b = tri[t * 3 + 1]! * 3, c = tri[t * 3 + 2]! * 3;
      // Möller–Trumbore.
      const e1x = pos[b]! - pos[a]!, e1y = pos[b + 1]! - pos[a + 1]!, e1z = pos[b + 2]! - pos[a + 2]!;
      const e2x = pos[c]! - pos[a]!, e2y = pos[c + 1]! - pos[a + 1]!, e2z = pos[c + 2]! - pos[a + 2]!;
      const px = dy * e2z - dz * e2y, py = dz * e2x - dx * e2z, pz = dx * e2y - dy * e2x;
      const det = e1x * px + e1y * py + e1z * pz;
      if (det === 0) continue;
      const inv = 1 / det;
      const sx = ox - pos[a]!, sy = oy - pos[a + 1]!, sz = oz - pos[a + 2]!;
      const u = (sx * px + sy * py + sz * pz) * inv;
      if (u < 0 || u > 1) continue;
      const qx = sy * e1z - sz * e1y, qy = sz * e1x - sx * e1z, qz = sx * e1y - sy * e1x;
      const v = (dx * qx + dy * qy + dz * qz) * inv;
      if (v < 0 || u + v > 1) continue;
      const dist = (e2x * qx + e2y * qy + e2z * qz) * inv;
      if (dist <= 1e-6 || dist >= best) continue;
      best = dist;
      // det > 0: the ray meets the triangle's front (counter-clockwise) side, i.e. it faces the ray.
      bestExit = det < 0;
    }
  }
  return Number.isFinite(best) && bestExit ? best : null;
}

/** Distance along the ray to where it enters the box at offset o (0 when it starts inside), or Infinity when it misses it or enters beyond `best`. */
function entry(boxes: Float32Array, o: number, ox: number, oy: number, oz: number, ix: number, iy: number, iz: number, best: number): number {
  let t0 = (boxes[o]! - ox) * ix, t1 = (boxes[o + 3]! - ox) * ix;
  let lo = t0 < t1 ? t0 : t1, hi = t0 < t1 ? t1 : t0;
  t0 = (boxes[o + 1]! - oy) * iy;
  t1 = (boxes[o + 4]! - oy) * iy;
  lo = Math.max(lo, t0 < t1 ? t0 : t1);
  hi = Math.min(hi, t0 < t1 ? t1 : t0);
  t0 = (boxes[o + 2]! - oz) * iz;
  t1 = (boxes[o + 5]! - oz) * iz;
  lo = Math.max(lo, t0 < t1 ? t0 : t1);
  hi = Math.min(hi, t0 < t1 ? t1 : t0);
  if (lo < 0) lo = 0;
  return hi >= lo && lo <= best ? lo : Infinity;
}
