import { PHOTOMOTION_MESSAGES } from '../../../shared/i18n/areas/photomotion.js';
/** English texts of family `photomotion` (issue 15: the photo studio): its UI strings and the texts of its server message keys (`msg.photo.*`). */
export const photomotionEn = {
  ...PHOTOMOTION_MESSAGES.en,
  'photo.backend.local': 'Local motion (background only, on this computer)',
  'photo.backend.kling': 'Kling v2.1 video model (Replicate)',
  'photo.backend.veo': 'Veo video model (Google)',
  'photo.backend.seedance': 'Seedance video model (ByteDance, Replicate)',
  'photo.motion.localNote': 'Only the background moves: the people mask keeps everyone exactly as in the photo.',
  'photo.motion.onlineNote': 'The video model is asked for minimal motion; the faces of its clip are then checked against the photo.',
  'photo.motion.faces.ok': 'Face check passed: the photo’s {expected} face(s) are in every checked frame of the clip.',
  'photo.motion.faces.failed': 'Face check failed: the photo has {expected} face(s), the checked frames of the clip show {found}. The model changed the people.',
  'photo.motion.faces.useLocal': 'Make the local motion instead (the people stay as in the photo)',
} as const;

export type PhotomotionMessages = Record<keyof typeof photomotionEn, string>;
