import { PHOTO_CHECK_MESSAGES } from './check.js';
import { PHOTO_FUSE_MESSAGES } from './fuse.js';
import { PHOTO_GRANT_MESSAGES } from './grant.js';
import { PHOTO_MOTION_MESSAGES } from './motion.js';
import { PHOTO_ONLINE_MESSAGES } from './online.js';
import { PHOTO_SERVICE_MESSAGES } from './service.js';

/** Message keys of the photo studio (issue 15); one file per area so parallel work does not collide. */
export const PHOTO_MESSAGES = {
  ...PHOTO_CHECK_MESSAGES,
  ...PHOTO_FUSE_MESSAGES,
  ...PHOTO_ONLINE_MESSAGES,
  ...PHOTO_MOTION_MESSAGES,
  ...PHOTO_SERVICE_MESSAGES,
  ...PHOTO_GRANT_MESSAGES,
} as const;
