import { PHOTOCHECK_MESSAGES } from '../../../shared/i18n/areas/photocheck.js';
import type { PhotocheckMessages } from './photocheck.en.js';

/** zh-CN：family `photocheck`（issue 15：人像照片的本机检查）。 */
export const photocheckZhCN: PhotocheckMessages = {
  ...PHOTOCHECK_MESSAGES['zh-CN'],
};
