import fs from 'node:fs/promises';
import path from 'node:path';
import { Document } from '@gltf-transform/core';
import { MeshoptSimplifier } from 'meshoptimizer';
import { MESH_LIMITS } from '../../shared/mesh/jobs.js';
import { MESH_PROBLEM_KINDS, PROBLEM_COLORS, type MeshProblemKind } from '../../shared/mesh/report.js';
import { addMeshNode, gltfIo } from './io/glb.js';
import type { IndexedMesh } from './mesh.js';
import { topologyIndices } from './check/topology.js';

/**
 * The preview GLB the renderer shows (issue 16, step 6): node "model" is the
 * mesh simplified with meshoptimizer to at most MESH_LIMITS.previewTriangles,
 * node "problems" the problem triangles at full resolution (each once, in the
 * first kind of MESH_PROBLEM_KINDS it has, at most PROBLEM_CAP of them) with
 * the kind's PROBLEM_COLORS as vertex colours. Coordinates are the checked
 * mesh's: millimetres, Z up. The "problems" node's extras say how many
 * triangles of each kind are drawn and whether the overlay was capped.
 */
export const PROBLEM_CAP = 100_000;

export async function writePreview(mesh: IndexedMesh, problemTriangles: Partial<Record<MeshProblemKind, Uint32Array>>, out: string): Promise<void> {
  const doc = new Document();
  doc.createBuffer();
  addMeshNode(doc, 'model', await decimate(mesh, MESH_LIMITS.previewTriangles));
  const overlay = problemOverlay(mesh, problemTriangles);
  if (overlay) {
    addMeshNode(doc, 'problems', overlay.mesh, { colors: overlay.colors }).setExtras({ drawn: overlay.drawn, capped: overlay.capped });
  } else {
    // No problems: the node is still there (empty), so the page can rely on both names.
    doc.getRoot().getDefaultScene()!.addChild(doc.createNode('problems').setExtras({ drawn: {}, capped: false }));
  }
  await fs.mkdir(path.dirname(out), { recursive: true });
  await fs.writeFile(out, await gltfIo().writeBinary(doc));
}

/** The mesh with at most `maxTriangles` triangles (welded first, so the simplifier sees one surface), unused vertices dropped. */
export async function decimate(mesh: IndexedMesh, maxTriangles: number): Promise<IndexedMesh> {
  const tri = topologyIndices(mesh);
  if (tri.length / 3 <= maxTriangles) return compact(mesh.positions, tri);
  await MeshoptSimplifier.ready;
  const target = maxTriangles * 3;
  let [indices] = MeshoptSimplifier.simplify(tri, mesh.positions, 3, target, 0.05, ['Prune']);
  // A surface the error bound will not let go of (many small parts): the sloppy simplifier always reaches the count.
  if (indices.length > target) [indices] = MeshoptSimplifier.simplifySloppy(tri, mesh.positions, 3, null, target, 1);
  return compact(mesh.positions, indices);
}

function compact(positions: Float32Array, tri: Uint32Array): IndexedMesh {
  const remap = new Int32Array(positions.length / 3).fill(-1);
  const out: number[] = [];
  const indices = new Uint32Array(tri.length);
  for (let i = 0; i < tri.length; i++) {
    const v = tri[i]!;
    if (remap[v] === -1) {
      remap[v] = out.length / 3;
      out.push(positions[v * 3]!, positions[v * 3 + 1]!, positions[v * 3 + 2]!);
    }
    indices[i] = remap[v]!;
  }
  return { positions: Float32Array.from(out), indices };
}

function problemOverlay(mesh: IndexedMesh, problems: Partial<Record<MeshProblemKind, Uint32Array>>): { mesh: IndexedMesh; colors: Float32Array; drawn: Partial<Record<MeshProblemKind, number>>; capped: boolean } | null {
  const taken = new Uint8Array(mesh.indices.length / 3);
  const picked: { t: number; kind: MeshProblemKind }[] = [];
  const drawn: Partial<Record<MeshProblemKind, number>> = {};
  let capped = false;
  for (const kind of MESH_PROBLEM_KINDS) {
    for (const t of problems[kind] ?? []) {
      if (taken[t]) continue;
      if (picked.length >= PROBLEM_CAP) {
        capped = true;
        break;
      }
      taken[t] = 1;
      picked.push({ t, kind });
      drawn[kind] = (drawn[kind] ?? 0) + 1;
    }
  }
  if (picked.length === 0) return null;
  // Corners apart (three vertices per triangle) so each triangle carries its own colour.
  const positions = new Float32Array(picked.length * 9);
  const colors = new Float32Array(picked.length * 9);
  picked.forEach(({ t, kind }, n) => {
    const color = PROBLEM_COLORS[kind];
    for (let k = 0; k < 3; k++) {
      const v = mesh.indices[t * 3 + k]!;
      positions.set(mesh.positions.subarray(v * 3, v * 3 + 3), n * 9 + k * 3);
      colors.set(color, n * 9 + k * 3);
    }
  });
  const indices = new Uint32Array(picked.length * 3);
  for (let i = 0; i < indices.length; i++) indices[i] = i;
  return { mesh: { positions, indices }, colors, drawn, capped };
}
