import type { OutboxMessages } from './outbox.en.js';

/** zh-TW：family `outbox`（issue 13）。 */
export const outboxZhTW: OutboxMessages = {
};
