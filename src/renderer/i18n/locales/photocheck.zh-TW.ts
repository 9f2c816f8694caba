import type { PhotocheckMessages } from './photocheck.en.js';

/** zh-TW: family `photocheck` (issue 15). */
export const photocheckZhTW: PhotocheckMessages = {
};
