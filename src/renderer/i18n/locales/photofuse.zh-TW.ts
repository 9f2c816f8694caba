import { PHOTOFUSE_MESSAGES } from '../../../shared/i18n/areas/photofuse.js';
import type { PhotofuseMessages } from './photofuse.en.js';

/** zh-TW: family `photofuse` (issue 15). */
export const photofuseZhTW: PhotofuseMessages = {
  ...PHOTOFUSE_MESSAGES['zh-TW'],
};
