import { KOL_BATCH_MESSAGES } from './batch.js';
import { KOL_CORE_MESSAGES } from './core.js';
import { KOL_LEARN_MESSAGES } from './learn.js';
import { KOL_SCORE_MESSAGES } from './score.js';
import { KOL_TRIG_MESSAGES } from './trig.js';

/** Message keys of the KOL agency workspace (issue 14); one file per area so parallel work does not collide. */
export const KOL_MESSAGES = {
  ...KOL_CORE_MESSAGES,
  ...KOL_SCORE_MESSAGES,
  ...KOL_TRIG_MESSAGES,
  ...KOL_BATCH_MESSAGES,
  ...KOL_LEARN_MESSAGES,
} as const;
