import type { PrintProcess, ProcessRules } from './processes.js';

/**
 * The numbers the production checks use, per process. They are the common
 * design-guide minimums of print services (each rule's `source` says whose);
 * a factory's own sheet wins when it differs, so the spec sheet prints them.
 */
export const PROCESS_RULES: Record<PrintProcess, ProcessRules> = {
  fdm: {
    minWallMm: 0.8,
    minDetailMm: 0.6,
    maxOverhangDeg: 45,
    densityGPerCm3: 1.24,
    maxSizeMm: [250, 210, 220],
    source: 'Protolabs Network (Hubs) FDM design guide: walls ≥ 0.8 mm, embossed detail ≥ 0.6 mm, overhangs ≤ 45° without support; PLA 1.24 g/cm³; Prusa MK4 build volume',
  },
  sla: {
    minWallMm: 0.5,
    minDetailMm: 0.4,
    maxOverhangDeg: 30,
    densityGPerCm3: 1.18,
    maxSizeMm: [145, 145, 185],
    source: 'Protolabs Network (Hubs) SLA design guide: supported walls ≥ 0.5 mm, embossed detail ≥ 0.4 mm; Formlabs Form 3 build volume; standard resin ≈ 1.18 g/cm³',
  },
  sandstone: {
    minWallMm: 2,
    minDetailMm: 0.9,
    maxOverhangDeg: null,
    densityGPerCm3: 1.3,
    maxSizeMm: [380, 250, 200],
    source: 'Shapeways full-colour sandstone guidelines: walls ≥ 2 mm, details ≥ 0.9 mm; powder bed, no supports',
  },
  pvc: {
    minWallMm: 1.5,
    minDetailMm: 0.5,
    maxOverhangDeg: null,
    densityGPerCm3: 1.35,
    maxSizeMm: [300, 300, 400],
    source: 'Rotocast PVC vinyl toy factories (typical): walls 1.5–2.5 mm, details ≥ 0.5 mm; PVC 1.3–1.45 g/cm³',
  },
};
