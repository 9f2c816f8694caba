import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MESH_LIMITS } from '../../src/shared/mesh/jobs.js';
import { PROBLEM_COLORS, type MeshProblemKind } from '../../src/shared/mesh/report.js';
import { checkMesh } from '../../src/workers/mesh/check/index.js';
import { gltfIo } from '../../src/workers/mesh/io/glb.js';
import { closedOutward, PREVIEW_COARSE_PROBLEMS, writePreview } from '../../src/workers/mesh/preview.js';
import type { IndexedMesh } from '../../src/workers/mesh/mesh.js';
import { bounds } from '../../src/workers/mesh/scale.js';
import { box, combine, sphere } from './checks-helpers.js';

/** The preview GLB's two levels of detail and the closed flag the renderer culls back faces by. */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kingjam-preview-levels-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function preview(mesh: IndexedMesh, name: string) {
  const checked = checkMesh(mesh, { sizeMm: 80, process: 'sla' });
  const out = path.join(dir, `${name}.glb`);
  await writePreview(mesh, checked.problemTriangles, out, { closedOutward: closedOutward(checked.report) });
  const doc = await gltfIo().readBinary(new Uint8Array(fs.readFileSync(out)));
  const node = (n: string) => doc.getRoot().listNodes().find((x) => x.getName() === n)!;
  const prim = (n: string) => node(n).getMesh()?.listPrimitives()[0];
  const triangles = (n: string) => (prim(n)?.getIndices()?.getCount() ?? 0) / 3;
  const positions = (n: string) => prim(n)!.getAttribute('POSITION')!.getArray() as Float32Array;
  const colours = (n: string) => {
    const c = prim(n)?.getAttribute('COLOR_0');
    const seen = new Set<string>();
    for (let v = 0; v < (c?.getCount() ?? 0); v++) seen.add(c!.getElement(v, [] as number[]).map((x) => x.toFixed(2)).join(','));
    return seen;
  };
  return { checked, node, triangles, positions, colours };
}

const colourOf = (kind: MeshProblemKind) => PROBLEM_COLORS[kind].map((x) => x.toFixed(2)).join(',');

describe('the preview GLB', () => {
  it('carries a coarse level within its caps, of the same shape, with the overlay’s kinds in their colours', async () => {
    // 102,400 triangles of sphere with a box pushed into it: self-intersections, and overhangs underneath.
    const p = await preview(combine(sphere(20, 160, 320), box(10, -5, -5, 30, 5, 5)), 'sphere-box');
    expect(p.triangles('model')).toBeGreaterThan(MESH_LIMITS.previewCoarseTriangles);
    expect(p.triangles('model-coarse')).toBeLessThanOrEqual(MESH_LIMITS.previewCoarseTriangles);
    expect(p.triangles('model-coarse')).toBeGreaterThan(MESH_LIMITS.previewCoarseTriangles / 2);
    const [full, coarse] = [bounds(p.positions('model')), bounds(p.positions('model-coarse'))];
    for (let k = 0; k < 6; k++) expect(Math.abs(full[k]! - coarse[k]!), `bound ${k}`).toBeLessThan(0.5);
    expect(p.triangles('problems')).toBeGreaterThan(PREVIEW_COARSE_PROBLEMS);
    expect(p.triangles('problems-coarse')).toBeGreaterThan(0);
    expect(p.triangles('problems-coarse')).toBeLessThanOrEqual(PREVIEW_COARSE_PROBLEMS + 8);
    // Every kind drawn at full detail is drawn in the coarse level too, in its own colour.
    const drawn = Object.keys((p.node('problems').getExtras() as { drawn: Record<string, number> }).drawn) as MeshProblemKind[];
    expect(drawn).toEqual(expect.arrayContaining(['selfIntersection', 'overhang']));
    const coarseColours = p.colours('problems-coarse');
    for (const kind of drawn) expect(coarseColours.has(colourOf(kind)), kind).toBe(true);
    expect(p.node('model').getExtras()).toEqual({ closed: true });
    expect(p.node('model-coarse').getExtras()).toEqual({ closed: true });
  });

  it('says an open surface is not closed, so both its sides are drawn', async () => {
    const whole = sphere(20, 40, 80);
    // Two triangles taken out of the sphere: a hole with a boundary.
    const open = { positions: whole.positions, indices: whole.indices.slice(6) };
    const p = await preview(open, 'open');
    expect(p.checked.report.watertight).toBe(false);
    expect(p.node('model').getExtras()).toEqual({ closed: false });
    expect(p.node('model-coarse').getExtras()).toEqual({ closed: false });
    expect(p.colours('problems').has(colourOf('boundary'))).toBe(true);
  });

  it('says an inside-out surface is not closed (its outside would be culled)', async () => {
    const s = sphere(20, 20, 40);
    const flipped = Uint32Array.from(s.indices);
    for (let t = 0; t < flipped.length; t += 3) [flipped[t + 1], flipped[t + 2]] = [flipped[t + 2]!, flipped[t + 1]!];
    const p = await preview({ positions: s.positions, indices: flipped }, 'inside-out');
    expect(p.checked.report.watertight).toBe(true);
    expect(p.checked.report.volumeMm3!).toBeLessThan(0);
    expect(p.node('model').getExtras()).toEqual({ closed: false });
  });

  it('a mesh with no problems has the overlay nodes, empty', async () => {
    const p = await preview(box(0, 0, 0, 30, 20, 10), 'clean');
    expect(p.checked.report.problems.filter((x) => x.count > 0)).toEqual([]);
    expect(p.triangles('problems')).toBe(0);
    expect(p.triangles('problems-coarse')).toBe(0);
  });
});
