import type { PhotoonlineMessages } from './photoonline.en.js';

/** zh-TW: family `photoonline` (issue 15). */
export const photoonlineZhTW: PhotoonlineMessages = {
};
