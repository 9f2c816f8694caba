import { PUBREST_MESSAGES } from '../../../shared/i18n/areas/pubrest.js';
import type { PubrestMessages } from './pubrest.en.js';

/** zh-CN：family `pubrest`（issue 13）。 */
export const pubrestZhCN: PubrestMessages = {
  ...PUBREST_MESSAGES['zh-CN'],
};
