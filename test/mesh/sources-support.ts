import sharp from 'sharp';
import type { IndexedMesh } from '../../src/workers/mesh/mesh.js';

/**
 * Shared by the image → 3D tests: sample characters made here (a figure
 * drawn in colour on white, the same figure as a PNG with alpha), and a
 * topology count done by hand — every edge, every vertex's fan — so the
 * relief's watertightness is measured, not assumed.
 */

/** A gingerbread-like character: head, body, arms and legs in colours, two eyes, a mouth, feet touching the picture's edge nowhere. */
const FIGURE = `
  <circle cx="200" cy="110" r="70" fill="#e0a060"/>
  <circle cx="175" cy="95" r="10" fill="#202020"/>
  <circle cx="225" cy="95" r="10" fill="#202020"/>
  <path d="M170 135 Q200 160 230 135" stroke="#802020" stroke-width="8" fill="none"/>
  <rect x="140" y="170" width="120" height="150" rx="40" fill="#3070c0"/>
  <rect x="70" y="190" width="80" height="32" rx="16" fill="#e0a060" transform="rotate(-25 110 206)"/>
  <rect x="250" y="190" width="80" height="32" rx="16" fill="#e0a060" transform="rotate(25 290 206)"/>
  <rect x="150" y="300" width="40" height="90" rx="18" fill="#404040"/>
  <rect x="210" y="300" width="40" height="90" rx="18" fill="#404040"/>`;

export function figureOnWhite(): Promise<Buffer> {
  return sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="400" height="420"><rect width="400" height="420" fill="#ffffff"/>${FIGURE}</svg>`)).png().toBuffer();
}

export function figureWithAlpha(): Promise<Buffer> {
  return sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="400" height="420">${FIGURE}</svg>`)).png().toBuffer();
}

export interface Topology {
  triangles: number;
  /** Undirected edges used by one triangle only. */
  boundaryEdges: number;
  /** Undirected edges used by more than two triangles. */
  nonManifoldEdges: number;
  /** Edges whose two triangles run them the same way (inconsistent winding). */
  flippedEdges: number;
  /** Vertices whose triangles form more than one fan (surfaces touching at a point). */
  nonManifoldVertices: number;
  /** Signed volume (positive: outward winding). */
  volume: number;
}

export function topology(mesh: IndexedMesh): Topology {
  const idx = mesh.indices;
  const p = mesh.positions;
  const directed = new Map<string, number>();
  for (let t = 0; t < idx.length; t += 3) {
    for (let k = 0; k < 3; k++) {
      const key = `${idx[t + k]},${idx[t + ((k + 1) % 3)]}`;
      directed.set(key, (directed.get(key) ?? 0) + 1);
    }
  }
  let boundaryEdges = 0, nonManifoldEdges = 0, flippedEdges = 0;
  const seen = new Set<string>();
  for (const [key, n] of directed) {
    const [a, b] = key.split(',').map(Number) as [number, number];
    const undirected = a < b ? `${a},${b}` : `${b},${a}`;
    if (seen.has(undirected)) continue;
    seen.add(undirected);
    const back = directed.get(`${b},${a}`) ?? 0;
    const total = n + back;
    if (total === 1) boundaryEdges++;
    else if (total > 2) nonManifoldEdges++;
    else if (n !== 1 || back !== 1) flippedEdges++;
  }
  // A vertex is manifold when the opposite edges of its triangles link into a single chain/cycle.
  const links = new Map<number, [number, number][]>();
  for (let t = 0; t < idx.length; t += 3) {
    for (let k = 0; k < 3; k++) {
      const v = idx[t + k]!;
      const list = links.get(v) ?? [];
      list.push([idx[t + ((k + 1) % 3)]!, idx[t + ((k + 2) % 3)]!]);
      links.set(v, list);
    }
  }
  let nonManifoldVertices = 0;
  for (const list of links.values()) {
    const parent = new Map<number, number>();
    const find = (x: number): number => {
      let r = x;
      while (parent.get(r) !== undefined && parent.get(r) !== r) r = parent.get(r)!;
      parent.set(x, r);
      return r;
    };
    for (const [a, b] of list) {
      if (!parent.has(a)) parent.set(a, a);
      if (!parent.has(b)) parent.set(b, b);
      parent.set(find(a), find(b));
    }
    const roots = new Set([...parent.keys()].map(find));
    if (roots.size > 1) nonManifoldVertices++;
  }
  let volume = 0;
  for (let t = 0; t < idx.length; t += 3) {
    const a = idx[t]! * 3, b = idx[t + 1]! * 3, c = idx[t + 2]! * 3;
    volume += (p[a]! * (p[b + 1]! * p[c + 2]! - p[b + 2]! * p[c + 1]!) - p[a + 1]! * (p[b]! * p[c + 2]! - p[b + 2]! * p[c]!) + p[a + 2]! * (p[b]! * p[c + 1]! - p[b + 1]! * p[c]!)) / 6;
  }
  return { triangles: idx.length / 3, boundaryEdges, nonManifoldEdges, flippedEdges, nonManifoldVertices, volume };
}
