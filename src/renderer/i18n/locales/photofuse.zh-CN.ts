import { PHOTOFUSE_MESSAGES } from '../../../shared/i18n/areas/photofuse.js';
import type { PhotofuseMessages } from './photofuse.en.js';

/** zh-CN: family `photofuse` (issue 15). */
export const photofuseZhCN: PhotofuseMessages = {
  ...PHOTOFUSE_MESSAGES['zh-CN'],
};
