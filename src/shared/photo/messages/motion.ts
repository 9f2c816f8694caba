/** Message keys of the photo studio's motion area (issue 15), each `photo.motion.<name>`; spread into MESSAGES through ./index.ts. */
export const PHOTO_MOTION_MESSAGES = {
} as const;
