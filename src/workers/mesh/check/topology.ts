import type { IndexedMesh } from '../mesh.js';

/**
 * Edges and shells. Edges are counted on vertices merged by position (a GLB
 * splits vertices at UV seams; the seam is still closed).
 */

/** Per vertex, the first vertex at exactly the same position (identity for a welded mesh). */
export function positionRemap(positions: Float32Array): Uint32Array {
  const n = positions.length / 3;
  const bits = new Uint32Array(positions.buffer, positions.byteOffset, positions.length);
  const size = 1 << Math.ceil(Math.log2(Math.max(2, n * 2)));
  const table = new Int32Array(size).fill(-1);
  const remap = new Uint32Array(n);
  for (let v = 0; v < n; v++) {
    const x = bits[v * 3]!, y = bits[v * 3 + 1]!, z = bits[v * 3 + 2]!;
    let slot = (Math.imul(x, 73856093) ^ Math.imul(y, 19349663) ^ Math.imul(z, 83492791)) & (size - 1);
    for (;;) {
      const w = table[slot]!;
      if (w === -1) {
        table[slot] = v;
        remap[v] = v;
        break;
      }
      if (bits[w * 3] === x && bits[w * 3 + 1] === y && bits[w * 3 + 2] === z) {
        remap[v] = w;
        break;
      }
      slot = (slot + 1) & (size - 1);
    }
  }
  return remap;
}

/** The triangles' corners on merged vertices. */
export function topologyIndices(mesh: IndexedMesh): Uint32Array {
  const remap = positionRemap(mesh.positions);
  const out = new Uint32Array(mesh.indices.length);
  for (let i = 0; i < out.length; i++) out[i] = remap[mesh.indices[i]!]!;
  return out;
}

export interface EdgeReport {
  boundaryEdges: number;
  /** Edges used by more than two triangles, or by two running the same way (one of them is flipped). */
  nonManifoldEdges: number;
  boundaryTriangles: Uint32Array;
  nonManifoldTriangles: Uint32Array;
}

/**
 * `skip[t]` = 1 for triangles without three distinct corners (they have no
 * real edges). Half-edges are bucketed by their lower vertex (a counting
 * sort), then matched within each small bucket — no hashing, two linear passes.
 */
export function countEdges(tri: Uint32Array, skip: Uint8Array, vertices: number): EdgeReport {
  const triangles = tri.length / 3;
  const first = new Uint32Array(vertices + 1);
  for (let t = 0; t < triangles; t++) {
    if (skip[t]) continue;
    for (let k = 0; k < 3; k++) {
      const u = tri[t * 3 + k]!, w = tri[t * 3 + ((k + 1) % 3)]!;
      first[(u < w ? u : w) + 1]!++;
    }
  }
  for (let v = 0; v < vertices; v++) first[v + 1]! += first[v]!;
  const fill = first.slice(0, vertices);
  /** Per half-edge in bucket order: the higher vertex, and the half-edge's id (t × 3 + k), negated-plus-one when it runs high→low. */
  const other = new Uint32Array(first[vertices]!);
  const half = new Int32Array(first[vertices]!);
  for (let t = 0; t < triangles; t++) {
    if (skip[t]) continue;
    for (let k = 0; k < 3; k++) {
      const u = tri[t * 3 + k]!, w = tri[t * 3 + ((k + 1) % 3)]!;
      const at = fill[u < w ? u : w]!++;
      other[at] = u < w ? w : u;
      half[at] = u < w ? t * 3 + k : -(t * 3 + k) - 1;
    }
  }
  /** Per half-edge: 0 fine, 1 on a boundary, 2 non-manifold. */
  const state = new Uint8Array(tri.length);
  const seen = new Uint8Array(other.length);
  let boundaryEdges = 0, nonManifoldEdges = 0;
  for (let v = 0; v < vertices; v++) {
    const end = first[v + 1]!;
    for (let i = first[v]!; i < end; i++) {
      if (seen[i]) continue;
      const b = other[i]!;
      let uses = 0, direction = 0;
      for (let j = i; j < end; j++) {
        if (other[j] !== b) continue;
        seen[j] = 1;
        uses++;
        direction += half[j]! >= 0 ? 1 : -1;
      }
      const kind = uses === 1 ? 1 : uses > 2 || direction !== 0 ? 2 : 0;
      if (kind === 0) continue;
      if (kind === 1) boundaryEdges++;
      else nonManifoldEdges++;
      for (let j = i; j < end; j++) if (other[j] === b) state[half[j]! >= 0 ? half[j]! : -half[j]! - 1] = kind;
    }
  }
  const boundary: number[] = [];
  const nonManifold: number[] = [];
  if (boundaryEdges + nonManifoldEdges > 0) {
    for (let t = 0; t < triangles; t++) {
      const s = [state[t * 3], state[t * 3 + 1], state[t * 3 + 2]];
      if (s.includes(1)) boundary.push(t);
      if (s.includes(2)) nonManifold.push(t);
    }
  }
  return { boundaryEdges, nonManifoldEdges, boundaryTriangles: Uint32Array.from(boundary), nonManifoldTriangles: Uint32Array.from(nonManifold) };
}

/** Shell (connected component through shared vertices) of each triangle, numbered 0…shells−1. */
export function shells(tri: Uint32Array, vertices: number): { shellOf: Uint32Array; count: number } {
  const parent = new Int32Array(vertices);
  for (let v = 0; v < vertices; v++) parent[v] = v;
  const find = (v: number): number => {
    while (parent[v] !== v) {
      parent[v] = parent[parent[v]!]!;
      v = parent[v]!;
    }
    return v;
  };
  for (let i = 0; i < tri.length; i += 3) {
    const a = find(tri[i]!);
    for (let k = 1; k < 3; k++) {
      const b = find(tri[i + k]!);
      if (a !== b) parent[b] = a;
    }
  }
  const id = new Int32Array(vertices).fill(-1);
  const shellOf = new Uint32Array(tri.length / 3);
  let count = 0;
  for (let t = 0; t < shellOf.length; t++) {
    const r = find(tri[t * 3]!);
    if (id[r] === -1) id[r] = count++;
    shellOf[t] = id[r]!;
  }
  return { shellOf, count };
}
