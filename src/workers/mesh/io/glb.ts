import { Document, Logger, NodeIO, Primitive, type Accessor, type mat4, type Node as GltfNode } from '@gltf-transform/core';
import type { IndexedMesh } from '../mesh.js';
import { assertTriangleLimit, emptyModel, glbUnreadable } from './errors.js';

/**
 * GLB / glTF 2.0 through @gltf-transform/core. Reading flattens every
 * TRIANGLES primitive of the default scene into one mesh in world space;
 * writing makes one node per mesh (a model, the preview's problem overlay).
 */
export function gltfIo(): NodeIO {
  return new NodeIO().setLogger(new Logger(Logger.Verbosity.ERROR));
}

/** `file` only names the model in errors. */
export async function parseGlb(data: Uint8Array, file = 'model.glb'): Promise<IndexedMesh> {
  let doc: Document;
  try {
    doc = await gltfIo().readBinary(data);
  } catch (e) {
    throw glbUnreadable(file, e instanceof Error ? e.message : String(e));
  }
  return flattenDocument(doc, file);
}

/** A .gltf with its buffers beside it (or embedded as data URIs). */
export async function readGltfFile(path: string): Promise<IndexedMesh> {
  let doc: Document;
  try {
    doc = await gltfIo().read(path);
  } catch (e) {
    throw glbUnreadable(path, e instanceof Error ? e.message : String(e));
  }
  return flattenDocument(doc, path);
}

interface Part {
  primitive: Primitive;
  world: mat4;
}

function flattenDocument(doc: Document, file: string): IndexedMesh {
  const root = doc.getRoot();
  const scene = root.getDefaultScene() ?? root.listScenes()[0];
  const parts: Part[] = [];
  const visit = (node: GltfNode): void => {
    const mesh = node.getMesh();
    if (mesh) for (const primitive of mesh.listPrimitives()) if (primitive.getMode() === Primitive.Mode.TRIANGLES && primitive.getAttribute('POSITION')) parts.push({ primitive, world: node.getWorldMatrix() });
  };
  if (scene) scene.traverse(visit);
  let triangles = 0;
  let vertices = 0;
  for (const { primitive } of parts) {
    const count = primitive.getAttribute('POSITION')!.getCount();
    triangles += (primitive.getIndices()?.getCount() ?? count) / 3;
    vertices += count;
  }
  assertTriangleLimit(file, triangles);
  if (triangles < 1) throw emptyModel(file);

  const positions = new Float32Array(vertices * 3);
  const indices = new Uint32Array(Math.floor(triangles) * 3);
  const keepUv = parts.length === 1 && parts[0]!.primitive.getAttribute('TEXCOORD_0') !== null;
  const uvs = keepUv ? new Float32Array(vertices * 2) : undefined;
  let vBase = 0;
  let iAt = 0;
  const el: number[] = [];
  for (const { primitive, world: m } of parts) {
    const pos = primitive.getAttribute('POSITION')!;
    const count = pos.getCount();
    for (let v = 0; v < count; v++) {
      pos.getElement(v, el);
      const x = el[0]!, y = el[1]!, z = el[2]!;
      const o = (vBase + v) * 3;
      // glTF matrices are column-major.
      positions[o] = m[0] * x + m[4] * y + m[8] * z + m[12];
      positions[o + 1] = m[1] * x + m[5] * y + m[9] * z + m[13];
      positions[o + 2] = m[2] * x + m[6] * y + m[10] * z + m[14];
    }
    if (uvs) copyUvs(primitive.getAttribute('TEXCOORD_0')!, uvs, el);
    // A mirroring transform turns triangles inside out; swap two corners to keep them outward.
    const det = m[0] * (m[5] * m[10] - m[6] * m[9]) - m[4] * (m[1] * m[10] - m[2] * m[9]) + m[8] * (m[1] * m[6] - m[2] * m[5]);
    const flip = det < 0;
    const idx = primitive.getIndices();
    const n = Math.floor((idx?.getCount() ?? count) / 3) * 3;
    for (let k = 0; k < n; k += 3) {
      const a = idx ? idx.getScalar(k) : k, b = idx ? idx.getScalar(k + 1) : k + 1, c = idx ? idx.getScalar(k + 2) : k + 2;
      if (a >= count || b >= count || c >= count) throw glbUnreadable(file, 'an index points past the vertices');
      indices[iAt++] = vBase + a;
      indices[iAt++] = vBase + (flip ? c : b);
      indices[iAt++] = vBase + (flip ? b : c);
    }
    vBase += count;
  }
  return uvs ? { positions, indices: indices.subarray(0, iAt), uvs } : { positions, indices: indices.subarray(0, iAt) };
}

function copyUvs(accessor: Accessor, out: Float32Array, el: number[]): void {
  for (let v = 0; v < accessor.getCount(); v++) {
    accessor.getElement(v, el);
    out[v * 2] = el[0]!;
    out[v * 2 + 1] = el[1]!;
  }
}

export interface MeshNodeOptions {
  /** Base colour texture (PNG), mapped with the mesh's uvs. */
  texturePng?: Buffer;
  /** r, g, b (0–1) per vertex, written as COLOR_0. */
  colors?: Float32Array;
}

/** Adds `mesh` to `doc` as a node named `name` in the document's scene. */
export function addMeshNode(doc: Document, name: string, mesh: IndexedMesh, opts: MeshNodeOptions = {}): GltfNode {
  const root = doc.getRoot();
  const buffer = root.listBuffers()[0] ?? doc.createBuffer();
  const scene = root.getDefaultScene() ?? doc.createScene('scene');
  root.setDefaultScene(scene);
  const primitive = doc
    .createPrimitive()
    .setAttribute('POSITION', doc.createAccessor().setType('VEC3').setArray(mesh.positions).setBuffer(buffer))
    .setIndices(doc.createAccessor().setType('SCALAR').setArray(mesh.indices).setBuffer(buffer));
  if (mesh.uvs) primitive.setAttribute('TEXCOORD_0', doc.createAccessor().setType('VEC2').setArray(mesh.uvs).setBuffer(buffer));
  if (opts.colors) primitive.setAttribute('COLOR_0', doc.createAccessor().setType('VEC3').setArray(opts.colors).setBuffer(buffer));
  const material = doc.createMaterial(`${name}-material`).setMetallicFactor(0).setRoughnessFactor(0.8);
  if (opts.texturePng && mesh.uvs) material.setBaseColorTexture(doc.createTexture(`${name}-texture`).setMimeType('image/png').setImage(new Uint8Array(opts.texturePng)));
  primitive.setMaterial(material);
  const node = doc.createNode(name).setMesh(doc.createMesh(name).addPrimitive(primitive));
  scene.addChild(node);
  return node;
}

export async function encodeGlb(mesh: IndexedMesh, opts: MeshNodeOptions = {}): Promise<Uint8Array> {
  const doc = new Document();
  doc.createBuffer();
  addMeshNode(doc, 'model', mesh, opts);
  return gltfIo().writeBinary(doc);
}
