import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { meshJobKinds } from '../../src/shared/mesh/jobs.js';
import type { JobContext } from '../../src/workers/context.js';
import { encodeGlb } from '../../src/workers/mesh/io/glb.js';
import { readMeshFile } from '../../src/workers/mesh/io/read.js';
import { encodeStl } from '../../src/workers/mesh/io/stl.js';
import { prepareMesh } from '../../src/workers/mesh/prepare-job.js';
import { bounds } from '../../src/workers/mesh/scale.js';
import { box, sphere, volumeOf, withoutTriangles } from './fixtures-prep.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kj-prepare-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function context(): JobContext & { steps: number[] } {
  const steps: number[] = [];
  return {
    jobId: 'prepare-test', attempt: 1, checkpoint: null, paths: { home: dir, library: dir, temp: dir },
    signal: new AbortController().signal, progress: (f) => void steps.push(f), saveCheckpoint: async () => undefined,
    notice: () => undefined, preview: () => undefined, secrets: {}, steps,
  };
}

describe('mesh.prepare', () => {
  it('repairs an open cube and writes STL, 3MF and GLB that read back with the same triangles', async () => {
    const input = path.join(dir, 'open-cube.stl');
    fs.writeFileSync(input, encodeStl(withoutTriangles(box(1), [0, 1])));
    const payload = meshJobKinds['mesh.prepare'].payload.parse({ input, sizeMm: 40, process: 'fdm', outDir: path.join(dir, 'out'), name: 'cube' });
    const ctx = context();
    const result = await prepareMesh(payload, ctx);

    expect(result.before.watertight).toBe(false);
    expect(result.before.boundaryEdges).toBe(4);
    expect(result.after.watertight).toBe(true);
    expect(result.after.sizeMm.map((s) => Math.round(s * 1000) / 1000)).toEqual([40, 40, 40]);
    expect(result.material!.volumeCm3).toBeCloseTo(64, 3);
    expect(result.material!.weightG).toBeCloseTo(64 * 1.24, 2);
    expect(result.files.map((f) => f.format)).toEqual(['stl', '3mf', 'glb']);
    expect(ctx.steps.at(-1)).toBe(1);

    for (const file of result.files) {
      const data = fs.readFileSync(file.path);
      expect(file.bytes).toBe(data.length);
      expect(file.sha256).toBe(createHash('sha256').update(data).digest('hex'));
      const back = await readMeshFile(file.path);
      expect(back.indices.length / 3, file.format).toBe(result.after.triangles);
    }
    const stl = await readMeshFile(result.files[0]!.path);
    expect(volumeOf(stl)).toBeCloseTo(64_000, 0);
    // GLB: metres, Y up — the 40 mm cube is 0.04 m a side.
    const glb = await readMeshFile(result.files[2]!.path);
    const [x0, , , x1] = bounds(glb.positions);
    expect(x1 - x0).toBeCloseTo(0.04, 5);
  });

  it('turns a GLB Y-up for the print (base under the feet) and back, and keeps its texture', async () => {
    // A tall, thin figure along glTF's Y (up): 10 × 30 × 10.
    const tall = sphere(1, 16, 32);
    for (let v = 0; v < tall.positions.length / 3; v++) tall.positions[v * 3 + 1]! *= 3;
    const uvs = new Float32Array((tall.positions.length / 3) * 2).map((_, i) => (i % 2 ? 0.5 : 0.25));
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#c83c28' } }).png().toBuffer();
    const input = path.join(dir, 'figure.glb');
    fs.writeFileSync(input, await encodeGlb({ ...tall, uvs }, { texturePng: png }));
    const payload = meshJobKinds['mesh.prepare'].payload.parse({ input, sizeMm: 60, process: 'sla', baseMm: 3, formats: ['stl', 'glb'], outDir: path.join(dir, 'fig'), name: 'figure' });
    const result = await prepareMesh(payload, context());
    const stl = await readMeshFile(result.files[0]!.path);
    const [sx0, sy0, sz0, sx1, sy1, sz1] = bounds(stl.positions);
    // Z up in the STL: 60 mm tall plus the plate (3 mm, the figure sunk 1 mm into it).
    expect(sz1 - sz0).toBeCloseTo(62, 1);
    expect(sx1 - sx0).toBeLessThan(30);
    expect(sy1 - sy0).toBeLessThan(30);
    const glbBytes = fs.readFileSync(result.files[1]!.path);
    expect(glbBytes.includes(Buffer.from('image/png'))).toBe(true);
    const glb = await readMeshFile(result.files[1]!.path);
    const [, gy0, , , gy1] = bounds(glb.positions);
    expect(gy1 - gy0).toBeCloseTo(0.062, 4);
    expect(glb.uvs).toBeDefined();
  });
});
