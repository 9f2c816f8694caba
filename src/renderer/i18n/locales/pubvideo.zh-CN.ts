import { PUBVIDEO_MESSAGES } from '../../../shared/i18n/areas/pubvideo.js';
import type { PubvideoMessages } from './pubvideo.en.js';

/** zh-CN：family `pubvideo`（issue 13）。 */
export const pubvideoZhCN: PubvideoMessages = {
  ...PUBVIDEO_MESSAGES['zh-CN'],
};
