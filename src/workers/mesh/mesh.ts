/**
 * The triangle mesh every mesh module works on: welded vertices and
 * counter-clockwise (outward) triangles. Files are read into it (./io/) and
 * written from it; checks, repair and the preview all take it.
 */
export interface IndexedMesh {
  /** x, y, z per vertex. */
  positions: Float32Array;
  /** Three vertex indices per triangle. */
  indices: Uint32Array;
  /** u, v per vertex, kept from a GLB so textures survive repair and export. */
  uvs?: Float32Array;
}

export function triangleCount(mesh: IndexedMesh): number {
  return mesh.indices.length / 3;
}

export function vertexCount(mesh: IndexedMesh): number {
  return mesh.positions.length / 3;
}

/**
 * Merges vertices at exactly the same position (STL stores every triangle's
 * corners apart), so edges can be counted. Keyed on the float bits: a hash of
 * the three 32-bit patterns, checked for equality on collision.
 */
export function weldExact(soup: Float32Array): IndexedMesh {
  const corners = soup.length / 3;
  const bits = new Uint32Array(soup.buffer, soup.byteOffset, soup.length);
  const tableSize = 1 << Math.ceil(Math.log2(Math.max(2, corners * 2)));
  const table = new Int32Array(tableSize).fill(-1);
  const positions = new Float32Array(soup.length);
  const positionBits = new Uint32Array(positions.buffer);
  const indices = new Uint32Array(corners);
  let vertices = 0;
  for (let c = 0; c < corners; c++) {
    const x = bits[c * 3]!, y = bits[c * 3 + 1]!, z = bits[c * 3 + 2]!;
    let slot = (Math.imul(x, 73856093) ^ Math.imul(y, 19349663) ^ Math.imul(z, 83492791)) & (tableSize - 1);
    for (;;) {
      const v = table[slot]!;
      if (v === -1) {
        table[slot] = vertices;
        positionBits[vertices * 3] = x;
        positionBits[vertices * 3 + 1] = y;
        positionBits[vertices * 3 + 2] = z;
        indices[c] = vertices++;
        break;
      }
      if (positionBits[v * 3] === x && positionBits[v * 3 + 1] === y && positionBits[v * 3 + 2] === z) {
        indices[c] = v;
        break;
      }
      slot = (slot + 1) & (tableSize - 1);
    }
  }
  return { positions: positions.slice(0, vertices * 3), indices };
}
