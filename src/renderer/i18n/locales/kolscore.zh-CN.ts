import type { KolscoreMessages } from './kolscore.en.js';

/** zh-CN：family `kolscore`（issue 14）。 */
export const kolscoreZhCN: KolscoreMessages = {
};
