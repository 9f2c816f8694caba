import type { StyleMessages } from './style.en.js';

/** zh-TW: family `style` (issue 16). */
export const styleZhTW: StyleMessages = {
  'style.nav': '風格鎖',
};
