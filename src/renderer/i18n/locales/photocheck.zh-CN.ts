import type { PhotocheckMessages } from './photocheck.en.js';

/** zh-CN: family `photocheck` (issue 15). */
export const photocheckZhCN: PhotocheckMessages = {
};
