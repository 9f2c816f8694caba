import { MESHCHECK_MESSAGES } from '../../../shared/i18n/areas/meshcheck.js';
import type { MeshcheckMessages } from './meshcheck.en.js';

/** zh-CN：family `meshcheck`（issue 16：网格检查、分数与预览几何）。 */
export const meshcheckZhCN: MeshcheckMessages = {
  ...MESHCHECK_MESSAGES['zh-CN'],
};
