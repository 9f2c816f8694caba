import type { IndexedMesh } from './mesh.js';

/** The axis-aligned bounds of a mesh: min x, y, z then max x, y, z. */
export function bounds(positions: Float32Array): [number, number, number, number, number, number] {
  let x0 = Infinity, y0 = Infinity, z0 = Infinity, x1 = -Infinity, y1 = -Infinity, z1 = -Infinity;
  for (let i = 0; i < positions.length; i += 3) {
    const x = positions[i]!, y = positions[i + 1]!, z = positions[i + 2]!;
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
    if (z < z0) z0 = z;
    if (z > z1) z1 = z;
  }
  return positions.length === 0 ? [0, 0, 0, 0, 0, 0] : [x0, y0, z0, x1, y1, z1];
}

/**
 * Scales uniformly (about the origin) so the largest side of the bounding box
 * is `sizeMm`: model files carry no trustworthy unit, and the print size the
 * user picks is what the checks must judge. A flat or empty mesh keeps scale 1.
 */
export function scaleToSize(mesh: IndexedMesh, sizeMm: number): { mesh: IndexedMesh; scale: number } {
  const [x0, y0, z0, x1, y1, z1] = bounds(mesh.positions);
  const largest = Math.max(x1 - x0, y1 - y0, z1 - z0);
  const scale = largest > 0 ? sizeMm / largest : 1;
  const positions = new Float32Array(mesh.positions.length);
  for (let i = 0; i < positions.length; i++) positions[i] = mesh.positions[i]! * scale;
  return { mesh: { ...mesh, positions }, scale };
}
