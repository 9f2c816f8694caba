import type { IndexedMesh } from '../mesh.js';

/**
 * Edges and shells. Edges are counted on vertices merged by position (a GLB
 * splits vertices at UV seams; the seam is still closed), in one open-addressing
 * hash table keyed on the edge's two vertex ids.
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

/** `skip[t]` = 1 for triangles without three distinct corners (they have no real edges). */
export function countEdges(tri: Uint32Array, skip: Uint8Array): EdgeReport {
  const triangles = tri.length / 3;
  const size = 1 << Math.ceil(Math.log2(Math.max(4, triangles * 3)));
  const keyA = new Uint32Array(size);
  const keyB = new Int32Array(size).fill(-1);
  const uses = new Uint16Array(size);
  /** Sum of +1 per use running low→high, −1 per use running high→low: 0 when two uses are opposite. */
  const direction = new Int16Array(size);
  const slotOf = new Int32Array(tri.length).fill(-1);
  for (let t = 0; t < triangles; t++) {
    if (skip[t]) continue;
    for (let k = 0; k < 3; k++) {
      const u = tri[t * 3 + k]!, w = tri[t * 3 + ((k + 1) % 3)]!;
      const a = u < w ? u : w, b = u < w ? w : u;
      let slot = (Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca77)) & (size - 1);
      while (keyB[slot] !== -1 && (keyA[slot] !== a || keyB[slot] !== b)) slot = (slot + 1) & (size - 1);
      keyA[slot] = a;
      keyB[slot] = b;
      if (uses[slot]! < 65535) uses[slot]!++;
      direction[slot]! += u < w ? 1 : -1;
      slotOf[t * 3 + k] = slot;
    }
  }
  let boundaryEdges = 0, nonManifoldEdges = 0;
  for (let s = 0; s < size; s++) {
    if (keyB[s] === -1) continue;
    if (uses[s] === 1) boundaryEdges++;
    else if (uses[s]! > 2 || direction[s] !== 0) nonManifoldEdges++;
  }
  const boundary: number[] = [];
  const nonManifold: number[] = [];
  if (boundaryEdges + nonManifoldEdges > 0) {
    for (let t = 0; t < triangles; t++) {
      let open = false, bad = false;
      for (let k = 0; k < 3; k++) {
        const s = slotOf[t * 3 + k]!;
        if (s < 0) continue;
        if (uses[s] === 1) open = true;
        else if (uses[s]! > 2 || direction[s] !== 0) bad = true;
      }
      if (open) boundary.push(t);
      if (bad) nonManifold.push(t);
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
