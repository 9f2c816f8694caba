import { OUTBOX_MESSAGES } from '../../../shared/i18n/areas/outbox.js';
import type { OutboxMessages } from './outbox.en.js';

/** zh-TW：family `outbox`（issue 13）。 */
export const outboxZhTW: OutboxMessages = {
  ...OUTBOX_MESSAGES['zh-TW'],
};
