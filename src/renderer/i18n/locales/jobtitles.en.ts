import { jobTitleText } from '../../../shared/jobs/title-text.js';

/** English: family `jobtitles` — job titles of the kinds whose English title main sends, and the words they carry (src/shared/jobs/title-text.ts: `kingjam jobs` says them too). */
export const jobtitlesEn = {
  ...jobTitleText.texts.en,
} as const;

export type JobtitlesMessages = Record<keyof typeof jobtitlesEn, string>;
