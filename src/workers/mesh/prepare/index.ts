import type { Manifold } from 'manifold-3d';
import type { IndexedMesh } from '../mesh.js';
import { repairMesh } from '../repair/index.js';
import { fromManifold, loadManifold, toManifold, withManifolds } from '../repair/manifold.js';
import { basePlate } from './base.js';
import { cavity, drainHole } from './hollow.js';
import { simplifyMesh } from './simplify.js';

export interface PrepareOptions {
  /** Largest side of the model (before the base) in millimetres. */
  sizeMm: number;
  targetTriangles?: number;
  hollowWallMm?: number;
  baseMm?: number;
}

export interface PrepareOutcome {
  mesh: IndexedMesh;
  /** Factor from the file's units to millimetres. */
  scale: number;
  /** False when hollowing was asked but the model is thinner than two walls (left solid). */
  hollowed: boolean;
  drainHole: boolean;
  /** Whether the output still carries the input's UVs (faces made here — cavity, plate, hole — get UV 0,0). */
  uvsKept: boolean;
}

/**
 * Print preparation of a repaired (closed, manifold) model, in this order:
 * simplify (meshoptimizer) and re-close; scale so the largest side is
 * `sizeMm`, centred on x–y with its underside at z = 0 (print-bed
 * coordinates, millimetres); hollow (subtract the cavity, ./hollow.ts);
 * add the base plate (union, ./base.ts); drill the drain hole through the
 * bottom into the cavity. The result's underside is at z = 0.
 */
export async function prepareSolid(repaired: IndexedMesh, opts: PrepareOptions): Promise<PrepareOutcome> {
  const wasm = await loadManifold();
  const simplified = opts.targetTriangles ? (await repairMesh(await simplifyMesh(repaired, opts.targetTriangles))).mesh : repaired;
  return withManifolds((keep) => {
    let solid: Manifold = keep(toManifold(wasm, simplified));
    const box = solid.boundingBox();
    const extent = Math.max(box.max[0] - box.min[0], box.max[1] - box.min[1], box.max[2] - box.min[2]);
    const scale = opts.sizeMm / extent;
    solid = keep(solid.translate([-(box.min[0] + box.max[0]) / 2, -(box.min[1] + box.max[1]) / 2, -box.min[2]]).scale(scale));

    let inner: Manifold | null = null;
    if (opts.hollowWallMm) {
      const scaled = solid.boundingBox();
      inner = cavity(wasm, fromManifold(solid), scaled, opts.hollowWallMm);
      if (inner) solid = keep(solid.subtract(keep(inner)));
    }
    let bottom = 0;
    if (opts.baseMm) {
      const { plate, sink } = basePlate(wasm, solid, opts.baseMm);
      solid = keep(solid.add(keep(plate)));
      bottom = sink - opts.baseMm;
    }
    if (inner) solid = keep(solid.subtract(keep(drainHole(wasm, inner, bottom))));
    if (bottom !== 0) solid = keep(solid.translate([0, 0, -bottom]));
    const mesh = fromManifold(solid);
    return { mesh, scale, hollowed: inner !== null, drainHole: inner !== null, uvsKept: Boolean(repaired.uvs && mesh.uvs) };
  });
}
