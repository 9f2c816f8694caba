import { outputsText } from '../../../shared/outputs/text.js';
import type { OutputsMessages } from './outputs.en.js';

/** zh-CN: family `outputs` (issue 17). */
export const outputsZhCN: OutputsMessages = {
  ...outputsText.texts['zh-CN'],
};
