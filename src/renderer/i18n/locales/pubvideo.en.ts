import { PUBVIDEO_MESSAGES } from '../../../shared/i18n/areas/pubvideo.js';
/** English texts of family `pubvideo` (issue 13: publishing): its UI strings (`pubvideo.*`) and the texts of its server message keys (`msg.publish.*`). */
export const pubvideoEn = {
  ...PUBVIDEO_MESSAGES.en,
} satisfies Record<`pubvideo.${string}` | `msg.publish.${string}`, string>;

export type PubvideoMessages = Record<keyof typeof pubvideoEn, string>;
