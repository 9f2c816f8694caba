import { batchText } from '../../../shared/batch/text.js';

/** English texts of family `batch` (issue 17: headless batch runs (`kingjam batch run`)). */
export const batchEn = {
  ...batchText.texts.en,
} as const;

export type BatchMessages = Record<keyof typeof batchEn, string>;
