import type { StyleMessages } from './style.en.js';

/** zh-CN: family `style` (issue 16). */
export const styleZhCN: StyleMessages = {
  'style.nav': '风格锁',
};
