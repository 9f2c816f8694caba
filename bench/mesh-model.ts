import type { IndexedMesh } from '../src/workers/mesh/mesh.js';

/**
 * The benchmark's model: a closed, bumpy torus (the tube's radius rises and
 * falls by 10 % in a pattern of bumps), 2 × rings × segments triangles — a
 * stand-in for a dense scanned or generated figure, with no poles of needle
 * triangles.
 */
export function bumpyTorus(rings: number, segments: number, major = 45, minor = 15): IndexedMesh {
  const positions = new Float32Array(rings * segments * 3);
  let p = 0;
  for (let i = 0; i < rings; i++) {
    const u = (2 * Math.PI * i) / rings;
    for (let j = 0; j < segments; j++) {
      const v = (2 * Math.PI * j) / segments;
      const r = minor * (1 + 0.1 * Math.sin(12 * u) * Math.sin(5 * v));
      positions[p++] = (major + r * Math.cos(v)) * Math.cos(u);
      positions[p++] = (major + r * Math.cos(v)) * Math.sin(u);
      positions[p++] = r * Math.sin(v);
    }
  }
  const at = (i: number, j: number): number => (i % rings) * segments + (j % segments);
  const indices = new Uint32Array(rings * segments * 6);
  let k = 0;
  for (let i = 0; i < rings; i++) {
    for (let j = 0; j < segments; j++) {
      const a = at(i, j), b = at(i + 1, j), c = at(i + 1, j + 1), d = at(i, j + 1);
      indices.set([a, b, c, a, c, d], k);
      k += 6;
    }
  }
  return { positions, indices };
}
