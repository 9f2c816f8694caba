/** Message keys of the photo studio's online area (issue 15), each `photo.online.<name>`; spread into MESSAGES through ./index.ts. */
export const PHOTO_ONLINE_MESSAGES = {
  /** An image model, a face-restoration model or an image-to-video model did not answer within the seed's 30 s, on every try. */
  'photo.online.timeout': { params: ['provider', 'seconds', 'tries'], hint: true },
  /** A restoration or animation was asked for without its photo. */
  'photo.online.noPhoto': { params: ['model'], hint: true },
  /** The user's ComfyUI workflow has fewer LoadImage nodes than this photo needs images. */
  'photo.online.workflowImages': { params: ['needed', 'found'], hint: true },
  /** A costume change needs an image-editing model: not offline, not a local composite. */
  'photo.online.costumeOnlineOnly': { params: ['backend'], hint: true },
  /** The clip the image-to-video model made could not be read as a video. */
  'photo.online.badClip': { params: ['provider'], hint: true },
} as const;
