import { MESHPREP_MESSAGES } from '../../../shared/i18n/areas/meshprep.js';
import { MESH_PACK_TEXT } from '../../../shared/mesh/messages/pack-text.js';
import type { MeshprepMessages } from './meshprep.en.js';

/** zh-CN: family `meshprep` (issue 16). */
export const meshprepZhCN: MeshprepMessages = {
  ...MESH_PACK_TEXT['zh-CN'],
  ...MESHPREP_MESSAGES['zh-CN'],
};
