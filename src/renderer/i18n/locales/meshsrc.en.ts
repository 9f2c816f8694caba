import { MESHSRC_MESSAGES } from '../../../shared/i18n/areas/meshsrc.js';
/** English texts of family `meshsrc` (issue 16: image → 3D backends). */
export const meshsrcEn = {
  ...MESHSRC_MESSAGES.en,
  'meshsrc.line.offline': 'Offline relief (draft)',
  'meshsrc.line.trellis': 'TRELLIS 3D model',
  'meshsrc.line.hunyuan3d': 'Hunyuan3D-2 3D model',
  'meshsrc.line.meshy': 'Meshy 3D model',
  'meshsrc.line.comfyui': 'ComfyUI 3D workflow',
  'meshsrc.cost.credits': '{credits} credits (KingJam Cloud)',
  'meshsrc.cost.replicate': 'Billed by Replicate to your own key',
  'meshsrc.cost.meshy': 'Billed by Meshy to your own key',
  'meshsrc.cost.free': 'Free: runs on this computer or your ComfyUI',
  'meshsrc.draft': 'Draft: a rounded relief of the silhouette, made on this computer',
} as const;

export type MeshsrcMessages = Record<keyof typeof meshsrcEn, string>;
