import { PUBMETA_MESSAGES } from '../../../shared/i18n/areas/pubmeta.js';
import type { PubmetaMessages } from './pubmeta.en.js';

/** zh-CN：family `pubmeta`（issue 13）。 */
export const pubmetaZhCN: PubmetaMessages = {
  ...PUBMETA_MESSAGES['zh-CN'],
};
