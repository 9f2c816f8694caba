import { batchText } from '../../../shared/batch/text.js';
import type { BatchMessages } from './batch.en.js';

/** zh-CN: family `batch` (issue 17). */
export const batchZhCN: BatchMessages = {
  ...batchText.texts['zh-CN'],
};
