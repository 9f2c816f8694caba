import { MESHCHECK_MESSAGES } from '../../../shared/i18n/areas/meshcheck.js';
/** English texts of family `meshcheck` (issue 16: the mesh checks, score and preview geometry). */
export const meshcheckEn = {
  ...MESHCHECK_MESSAGES.en,
} as const;

export type MeshcheckMessages = Record<keyof typeof meshcheckEn, string>;
