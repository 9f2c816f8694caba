/** Message keys of the photo studio's check area (issue 15), each `photo.check.<name>`; spread into MESSAGES through ./index.ts. */
export const PHOTO_CHECK_MESSAGES = {
} as const;
