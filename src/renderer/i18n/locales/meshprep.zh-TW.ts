import { MESH_PACK_TEXT } from '../../../shared/mesh/messages/pack-text.js';
import type { MeshprepMessages } from './meshprep.en.js';

/** zh-TW: family `meshprep` (issue 16). */
export const meshprepZhTW: MeshprepMessages = {
  ...MESH_PACK_TEXT['zh-TW'],
  'msg.mesh.prep.cannotRepair': '這個模型無法修成封閉的實體。',
  'msg.mesh.prep.cannotRepair.hint': '請用網格編輯軟體（Blender 的 3D-Print Toolbox、Meshmixer）移除散落或重疊的部分，或重新產生模型。',
};
