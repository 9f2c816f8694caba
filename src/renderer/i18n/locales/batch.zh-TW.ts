import { batchText } from '../../../shared/batch/text.js';
import type { BatchMessages } from './batch.en.js';

/** zh-TW: family `batch` (issue 17). */
export const batchZhTW: BatchMessages = {
  ...batchText.texts['zh-TW'],
};
