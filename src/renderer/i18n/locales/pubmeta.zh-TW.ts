import { PUBMETA_MESSAGES } from '../../../shared/i18n/areas/pubmeta.js';
import type { PubmetaMessages } from './pubmeta.en.js';

/** zh-TW：family `pubmeta`（issue 13）。 */
export const pubmetaZhTW: PubmetaMessages = {
  ...PUBMETA_MESSAGES['zh-TW'],
};
