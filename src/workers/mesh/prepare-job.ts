import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { JobPayload, JobResults } from '../../shared/jobs/kinds.js';
import type { MeshFormat } from '../../shared/mesh/jobs.js';
import type { JobContext } from '../context.js';
import { checkMesh, estimateMaterial } from './check/index.js';
import { encodeGlb } from './io/glb.js';
import { readMeshFile } from './io/read.js';
import { encodeStl } from './io/stl.js';
import { encode3mf } from './io/threemf.js';
import type { IndexedMesh } from './mesh.js';
import { baseColorTexture, isGltfFile, yUpToZUp, zUpMmToGltf } from './prepare/gltf-frame.js';
import { prepareSolid } from './prepare/index.js';
import { closedOutward, writePreview } from './preview.js';
import { repairMesh } from './repair/index.js';
import { bounds } from './scale.js';

/**
 * `mesh.prepare`: check the model as it came, repair it, prepare it for
 * printing (simplify, scale, hollow, base), check it again at its printed
 * size, and write the formats asked: STL (binary) and 3MF in millimetres,
 * Z up; GLB in metres, Y up, with the input's texture when it had one; and,
 * when asked, the preview of the prepared part with its problems coloured.
 */
export async function prepareMesh(p: JobPayload<'mesh.prepare'>, ctx: JobContext): Promise<JobResults['mesh.prepare']> {
  const gltf = await isGltfFile(p.input);
  const read = await readMeshFile(p.input);
  const input = gltf ? yUpToZUp(read) : read;
  ctx.progress(0.05);
  const before = checkMesh(input, { sizeMm: p.sizeMm, process: p.process }).report;
  ctx.progress(0.3);
  const repaired = await repairMesh(input);
  ctx.signal.throwIfAborted();
  ctx.progress(0.4);
  const prepared = await prepareSolid(repaired.mesh, {
    sizeMm: p.sizeMm,
    ...(p.targetTriangles ? { targetTriangles: p.targetTriangles } : {}),
    ...(p.hollowWallMm ? { hollowWallMm: p.hollowWallMm } : {}),
    ...(p.baseMm ? { baseMm: p.baseMm } : {}),
  });
  ctx.signal.throwIfAborted();
  ctx.progress(0.7);
  // Checked as printed: the prepared part is already in millimetres (with its base), so its own largest side keeps scale 1.
  const [x0, y0, z0, x1, y1, z1] = bounds(prepared.mesh.positions);
  const checked = checkMesh(prepared.mesh, { sizeMm: Math.max(x1 - x0, y1 - y0, z1 - z0), process: p.process });
  const after = checked.report;
  ctx.progress(0.85);
  if (p.previewOut) await writePreview(prepared.mesh, checked.problemTriangles, p.previewOut, { closedOutward: closedOutward(after) });
  ctx.progress(0.9);

  await fs.mkdir(p.outDir, { recursive: true });
  const texturePng = gltf && prepared.uvsKept ? await baseColorTexture(p.input) : null;
  const files: JobResults['mesh.prepare']['files'] = [];
  for (const format of p.formats) {
    const data = await encode(format, prepared.mesh, p.name, texturePng);
    const file = path.join(p.outDir, `${p.name}.${format}`);
    await fs.writeFile(file, data);
    files.push({ format, path: file, bytes: data.length, sha256: createHash('sha256').update(data).digest('hex') });
  }
  ctx.progress(1);
  return { files, before, after, material: estimateMaterial(after, p.process), previewPath: p.previewOut ?? null };
}

async function encode(format: MeshFormat, mesh: IndexedMesh, name: string, texturePng: Buffer | null): Promise<Buffer> {
  if (format === 'stl') return encodeStl(mesh, "KingJam Studio, millimetres");
  if (format === '3mf') return encode3mf(mesh, name);
  const glb = await encodeGlb(zUpMmToGltf(mesh), texturePng ? { texturePng } : {});
  return Buffer.from(glb.buffer, glb.byteOffset, glb.byteLength);
}
