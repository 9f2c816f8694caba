import { MESH_PACK_TEXT } from '../../../shared/mesh/messages/pack-text.js';

/** English texts of family `meshprep` (issue 16: repair, print preparation, production checks and the pack). */
export const meshprepEn = {
  // The production pack's spec sheet and requests for quotation (written by the mesh worker).
  ...MESH_PACK_TEXT.en,
  'msg.mesh.prep.cannotRepair': 'This model could not be made into a closed solid.',
  'msg.mesh.prep.cannotRepair.hint': 'Open it in a mesh editor (Blender’s 3D-Print Toolbox, Meshmixer) to remove loose or overlapping parts, or make the model again.',
} as const;

export type MeshprepMessages = Record<keyof typeof meshprepEn, string>;
