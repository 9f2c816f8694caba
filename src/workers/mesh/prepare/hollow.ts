import type { Manifold, ManifoldToplevel } from 'manifold-3d';
import type { IndexedMesh } from '../mesh.js';
import { distanceGrid } from './distance.js';

/** The most level-set samples per axis: bounds the time (a 150³ grid is ~3.4 M samples) on large models. */
const MAX_SAMPLES_PER_AXIS = 150;

/**
 * The cavity of a hollowed model: every point inside the model farther
 * than `wallMm` from its surface, as a solid (manifold-3d's level set of
 * the distance field, marching tetrahedra on a grid of half the wall,
 * capped so no axis has more than 150 samples). Subtracting it from the
 * model leaves a shell `wallMm` thick everywhere — the inward offset, exact
 * up to the grid's spacing. Null when no point is that deep (the model is
 * thinner than two walls: it stays solid).
 */
export function cavity(wasm: ManifoldToplevel, mesh: IndexedMesh, bounds: { min: number[]; max: number[] }, wallMm: number): Manifold | null {
  const extent = Math.max(...[0, 1, 2].map((k) => bounds.max[k]! - bounds.min[k]!));
  const step = Math.max(wallMm / 2, extent / MAX_SAMPLES_PER_AXIS);
  // Nodes up to a step and a half beyond the wall are measured: enough for every cell the level crosses.
  const reach = wallMm + 1.5 * step;
  const field = distanceGrid(mesh, bounds, step, reach);
  const box = {
    min: [bounds.min[0]! - step, bounds.min[1]! - step, bounds.min[2]! - step] as [number, number, number],
    max: [bounds.max[0]! + step, bounds.max[1]! + step, bounds.max[2]! + step] as [number, number, number],
  };
  // Positive inside, as manifold-3d's level set wants; `level` = the wall puts the surface at that depth.
  const inner = wasm.Manifold.levelSet(([x, y, z]) => field.sample(x, y, z), box, step, wallMm);
  if (inner.isEmpty() || inner.volume() <= 0) {
    inner.delete();
    return null;
  }
  return inner;
}

/** Drain hole diameter: Formlabs asks ≥ 3.5 mm so resin drains; powder-bed services ask for larger escape holes, which the spec sheet's note leaves to the factory. */
export const DRAIN_HOLE_MM = 3.5;

/**
 * A vertical drain hole from the bottom of the part up into the cavity, at
 * the cavity's lowest point, so resin or powder left inside can run out.
 * `bottomZ` is the underside of the part (the base plate's, when there is
 * one).
 */
export function drainHole(wasm: ManifoldToplevel, inner: Manifold, bottomZ: number): Manifold {
  const mesh = inner.getMesh();
  const n = mesh.numProp;
  let lowest = 0;
  for (let v = 1; v < mesh.vertProperties.length / n; v++) {
    if (mesh.vertProperties[v * n + 2]! < mesh.vertProperties[lowest * n + 2]!) lowest = v;
  }
  const x = mesh.vertProperties[lowest * n]!, y = mesh.vertProperties[lowest * n + 1]!, top = mesh.vertProperties[lowest * n + 2]!;
  // From 1 mm below the part to 1 mm into the cavity, so both ends cut cleanly.
  const height = top - bottomZ + 2;
  // Turned by an odd angle so its edges do not line up with a model's meridians (a UV sphere's are every few degrees):
  // an edge crossing an edge exactly makes two vertices at one point, which reads as a non-manifold edge in STL.
  return wasm.Manifold.cylinder(height, DRAIN_HOLE_MM / 2, DRAIN_HOLE_MM / 2, 24).rotate([0, 0, 7.3]).translate([x, y, bottomZ - 1]);
}
