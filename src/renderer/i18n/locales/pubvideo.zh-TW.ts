import { PUBVIDEO_MESSAGES } from '../../../shared/i18n/areas/pubvideo.js';
import type { PubvideoMessages } from './pubvideo.en.js';

/** zh-TW：family `pubvideo`（issue 13）。 */
export const pubvideoZhTW: PubvideoMessages = {
  ...PUBVIDEO_MESSAGES['zh-TW'],
};
