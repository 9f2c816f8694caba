import { jobTitleText } from '../../../shared/jobs/title-text.js';
import type { JobtitlesMessages } from './jobtitles.en.js';

/** zh-TW: family `jobtitles` (src/shared/jobs/title-text.ts). */
export const jobtitlesZhTW: JobtitlesMessages = {
  ...jobTitleText.texts['zh-TW'],
};
