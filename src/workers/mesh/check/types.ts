import type { MeshCheckReport, MeshProblemKind } from '../../../shared/mesh/report.js';

/** What checkMesh (./index.ts) returns: the report, and which triangles have each problem (for the preview's colours). */
export interface MeshCheckOutcome {
  report: MeshCheckReport;
  problemTriangles: Partial<Record<MeshProblemKind, Uint32Array>>;
}
