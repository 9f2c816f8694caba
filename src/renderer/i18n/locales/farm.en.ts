import { farmText } from '../../../shared/farm/text.js';

/** English texts of family `farm` (issue 17: the render farm (BullMQ + Redis workers, shared file store)). */
export const farmEn = {
  ...farmText.texts.en,
} as const;

export type FarmMessages = Record<keyof typeof farmEn, string>;
