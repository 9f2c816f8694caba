import { outputsText } from '../../../shared/outputs/text.js';

/** English texts of family `outputs` (issue 17: every output a library item). */
export const outputsEn = {
  ...outputsText.texts.en,
} as const;

export type OutputsMessages = Record<keyof typeof outputsEn, string>;
