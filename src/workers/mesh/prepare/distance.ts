import type { IndexedMesh } from '../mesh.js';

/**
 * The signed distance to a closed mesh's surface on a regular grid of
 * nodes `step` apart, positive inside: what the hollowing's level set
 * samples (by trilinear interpolation between nodes). Only a band `reach`
 * wide around the surface is measured exactly — each triangle updates the
 * nodes within `reach` of it — and everything farther reads ±`reach`,
 * which is all a cavity `wall` < `reach` deep needs. Inside/outside comes
 * from vertical rays through each column of nodes: the heights where the
 * surface is crossed, counted upward.
 */
export interface DistanceGrid {
  sample(x: number, y: number, z: number): number;
}

export function distanceGrid(mesh: IndexedMesh, bounds: { min: number[]; max: number[] }, step: number, reach: number): DistanceGrid {
  const p = mesh.positions, ix = mesh.indices;
  const origin = [0, 1, 2].map((k) => bounds.min[k]! - 2 * step);
  const dims = [0, 1, 2].map((k) => Math.ceil((bounds.max[k]! + 2 * step - origin[k]!) / step) + 1);
  const [nx, ny, nz] = dims as [number, number, number];
  const at = (i: number, j: number, k: number) => (i * ny + j) * nz + k;
  const squared = new Float32Array(nx * ny * nz).fill(reach * reach);
  for (let t = 0; t < ix.length / 3; t++) {
    const lo = [0, 0, 0], hi = [0, 0, 0];
    for (let k = 0; k < 3; k++) {
      const a = p[ix[t * 3]! * 3 + k]!, b = p[ix[t * 3 + 1]! * 3 + k]!, c = p[ix[t * 3 + 2]! * 3 + k]!;
      lo[k] = Math.max(0, Math.ceil((Math.min(a, b, c) - reach - origin[k]!) / step));
      hi[k] = Math.min(dims[k]! - 1, Math.floor((Math.max(a, b, c) + reach - origin[k]!) / step));
    }
    for (let i = lo[0]!; i <= hi[0]!; i++) {
      const x = origin[0]! + i * step;
      for (let j = lo[1]!; j <= hi[1]!; j++) {
        const y = origin[1]! + j * step;
        for (let k = lo[2]!; k <= hi[2]!; k++) {
          const d = squaredDistance(p, ix, t, x, y, origin[2]! + k * step);
          const n = at(i, j, k);
          if (d < squared[n]!) squared[n] = d;
        }
      }
    }
  }
  const signed = new Float32Array(squared.length);
  const columns = crossingColumns(mesh, origin, nx, ny, step);
  for (let i = 0; i < nx; i++) {
    for (let j = 0; j < ny; j++) {
      const hits = columns[i * ny + j] ?? [];
      hits.sort((a, b) => a - b);
      let crossed = 0;
      for (let k = 0; k < nz; k++) {
        const z = origin[2]! + k * step;
        while (crossed < hits.length && hits[crossed]! < z) crossed++;
        const d = Math.sqrt(squared[at(i, j, k)]!);
        signed[at(i, j, k)] = crossed % 2 === 1 ? d : -d;
      }
    }
  }
  return {
    sample(x, y, z) {
      const fx = (x - origin[0]!) / step, fy = (y - origin[1]!) / step, fz = (z - origin[2]!) / step;
      const i = Math.min(nx - 2, Math.max(0, Math.floor(fx))), j = Math.min(ny - 2, Math.max(0, Math.floor(fy))), k = Math.min(nz - 2, Math.max(0, Math.floor(fz)));
      const u = Math.min(1, Math.max(0, fx - i)), v = Math.min(1, Math.max(0, fy - j)), w = Math.min(1, Math.max(0, fz - k));
      const lerp = (a: number, b: number, s: number) => a + (b - a) * s;
      const c = (di: number, dj: number) => lerp(signed[at(i + di, j + dj, k)]!, signed[at(i + di, j + dj, k + 1)]!, w);
      return lerp(lerp(c(0, 0), c(0, 1), v), lerp(c(1, 0), c(1, 1), v), u);
    },
  };
}

/** The heights where vertical lines through the node columns cross the surface (unsorted). */
function crossingColumns(mesh: IndexedMesh, origin: number[], nx: number, ny: number, step: number): (number[] | undefined)[] {
  const p = mesh.positions, ix = mesh.indices;
  const x0 = origin[0]!, y0 = origin[1]!;
  const hits: (number[] | undefined)[] = new Array(nx * ny);
  for (let t = 0; t < ix.length / 3; t++) {
    const a = ix[t * 3]! * 3, b = ix[t * 3 + 1]! * 3, c = ix[t * 3 + 2]! * 3;
    const ax = p[a]!, ay = p[a + 1]!, bx = p[b]!, by = p[b + 1]!, cx = p[c]!, cy = p[c + 1]!;
    const area = (bx - ax) * (cy - ay) - (cx - ax) * (by - ay);
    if (area === 0) continue; // vertical triangle: a ray along z never crosses it
    const i0 = Math.max(0, Math.floor((Math.min(ax, bx, cx) - x0) / step)), i1 = Math.min(nx - 1, Math.ceil((Math.max(ax, bx, cx) - x0) / step));
    const j0 = Math.max(0, Math.floor((Math.min(ay, by, cy) - y0) / step)), j1 = Math.min(ny - 1, Math.ceil((Math.max(ay, by, cy) - y0) / step));
    for (let i = i0; i <= i1; i++) {
      // A tiny offset keeps rays off shared edges and vertices, where a crossing would count twice or not at all.
      const x = x0 + i * step + step * 1e-4;
      for (let j = j0; j <= j1; j++) {
        const y = y0 + j * step + step * 1.3e-4;
        const w0 = ((bx - x) * (cy - y) - (cx - x) * (by - y)) / area;
        const w1 = ((cx - x) * (ay - y) - (ax - x) * (cy - y)) / area;
        const w2 = 1 - w0 - w1;
        if (w0 < 0 || w1 < 0 || w2 < 0) continue;
        const z = w0 * p[a + 2]! + w1 * p[b + 2]! + w2 * p[c + 2]!;
        const list = hits[i * ny + j];
        if (list) list.push(z);
        else hits[i * ny + j] = [z];
      }
    }
  }
  return hits;
}

/** Squared distance from (x, y, z) to triangle t: the closest point by its Voronoi region (Ericson, Real-Time Collision Detection 5.1.5). */
function squaredDistance(p: Float32Array, ix: Uint32Array, t: number, x: number, y: number, z: number): number {
  const a = ix[t * 3]! * 3, b = ix[t * 3 + 1]! * 3, c = ix[t * 3 + 2]! * 3;
  const ax = p[a]!, ay = p[a + 1]!, az = p[a + 2]!;
  const abx = p[b]! - ax, aby = p[b + 1]! - ay, abz = p[b + 2]! - az;
  const acx = p[c]! - ax, acy = p[c + 1]! - ay, acz = p[c + 2]! - az;
  const apx = x - ax, apy = y - ay, apz = z - az;
  const d1 = abx * apx + aby * apy + abz * apz, d2 = acx * apx + acy * apy + acz * apz;
  if (d1 <= 0 && d2 <= 0) return apx * apx + apy * apy + apz * apz;
  const bpx = x - p[b]!, bpy = y - p[b + 1]!, bpz = z - p[b + 2]!;
  const d3 = abx * bpx + aby * bpy + abz * bpz, d4 = acx * bpx + acy * bpy + acz * bpz;
  if (d3 >= 0 && d4 <= d3) return bpx * bpx + bpy * bpy + bpz * bpz;
  const vc = d1 * d4 - d3 * d2;
  if (vc <= 0 && d1 >= 0 && d3 <= 0) return along(apx, apy, apz, abx, aby, abz, d1 / (d1 - d3));
  const cpx = x - p[c]!, cpy = y - p[c + 1]!, cpz = z - p[c + 2]!;
  const d5 = abx * cpx + aby * cpy + abz * cpz, d6 = acx * cpx + acy * cpy + acz * cpz;
  if (d6 >= 0 && d5 <= d6) return cpx * cpx + cpy * cpy + cpz * cpz;
  const vb = d5 * d2 - d1 * d6;
  if (vb <= 0 && d2 >= 0 && d6 <= 0) return along(apx, apy, apz, acx, acy, acz, d2 / (d2 - d6));
  const va = d3 * d6 - d5 * d4;
  if (va <= 0 && d4 - d3 >= 0 && d5 - d6 >= 0) {
    const w = (d4 - d3) / (d4 - d3 + (d5 - d6));
    const ex = p[c]! - p[b]!, ey = p[c + 1]! - p[b + 1]!, ez = p[c + 2]! - p[b + 2]!;
    return along(bpx, bpy, bpz, ex, ey, ez, w);
  }
  const denom = 1 / (va + vb + vc);
  const v = vb * denom, w = vc * denom;
  const qx = abx * v + acx * w - apx, qy = aby * v + acy * w - apy, qz = abz * v + acz * w - apz;
  return qx * qx + qy * qy + qz * qz;
}

/** Squared distance from a point at offset (px, py, pz) from a segment's start to the point at fraction s along it (dx, dy, dz). */
function along(px: number, py: number, pz: number, dx: number, dy: number, dz: number, s: number): number {
  const qx = px - dx * s, qy = py - dy * s, qz = pz - dz * s;
  return qx * qx + qy * qy + qz * qz;
}
