import { PUBREST_MESSAGES } from '../../../shared/i18n/areas/pubrest.js';
import type { PubrestMessages } from './pubrest.en.js';

/** zh-TW：family `pubrest`（issue 13）。 */
export const pubrestZhTW: PubrestMessages = {
  ...PUBREST_MESSAGES['zh-TW'],
};
