import fs from 'node:fs/promises';
import path from 'node:path';
import { Document } from '@gltf-transform/core';
import { MeshoptSimplifier } from 'meshoptimizer';
import { MESH_LIMITS } from '../../shared/mesh/jobs.js';
import { MESH_PROBLEM_KINDS, PROBLEM_COLORS, type MeshCheckReport, type MeshProblemKind } from '../../shared/mesh/report.js';
import { addMeshNode, gltfIo } from './io/glb.js';
import type { IndexedMesh } from './mesh.js';
import { topologyIndices } from './check/topology.js';

/**
 * The preview GLB the renderer shows (issue 16, step 6), at two levels of
 * detail:
 * - node "model": the mesh simplified with meshoptimizer to at most
 *   MESH_LIMITS.previewTriangles; node "problems": the problem triangles at
 *   full resolution (each once, in the first kind of MESH_PROBLEM_KINDS it
 *   has, at most PROBLEM_CAP of them) with the kind's PROBLEM_COLORS as vertex
 *   colours. Its extras say how many triangles of each kind are drawn and
 *   whether the overlay was capped.
 * - nodes "model-coarse" and "problems-coarse": the same at most
 *   MESH_LIMITS.previewCoarseTriangles and PREVIEW_COARSE_PROBLEMS triangles
 *   (each kind's patch simplified on its own), which the renderer draws while
 *   the view moves on a machine too slow for the full level (software WebGL).
 * "model"'s extras say `closed`: the surface is watertight, outward and the
 * simplification kept it so, so its back faces can never show and the
 * renderer skips them (half the triangles rasterised).
 * Coordinates are the checked mesh's: millimetres, Z up.
 */
export const PROBLEM_CAP = 100_000;
export const PREVIEW_COARSE_PROBLEMS = 2_000;

export interface PreviewOptions {
  /** The checks found the mesh watertight with a positive volume (outward). */
  closedOutward: boolean;
}

/** What the checks say about the surface, as writePreview wants it: watertight (so consistently oriented) and outward. */
export function closedOutward(report: Pick<MeshCheckReport, 'watertight' | 'volumeMm3'>): boolean {
  return report.watertight && (report.volumeMm3 ?? 0) > 0;
}

export async function writePreview(mesh: IndexedMesh, problemTriangles: Partial<Record<MeshProblemKind, Uint32Array>>, out: string, options: PreviewOptions): Promise<void> {
  const doc = new Document();
  doc.createBuffer();
  const model = await simplify(mesh, MESH_LIMITS.previewTriangles);
  addMeshNode(doc, 'model', model.mesh).setExtras({ closed: options.closedOutward && model.exact });
  const coarse = await simplify(model.mesh, MESH_LIMITS.previewCoarseTriangles);
  addMeshNode(doc, 'model-coarse', coarse.mesh).setExtras({ closed: options.closedOutward && model.exact && coarse.exact });
  const picked = pickProblems(mesh, problemTriangles);
  if (picked.triangles > 0) {
    addMeshNode(doc, 'problems', ...soup(mesh, picked.byKind)).setExtras({ drawn: picked.drawn, capped: picked.capped });
    const coarseByKind = await coarseProblems(mesh, picked.byKind, picked.triangles);
    addMeshNode(doc, 'problems-coarse', ...soup(coarseByKind.mesh, coarseByKind.byKind));
  } else {
    // No problems: the nodes are still there (empty), so the page can rely on every name.
    const scene = doc.getRoot().getDefaultScene()!;
    scene.addChild(doc.createNode('problems').setExtras({ drawn: {}, capped: false }));
    scene.addChild(doc.createNode('problems-coarse'));
  }
  await fs.mkdir(path.dirname(out), { recursive: true });
  await fs.writeFile(out, await gltfIo().writeBinary(doc));
}

/** The mesh with at most `maxTriangles` triangles (welded first, so the simplifier sees one surface), unused vertices dropped. */
export async function decimate(mesh: IndexedMesh, maxTriangles: number): Promise<IndexedMesh> {
  return (await simplify(mesh, maxTriangles)).mesh;
}

/** decimate, and whether the surface's topology was kept (false when the sloppy simplifier had to be used: it may open cracks). */
async function simplify(mesh: IndexedMesh, maxTriangles: number): Promise<{ mesh: IndexedMesh; exact: boolean }> {
  const tri = topologyIndices(mesh);
  if (tri.length / 3 <= maxTriangles) return { mesh: compact(mesh.positions, tri), exact: true };
  await MeshoptSimplifier.ready;
  const target = maxTriangles * 3;
  let [indices] = MeshoptSimplifier.simplify(tri, mesh.positions, 3, target, 0.05, ['Prune']);
  // A surface the error bound will not let go of (many small parts): the sloppy simplifier always reaches the count.
  if (indices.length <= target) return { mesh: compact(mesh.positions, indices), exact: true };
  [indices] = MeshoptSimplifier.simplifySloppy(tri, mesh.positions, 3, null, target, 1);
  return { mesh: compact(mesh.positions, indices), exact: false };
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

type ProblemsByKind = Partial<Record<MeshProblemKind, Uint32Array>>;

/** Each problem triangle once, in the first kind of MESH_PROBLEM_KINDS it has, at most PROBLEM_CAP of them. */
function pickProblems(mesh: IndexedMesh, problems: ProblemsByKind): { byKind: ProblemsByKind; drawn: Partial<Record<MeshProblemKind, number>>; triangles: number; capped: boolean } {
  const taken = new Uint8Array(mesh.indices.length / 3);
  const byKind: ProblemsByKind = {};
  const drawn: Partial<Record<MeshProblemKind, number>> = {};
  let triangles = 0;
  let capped = false;
  for (const kind of MESH_PROBLEM_KINDS) {
    const list: number[] = [];
    for (const t of problems[kind] ?? []) {
      if (taken[t]) continue;
      if (triangles >= PROBLEM_CAP) {
        capped = true;
        break;
      }
      taken[t] = 1;
      list.push(t);
      triangles += 1;
    }
    if (list.length > 0) {
      byKind[kind] = Uint32Array.from(list);
      drawn[kind] = list.length;
    }
  }
  return { byKind, drawn, triangles, capped };
}

/**
 * The coarse overlay: each kind's triangles as a surface of their own, simplified to its share of
 * PREVIEW_COARSE_PROBLEMS (at least one triangle), all in one mesh with the kinds' triangle lists.
 */
async function coarseProblems(mesh: IndexedMesh, byKind: ProblemsByKind, total: number): Promise<{ mesh: IndexedMesh; byKind: ProblemsByKind }> {
  const positions: number[] = [];
  const indices: number[] = [];
  const out: ProblemsByKind = {};
  for (const kind of MESH_PROBLEM_KINDS) {
    const list = byKind[kind];
    if (!list) continue;
    const patchIndices = new Uint32Array(list.length * 3);
    list.forEach((t, n) => patchIndices.set(mesh.indices.subarray(t * 3, t * 3 + 3), n * 3));
    const share = Math.max(1, Math.floor((PREVIEW_COARSE_PROBLEMS * list.length) / total));
    const patch = await decimate(compact(mesh.positions, patchIndices), share);
    const first = indices.length / 3;
    const base = positions.length / 3;
    for (const v of patch.positions) positions.push(v);
    for (const i of patch.indices) indices.push(base + i);
    out[kind] = Uint32Array.from({ length: patch.indices.length / 3 }, (_, n) => first + n);
  }
  return { mesh: { positions: Float32Array.from(positions), indices: Uint32Array.from(indices) }, byKind: out };
}

/** The listed triangles with their corners apart (three vertices per triangle), so each carries its kind's colour. */
function soup(mesh: IndexedMesh, byKind: ProblemsByKind): [IndexedMesh, { colors: Float32Array }] {
  const count = MESH_PROBLEM_KINDS.reduce((n, kind) => n + (byKind[kind]?.length ?? 0), 0);
  const positions = new Float32Array(count * 9);
  const colors = new Float32Array(count * 9);
  let n = 0;
  for (const kind of MESH_PROBLEM_KINDS) {
    const color = PROBLEM_COLORS[kind];
    for (const t of byKind[kind] ?? []) {
      for (let k = 0; k < 3; k++) {
        const v = mesh.indices[t * 3 + k]!;
        positions.set(mesh.positions.subarray(v * 3, v * 3 + 3), n * 9 + k * 3);
        colors.set(color, n * 9 + k * 3);
      }
      n += 1;
    }
  }
  const indices = new Uint32Array(count * 3);
  for (let i = 0; i < indices.length; i++) indices[i] = i;
  return [{ positions, indices }, { colors }];
}
