import fs from 'node:fs/promises';
import path from 'node:path';
import type { JobPayload, JobResults } from '../../shared/jobs/kinds.js';
import type { JobContext } from '../context.js';
import { checkMesh, estimateMaterial } from './check/index.js';
import { readMeshFile } from './io/read.js';
import type { IndexedMesh } from './mesh.js';
import { buildPack } from './pack/index.js';
import { yUpToZUp } from './prepare/gltf-frame.js';
import { bounds } from './scale.js';

/** Which file the sheet measures: STL and 3MF are already millimetres, Z up; a GLB is metres, Y up. */
const MEASURE_ORDER = ['stl', '3mf', 'glb'] as const;

/**
 * `mesh.pack`: the production pack of prepared model files — measured as
 * they are (their own size, no rescaling), drawn from three sides, written
 * up in a PDF spec sheet and a request for quotation per factory, in the
 * pack's language, all in one ZIP at `out`.
 */
export async function packMesh(p: JobPayload<'mesh.pack'>, ctx: JobContext): Promise<JobResults['mesh.pack']> {
  const measured = MEASURE_ORDER.map((f) => p.files.find((file) => file.format === f)).find((f) => f !== undefined)!;
  const read = await readMeshFile(measured.path);
  const mesh = measured.format === 'glb' ? metresToMm(yUpToZUp(read)) : read;
  ctx.progress(0.2);
  const [x0, y0, z0, x1, y1, z1] = bounds(mesh.positions);
  const report = checkMesh(mesh, { sizeMm: Math.max(x1 - x0, y1 - y0, z1 - z0), process: p.process }).report;
  ctx.signal.throwIfAborted();
  ctx.progress(0.6);
  const files = await Promise.all(p.files.map(async (f) => ({ name: path.basename(f.path), data: new Uint8Array(await fs.readFile(f.path)) })));
  const { zip, entries } = await buildPack({
    name: p.name,
    process: p.process,
    quantity: p.quantity,
    language: p.language,
    factories: p.factories,
    mesh,
    report,
    material: estimateMaterial(report, p.process),
    files,
    date: new Date().toISOString().slice(0, 10),
  });
  await fs.mkdir(path.dirname(p.out), { recursive: true });
  await fs.writeFile(p.out, zip);
  ctx.progress(1);
  return { path: p.out, bytes: zip.length, entries };
}

function metresToMm(mesh: IndexedMesh): IndexedMesh {
  return { ...mesh, positions: mesh.positions.map((v) => v * 1000) };
}
