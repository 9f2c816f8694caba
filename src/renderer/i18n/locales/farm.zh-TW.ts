import { farmText } from '../../../shared/farm/text.js';
import type { FarmMessages } from './farm.en.js';

/** zh-TW: family `farm` (issue 17). */
export const farmZhTW: FarmMessages = {
  ...farmText.texts['zh-TW'],
};
