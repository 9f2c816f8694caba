import type { PubvideoMessages } from './pubvideo.en.js';

/** zh-CN：family `pubvideo`（issue 13）。 */
export const pubvideoZhCN: PubvideoMessages = {
};
