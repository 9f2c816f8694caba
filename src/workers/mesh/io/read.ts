import fs from 'node:fs/promises';
import path from 'node:path';
import { MESH_LIMITS } from '../../../shared/mesh/jobs.js';
import { StudioError } from '../../../shared/errors.js';
import { say } from '../../../shared/messages.js';
import type { IndexedMesh } from '../mesh.js';
import { assertTriangleLimit, fileLabel, tooManyTriangles } from './errors.js';
import { parseGlb, readGltfFile } from './glb.js';
import { parseStl } from './stl.js';
import { parse3mf } from './threemf.js';

/**
 * Reads any model file the builder takes — STL (binary or ASCII), 3MF, GLB
 * or glTF — into one indexed mesh. The format is told by the first bytes
 * (a zip is 3MF, "glTF" is GLB, "{" is glTF JSON), the extension only when
 * the bytes say nothing (STL has no magic).
 */
export async function readMeshFile(file: string): Promise<IndexedMesh> {
  let size: number;
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) throw new Error('not a file');
    size = stat.size;
  } catch (e) {
    throw new StudioError({ code: 'FILE_NOT_FOUND', message: `Cannot open ${file}: ${e instanceof Error ? e.message : String(e)}`, ...say('mesh.check.unreadable', { file: fileLabel(file) }) });
  }
  if (size > MESH_LIMITS.maxFileBytes) {
    const mb = (n: number): string => (n / 1024 / 1024).toFixed(0);
    throw new StudioError({
      code: 'FILE_TOO_LARGE',
      message: `${fileLabel(file)} is ${mb(size)} MB; model files may be at most ${mb(MESH_LIMITS.maxFileBytes)} MB.`,
      ...say('mesh.check.fileTooLarge', { file: fileLabel(file), size: mb(size), limit: mb(MESH_LIMITS.maxFileBytes) }),
    });
  }
  // A binary STL says its triangle count in its header: refuse an oversized one before reading it all.
  const head = Buffer.alloc(84);
  const handle = await fs.open(file, 'r');
  try {
    await handle.read(head, 0, 84, 0);
  } finally {
    await handle.close();
  }
  if (size >= 84 && 84 + head.readUInt32LE(80) * 50 === size) assertTriangleLimit(file, head.readUInt32LE(80));
  const data = await fs.readFile(file);
  const ext = path.extname(file).toLowerCase();
  const mesh = await parseByContent(data, ext, file);
  if (mesh.indices.length / 3 > MESH_LIMITS.maxTriangles) throw tooManyTriangles(file, mesh.indices.length / 3);
  return mesh;
}

async function parseByContent(data: Buffer, ext: string, file: string): Promise<IndexedMesh> {
  const magic = data.subarray(0, 4).toString('latin1');
  if (magic === 'PK\u0003\u0004' || ext === '.3mf') return parse3mf(data, file);
  if (magic === 'glTF' || ext === '.glb') return parseGlb(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), file);
  if (ext === '.gltf' || data.subarray(0, 64).toString('latin1').trimStart().startsWith('{')) return readGltfFile(file);
  if (ext === '.stl' || data.subarray(0, 512).toString('latin1').trimStart().startsWith('solid') || ext === '') return parseStl(data, file);
  throw new StudioError({ code: 'UNSUPPORTED_TYPE', message: `${fileLabel(file)} is not an STL, 3MF, GLB or glTF model.`, ...say('mesh.check.unknownFormat', { file: fileLabel(file) }) });
}
