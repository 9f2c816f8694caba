import { MESH_PACK_TEXT } from '../../../shared/mesh/messages/pack-text.js';
import type { MeshprepMessages } from './meshprep.en.js';

/** zh-CN: family `meshprep` (issue 16). */
export const meshprepZhCN: MeshprepMessages = {
  ...MESH_PACK_TEXT['zh-CN'],
  'msg.mesh.prep.cannotRepair': '这个模型无法修成封闭的实体。',
  'msg.mesh.prep.cannotRepair.hint': '请用网格编辑软件（Blender 的 3D-Print Toolbox、Meshmixer）移除散落或重叠的部分，或重新生成模型。',
};
