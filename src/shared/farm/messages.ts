import { FARM_STORE_MESSAGES } from './store-messages.js';

/** Message keys of the render farm (BullMQ + Redis workers, shared file store) (issue 17), each `farm.<name>`; spread into MESSAGES (src/shared/messages.ts). */
export const FARM_MESSAGES = {
  ...FARM_STORE_MESSAGES,
  /** `--redis` was given something that is not a redis:// or rediss:// URL. */
  'farm.badRedisUrl': { params: ['url'], hint: true },
  /** `--redis` or `--store` with nothing after it. */
  'farm.flagNeedsValue': { params: ['flag'] },
  /** `--store` on an engine command without `--redis`. */
  'farm.storeWithoutRedis': { params: [], hint: true },
  /** A `--concurrency` part that is not queue=N. */
  'farm.badConcurrency': { params: ['part', 'queues'], hint: true },
} as const;
