import { PHOTO_SERVICE_TEXT } from '../../../shared/photo/service-text.js';
import type { PhotoMessages } from './photo.en.js';

/** zh-CN: family `photo` (issue 15). */
export const photoZhCN: PhotoMessages = {
  // The service's messages (`msg.photo.service.*`) and the CLI's lines (`photo.cli.*`), shared with `kingjam photo`.
  ...PHOTO_SERVICE_TEXT['zh-CN'],
};
