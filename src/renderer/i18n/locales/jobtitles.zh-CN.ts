import { jobTitleText } from '../../../shared/jobs/title-text.js';
import type { JobtitlesMessages } from './jobtitles.en.js';

/** zh-CN: family `jobtitles` (src/shared/jobs/title-text.ts). */
export const jobtitlesZhCN: JobtitlesMessages = {
  ...jobTitleText.texts['zh-CN'],
};
