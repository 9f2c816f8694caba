import type { PhotoMessages } from './photo.en.js';

/** zh-TW: family `photo` (issue 15). */
export const photoZhTW: PhotoMessages = {
};
