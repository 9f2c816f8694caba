import type { InkMessages } from './ink.en.js';

/** zh-CN: family `ink` (issue 16). */
export const inkZhCN: InkMessages = {
  'ink.nav': '2D 工作室',
};
