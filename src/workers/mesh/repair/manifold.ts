import Module, { type Manifold, type ManifoldToplevel } from 'manifold-3d';
import type { IndexedMesh } from '../mesh.js';

/**
 * manifold-3d (WASM), loaded once per worker: the first call pays the
 * instantiation (tens of ms), every later one reuses it. Its objects live in
 * WASM memory and are not garbage-collected, so callers `delete()` what they
 * make (see `using`).
 */
let loading: Promise<ManifoldToplevel> | null = null;

export function loadManifold(): Promise<ManifoldToplevel> {
  loading ??= Module().then((wasm) => {
    wasm.setup();
    return wasm;
  });
  return loading;
}

/**
 * Runs `fn` and frees every Manifold it handed to `keep` afterwards, so a
 * chain of booleans does not leak WASM memory when one of them throws.
 */
export function withManifolds<T>(fn: (keep: <M extends Manifold>(m: M) => M) => T): T {
  const made: Manifold[] = [];
  try {
    return fn((m) => {
      made.push(m);
      return m;
    });
  } finally {
    for (const m of made) m.delete();
  }
}

/**
 * A Manifold's mesh as an IndexedMesh. With UVs (numProp 5) vertices stay
 * split where the UVs differ (a texture seam), as glTF needs; positions are
 * shared by value, so an edge count welds by position first.
 */
export function fromManifold(manifold: Manifold): IndexedMesh {
  const mesh = manifold.getMesh();
  const n = mesh.numProp;
  const count = mesh.vertProperties.length / n;
  const positions = new Float32Array(count * 3);
  const uvs = n >= 5 ? new Float32Array(count * 2) : undefined;
  for (let v = 0; v < count; v++) {
    positions[v * 3] = mesh.vertProperties[v * n]!;
    positions[v * 3 + 1] = mesh.vertProperties[v * n + 1]!;
    positions[v * 3 + 2] = mesh.vertProperties[v * n + 2]!;
    if (uvs) {
      uvs[v * 2] = mesh.vertProperties[v * n + 3]!;
      uvs[v * 2 + 1] = mesh.vertProperties[v * n + 4]!;
    }
  }
  return uvs ? { positions, indices: Uint32Array.from(mesh.triVerts), uvs } : { positions, indices: Uint32Array.from(mesh.triVerts) };
}

/**
 * An IndexedMesh as a Manifold. `merge` lists, for vertices split only for
 * their UVs, the vertex at the same position they stand for (the merge
 * vectors manifold-3d reads), so the solid is closed across texture seams.
 * Throws (manifold-3d's NotManifold) when the surface is not a closed,
 * oriented 2-manifold.
 */
export function toManifold(wasm: ManifoldToplevel, mesh: IndexedMesh, merge?: { from: Uint32Array; to: Uint32Array }): Manifold {
  const count = mesh.positions.length / 3;
  const numProp = mesh.uvs ? 5 : 3;
  const vertProperties = new Float32Array(count * numProp);
  for (let v = 0; v < count; v++) {
    vertProperties[v * numProp] = mesh.positions[v * 3]!;
    vertProperties[v * numProp + 1] = mesh.positions[v * 3 + 1]!;
    vertProperties[v * numProp + 2] = mesh.positions[v * 3 + 2]!;
    if (mesh.uvs) {
      vertProperties[v * numProp + 3] = mesh.uvs[v * 2]!;
      vertProperties[v * numProp + 4] = mesh.uvs[v * 2 + 1]!;
    }
  }
  const options = merge && merge.from.length > 0
    ? { numProp, vertProperties, triVerts: mesh.indices, mergeFromVert: merge.from, mergeToVert: merge.to }
    : { numProp, vertProperties, triVerts: mesh.indices };
  const glMesh = new wasm.Mesh(options);
  // Also joins open edges whose ends lie within manifold-3d's tolerance (gaps our weld grid missed).
  glMesh.merge();
  return new wasm.Manifold(glMesh);
}
