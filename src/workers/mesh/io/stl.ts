import { StudioError } from '../../../shared/errors.js';
import { say } from '../../../shared/messages.js';
import { weldExact, type IndexedMesh } from '../mesh.js';
import { assertTriangleLimit, emptyModel, fileLabel } from './errors.js';

/**
 * STL (binary for writing; binary and ASCII for reading). Binary STL is an
 * 80-byte header, a uint32 triangle count, then 50 bytes per triangle:
 * normal, three corners (float32 LE) and a uint16 attribute.
 */
const HEADER_BYTES = 84;
const TRIANGLE_BYTES = 50;

/** `file` only names the model in errors. */
export function parseStl(data: Buffer, file = 'model.stl'): IndexedMesh {
  const count = data.length >= HEADER_BYTES ? data.readUInt32LE(80) : 0;
  const expected = HEADER_BYTES + count * TRIANGLE_BYTES;
  // Exact size first: binary files from some exporters (SolidWorks) also start with "solid".
  if (data.length >= HEADER_BYTES && expected === data.length) return binary(data, count, file);
  const head = data.subarray(0, 512).toString('latin1').trimStart();
  if (head.startsWith('solid') && /facet|endsolid/.test(data.subarray(0, 4096).toString('latin1'))) return weldExact(asciiCorners(data.toString('latin1'), file));
  if (data.length >= HEADER_BYTES && count > 0) {
    // Some exporters pad the end; the triangles the header counts are all there.
    if (data.length > expected) return binary(data, count, file);
    throw new StudioError({
      code: 'INVALID_MEDIA',
      message: `${fileLabel(file)} is a truncated binary STL: ${count} triangles need ${expected} bytes, the file has ${data.length}.`,
      ...say('mesh.check.stlTruncated', { file: fileLabel(file), expected: String(expected), actual: String(data.length) }),
    });
  }
  if (data.length >= HEADER_BYTES && count === 0) throw emptyModel(file);
  throw new StudioError({ code: 'INVALID_MEDIA', message: `${fileLabel(file)} is not an STL file.`, ...say('mesh.check.stlBadText', { file: fileLabel(file) }) });
}

function binary(data: Buffer, count: number, file: string): IndexedMesh {
  assertTriangleLimit(file, count);
  if (count === 0) throw emptyModel(file);
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const soup = new Float32Array(count * 9);
  for (let t = 0, o = HEADER_BYTES + 12; t < count; t++, o += TRIANGLE_BYTES) {
    const s = t * 9;
    for (let k = 0; k < 9; k++) soup[s + k] = view.getFloat32(o + k * 4, true);
  }
  return weldExact(soup);
}

function asciiCorners(text: string, file: string): Float32Array {
  const values: number[] = [];
  const vertex = /vertex\s+(\S+)\s+(\S+)\s+(\S+)/g;
  for (let m = vertex.exec(text); m; m = vertex.exec(text)) values.push(Number(m[1]), Number(m[2]), Number(m[3]));
  if (values.length === 0 || values.length % 9 !== 0 || values.some((v) => !Number.isFinite(v))) {
    throw new StudioError({
      code: 'INVALID_MEDIA',
      message: `${fileLabel(file)}: the ASCII STL has no complete triangles or a vertex that is not a number.`,
      ...say('mesh.check.stlBadText', { file: fileLabel(file) }),
    });
  }
  assertTriangleLimit(file, values.length / 9);
  return Float32Array.from(values);
}

export function encodeStl(mesh: IndexedMesh, header = 'KingJam Studio'): Buffer {
  const count = mesh.indices.length / 3;
  const out = Buffer.alloc(HEADER_BYTES + count * TRIANGLE_BYTES);
  out.write(header.slice(0, 80), 0, 'latin1');
  out.writeUInt32LE(count, 80);
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  const p = mesh.positions;
  const idx = mesh.indices;
  for (let t = 0, o = HEADER_BYTES; t < count; t++, o += TRIANGLE_BYTES) {
    const a = idx[t * 3]! * 3, b = idx[t * 3 + 1]! * 3, c = idx[t * 3 + 2]! * 3;
    const ux = p[b]! - p[a]!, uy = p[b + 1]! - p[a + 1]!, uz = p[b + 2]! - p[a + 2]!;
    const vx = p[c]! - p[a]!, vy = p[c + 1]! - p[a + 1]!, vz = p[c + 2]! - p[a + 2]!;
    const nx = uy * vz - uz * vy, ny = uz * vx - ux * vz, nz = ux * vy - uy * vx;
    const len = Math.hypot(nx, ny, nz) || 1;
    view.setFloat32(o, nx / len, true);
    view.setFloat32(o + 4, ny / len, true);
    view.setFloat32(o + 8, nz / len, true);
    for (let k = 0; k < 3; k++) {
      view.setFloat32(o + 12 + k * 4, p[a + k]!, true);
      view.setFloat32(o + 24 + k * 4, p[b + k]!, true);
      view.setFloat32(o + 36 + k * 4, p[c + k]!, true);
    }
  }
  return out;
}
