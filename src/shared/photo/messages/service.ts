/** Message keys of the photo studio's service area (issue 15), each `photo.service.<name>`; spread into MESSAGES through ./index.ts. */
export const PHOTO_SERVICE_MESSAGES = {
} as const;
