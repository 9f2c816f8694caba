import type { IndexedMesh } from '../../src/workers/mesh/mesh.js';

/**
 * Meshes made for the checks' tests, built by hand so every count is known:
 * boxes with outward, counter-clockwise faces.
 */

/** The 12 triangles of an axis-aligned box, as corner offsets into its 8 vertices. */
const BOX_TRIANGLES = [
  [0, 2, 1], [0, 3, 2], // bottom (z0), facing −z
  [4, 5, 6], [4, 6, 7], // top (z1), facing +z
  [0, 1, 5], [0, 5, 4], // y0, facing −y
  [2, 3, 7], [2, 7, 6], // y1, facing +y
  [1, 2, 6], [1, 6, 5], // x1, facing +x
  [3, 0, 4], [3, 4, 7], // x0, facing −x
];

export function box(x0: number, y0: number, z0: number, x1: number, y1: number, z1: number): IndexedMesh {
  const positions = Float32Array.from([x0, y0, z0, x1, y0, z0, x1, y1, z0, x0, y1, z0, x0, y0, z1, x1, y0, z1, x1, y1, z1, x0, y1, z1]);
  return { positions, indices: Uint32Array.from(BOX_TRIANGLES.flat()) };
}

/** Several meshes as one (vertices not shared between them). */
export function combine(...meshes: IndexedMesh[]): IndexedMesh {
  const positions = new Float32Array(meshes.reduce((n, m) => n + m.positions.length, 0));
  const indices = new Uint32Array(meshes.reduce((n, m) => n + m.indices.length, 0));
  let [p, i] = [0, 0];
  for (const m of meshes) {
    const base = p / 3;
    positions.set(m.positions, p);
    for (const v of m.indices) indices[i++] = v + base;
    p += m.positions.length;
  }
  return { positions, indices };
}

/** A closed UV sphere (poles shared), `rings` × `segments`, radius r, centred at c. */
export function sphere(r: number, rings: number, segments: number, c: [number, number, number] = [0, 0, 0]): IndexedMesh {
  const positions: number[] = [c[0], c[1], c[2] - r];
  for (let i = 1; i < rings; i++) {
    const phi = -Math.PI / 2 + (Math.PI * i) / rings;
    for (let j = 0; j < segments; j++) {
      const th = (2 * Math.PI * j) / segments;
      positions.push(c[0] + r * Math.cos(phi) * Math.cos(th), c[1] + r * Math.cos(phi) * Math.sin(th), c[2] + r * Math.sin(phi));
    }
  }
  positions.push(c[0], c[1], c[2] + r);
  const top = positions.length / 3 - 1;
  const at = (i: number, j: number): number => 1 + (i - 1) * segments + (j % segments);
  const indices: number[] = [];
  for (let j = 0; j < segments; j++) indices.push(0, at(1, j + 1), at(1, j));
  for (let i = 1; i < rings - 1; i++) {
    for (let j = 0; j < segments; j++) indices.push(at(i, j), at(i, j + 1), at(i + 1, j + 1), at(i, j), at(i + 1, j + 1), at(i + 1, j));
  }
  for (let j = 0; j < segments; j++) indices.push(at(rings - 1, j), at(rings - 1, j + 1), top);
  return { positions: Float32Array.from(positions), indices: Uint32Array.from(indices) };
}

/**
 * A T extruded along y: stem x 4–6, z 0–8; bar x 0–10, z 8–10; depth 2. Its
 * area is 152 (caps 2 × 36, sides 40 × 2); the bar's two undersides (4 × 2
 * each, 4 triangles) overhang; the stem's foot rests on the bed.
 */
export function tShape(): IndexedMesh {
  const outline: [number, number][] = [[4, 0], [6, 0], [6, 8], [10, 8], [10, 10], [0, 10], [0, 8], [4, 8]];
  const cap = [[0, 1, 2], [0, 2, 7], [5, 6, 7], [5, 7, 2], [5, 2, 3], [5, 3, 4]];
  const n = outline.length;
  const positions: number[] = [];
  for (const y of [0, 2]) for (const [x, z] of outline) positions.push(x, y, z);
  const indices: number[] = [];
  // The outline runs counter-clockwise seen from −y, so the y = 0 cap keeps its order and the y = 2 cap is reversed.
  for (const [a, b, c] of cap) indices.push(a!, b!, c!, n + a!, n + c!, n + b!);
  for (let i = 0; i < n; i++) {
    const j = (i + 1) % n;
    indices.push(i, n + i, n + j, i, n + j, j);
  }
  return { positions: Float32Array.from(positions), indices: Uint32Array.from(indices) };
}
