import type { PubvideoMessages } from './pubvideo.en.js';

/** zh-TW：family `pubvideo`（issue 13）。 */
export const pubvideoZhTW: PubvideoMessages = {
};
