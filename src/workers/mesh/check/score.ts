import type { PrintProcess } from '../../../shared/mesh/processes.js';
import { PROCESS_RULES } from '../../../shared/mesh/process-rules.js';
import type { MaterialEstimate, MeshCheckReport, Vec3 } from '../../../shared/mesh/report.js';

/**
 * The production checks against a process's rules, and the 0–100 score the
 * candidates are ranked by. Weights (docs/3d-checks.md): watertight 25,
 * manifold 10, self-intersections 15, degenerate triangles 5, wall 20,
 * detail 5, overhang 10, fits the machine 10.
 */
export const SCORE_WEIGHTS = { watertight: 25, manifold: 10, selfIntersections: 15, degenerate: 5, wall: 20, detail: 5, overhang: 10, size: 10 } as const;

type Check = MeshCheckReport['checks'][number];

export interface Measured {
  triangles: number;
  boundaryEdges: number;
  nonManifoldEdges: number;
  selfIntersections: number;
  intersectingTriangles: number;
  degenerateTriangles: number;
  thinnestWallMm: number | null;
  /** Largest side of the smallest shell (mm). */
  smallestShellMm: number;
  overhangRatio: number;
  sizeMm: Vec3;
}

/** Whether a part of this size fits the process's machine in some axis-aligned orientation (sides compared largest to largest). */
export function fitsMachine(sizeMm: Vec3, process: PrintProcess): boolean {
  const part = [...sizeMm].sort((a, b) => b - a);
  const machine = [...PROCESS_RULES[process].maxSizeMm].sort((a, b) => b - a);
  return part.every((side, i) => side <= machine[i]!);
}

export function productionChecks(m: Measured, process: PrintProcess): Check[] {
  const rules = PROCESS_RULES[process];
  const watertight = m.boundaryEdges === 0 && m.nonManifoldEdges === 0;
  return [
    { name: 'watertight', passed: watertight, value: m.boundaryEdges, limit: 0 },
    { name: 'manifold', passed: m.nonManifoldEdges === 0, value: m.nonManifoldEdges, limit: 0 },
    { name: 'selfIntersections', passed: m.selfIntersections === 0, value: m.selfIntersections, limit: 0 },
    { name: 'degenerate', passed: m.degenerateTriangles === 0, value: m.degenerateTriangles, limit: 0 },
    { name: 'wall', passed: m.thinnestWallMm !== null && m.thinnestWallMm >= rules.minWallMm, value: m.thinnestWallMm, limit: rules.minWallMm },
    { name: 'detail', passed: m.smallestShellMm >= rules.minDetailMm, value: m.smallestShellMm, limit: rules.minDetailMm },
    // The value is the share of the surface beyond the limit; the limit is the process's angle (degrees), null when it needs no support.
    { name: 'overhang', passed: m.overhangRatio === 0, value: m.overhangRatio, limit: rules.maxOverhangDeg },
    { name: 'size', passed: fitsMachine(m.sizeMm, process), value: Math.max(...m.sizeMm), limit: Math.max(...rules.maxSizeMm) },
  ];
}

/** Full weight when clean, falling linearly to zero as the affected share of triangles reaches `zeroAt`. */
function graded(weight: number, affected: number, total: number, zeroAt: number): number {
  if (affected === 0) return weight;
  return weight * Math.max(0, 1 - affected / Math.max(1, total) / zeroAt);
}

export function qualityScore(m: Measured, process: PrintProcess): number {
  const rules = PROCESS_RULES[process];
  const w = SCORE_WEIGHTS;
  let score = 0;
  score += m.boundaryEdges === 0 && m.nonManifoldEdges === 0 ? w.watertight : 0;
  score += m.nonManifoldEdges === 0 ? w.manifold : 0;
  // 1 % of triangles intersecting, or 1 % degenerate, takes the whole weight.
  score += graded(w.selfIntersections, m.intersectingTriangles, m.triangles, 0.01);
  score += graded(w.degenerate, m.degenerateTriangles, m.triangles, 0.01);
  score += m.thinnestWallMm === null ? 0 : w.wall * Math.min(1, m.thinnestWallMm / rules.minWallMm);
  score += m.smallestShellMm >= rules.minDetailMm ? w.detail : 0;
  // Half the surface overhanging takes the whole weight.
  score += w.overhang * Math.max(0, 1 - m.overhangRatio * 2);
  score += fitsMachine(m.sizeMm, process) ? w.size : 0;
  return Math.round(score * 10) / 10;
}

/** Volume and weight of the solid part; null when the mesh is not closed (no volume to fill). */
export function estimateMaterial(report: MeshCheckReport, process: PrintProcess): MaterialEstimate | null {
  if (report.volumeMm3 === null) return null;
  const volumeCm3 = report.volumeMm3 / 1000;
  return { volumeCm3, weightG: volumeCm3 * PROCESS_RULES[process].densityGPerCm3, sizeMm: report.sizeMm };
}
