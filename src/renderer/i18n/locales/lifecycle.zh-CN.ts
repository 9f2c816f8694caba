import { lifecycleText } from '../../../shared/lifecycle/text.js';
import type { LifecycleMessages } from './lifecycle.en.js';

/** zh-CN: family `lifecycle` (issue 17). */
export const lifecycleZhCN: LifecycleMessages = {
  ...lifecycleText.texts['zh-CN'],
};
