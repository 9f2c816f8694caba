import type { IndexedMesh } from '../mesh.js';

/**
 * The surface repairs done before manifold-3d sees a mesh: which vertices
 * are the same point, dropping degenerate and repeated triangles, one
 * outward orientation, and closing the holes. They work on position ids
 * (vertices welded within a tolerance) so UV seams, which split vertices,
 * are not mistaken for holes.
 */

/** For each vertex, the first vertex within `eps` of it (on a grid of that size): the point it is. */
export function positionIds(positions: Float32Array, eps: number): Uint32Array {
  const count = positions.length / 3;
  const ids = new Uint32Array(count);
  const tableSize = 1 << Math.ceil(Math.log2(Math.max(2, count * 2)));
  const table = new Int32Array(tableSize).fill(-1);
  const keys = new Int32Array(count * 3);
  for (let v = 0; v < count; v++) {
    const x = Math.round(positions[v * 3]! / eps), y = Math.round(positions[v * 3 + 1]! / eps), z = Math.round(positions[v * 3 + 2]! / eps);
    keys[v * 3] = x; keys[v * 3 + 1] = y; keys[v * 3 + 2] = z;
    let slot = (Math.imul(x, 73856093) ^ Math.imul(y, 19349663) ^ Math.imul(z, 83492791)) & (tableSize - 1);
    for (;;) {
      const w = table[slot]!;
      if (w === -1) { table[slot] = v; ids[v] = v; break; }
      if (keys[w * 3] === x && keys[w * 3 + 1] === y && keys[w * 3 + 2] === z) { ids[v] = w; break; }
      slot = (slot + 1) & (tableSize - 1);
    }
  }
  return ids;
}

/** The welding tolerance: a millionth of the bounding box's diagonal (float32 STL noise is ~1e-7 of a coordinate). */
export function weldTolerance(positions: Float32Array): number {
  const min = [Infinity, Infinity, Infinity], max = [-Infinity, -Infinity, -Infinity];
  for (let i = 0; i < positions.length; i++) {
    const k = i % 3, v = positions[i]!;
    if (v < min[k]!) min[k] = v;
    if (v > max[k]!) max[k] = v;
  }
  const diag = Math.hypot(max[0]! - min[0]!, max[1]! - min[1]!, max[2]! - min[2]!);
  return diag > 0 && Number.isFinite(diag) ? diag * 1e-6 : 1e-9;
}

/**
 * Drops triangles with two corners at the same point (degenerate) and
 * repeats of a triangle already kept (same three points, either winding).
 */
export function dropDegenerateAndDuplicates(indices: Uint32Array, ids: Uint32Array): { indices: Uint32Array; removed: number } {
  const kept: number[] = [];
  const seen = new Set<string>();
  for (let t = 0; t < indices.length; t += 3) {
    const a = ids[indices[t]!]!, b = ids[indices[t + 1]!]!, c = ids[indices[t + 2]!]!;
    if (a === b || b === c || c === a) continue;
    const key = [a, b, c].sort((p, q) => p - q).join(',');
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push(indices[t]!, indices[t + 1]!, indices[t + 2]!);
  }
  return { indices: Uint32Array.from(kept), removed: indices.length / 3 - kept.length / 3 };
}

function edgeKey(a: number, b: number, n: number): number {
  return a < b ? a * n + b : b * n + a;
}

/** The triangles on each undirected edge (by position id). */
function edgeTriangles(indices: Uint32Array, ids: Uint32Array, n: number): Map<number, number[]> {
  const edges = new Map<number, number[]>();
  for (let t = 0; t < indices.length / 3; t++) {
    for (let k = 0; k < 3; k++) {
      const key = edgeKey(ids[indices[t * 3 + k]!]!, ids[indices[t * 3 + ((k + 1) % 3)]!]!, n);
      const list = edges.get(key);
      if (list) list.push(t);
      else edges.set(key, [t]);
    }
  }
  return edges;
}

/** Whether triangle t (as wound now) runs from point a to point b along one of its edges. */
function runs(indices: Uint32Array, ids: Uint32Array, t: number, a: number, b: number): boolean {
  for (let k = 0; k < 3; k++) {
    if (ids[indices[t * 3 + k]!] === a && ids[indices[t * 3 + ((k + 1) % 3)]!] === b) return true;
  }
  return false;
}

function flip(indices: Uint32Array, t: number): void {
  const b = indices[t * 3 + 1]!;
  indices[t * 3 + 1] = indices[t * 3 + 2]!;
  indices[t * 3 + 2] = b;
}

/**
 * Winds every connected piece one way (neighbours across a two-triangle
 * edge must run it in opposite directions), then turns each piece whose
 * signed volume is negative inside out, so normals point outward. Works in
 * place; returns how many triangles end up flipped from how they came.
 */
export function orientOutward(positions: Float32Array, indices: Uint32Array, ids: Uint32Array): number {
  const triangles = indices.length / 3;
  const n = positions.length / 3;
  const edges = edgeTriangles(indices, ids, n);
  const flipped = new Uint8Array(triangles);
  const piece = new Int32Array(triangles).fill(-1);
  const volumes: number[] = [];
  for (let seed = 0; seed < triangles; seed++) {
    if (piece[seed] !== -1) continue;
    const id = volumes.length;
    volumes.push(0);
    piece[seed] = id;
    const stack = [seed];
    while (stack.length > 0) {
      const t = stack.pop()!;
      for (let k = 0; k < 3; k++) {
        const a = ids[indices[t * 3 + k]!]!, b = ids[indices[t * 3 + ((k + 1) % 3)]!]!;
        const shared = edges.get(edgeKey(a, b, n))!;
        if (shared.length !== 2) continue; // boundary or non-manifold: no neighbour to agree with
        const u = shared[0] === t ? shared[1]! : shared[0]!;
        if (piece[u] !== -1) continue;
        piece[u] = id;
        // t runs a→b; a consistent neighbour runs b→a.
        if (runs(indices, ids, u, a, b)) {
          flip(indices, u);
          flipped[u] = 1 - flipped[u]!;
        }
        stack.push(u);
      }
    }
  }
  for (let t = 0; t < triangles; t++) volumes[piece[t]!]! += signedVolume(positions, indices, t);
  let count = 0;
  for (let t = 0; t < triangles; t++) {
    if (volumes[piece[t]!]! < 0) {
      flip(indices, t);
      flipped[t] = 1 - flipped[t]!;
    }
    count += flipped[t]!;
  }
  return count;
}

function signedVolume(p: Float32Array, indices: Uint32Array, t: number): number {
  const a = indices[t * 3]! * 3, b = indices[t * 3 + 1]! * 3, c = indices[t * 3 + 2]! * 3;
  return (p[a]! * (p[b + 1]! * p[c + 2]! - p[b + 2]! * p[c + 1]!)
    - p[a + 1]! * (p[b]! * p[c + 2]! - p[b + 2]! * p[c]!)
    + p[a + 2]! * (p[b]! * p[c + 1]! - p[b + 1]! * p[c]!)) / 6;
}

/** Signed volume of a closed, outward mesh (negative when it is inside out). */
export function meshVolume(mesh: IndexedMesh): number {
  let v = 0;
  for (let t = 0; t < mesh.indices.length / 3; t++) v += signedVolume(mesh.positions, mesh.indices, t);
  return v;
}

/**
 * Drops the triangles beyond the second on an edge shared by more than two
 * (a fin or a T-junction manifold-3d refuses); the holes this leaves are
 * closed by fillHoles. Returns the triangles kept.
 */
export function dropNonManifold(indices: Uint32Array, ids: Uint32Array, n: number): Uint32Array {
  const drop = new Uint8Array(indices.length / 3);
  for (const list of edgeTriangles(indices, ids, n).values()) {
    if (list.length > 2) for (const t of list.slice(2)) drop[t] = 1;
  }
  const kept: number[] = [];
  for (let t = 0; t < drop.length; t++) if (!drop[t]) kept.push(indices[t * 3]!, indices[t * 3 + 1]!, indices[t * 3 + 2]!);
  return Uint32Array.from(kept);
}

/**
 * Closes every hole: the boundary edges (run by one triangle only) are
 * chained into loops, and each loop is filled with a fan around its centroid
 * (a new vertex; its UV, if any, is the mean of the loop's). A fan closes any
 * loop a consistently wound surface leaves, though a very twisted hole is
 * closed crookedly — the surface is watertight either way, and manifold-3d
 * then checks it.
 */
export function fillHoles(mesh: IndexedMesh, ids: Uint32Array): { mesh: IndexedMesh; holes: number } {
  const { indices, positions, uvs } = mesh;
  const n = positions.length / 3;
  const directed = new Set<number>();
  for (let t = 0; t < indices.length / 3; t++) {
    for (let k = 0; k < 3; k++) directed.add(ids[indices[t * 3 + k]!]! * n + ids[indices[t * 3 + ((k + 1) % 3)]!]!);
  }
  // Boundary edge a→b has no b→a; the hole is walked the other way round, b→a, so the fill's triangles run it b→a.
  const next = new Map<number, number[]>();
  for (const e of directed) {
    const a = Math.floor(e / n), b = e % n;
    if (directed.has(b * n + a)) continue;
    const list = next.get(b);
    if (list) list.push(a);
    else next.set(b, [a]);
  }
  const extraPositions: number[] = [];
  const extraUvs: number[] = [];
  const extraIndices: number[] = [];
  let holes = 0;
  for (const start of [...next.keys()]) {
    for (;;) {
      const loop = walkLoop(next, start);
      if (!loop) break;
      if (loop.length < 3) continue;
      holes++;
      if (loop.length === 3) {
        extraIndices.push(loop[0]!, loop[1]!, loop[2]!);
        continue;
      }
      const centre = n + extraPositions.length / 3;
      const c = [0, 0, 0], uv = [0, 0];
      for (const v of loop) {
        for (let k = 0; k < 3; k++) c[k]! += positions[v * 3 + k]! / loop.length;
        if (uvs) for (let k = 0; k < 2; k++) uv[k]! += uvs[v * 2 + k]! / loop.length;
      }
      extraPositions.push(c[0]!, c[1]!, c[2]!);
      if (uvs) extraUvs.push(uv[0]!, uv[1]!);
      for (let i = 0; i < loop.length; i++) extraIndices.push(loop[i]!, loop[(i + 1) % loop.length]!, centre);
    }
  }
  if (holes === 0) return { mesh, holes };
  const out: IndexedMesh = {
    positions: concat(positions, extraPositions),
    indices: Uint32Array.from([...indices, ...extraIndices]),
  };
  if (uvs) out.uvs = concat(uvs, extraUvs);
  return { mesh: out, holes };
}

/** Follows the hole's edges from `start` until it comes back (removing them as it goes); null when none is left there. */
function walkLoop(next: Map<number, number[]>, start: number): number[] | null {
  const loop: number[] = [];
  const at = new Map<number, number>();
  let v = start;
  for (;;) {
    const outs = next.get(v);
    if (!outs || outs.length === 0) return null; // an open chain (a non-manifold vertex): nothing to close here
    const w = outs.pop()!;
    if (outs.length === 0) next.delete(v);
    at.set(v, loop.length);
    loop.push(v);
    const seen = at.get(w);
    if (seen !== undefined) return loop.slice(seen); // closed (a figure-8 hole closes its first lobe; the rest is walked again)
    v = w;
  }
}

function concat(a: Float32Array, extra: number[]): Float32Array {
  const out = new Float32Array(a.length + extra.length);
  out.set(a);
  out.set(extra, a.length);
  return out;
}
