/** English texts of family `photogrant` (issue 15: the photo studio's free daily photo on KingJam Cloud, paid by the platform). */
export const photograntEn = {
  // The estimate line of a free-tier run on KingJam Cloud (src/shared/photo/estimate.ts PHOTO_LINES.freeDaily).
  'photoonline.line.freeDaily': 'Free today, paid by KingJam (one watermarked photo a day)',

  // The gateway's refusals of the grant (cloud-sync/src/gateway/grants.ts), by cloud code.
  'cloudErr.GEN_GRANT_USED': "Today's free photo was already made. The next one is free from 00:00 Taiwan time (UTC+8).",
  'cloudErr.GEN_GRANT_NOT_ELIGIBLE': 'The free daily photo is one image on Gemini, Seedream or FLUX Kontext; this call is not one.',

  'msg.photo.grant.used': "Today's free photo was already made. The next free one is available from 00:00 on {date}, Taiwan time (UTC+8).",
  'msg.photo.grant.used.hint': 'Come back after midnight Taiwan time, or make a paid run (4 variants, no watermark) now.',
  'msg.photo.grant.notEligible': 'KingJam Cloud does not pay for this call as the free daily photo: {detail}',
  'msg.photo.grant.notEligible.hint': 'The free photo is one watermarked variant on Gemini, Seedream or FLUX Kontext. Choose one of them, or make a paid run.',
} as const;

export type PhotograntMessages = Record<keyof typeof photograntEn, string>;
