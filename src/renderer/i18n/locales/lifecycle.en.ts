import { lifecycleText } from '../../../shared/lifecycle/text.js';

/** English texts of family `lifecycle` (issue 17: data lifecycle: retention and temp cleanup, stars, disk usage, /metrics). */
export const lifecycleEn = {
  ...lifecycleText.texts.en,
} as const;

export type LifecycleMessages = Record<keyof typeof lifecycleEn, string>;
