import { MeshoptSimplifier } from 'meshoptimizer';
import type { IndexedMesh } from '../mesh.js';

/**
 * Simplifies to about `target` triangles with meshoptimizer's
 * edge-collapse simplifier (quadric error). It keeps the topology: a closed
 * mesh stays closed and no holes open (border vertices are only collapsed
 * along the border). UVs are weighed as attributes, so texture seams stay
 * where they were. The error bound is left at the whole model so the count,
 * not the error, decides where it stops.
 */
export async function simplifyMesh(mesh: IndexedMesh, target: number): Promise<IndexedMesh> {
  const triangles = mesh.indices.length / 3;
  if (triangles <= target) return mesh;
  await MeshoptSimplifier.ready;
  const [indices] = mesh.uvs
    ? MeshoptSimplifier.simplifyWithAttributes(mesh.indices, mesh.positions, 3, mesh.uvs, 2, [0.5, 0.5], null, target * 3, 1)
    : MeshoptSimplifier.simplify(mesh.indices, mesh.positions, 3, target * 3, 1);
  // Keep only the vertices still used, in first-use order.
  const [remap, unique] = MeshoptSimplifier.compactMesh(indices);
  const positions = new Float32Array(unique * 3);
  const uvs = mesh.uvs ? new Float32Array(unique * 2) : undefined;
  for (let v = 0; v < remap.length; v++) {
    const to = remap[v]!;
    if (to === 0xffffffff) continue;
    positions.set(mesh.positions.subarray(v * 3, v * 3 + 3), to * 3);
    if (uvs && mesh.uvs) uvs.set(mesh.uvs.subarray(v * 2, v * 2 + 2), to * 2);
  }
  return uvs ? { positions, indices, uvs } : { positions, indices };
}
