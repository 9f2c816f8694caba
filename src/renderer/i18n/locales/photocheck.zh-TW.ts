import { PHOTOCHECK_MESSAGES } from '../../../shared/i18n/areas/photocheck.js';
import type { PhotocheckMessages } from './photocheck.en.js';

/** zh-TW：family `photocheck`（issue 15：人像照片的本機檢查）。 */
export const photocheckZhTW: PhotocheckMessages = {
  ...PHOTOCHECK_MESSAGES['zh-TW'],
};
