import type { PhotomotionMessages } from './photomotion.en.js';

/** zh-TW: family `photomotion` (issue 15). */
export const photomotionZhTW: PhotomotionMessages = {
};
