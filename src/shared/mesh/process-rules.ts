import type { PrintProcess, ProcessRules } from './processes.js';

/**
 * The numbers the production checks use, per process. They are the common
 * design-guide minimums of print services; each rule's `source` says whose
 * (pages read in December 2026) and which numbers are only typical. A
 * factory's own sheet wins when it differs, so the spec sheet prints them.
 */
export const PROCESS_RULES: Record<PrintProcess, ProcessRules> = {
  fdm: {
    minWallMm: 0.8,
    minDetailMm: 0.6,
    maxOverhangDeg: 45,
    densityGPerCm3: 1.24,
    maxSizeMm: [250, 210, 210],
    source: 'FDM (0.4 mm nozzle): walls ≥ 0.8 mm (two perimeters) and embossed/engraved strokes ≥ 0.6 mm wide for PLA (Rigid Prints design guide, rigidprints.co.uk); overhangs ≤ 45° from vertical without support and build volume 250 × 210 × 210 mm (3D Vikings design guidelines); PLA density 1.24 g/cm³ (typical datasheet value)',
  },
  sla: {
    minWallMm: 0.6,
    minDetailMm: 0.4,
    maxOverhangDeg: 30,
    densityGPerCm3: 1.18,
    maxSizeMm: [145, 145, 185],
    source: 'Resin SLA: unsupported walls ≥ 0.6 mm (supported ≥ 0.4 mm), engraved details ≥ 0.4 mm wide, only short overhangs (< 1 mm, ≥ 19° above horizontal) print without supports (Addema SLA recommendations; Layer X SLA/DLP rules); the 30° overhang flag is our conservative choice, as resin parts are printed on supports; Formlabs Form 3 build volume and standard resin ≈ 1.18 g/cm³ are typical values',
  },
  sandstone: {
    minWallMm: 2,
    minDetailMm: 0.5,
    maxOverhangDeg: null,
    densityGPerCm3: 1.3,
    maxSizeMm: [380, 250, 200],
    source: 'Full-colour sandstone (powder bed, no supports): Shapeways’ full-colour rules for the ZCorp 650 asked walls ≥ 3 mm (archived copy at 3d-print.cn); current service sheets quote 2 mm supported / 3 mm unsupported walls and 0.5 mm details — those and the build volume (ProJet 660-class, 380 × 250 × 200 mm) are typical values, not verified here; escape holes for hollow parts per the service’s guide',
  },
  pvc: {
    minWallMm: 1.5,
    minDetailMm: 0.5,
    maxOverhangDeg: null,
    densityGPerCm3: 1.35,
    maxSizeMm: [300, 300, 400],
    source: 'Rotocast PVC vinyl (hollow by process, no supports): no published design sheet found; walls 1.5–2.5 mm, details ≥ 0.5 mm and PVC 1.3–1.45 g/cm³ are typical values quoted by toy factories — confirm with the factory',
  },
};
