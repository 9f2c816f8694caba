import { FARM_STORE_MESSAGES } from './store-messages.js';

/** Message keys of the render farm (BullMQ + Redis workers, shared file store) (issue 17), each `farm.<name>`; spread into MESSAGES (src/shared/messages.ts). */
export const FARM_MESSAGES = {
  ...FARM_STORE_MESSAGES,
} as const;
