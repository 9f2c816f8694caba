import { MESHPREP_MESSAGES } from '../../../shared/i18n/areas/meshprep.js';
import { MESH_PACK_TEXT } from '../../../shared/mesh/messages/pack-text.js';

/** English texts of family `meshprep` (issue 16: repair, print preparation, production checks and the pack). */
export const meshprepEn = {
  // The production pack's spec sheet and requests for quotation (written by the mesh worker).
  ...MESH_PACK_TEXT.en,
  ...MESHPREP_MESSAGES.en,
} as const;

export type MeshprepMessages = Record<keyof typeof meshprepEn, string>;
