import { PHOTOCHECK_MESSAGES } from '../../../shared/i18n/areas/photocheck.js';
/** English texts of family `photocheck` (issue 15: the local check of people photos): the texts of its server message keys (`msg.photo.check.*`). */
export const photocheckEn = {
  ...PHOTOCHECK_MESSAGES.en,
} as const;

export type PhotocheckMessages = Record<keyof typeof photocheckEn, string>;
