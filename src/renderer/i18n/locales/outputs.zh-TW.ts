import { outputsText } from '../../../shared/outputs/text.js';
import type { OutputsMessages } from './outputs.en.js';

/** zh-TW: family `outputs` (issue 17). */
export const outputsZhTW: OutputsMessages = {
  ...outputsText.texts['zh-TW'],
};
