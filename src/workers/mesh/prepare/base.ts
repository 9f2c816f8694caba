import type { Manifold, ManifoldToplevel } from 'manifold-3d';

/** How far the base plate reaches beyond the model's footprint on each side (mm). */
export const BASE_MARGIN_MM = 2;

/**
 * A rectangular plate `thicknessMm` thick under the model's footprint (its
 * x–y bounding box plus a margin), for the model to stand on. The model is
 * sunk into the plate by up to 1 mm (half the plate when thinner) so it
 * joins over an area, not at a point — a model standing on a tip would
 * otherwise touch the plate along a non-manifold vertex. Returns the plate;
 * the caller unions it. The model's underside is at z = 0 when this is called.
 */
export function basePlate(wasm: ManifoldToplevel, model: Manifold, thicknessMm: number): { plate: Manifold; sink: number } {
  const box = model.boundingBox();
  const sink = Math.min(1, thicknessMm / 2);
  const w = box.max[0] - box.min[0] + 2 * BASE_MARGIN_MM, d = box.max[1] - box.min[1] + 2 * BASE_MARGIN_MM;
  const plate = wasm.Manifold.cube([w, d, thicknessMm]).translate([box.min[0] - BASE_MARGIN_MM, box.min[1] - BASE_MARGIN_MM, sink - thicknessMm]);
  return { plate, sink };
}
