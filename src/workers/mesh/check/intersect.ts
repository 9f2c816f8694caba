import type { Bvh } from './bvh.js';

/**
 * Self-intersections: every pair of triangles whose boxes overlap (found by
 * walking the BVH against itself, each pair once) and that share no vertex
 * gets an exact-predicate triangle–triangle test. Two triangles that share a
 * vertex are neighbours on the surface and touch by construction.
 */

/** Signed volume (×6) of the tetrahedron a, b, c, d: > 0 when d is below the plane of a, b, c seen counter-clockwise. */
function orient(p: Float32Array, a: number, b: number, c: number, d: number): number {
  const ax = p[a]! - p[d]!, ay = p[a + 1]! - p[d + 1]!, az = p[a + 2]! - p[d + 2]!;
  const bx = p[b]! - p[d]!, by = p[b + 1]! - p[d + 1]!, bz = p[b + 2]! - p[d + 2]!;
  const cx = p[c]! - p[d]!, cy = p[c + 1]! - p[d + 1]!, cz = p[c + 2]! - p[d + 2]!;
  return ax * (by * cz - bz * cy) - ay * (bx * cz - bz * cx) + az * (bx * cy - by * cx);
}

function sign(v: number): number {
  return v > 0 ? 1 : v < 0 ? -1 : 0;
}

/** Whether segment p–q (vertex offsets) meets triangle a, b, c (closed), for p and q not both in its plane. */
function segmentHitsTriangle(pos: Float32Array, p: number, q: number, a: number, b: number, c: number): boolean {
  const sp = sign(orient(pos, a, b, c, p)), sq = sign(orient(pos, a, b, c, q));
  if (sp === sq) return false; // both strictly on one side (both zero is the coplanar case, handled apart)
  const s1 = sign(orient(pos, p, q, a, b)), s2 = sign(orient(pos, p, q, b, c)), s3 = sign(orient(pos, p, q, c, a));
  return (s1 >= 0 && s2 >= 0 && s3 >= 0) || (s1 <= 0 && s2 <= 0 && s3 <= 0);
}

/** 2D orientation of a, b, c projected by dropping axis `drop`. */
function orient2(pos: Float32Array, a: number, b: number, c: number, drop: number): number {
  const i = drop === 0 ? 1 : 0, j = drop === 2 ? 1 : 2;
  return (pos[b + i]! - pos[a + i]!) * (pos[c + j]! - pos[a + j]!) - (pos[b + j]! - pos[a + j]!) * (pos[c + i]! - pos[a + i]!);
}

function coplanarOverlap(pos: Float32Array, t: number[], u: number[]): boolean {
  // Project on the plane's dominant axis.
  const a = t[0]!, b = t[1]!, c = t[2]!;
  const ux = pos[b]! - pos[a]!, uy = pos[b + 1]! - pos[a + 1]!, uz = pos[b + 2]! - pos[a + 2]!;
  const vx = pos[c]! - pos[a]!, vy = pos[c + 1]! - pos[a + 1]!, vz = pos[c + 2]! - pos[a + 2]!;
  const nx = Math.abs(uy * vz - uz * vy), ny = Math.abs(uz * vx - ux * vz), nz = Math.abs(ux * vy - uy * vx);
  const drop = nx >= ny && nx >= nz ? 0 : ny >= nz ? 1 : 2;
  const inside = (p: number, tri: number[]): boolean => {
    const s1 = sign(orient2(pos, tri[0]!, tri[1]!, p, drop)), s2 = sign(orient2(pos, tri[1]!, tri[2]!, p, drop)), s3 = sign(orient2(pos, tri[2]!, tri[0]!, p, drop));
    return (s1 >= 0 && s2 >= 0 && s3 >= 0) || (s1 <= 0 && s2 <= 0 && s3 <= 0);
  };
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) {
      const p = t[i]!, q = t[(i + 1) % 3]!, r = u[j]!, s = u[(j + 1) % 3]!;
      const d1 = sign(orient2(pos, p, q, r, drop)), d2 = sign(orient2(pos, p, q, s, drop));
      const d3 = sign(orient2(pos, r, s, p, drop)), d4 = sign(orient2(pos, r, s, q, drop));
      if (d1 * d2 < 0 && d3 * d4 < 0) return true;
    }
  }
  return inside(t[0]!, u) || inside(u[0]!, t);
}

/** Exact test (up to double rounding of float32 input) of triangles t and u, given as vertex offsets (index × 3). */
export function trianglesIntersect(pos: Float32Array, t: number[], u: number[]): boolean {
  const du0 = sign(orient(pos, t[0]!, t[1]!, t[2]!, u[0]!)), du1 = sign(orient(pos, t[0]!, t[1]!, t[2]!, u[1]!)), du2 = sign(orient(pos, t[0]!, t[1]!, t[2]!, u[2]!));
  if (du0 === du1 && du1 === du2 && du0 !== 0) return false;
  const dt0 = sign(orient(pos, u[0]!, u[1]!, u[2]!, t[0]!)), dt1 = sign(orient(pos, u[0]!, u[1]!, u[2]!, t[1]!)), dt2 = sign(orient(pos, u[0]!, u[1]!, u[2]!, t[2]!));
  if (dt0 === dt1 && dt1 === dt2 && dt0 !== 0) return false;
  if (du0 === 0 && du1 === 0 && du2 === 0) return coplanarOverlap(pos, t, u);
  // Non-coplanar: the intersection is a segment whose ends lie on edges of t or u.
  for (let k = 0; k < 3; k++) {
    if (segmentHitsTriangle(pos, u[k]!, u[(k + 1) % 3]!, t[0]!, t[1]!, t[2]!)) return true;
    if (segmentHitsTriangle(pos, t[k]!, t[(k + 1) % 3]!, u[0]!, u[1]!, u[2]!)) return true;
  }
  return false;
}

export interface IntersectionReport {
  /** Intersecting pairs of triangles. */
  pairs: number;
  triangles: Uint32Array;
}

export function selfIntersections(pos: Float32Array, tri: Uint32Array, skip: Uint8Array, bvh: Bvh, triBoxes: Float32Array): IntersectionReport {
  const { boxes, left, right, start, count, order } = bvh;
  const hit = new Uint8Array(tri.length / 3);
  let pairs = 0;
  const t: number[] = [0, 0, 0];
  const u: number[] = [0, 0, 0];
  /** Pair i, j whose boxes overlap: unless they share a vertex, the exact test. */
  const testPair = (i: number, j: number): void => {
    const a0 = tri[i * 3]!, a1 = tri[i * 3 + 1]!, a2 = tri[i * 3 + 2]!;
    const b0 = tri[j * 3]!, b1 = tri[j * 3 + 1]!, b2 = tri[j * 3 + 2]!;
    if (a0 === b0 || a0 === b1 || a0 === b2 || a1 === b0 || a1 === b1 || a1 === b2 || a2 === b0 || a2 === b1 || a2 === b2) return;
    t[0] = a0 * 3; t[1] = a1 * 3; t[2] = a2 * 3;
    u[0] = b0 * 3; u[1] = b1 * 3; u[2] = b2 * 3;
    if (!trianglesIntersect(pos, t, u)) return;
    pairs++;
    hit[i] = 1;
    hit[j] = 1;
  };
  const leafPairs = (a: number, b: number): void => {
    const sa = start[a]!, ea = sa + count[a]!, sb = start[b]!, eb = sb + count[b]!;
    for (let x = sa; x < ea; x++) {
      const i = order[x]!;
      if (skip[i]) continue;
      const oi = i * 6;
      const x0 = triBoxes[oi]!, y0 = triBoxes[oi + 1]!, z0 = triBoxes[oi + 2]!, x1 = triBoxes[oi + 3]!, y1 = triBoxes[oi + 4]!, z1 = triBoxes[oi + 5]!;
      for (let y = a === b ? x + 1 : sb; y < eb; y++) {
        const j = order[y]!;
        const oj = j * 6;
        if (skip[j] || x0 > triBoxes[oj + 3]! || triBoxes[oj]! > x1 || y0 > triBoxes[oj + 4]! || triBoxes[oj + 1]! > y1 || z0 > triBoxes[oj + 5]! || triBoxes[oj + 2]! > z1) continue;
        testPair(i, j);
      }
    }
  };
  const overlap = (a: number, b: number): boolean => {
    const oa = a * 6, ob = b * 6;
    return boxes[oa]! <= boxes[ob + 3]! && boxes[ob]! <= boxes[oa + 3]! && boxes[oa + 1]! <= boxes[ob + 4]! && boxes[ob + 1]! <= boxes[oa + 4]! && boxes[oa + 2]! <= boxes[ob + 5]! && boxes[ob + 2]! <= boxes[oa + 5]!;
  };
  // Pairs of nodes still to walk; (n, n) means "every pair inside n".
  const stack = new Int32Array(1 << 16);
  let sp = 0;
  const grow = { stack };
  const push = (a: number, b: number): void => {
    if (sp + 2 > grow.stack.length) {
      const bigger = new Int32Array(grow.stack.length * 2);
      bigger.set(grow.stack);
      grow.stack = bigger;
    }
    grow.stack[sp++] = a;
    grow.stack[sp++] = b;
  };
  if (bvh.nodes > 0) push(0, 0);
  while (sp > 0) {
    const b = grow.stack[--sp]!, a = grow.stack[--sp]!;
    const aLeaf = left[a] === -1, bLeaf = left[b] === -1;
    if (a === b) {
      if (aLeaf) leafPairs(a, a);
      else {
        push(left[a]!, left[a]!);
        push(right[a]!, right[a]!);
        if (overlap(left[a]!, right[a]!)) push(left[a]!, right[a]!);
      }
      continue;
    }
    if (aLeaf && bLeaf) leafPairs(a, b);
    else if (!aLeaf && (bLeaf || count[a]! >= count[b]!)) {
      if (overlap(left[a]!, b)) push(left[a]!, b);
      if (overlap(right[a]!, b)) push(right[a]!, b);
    } else {
      if (overlap(a, left[b]!)) push(a, left[b]!);
      if (overlap(a, right[b]!)) push(a, right[b]!);
    }
  }
  const list: number[] = [];
  for (let i = 0; i < hit.length; i++) if (hit[i]) list.push(i);
  return { pairs, triangles: Uint32Array.from(list) };
}
