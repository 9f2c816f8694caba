/** Message keys of the photo studio's online area (issue 15), each `photo.online.<name>`; spread into MESSAGES through ./index.ts. */
export const PHOTO_ONLINE_MESSAGES = {
} as const;
