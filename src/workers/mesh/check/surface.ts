/**
 * Per-triangle measures of the surface: degenerate triangles, area, signed
 * volume, and the overhangs that need support when printed with Z up.
 */

/** A triangle is degenerate when two corners are one vertex or one point, or its area is below this share of its longest edge squared (a needle or a cap: height < 1e-6 × length). */
const DEGENERATE_RATIO = 1e-6;
/** Triangles lying within this of the lowest point rest on the build plate and need no support (mm). */
export const BED_TOLERANCE_MM = 0.01;

export interface SurfaceReport {
  /** 1 per degenerate triangle. */
  degenerate: Uint8Array;
  degenerateCount: number;
  areaMm2: number;
  /** Signed enclosed volume (mm³), meaningful for a closed mesh only. */
  signedVolumeMm3: number;
  overhangTriangles: Uint32Array;
  overhangAreaMm2: number;
}

export function measureSurface(pos: Float32Array, tri: Uint32Array, maxOverhangDeg: number | null, minZ: number): SurfaceReport {
  const n = tri.length / 3;
  const degenerate = new Uint8Array(n);
  let degenerateCount = 0;
  let area = 0;
  let volume = 0;
  let overhangArea = 0;
  const overhang: number[] = [];
  // A downward face overhangs by asin(−nz) from vertical; beyond the limit, −nz > sin(limit).
  const limit = maxOverhangDeg === null ? null : Math.sin((maxOverhangDeg * Math.PI) / 180);
  const bed = minZ + BED_TOLERANCE_MM;
  for (let t = 0; t < n; t++) {
    const ia = tri[t * 3]!, ib = tri[t * 3 + 1]!, ic = tri[t * 3 + 2]!;
    const a = ia * 3, b = ib * 3, c = ic * 3;
    const ax = pos[a]!, ay = pos[a + 1]!, az = pos[a + 2]!;
    const ux = pos[b]! - ax, uy = pos[b + 1]! - ay, uz = pos[b + 2]! - az;
    const vx = pos[c]! - ax, vy = pos[c + 1]! - ay, vz = pos[c + 2]! - az;
    const nx = uy * vz - uz * vy, ny = uz * vx - ux * vz, nz = ux * vy - uy * vx;
    const twice = Math.sqrt(nx * nx + ny * ny + nz * nz);
    const wx = vx - ux, wy = vy - uy, wz = vz - uz;
    const longest = Math.max(ux * ux + uy * uy + uz * uz, vx * vx + vy * vy + vz * vz, wx * wx + wy * wy + wz * wz);
    if (ia === ib || ib === ic || ia === ic || twice <= DEGENERATE_RATIO * longest || longest === 0) {
      degenerate[t] = 1;
      degenerateCount++;
    }
    area += twice / 2;
    // Signed volume of the tetrahedron (origin, a, b, c).
    volume += (ax * (pos[b + 1]! * pos[c + 2]! - pos[b + 2]! * pos[c + 1]!) - ay * (pos[b]! * pos[c + 2]! - pos[b + 2]! * pos[c]!) + az * (pos[b]! * pos[c + 1]! - pos[b + 1]! * pos[c]!)) / 6;
    if (limit !== null && twice > 0 && -nz / twice > limit && !degenerate[t]) {
      const top = Math.max(az, pos[b + 2]!, pos[c + 2]!);
      if (top > bed) {
        overhang.push(t);
        overhangArea += twice / 2;
      }
    }
  }
  return { degenerate, degenerateCount, areaMm2: area, signedVolumeMm3: volume, overhangTriangles: Uint32Array.from(overhang), overhangAreaMm2: overhangArea };
}

/** Largest side (mm) of each shell's bounding box. */
export function shellExtents(pos: Float32Array, tri: Uint32Array, shellOf: Uint32Array, shells: number): Float64Array {
  const box = new Float64Array(shells * 6);
  for (let s = 0; s < shells; s++) {
    box.fill(Infinity, s * 6, s * 6 + 3);
    box.fill(-Infinity, s * 6 + 3, s * 6 + 6);
  }
  for (let t = 0; t < shellOf.length; t++) {
    const o = shellOf[t]! * 6;
    for (let k = 0; k < 3; k++) {
      const v = tri[t * 3 + k]! * 3;
      for (let d = 0; d < 3; d++) {
        const x = pos[v + d]!;
        if (x < box[o + d]!) box[o + d] = x;
        if (x > box[o + 3 + d]!) box[o + 3 + d] = x;
      }
    }
  }
  const extents = new Float64Array(shells);
  for (let s = 0; s < shells; s++) extents[s] = Math.max(box[s * 6 + 3]! - box[s * 6]!, box[s * 6 + 4]! - box[s * 6 + 1]!, box[s * 6 + 5]! - box[s * 6 + 2]!);
  return extents;
}
