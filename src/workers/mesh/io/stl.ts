import { StudioError } from '../../../shared/errors.js';
import { weldExact, type IndexedMesh } from '../mesh.js';

/**
 * STL (binary for writing; binary and ASCII for reading). Binary STL is an
 * 80-byte header, a uint32 triangle count, then 50 bytes per triangle:
 * normal, three corners (float32 LE) and a uint16 attribute.
 */
const HEADER_BYTES = 84;
const TRIANGLE_BYTES = 50;

export function parseStl(data: Buffer): IndexedMesh {
  if (data.length >= HEADER_BYTES) {
    const count = data.readUInt32LE(80);
    if (HEADER_BYTES + count * TRIANGLE_BYTES === data.length) return weldExact(binaryCorners(data, count));
  }
  const head = data.subarray(0, 512).toString('latin1').trimStart();
  if (head.startsWith('solid')) return weldExact(asciiCorners(data.toString('latin1')));
  throw new StudioError({ code: 'BAD_INPUT', message: 'Not an STL file: neither binary (size does not match the triangle count) nor ASCII (no "solid").' });
}

function binaryCorners(data: Buffer, count: number): Float32Array {
  const soup = new Float32Array(count * 9);
  for (let t = 0; t < count; t++) {
    const base = HEADER_BYTES + t * TRIANGLE_BYTES + 12;
    for (let k = 0; k < 9; k++) soup[t * 9 + k] = data.readFloatLE(base + k * 4);
  }
  return soup;
}

function asciiCorners(text: string): Float32Array {
  const values: number[] = [];
  const vertex = /vertex\s+(\S+)\s+(\S+)\s+(\S+)/g;
  for (let m = vertex.exec(text); m; m = vertex.exec(text)) values.push(Number(m[1]), Number(m[2]), Number(m[3]));
  if (values.length === 0 || values.length % 9 !== 0 || values.some((v) => !Number.isFinite(v))) {
    throw new StudioError({ code: 'BAD_INPUT', message: 'The ASCII STL has no complete triangles or a vertex that is not a number.' });
  }
  return Float32Array.from(values);
}

export function encodeStl(mesh: IndexedMesh, header = 'KingJam Studio'): Buffer {
  const count = mesh.indices.length / 3;
  const out = Buffer.alloc(HEADER_BYTES + count * TRIANGLE_BYTES);
  out.write(header.slice(0, 80), 0, 'latin1');
  out.writeUInt32LE(count, 80);
  const p = mesh.positions;
  for (let t = 0; t < count; t++) {
    const a = mesh.indices[t * 3]! * 3, b = mesh.indices[t * 3 + 1]! * 3, c = mesh.indices[t * 3 + 2]! * 3;
    const ux = p[b]! - p[a]!, uy = p[b + 1]! - p[a + 1]!, uz = p[b + 2]! - p[a + 2]!;
    const vx = p[c]! - p[a]!, vy = p[c + 1]! - p[a + 1]!, vz = p[c + 2]! - p[a + 2]!;
    let nx = uy * vz - uz * vy, ny = uz * vx - ux * vz, nz = ux * vy - uy * vx;
    const len = Math.hypot(nx, ny, nz) || 1;
    nx /= len; ny /= len; nz /= len;
    let o = HEADER_BYTES + t * TRIANGLE_BYTES;
    for (const v of [nx, ny, nz, p[a]!, p[a + 1]!, p[a + 2]!, p[b]!, p[b + 1]!, p[b + 2]!, p[c]!, p[c + 1]!, p[c + 2]!]) {
      out.writeFloatLE(v, o);
      o += 4;
    }
  }
  return out;
}
