/** Message keys of the photo studio's motion area (issue 15), each `photo.motion.<name>`; spread into MESSAGES through ./index.ts. */
export const PHOTO_MOTION_MESSAGES = {
  // The photo.motion job (src/workers/photo/motion-job.ts).
  'photo.motion.maskMissing': { params: ['file'], hint: true },
  'photo.motion.maskUnreadable': { params: ['file'], hint: true },
  'photo.motion.maskMismatch': { params: ['mask', 'image', 'maskSize', 'imageSize'], hint: true },
  'photo.motion.noPeople': { params: ['file'], hint: true },
} as const;
