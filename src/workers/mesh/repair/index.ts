import type { Manifold } from 'manifold-3d';
import { StudioError } from '../../../shared/errors.js';
import { say } from '../../../shared/messages.js';
import type { IndexedMesh } from '../mesh.js';
import { fromManifold, loadManifold, toManifold } from './manifold.js';
import { dropDegenerateAndDuplicates, dropNonManifold, fillHoles, orientOutward, positionIds, weldTolerance } from './topology.js';

export interface RepairResult {
  mesh: IndexedMesh;
  /** Holes closed (boundary loops filled). */
  filledHoles: number;
  /** Degenerate triangles (two corners at one point) and repeated triangles removed. */
  removedDegenerate: number;
  /** Triangles whose winding was turned to agree with their neighbours and face outward. */
  flipped: number;
}

/**
 * Makes a mesh a closed, outward, manifold solid: weld, drop degenerate and
 * repeated triangles, wind consistently and outward, fill the holes, then
 * hand it to manifold-3d. Separate pieces are unioned there, which also
 * removes where they run into each other (two overlapping boxes become one
 * solid); a single piece that runs into itself stays as it is (the check
 * reports it). UVs ride along as vertex properties.
 */
export async function repairMesh(input: IndexedMesh): Promise<RepairResult> {
  const wasm = await loadManifold();
  const ids = positionIds(input.positions, weldTolerance(input.positions));
  const cleaned = dropDegenerateAndDuplicates(input.indices, ids);
  let working: IndexedMesh = withIndices(input, cleaned.indices);
  const flipped = orientOutward(working.positions, working.indices, ids);
  let filled = fillHoles(working, extendIds(ids, working));
  working = filled.mesh;

  let manifold: Manifold;
  try {
    manifold = toManifold(wasm, working, mergeVectors(extendIds(ids, working)));
  } catch {
    // A fin or T-junction (an edge of three or more triangles): drop the extras, close what that opens, try once more.
    const allIds = extendIds(ids, working);
    const pruned = withIndices(working, dropNonManifold(working.indices, allIds, allIds.length));
    orientOutward(pruned.positions, pruned.indices, allIds);
    const again = fillHoles(pruned, allIds);
    filled = { mesh: again.mesh, holes: filled.holes + again.holes };
    try {
      manifold = toManifold(wasm, again.mesh, mergeVectors(extendIds(allIds, again.mesh)));
    } catch (err) {
      throw new StudioError({
        code: 'INVALID_MEDIA',
        message: `The model could not be made into a closed solid: ${err instanceof Error ? err.message : String(err)}`,
        ...say('mesh.prep.cannotRepair'),
      });
    }
  }
  try {
    const pieces = manifold.decompose();
    let solid: Manifold;
    if (pieces.length > 1) {
      solid = wasm.Manifold.union(pieces);
      for (const p of pieces) p.delete();
    } else {
      for (const p of pieces) p.delete();
      solid = manifold;
    }
    const mesh = fromManifold(solid);
    if (solid !== manifold) solid.delete();
    return { mesh, filledHoles: filled.holes, removedDegenerate: cleaned.removed, flipped };
  } finally {
    manifold.delete();
  }
}

function withIndices(mesh: IndexedMesh, indices: Uint32Array): IndexedMesh {
  return mesh.uvs ? { positions: mesh.positions, indices, uvs: mesh.uvs } : { positions: mesh.positions, indices };
}

/** Position ids for a mesh that gained vertices (hole centres, each its own point). */
function extendIds(ids: Uint32Array, mesh: IndexedMesh): Uint32Array {
  const count = mesh.positions.length / 3;
  if (count === ids.length) return ids;
  const out = new Uint32Array(count);
  out.set(ids);
  for (let v = ids.length; v < count; v++) out[v] = v;
  return out;
}

/** manifold-3d's merge vectors: each vertex that shares its point with an earlier one, and that one. */
function mergeVectors(ids: Uint32Array): { from: Uint32Array; to: Uint32Array } {
  const from: number[] = [], to: number[] = [];
  for (let v = 0; v < ids.length; v++) {
    if (ids[v] !== v) {
      from.push(v);
      to.push(ids[v]!);
    }
  }
  return { from: Uint32Array.from(from), to: Uint32Array.from(to) };
}
