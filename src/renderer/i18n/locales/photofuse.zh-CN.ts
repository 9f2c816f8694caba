import type { PhotofuseMessages } from './photofuse.en.js';

/** zh-CN: family `photofuse` (issue 15). */
export const photofuseZhCN: PhotofuseMessages = {
};
