import { PHOTO_SERVICE_TEXT } from '../../../shared/photo/service-text.js';

/** English texts of family `photo` (issue 15: the photo studio): its UI strings and the texts of its server message keys (`msg.photo.*`). */
export const photoEn = {
  // The service's messages (`msg.photo.service.*`) and the CLI's lines (`photo.cli.*`), shared with `kingjam photo`.
  ...PHOTO_SERVICE_TEXT.en,
} as const;

export type PhotoMessages = Record<keyof typeof photoEn, string>;
