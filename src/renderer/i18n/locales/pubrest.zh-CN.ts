import type { PubrestMessages } from './pubrest.en.js';

/** zh-CN：family `pubrest`（issue 13）。 */
export const pubrestZhCN: PubrestMessages = {
};
