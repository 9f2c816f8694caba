import type { IndexedMesh } from '../../src/workers/mesh/mesh.js';

/** Meshes made for the repair and preparation tests. */

/** An axis-aligned box from `min` with side `size`, 12 outward triangles. */
export function box(size: number, min: [number, number, number] = [0, 0, 0]): IndexedMesh {
  const positions: number[] = [];
  for (let i = 0; i < 8; i++) positions.push(min[0] + (i & 1 ? size : 0), min[1] + (i & 2 ? size : 0), min[2] + (i & 4 ? size : 0));
  // Faces as quads (outward, counter-clockwise), two triangles each.
  const quads = [[0, 2, 3, 1], [4, 5, 7, 6], [0, 1, 5, 4], [2, 6, 7, 3], [0, 4, 6, 2], [1, 3, 7, 5]];
  const indices: number[] = [];
  for (const [a, b, c, d] of quads) indices.push(a!, b!, c!, a!, c!, d!);
  return { positions: Float32Array.from(positions), indices: Uint32Array.from(indices) };
}

/** A UV sphere (rings × segments), closed and outward. */
export function sphere(radius: number, rings = 64, segments = 128): IndexedMesh {
  const positions: number[] = [0, 0, radius];
  for (let r = 1; r < rings; r++) {
    const phi = (Math.PI * r) / rings;
    for (let s = 0; s < segments; s++) {
      const theta = (2 * Math.PI * s) / segments;
      positions.push(radius * Math.sin(phi) * Math.cos(theta), radius * Math.sin(phi) * Math.sin(theta), radius * Math.cos(phi));
    }
  }
  positions.push(0, 0, -radius);
  const south = positions.length / 3 - 1;
  const at = (r: number, s: number) => 1 + (r - 1) * segments + (s % segments);
  const indices: number[] = [];
  for (let s = 0; s < segments; s++) indices.push(0, at(1, s), at(1, s + 1));
  for (let r = 1; r < rings - 1; r++) {
    for (let s = 0; s < segments; s++) indices.push(at(r, s), at(r + 1, s), at(r + 1, s + 1), at(r, s), at(r + 1, s + 1), at(r, s + 1));
  }
  for (let s = 0; s < segments; s++) indices.push(south, at(rings - 1, s + 1), at(rings - 1, s));
  return { positions: Float32Array.from(positions), indices: Uint32Array.from(indices) };
}

/** Edges by use: boundary (one triangle), non-manifold (three or more), and whether each two-triangle edge is run both ways. Vertices welded by exact position. */
export function edgeCounts(mesh: IndexedMesh): { boundary: number; nonManifold: number; misoriented: number } {
  const id = new Map<string, number>();
  const ids = new Uint32Array(mesh.positions.length / 3);
  for (let v = 0; v < ids.length; v++) {
    const key = `${mesh.positions[v * 3]},${mesh.positions[v * 3 + 1]},${mesh.positions[v * 3 + 2]}`;
    if (!id.has(key)) id.set(key, v);
    ids[v] = id.get(key)!;
  }
  const directed = new Map<string, number>();
  for (let t = 0; t < mesh.indices.length; t += 3) {
    for (let k = 0; k < 3; k++) {
      const key = `${ids[mesh.indices[t + k]!]}>${ids[mesh.indices[t + ((k + 1) % 3)]!]}`;
      directed.set(key, (directed.get(key) ?? 0) + 1);
    }
  }
  let boundary = 0, nonManifold = 0, misoriented = 0;
  for (const [key, uses] of directed) {
    const [a, b] = key.split('>');
    const back = directed.get(`${b}>${a}`) ?? 0;
    if (uses > 1) misoriented++;
    if (back === 0) boundary++;
    if (uses + back > 2) nonManifold++;
  }
  return { boundary, nonManifold, misoriented };
}

/** Enclosed volume by the divergence theorem (positive for a closed outward mesh). */
export function volumeOf(mesh: IndexedMesh): number {
  const p = mesh.positions;
  let v = 0;
  for (let t = 0; t < mesh.indices.length; t += 3) {
    const a = mesh.indices[t]! * 3, b = mesh.indices[t + 1]! * 3, c = mesh.indices[t + 2]! * 3;
    v += p[a]! * (p[b + 1]! * p[c + 2]! - p[b + 2]! * p[c + 1]!) - p[a + 1]! * (p[b]! * p[c + 2]! - p[b + 2]! * p[c]!) + p[a + 2]! * (p[b]! * p[c + 1]! - p[b + 1]! * p[c]!);
  }
  return v / 6;
}

/** A mesh without the given triangles. */
export function withoutTriangles(mesh: IndexedMesh, drop: number[]): IndexedMesh {
  const kept: number[] = [];
  for (let t = 0; t < mesh.indices.length / 3; t++) if (!drop.includes(t)) kept.push(mesh.indices[t * 3]!, mesh.indices[t * 3 + 1]!, mesh.indices[t * 3 + 2]!);
  return { positions: mesh.positions, indices: Uint32Array.from(kept) };
}

/** Two meshes as one (indices of the second shifted). */
export function joined(a: IndexedMesh, b: IndexedMesh): IndexedMesh {
  const positions = new Float32Array(a.positions.length + b.positions.length);
  positions.set(a.positions);
  positions.set(b.positions, a.positions.length);
  const shift = a.positions.length / 3;
  return { positions, indices: Uint32Array.from([...a.indices, ...[...b.indices].map((i) => i + shift)]) };
}
