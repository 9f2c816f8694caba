/** Message keys of the photo studio's free daily grant on KingJam Cloud (issue 15), each `photo.grant.<name>`; spread into MESSAGES through ./index.ts. */
export const PHOTO_GRANT_MESSAGES = {
  /** Today's free photo (one a day, paid by KingJam) was already made; it comes back at 00:00 Taiwan time on `date`. */
  'photo.grant.used': { params: ['date'], hint: true },
  /** The free photo was asked for on a call it does not pay for (a fine-tier model, more than one image). */
  'photo.grant.notEligible': { params: ['detail'], hint: true },
} as const;
