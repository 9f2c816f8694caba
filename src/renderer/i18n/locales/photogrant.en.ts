import { PHOTOGRANT_MESSAGES } from '../../../shared/i18n/areas/photogrant.js';
/** English texts of family `photogrant` (issue 15: the photo studio's free daily photo on KingJam Cloud, paid by the platform). */
export const photograntEn = {
  // The estimate line of a free-tier run on KingJam Cloud (src/shared/photo/estimate.ts PHOTO_LINES.freeDaily).
  'photoonline.line.freeDaily': 'Free today, paid by KingJam (one watermarked photo a day)',

  // The gateway's refusals of the grant (cloud-sync/src/gateway/grants.ts), by cloud code.
  'cloudErr.GEN_GRANT_USED': "Today's free photo was already made. The next one is free from 00:00 Taiwan time (UTC+8).",
  'cloudErr.GEN_GRANT_NOT_ELIGIBLE': 'The free daily photo is one image on Gemini, Seedream or FLUX Kontext; this call is not one.',

  ...PHOTOGRANT_MESSAGES.en,
} as const;

export type PhotograntMessages = Record<keyof typeof photograntEn, string>;
