/**
 * The print processes the production checks know (issue 16, step 4). The
 * numbers, and where they come from, live in ./process-rules.ts.
 */
export const PRINT_PROCESSES = ['fdm', 'sla', 'sandstone', 'pvc'] as const;
export type PrintProcess = (typeof PRINT_PROCESSES)[number];

export interface ProcessRules {
  /** Thinnest wall the process makes reliably (mm). */
  minWallMm: number;
  /** Smallest embossed/engraved detail that still shows (mm). */
  minDetailMm: number;
  /** Faces steeper than this from vertical need support (degrees from the build direction); null when the process needs none (powder bed, rotocast). */
  maxOverhangDeg: number | null;
  /** Material density (g/cm³) for the weight estimate. */
  densityGPerCm3: number;
  /** Largest part the usual machine makes in one piece (mm, x·y·z). */
  maxSizeMm: [number, number, number];
  /** Where the numbers come from (shown in the spec sheet and the docs). */
  source: string;
}
