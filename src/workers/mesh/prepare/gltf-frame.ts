import fs from 'node:fs/promises';
import sharp from 'sharp';
import type { IndexedMesh } from '../mesh.js';
import { gltfIo } from '../io/glb.js';

/**
 * glTF's frame against the print's: glTF is Y-up in metres, STL and 3MF
 * are Z-up (the build direction) in millimetres. A GLB is turned Z-up on
 * the way in, so the base and the drain hole go under the figure's feet,
 * and back Y-up in metres on the way out.
 */
export async function isGltfFile(file: string): Promise<boolean> {
  const handle = await fs.open(file, 'r');
  try {
    const head = Buffer.alloc(64);
    const { bytesRead } = await handle.read(head, 0, 64, 0);
    const text = head.subarray(0, bytesRead).toString('latin1');
    return text.startsWith('glTF') || text.trimStart().startsWith('{');
  } finally {
    await handle.close();
  }
}

/** (x, y, z) Y-up → (x, −z, y) Z-up: a quarter turn about x, so "up" stays up. */
export function yUpToZUp(mesh: IndexedMesh): IndexedMesh {
  const positions = new Float32Array(mesh.positions.length);
  for (let i = 0; i < positions.length; i += 3) {
    positions[i] = mesh.positions[i]!;
    positions[i + 1] = -mesh.positions[i + 2]!;
    positions[i + 2] = mesh.positions[i + 1]!;
  }
  return { ...mesh, positions };
}

/** The inverse turn, and millimetres to glTF's metres. */
export function zUpMmToGltf(mesh: IndexedMesh): IndexedMesh {
  const positions = new Float32Array(mesh.positions.length);
  for (let i = 0; i < positions.length; i += 3) {
    positions[i] = mesh.positions[i]! / 1000;
    positions[i + 1] = mesh.positions[i + 2]! / 1000;
    positions[i + 2] = -mesh.positions[i + 1]! / 1000;
  }
  return { ...mesh, positions };
}

/**
 * The base colour texture of a glTF model's first textured material, as
 * PNG (a JPEG one is converted), so the prepared GLB carries it on. Null when
 * the model has none.
 */
export async function baseColorTexture(file: string): Promise<Buffer | null> {
  const doc = await gltfIo().read(file);
  for (const material of doc.getRoot().listMaterials()) {
    const texture = material.getBaseColorTexture();
    const image = texture?.getImage();
    if (!texture || !image) continue;
    return texture.getMimeType() === 'image/png' ? Buffer.from(image) : sharp(image).png().toBuffer();
  }
  return null;
}
