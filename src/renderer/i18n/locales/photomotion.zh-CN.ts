import type { PhotomotionMessages } from './photomotion.en.js';

/** zh-CN: family `photomotion` (issue 15). */
export const photomotionZhCN: PhotomotionMessages = {
};
