import type { PhotoMessages } from './photo.en.js';

/** zh-CN: family `photo` (issue 15). */
export const photoZhCN: PhotoMessages = {
};
