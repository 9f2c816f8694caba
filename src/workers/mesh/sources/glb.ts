import { Document, NodeIO } from '@gltf-transform/core';
import type { IndexedMesh } from '../mesh.js';

/**
 * GLB in and out for the image → 3D backends. Writing: one textured
 * triangle mesh (the offline relief). Reading: only enough of a downloaded
 * GLB to know it is one — the header, the JSON chunk and its triangle count
 * from the accessors — so a Draco- or meshopt-compressed model from a
 * service still passes (the accessors keep their counts), and an HTML error
 * page or a cut-off download does not.
 */

const GLB_MAGIC = 0x46546c67; // "glTF"
const CHUNK_JSON = 0x4e4f534a; // "JSON"
const MODE_TRIANGLES = 4;
const MODE_STRIP = 5;
const MODE_FAN = 6;

export interface GlbSummary {
  triangles: number;
  meshes: number;
  bytes: number;
}

interface GltfJson {
  meshes?: { primitives?: { mode?: number; indices?: number; attributes?: Record<string, number> }[] }[];
  accessors?: { count?: number }[];
}

/** What is wrong with a file that should be a GLB, or its summary. */
export function inspectGlb(bytes: Uint8Array): GlbSummary | { problem: string } {
  if (bytes.length < 20) return { problem: `${bytes.length} bytes is too short for a GLB` };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== GLB_MAGIC) return { problem: 'not a GLB (no glTF header)' };
  if (view.getUint32(4, true) !== 2) return { problem: `glTF version ${view.getUint32(4, true)}, not 2` };
  const length = view.getUint32(8, true);
  if (length > bytes.length) return { problem: `cut off: ${bytes.length} of ${length} bytes` };
  const jsonLength = view.getUint32(12, true);
  if (view.getUint32(16, true) !== CHUNK_JSON || 20 + jsonLength > length) return { problem: 'no JSON chunk' };
  let json: GltfJson;
  try {
    json = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset + 20, jsonLength).toString('utf8')) as GltfJson;
  } catch {
    return { problem: 'unreadable JSON chunk' };
  }
  let triangles = 0;
  for (const mesh of json.meshes ?? []) {
    for (const prim of mesh.primitives ?? []) {
      const mode = prim.mode ?? MODE_TRIANGLES;
      const vertexCount = prim.attributes?.POSITION !== undefined ? (json.accessors?.[prim.attributes.POSITION]?.count ?? 0) : 0;
      const count = prim.indices !== undefined ? (json.accessors?.[prim.indices]?.count ?? 0) : vertexCount;
      if (mode === MODE_TRIANGLES) triangles += Math.floor(count / 3);
      else if (mode === MODE_STRIP || mode === MODE_FAN) triangles += Math.max(0, count - 2);
    }
  }
  if (triangles === 0) return { problem: 'no triangles' };
  return { triangles, meshes: json.meshes?.length ?? 0, bytes: length };
}

/** Per-vertex normals, area-weighted, so viewers shade the relief smoothly without computing them. */
function vertexNormals(mesh: IndexedMesh): Float32Array {
  const p = mesh.positions;
  const n = new Float32Array(p.length);
  const idx = mesh.indices;
  for (let t = 0; t < idx.length; t += 3) {
    const a = idx[t]! * 3, b = idx[t + 1]! * 3, c = idx[t + 2]! * 3;
    const ux = p[b]! - p[a]!, uy = p[b + 1]! - p[a + 1]!, uz = p[b + 2]! - p[a + 2]!;
    const vx = p[c]! - p[a]!, vy = p[c + 1]! - p[a + 1]!, vz = p[c + 2]! - p[a + 2]!;
    const nx = uy * vz - uz * vy, ny = uz * vx - ux * vz, nz = ux * vy - uy * vx;
    for (const v of [a, b, c]) {
      n[v] = n[v]! + nx;
      n[v + 1] = n[v + 1]! + ny;
      n[v + 2] = n[v + 2]! + nz;
    }
  }
  for (let v = 0; v < n.length; v += 3) {
    const len = Math.hypot(n[v]!, n[v + 1]!, n[v + 2]!) || 1;
    n[v] = n[v]! / len;
    n[v + 1] = n[v + 1]! / len;
    n[v + 2] = n[v + 2]! / len;
  }
  return n;
}

/** One mesh, its UVs and a PNG base-colour texture, as a GLB. */
export async function writeTexturedGlb(mesh: IndexedMesh, texturePng: Buffer, name: string): Promise<Uint8Array> {
  const doc = new Document();
  const buffer = doc.createBuffer();
  const prim = doc
    .createPrimitive()
    .setAttribute('POSITION', doc.createAccessor().setType('VEC3').setArray(mesh.positions).setBuffer(buffer))
    .setAttribute('NORMAL', doc.createAccessor().setType('VEC3').setArray(vertexNormals(mesh)).setBuffer(buffer))
    .setIndices(doc.createAccessor().setType('SCALAR').setArray(mesh.indices).setBuffer(buffer));
  if (mesh.uvs) prim.setAttribute('TEXCOORD_0', doc.createAccessor().setType('VEC2').setArray(mesh.uvs).setBuffer(buffer));
  const texture = doc.createTexture('base colour').setMimeType('image/png').setImage(new Uint8Array(texturePng));
  prim.setMaterial(doc.createMaterial(name).setBaseColorTexture(texture).setRoughnessFactor(0.8).setMetallicFactor(0));
  const node = doc.createNode(name).setMesh(doc.createMesh(name).addPrimitive(prim));
  doc.createScene(name).addChild(node);
  return new NodeIO().writeBinary(doc);
}
