import { PHOTOFUSE_MESSAGES } from '../../../shared/i18n/areas/photofuse.js';
/** English texts of family `photofuse` (issue 15: the photo studio): its UI strings and the texts of its server message keys (`msg.photo.*`). */
export const photofuseEn = {
  ...PHOTOFUSE_MESSAGES.en,
} as const;

export type PhotofuseMessages = Record<keyof typeof photofuseEn, string>;
