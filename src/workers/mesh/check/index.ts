import type { PrintProcess } from '../../../shared/mesh/processes.js';
import { PROCESS_RULES } from '../../../shared/mesh/process-rules.js';
import type { MeshCheckReport, MeshProblemKind } from '../../../shared/mesh/report.js';
import type { IndexedMesh } from '../mesh.js';
import { bounds, scaleToSize } from '../scale.js';
import { buildBvh, triangleBoxes } from './bvh.js';
import { selfIntersections } from './intersect.js';
import { estimateMaterial, productionChecks, qualityScore, type Measured } from './score.js';
import { measureSurface, shellExtents } from './surface.js';
import { measureThickness } from './thickness.js';
import { countEdges, shells, topologyIndices } from './topology.js';
import type { MeshCheckOutcome } from './types.js';

export { estimateMaterial };
export type { MeshCheckOutcome };

/** Called with the share done (0…1) between stages, for a progress bar. */
export type CheckProgress = (fraction: number) => void;

/**
 * Measures a model at its print size (the largest side scaled to `sizeMm`)
 * for one process: topology, self-intersections, degenerate triangles, wall
 * thickness, overhangs, loose small shells, area and volume — each with the
 * triangles that have the problem, for the preview.
 */
export function checkMesh(input: IndexedMesh, options: { sizeMm: number; process: PrintProcess }, onProgress: CheckProgress = () => undefined): MeshCheckOutcome {
  const rules = PROCESS_RULES[options.process];
  const { mesh, scale } = scaleToSize(input, options.sizeMm);
  const pos = mesh.positions;
  const tri = topologyIndices(mesh);
  const triangles = tri.length / 3;
  const [x0, y0, z0, x1, y1, z1] = bounds(pos);
  const sizeMm: [number, number, number] = [x1 - x0, y1 - y0, z1 - z0];

  const surface = measureSurface(pos, tri, rules.maxOverhangDeg, z0);
  const skip = surface.degenerate;
  const edges = countEdges(tri, skip, pos.length / 3);
  onProgress(0.2);
  const boxes = triangleBoxes(pos, tri);
  const bvh = buildBvh(boxes);
  const intersections = selfIntersections(pos, tri, skip, bvh, boxes);
  onProgress(0.6);
  const closed = edges.boundaryEdges === 0;
  const thickness = closed ? measureThickness(pos, tri, skip, bvh, rules.minWallMm) : null;
  onProgress(0.9);
  const { shellOf, count: shellCount } = shells(tri, pos.length / 3);
  const extents = shellExtents(pos, tri, shellOf, shellCount);
  const smallDetail: number[] = [];
  for (let t = 0; t < triangles; t++) if (extents[shellOf[t]!]! < rules.minDetailMm) smallDetail.push(t);

  const watertight = edges.boundaryEdges === 0 && edges.nonManifoldEdges === 0;
  const measured: Measured = {
    triangles,
    boundaryEdges: edges.boundaryEdges,
    nonManifoldEdges: edges.nonManifoldEdges,
    selfIntersections: intersections.pairs,
    intersectingTriangles: intersections.triangles.length,
    degenerateTriangles: surface.degenerateCount,
    thinnestWallMm: thickness?.thinnestMm ?? null,
    smallestShellMm: shellCount > 0 ? extents.reduce((a, b) => Math.min(a, b), Infinity) : 0,
    overhangRatio: surface.areaMm2 > 0 ? surface.overhangAreaMm2 / surface.areaMm2 : 0,
    sizeMm,
  };
  const problemTriangles: Partial<Record<MeshProblemKind, Uint32Array>> = {};
  const put = (kind: MeshProblemKind, list: Uint32Array): void => {
    if (list.length > 0) problemTriangles[kind] = list;
  };
  put('boundary', edges.boundaryTriangles);
  put('nonManifold', edges.nonManifoldTriangles);
  put('selfIntersection', intersections.triangles);
  put('degenerate', indicesOf(surface.degenerate));
  if (thickness) put('thinWall', thickness.thinTriangles);
  put('overhang', surface.overhangTriangles);
  put('smallDetail', Uint32Array.from(smallDetail));

  const report: MeshCheckReport = {
    triangles,
    vertices: mesh.positions.length / 3,
    sizeMm,
    scale,
    watertight,
    boundaryEdges: edges.boundaryEdges,
    nonManifoldEdges: edges.nonManifoldEdges,
    selfIntersections: intersections.pairs,
    degenerateTriangles: surface.degenerateCount,
    thinnestWallMm: measured.thinnestWallMm,
    overhangRatio: measured.overhangRatio,
    // Outward (counter-clockwise) triangles give a positive volume; an inside-out mesh a negative one, reported as is.
    volumeMm3: watertight ? surface.signedVolumeMm3 : null,
    surfaceAreaMm2: surface.areaMm2,
    process: options.process,
    problems: Object.entries(problemTriangles).map(([kind, list]) => ({ kind: kind as MeshProblemKind, count: list.length })),
    score: qualityScore(measured, options.process),
    checks: productionChecks(measured, options.process),
  };
  onProgress(1);
  return { report, problemTriangles };
}

function indicesOf(flags: Uint8Array): Uint32Array {
  const out: number[] = [];
  for (let i = 0; i < flags.length; i++) if (flags[i]) out.push(i);
  return Uint32Array.from(out);
}
