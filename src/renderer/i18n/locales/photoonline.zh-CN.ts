import type { PhotoonlineMessages } from './photoonline.en.js';

/** zh-CN: family `photoonline` (issue 15). */
export const photoonlineZhCN: PhotoonlineMessages = {
};
