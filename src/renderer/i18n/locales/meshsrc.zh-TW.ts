import { MESHSRC_MESSAGES } from '../../../shared/i18n/areas/meshsrc.js';
import type { MeshsrcMessages } from './meshsrc.en.js';

/** zh-TW: family `meshsrc` (issue 16). */
export const meshsrcZhTW: MeshsrcMessages = {
  ...MESHSRC_MESSAGES['zh-TW'],
  'meshsrc.line.offline': '離線浮雕（草稿）',
  'meshsrc.line.trellis': 'TRELLIS 3D 模型',
  'meshsrc.line.hunyuan3d': 'Hunyuan3D-2 3D 模型',
  'meshsrc.line.meshy': 'Meshy 3D 模型',
  'meshsrc.line.comfyui': 'ComfyUI 3D 工作流程',
  'meshsrc.cost.credits': '{credits} 點（KingJam Cloud）',
  'meshsrc.cost.replicate': '由 Replicate 向您自己的金鑰計費',
  'meshsrc.cost.meshy': '由 Meshy 向您自己的金鑰計費',
  'meshsrc.cost.free': '免費：在這台電腦或您的 ComfyUI 上執行',
  'meshsrc.draft': '草稿：在這台電腦上由輪廓做成的圓潤浮雕',
};
