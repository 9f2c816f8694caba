/**
 * What the mesh checks measure on one model (issue 16, steps 2 and 4). The
 * worker fills it (src/workers/mesh/check/); the page shows every number and
 * colours the problem triangles on the preview.
 */
import type { PrintProcess } from './processes.js';

export const MESH_PROBLEM_KINDS = ['boundary', 'nonManifold', 'selfIntersection', 'degenerate', 'thinWall', 'overhang', 'smallDetail'] as const;
export type MeshProblemKind = (typeof MESH_PROBLEM_KINDS)[number];

export type Vec3 = [number, number, number];

export interface MeshProblem {
  kind: MeshProblemKind;
  /** How many triangles have it. */
  count: number;
}

export interface MeshCheckReport {
  triangles: number;
  vertices: number;
  /** Size of the bounding box in millimetres, after scaling to the chosen print size. */
  sizeMm: Vec3;
  /** The factor that took the file's units to millimetres at the chosen size. */
  scale: number;
  /** Every edge shared by exactly two triangles, consistently oriented, and no open boundary. */
  watertight: boolean;
  boundaryEdges: number;
  nonManifoldEdges: number;
  selfIntersections: number;
  degenerateTriangles: number;
  /** Thinnest wall found at the chosen size (mm), null when it could not be measured (open mesh). */
  thinnestWallMm: number | null;
  /** Share of the surface area (0–1) that overhangs beyond the process's limit. */
  overhangRatio: number;
  /** Enclosed volume (mm³); null when the mesh is not watertight. */
  volumeMm3: number | null;
  surfaceAreaMm2: number;
  process: PrintProcess;
  problems: MeshProblem[];
  /** 0–100: the quality score the candidates are ranked by (see docs/3d-checks.md for the weights). */
  score: number;
  /** Each production check against the process's rules, passed or not. */
  checks: { name: 'watertight' | 'manifold' | 'selfIntersections' | 'degenerate' | 'wall' | 'detail' | 'overhang' | 'size'; passed: boolean; value: number | null; limit: number | null }[];
}

/** Volume and material for the spec sheet and the quotes. */
export interface MaterialEstimate {
  volumeCm3: number;
  weightG: number;
  /** Bounding box of the part as printed (mm). */
  sizeMm: Vec3;
}

/**
 * The colour (r, g, b, 0–1) of each problem kind in the preview's overlay
 * (src/workers/mesh/preview.ts writes them as vertex colours) and in the
 * page's legend, so the two always match.
 */
export const PROBLEM_COLORS: Record<MeshProblemKind, Vec3> = {
  boundary: [0.95, 0.15, 0.15],
  nonManifold: [0.85, 0.1, 0.75],
  selfIntersection: [1, 0.55, 0],
  degenerate: [0.55, 0.55, 0.55],
  thinWall: [0.1, 0.45, 1],
  overhang: [1, 0.85, 0.1],
  smallDetail: [0.1, 0.8, 0.8],
};
