import type { InkMessages } from './ink.en.js';

/** zh-TW: family `ink` (issue 16). */
export const inkZhTW: InkMessages = {
  'ink.nav': '2D 工作室',
};
