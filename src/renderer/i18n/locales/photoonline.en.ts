import { PHOTOONLINE_MESSAGES } from '../../../shared/i18n/areas/photoonline.js';
/** English texts of family `photoonline` (issue 15: the photo studio): its UI strings and the texts of its server message keys (`msg.photo.*`). */
export const photoonlineEn = {
  // Estimate lines of a photo (src/shared/photo/estimate.ts PHOTO_LINES), by label.
  'photoonline.line.variants': 'Family photo variants',
  'photoonline.line.replacement': 'A replacement for a variant whose faces do not match (charged only if it is made)',
  'photoonline.line.localPack': 'Photo pack on this computer (from the offline allowance)',
  'photoonline.line.motion': 'Motion clip',
  'photoonline.line.repair': 'Old-photo repair',

  ...PHOTOONLINE_MESSAGES.en,
} as const;

export type PhotoonlineMessages = Record<keyof typeof photoonlineEn, string>;
