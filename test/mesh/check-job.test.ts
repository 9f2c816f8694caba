import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobPayload, JobResults } from '../../src/shared/jobs/kinds.js';
import { PROBLEM_COLORS } from '../../src/shared/mesh/report.js';
import type { Studio } from '../../src/main/studio.js';
import { gltfIo } from '../../src/workers/mesh/io/glb.js';
import { decimate } from '../../src/workers/mesh/preview.js';
import { bounds } from '../../src/workers/mesh/scale.js';
import { encodeStl } from '../../src/workers/mesh/io/stl.js';
import { combine, box, sphere } from './checks-helpers.js';
import { openTestStudio, tempHome } from '../helpers/studio.js';

/** mesh.check through the real job system: the mesh queue's worker process reads, checks and writes the preview. */

let studio: Studio;
let home: string;

beforeAll(() => {
  home = tempHome('kingjam-mesh-check-');
  studio = openTestStudio(home);
});

afterAll(async () => {
  await studio.close();
  fs.rmSync(home, { recursive: true, force: true });
});

async function run(payload: JobPayload<'mesh.check'>) {
  const job = await studio.jobs.enqueue('mesh.check', payload);
  return studio.jobs.waitFor(job.id);
}

describe('mesh.check job', () => {
  it('checks an STL at the print size and writes a preview GLB with the model and the coloured problems', async () => {
    // A fine sphere (decimated for the preview) and a box pushed into it: self-intersections to colour.
    const model = combine(sphere(20, 60, 120), box(10, -5, -5, 30, 5, 5));
    const input = path.join(home, 'model.stl');
    fs.writeFileSync(input, encodeStl(model));
    const previewOut = path.join(home, 'out', 'preview.glb');
    const done = await run({ input, sizeMm: 80, process: 'sla', previewOut });
    expect(done.error).toBeNull();
    expect(done.status).toBe('succeeded');
    const result = done.result as JobResults['mesh.check'];
    expect(result.previewPath).toBe(previewOut);
    expect(result.report).toMatchObject({ triangles: model.indices.length / 3, process: 'sla', watertight: true });
    expect(Math.max(...result.report.sizeMm)).toBeCloseTo(80, 3);
    expect(result.report.selfIntersections).toBeGreaterThan(0);
    expect(result.material).not.toBeNull();

    const doc = await gltfIo().readBinary(new Uint8Array(fs.readFileSync(previewOut)));
    const nodes = doc.getRoot().listNodes();
    expect(nodes.map((n) => n.getName()).sort()).toEqual(['model', 'model-coarse', 'problems', 'problems-coarse']);
    const modelNode = nodes.find((n) => n.getName() === 'model')!;
    const modelPrim = modelNode.getMesh()!.listPrimitives()[0]!;
    expect(modelPrim.getIndices()!.getCount() / 3).toBeLessThanOrEqual(model.indices.length / 3);
    // Watertight with a positive volume: the renderer may skip back faces.
    expect(modelNode.getExtras()).toEqual({ closed: true });
    const problems = nodes.find((n) => n.getName() === 'problems')!;
    const prim = problems.getMesh()!.listPrimitives()[0]!;
    const drawn = problems.getExtras() as { drawn: Record<string, number> };
    expect(drawn.drawn.selfIntersection).toBeGreaterThan(0);
    // Every drawn vertex carries the colour of a known kind, and the self-intersection colour is among them.
    const colors = prim.getAttribute('COLOR_0')!;
    const seen = new Set<string>();
    for (let v = 0; v < colors.getCount(); v++) seen.add(colors.getElement(v, [] as number[]).map((c) => c.toFixed(2)).join(','));
    const known = new Set(Object.values(PROBLEM_COLORS).map((c) => c.map((x) => x.toFixed(2)).join(',')));
    expect([...seen].every((c) => known.has(c))).toBe(true);
    expect(seen.has(PROBLEM_COLORS.selfIntersection.map((x) => x.toFixed(2)).join(','))).toBe(true);
  }, 60_000);

  it('fails with the reader’s message key for a truncated file', async () => {
    const input = path.join(home, 'cut.stl');
    fs.writeFileSync(input, encodeStl(box(0, 0, 0, 1, 1, 1)).subarray(0, 300));
    const done = await run({ input, sizeMm: 50, process: 'fdm' });
    expect(done.status).toBe('failed');
    expect(done.error).toMatchObject({ code: 'INVALID_MEDIA', key: 'mesh.check.stlTruncated' });
  }, 60_000);

  it('the preview model is simplified with meshoptimizer to the cap, keeping the shape', async () => {
    const fine = sphere(20, 80, 160); // 25,280 triangles
    const coarse = await decimate(fine, 2_000);
    expect(coarse.indices.length / 3).toBeLessThanOrEqual(2_000);
    expect(coarse.indices.length / 3).toBeGreaterThan(1_000);
    const [a, b] = [bounds(fine.positions), bounds(coarse.positions)];
    for (let k = 0; k < 6; k++) expect(Math.abs(a[k]! - b[k]!)).toBeLessThan(1);
  });
});
