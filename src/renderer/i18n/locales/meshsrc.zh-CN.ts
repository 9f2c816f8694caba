import { MESHSRC_MESSAGES } from '../../../shared/i18n/areas/meshsrc.js';
import type { MeshsrcMessages } from './meshsrc.en.js';

/** zh-CN: family `meshsrc` (issue 16). */
export const meshsrcZhCN: MeshsrcMessages = {
  ...MESHSRC_MESSAGES['zh-CN'],
  'meshsrc.line.offline': '离线浮雕（草稿）',
  'meshsrc.line.trellis': 'TRELLIS 3D 模型',
  'meshsrc.line.hunyuan3d': 'Hunyuan3D-2 3D 模型',
  'meshsrc.line.meshy': 'Meshy 3D 模型',
  'meshsrc.line.comfyui': 'ComfyUI 3D 工作流',
  'meshsrc.cost.credits': '{credits} 点（KingJam Cloud）',
  'meshsrc.cost.replicate': '由 Replicate 向您自己的密钥计费',
  'meshsrc.cost.meshy': '由 Meshy 向您自己的密钥计费',
  'meshsrc.cost.free': '免费：在这台电脑或您的 ComfyUI 上运行',
  'meshsrc.draft': '草稿：在这台电脑上由轮廓做成的圆润浮雕',
};
