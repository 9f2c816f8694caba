import { describe, expect, it } from 'vitest';
import { checkMesh } from '../../src/workers/mesh/check/index.js';
import { repairMesh } from '../../src/workers/mesh/repair/index.js';
import { box, edgeCounts, joined, volumeOf, withoutTriangles } from './fixtures-prep.js';

describe('repairMesh', () => {
  it('closes a cube with a face removed: no boundary edge left, the full cube volume', async () => {
    const open = withoutTriangles(box(20), [0, 1]);
    expect(edgeCounts(open).boundary).toBe(4);
    const { mesh, filledHoles } = await repairMesh(open);
    expect(filledHoles).toBe(1);
    expect(edgeCounts(mesh)).toEqual({ boundary: 0, nonManifold: 0, misoriented: 0 });
    expect(volumeOf(mesh)).toBeCloseTo(8000, 1);
    expect(checkMesh(open, { sizeMm: 20, process: 'fdm' }).report.watertight).toBe(false);
    const report = checkMesh(mesh, { sizeMm: 20, process: 'fdm' }).report;
    expect(report.watertight).toBe(true);
    expect(report.volumeMm3).toBeCloseTo(8000, 0);
  });

  it('leaves a closed cube as it was', async () => {
    const { mesh, filledHoles, removedDegenerate, flipped } = await repairMesh(box(20));
    expect({ filledHoles, removedDegenerate, flipped }).toEqual({ filledHoles: 0, removedDegenerate: 0, flipped: 0 });
    expect(volumeOf(mesh)).toBeCloseTo(8000, 3);
    expect(mesh.indices.length / 3).toBe(12);
  });

  it('turns an inside-out cube outward and a single wrong triangle round', async () => {
    const inside = box(10);
    for (let t = 0; t < 12; t++) [inside.indices[t * 3 + 1], inside.indices[t * 3 + 2]] = [inside.indices[t * 3 + 2]!, inside.indices[t * 3 + 1]!];
    expect(volumeOf(inside)).toBeLessThan(0);
    const turned = await repairMesh(inside);
    expect(turned.flipped).toBe(12);
    expect(volumeOf(turned.mesh)).toBeCloseTo(1000, 2);

    const one = box(10);
    [one.indices[4], one.indices[5]] = [one.indices[5]!, one.indices[4]!];
    const fixed = await repairMesh(one);
    expect(fixed.flipped).toBe(1);
    expect(edgeCounts(fixed.mesh).misoriented).toBe(0);
  });

  it('drops degenerate and repeated triangles', async () => {
    const cube = box(10);
    const extra = Uint32Array.from([...cube.indices, 0, 0, 1, 0, 2, 3]);
    const { mesh, removedDegenerate } = await repairMesh({ positions: cube.positions, indices: extra });
    expect(removedDegenerate).toBe(2);
    expect(mesh.indices.length / 3).toBe(12);
  });

  it('unions two overlapping boxes into one solid (overlap counted once)', async () => {
    const { mesh } = await repairMesh(joined(box(10), box(10, [5, 5, 5])));
    expect(edgeCounts(mesh)).toEqual({ boundary: 0, nonManifold: 0, misoriented: 0 });
    expect(volumeOf(mesh)).toBeCloseTo(2000 - 125, 1);
    expect(checkMesh(mesh, { sizeMm: 15, process: 'fdm' }).report.selfIntersections).toBe(0);
  });

  it('welds STL-style separate corners before closing', async () => {
    // Every triangle with its own three vertices, as STL stores them.
    const cube = withoutTriangles(box(20), [2]);
    const positions = new Float32Array(cube.indices.length * 3);
    cube.indices.forEach((v, i) => positions.set(cube.positions.subarray(v * 3, v * 3 + 3), i * 3));
    const soup = { positions, indices: Uint32Array.from(cube.indices.keys()) };
    const { mesh, filledHoles } = await repairMesh(soup);
    expect(filledHoles).toBe(1);
    expect(edgeCounts(mesh).boundary).toBe(0);
    expect(volumeOf(mesh)).toBeCloseTo(8000, 1);
  });
});
