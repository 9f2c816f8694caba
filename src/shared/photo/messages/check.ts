/** Message keys of the photo studio's check area (issue 15), each `photo.check.<name>`; spread into MESSAGES through ./index.ts. */
export const PHOTO_CHECK_MESSAGES = {
  'photo.check.unreadable': { params: ['file'], hint: true },
  'photo.check.heic-unsupported': { params: ['file'], hint: true },
  'photo.check.file-too-large': { params: ['file', 'size', 'limit'], hint: true },
  'photo.check.image-too-small': { params: ['width', 'height', 'min'], hint: true },
  'photo.check.no-face': { params: [], hint: true },
  'photo.check.several-faces': { params: ['count'], hint: true },
  'photo.check.face-too-small': { params: ['size', 'min'], hint: true },
  'photo.check.face-unclear': { params: ['confidence', 'min'], hint: true },
  'photo.check.blurred': { params: ['sharpness', 'min'], hint: true },
} as const;
