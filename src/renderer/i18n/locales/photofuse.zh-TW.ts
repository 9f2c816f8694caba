import type { PhotofuseMessages } from './photofuse.en.js';

/** zh-TW: family `photofuse` (issue 15). */
export const photofuseZhTW: PhotofuseMessages = {
};
