import { MESHCHECK_MESSAGES } from '../../../shared/i18n/areas/meshcheck.js';
import type { MeshcheckMessages } from './meshcheck.en.js';

/** zh-TW：family `meshcheck`（issue 16：網格檢查、分數與預覽幾何）。 */
export const meshcheckZhTW: MeshcheckMessages = {
  ...MESHCHECK_MESSAGES['zh-TW'],
};
