/** Message keys of the photo studio's fuse area (issue 15), each `photo.fuse.<name>`; spread into MESSAGES through ./index.ts. */
export const PHOTO_FUSE_MESSAGES = {
} as const;
