import { lifecycleText } from '../../../shared/lifecycle/text.js';
import type { LifecycleMessages } from './lifecycle.en.js';

/** zh-TW: family `lifecycle` (issue 17). */
export const lifecycleZhTW: LifecycleMessages = {
  ...lifecycleText.texts['zh-TW'],
};
