import { farmText } from '../../../shared/farm/text.js';
import type { FarmMessages } from './farm.en.js';

/** zh-CN: family `farm` (issue 17). */
export const farmZhCN: FarmMessages = {
  ...farmText.texts['zh-CN'],
};
