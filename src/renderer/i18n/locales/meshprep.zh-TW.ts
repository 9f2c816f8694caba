import { MESHPREP_MESSAGES } from '../../../shared/i18n/areas/meshprep.js';
import { MESH_PACK_TEXT } from '../../../shared/mesh/messages/pack-text.js';
import type { MeshprepMessages } from './meshprep.en.js';

/** zh-TW: family `meshprep` (issue 16). */
export const meshprepZhTW: MeshprepMessages = {
  ...MESH_PACK_TEXT['zh-TW'],
  ...MESHPREP_MESSAGES['zh-TW'],
};
