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
  /** Redis cannot be reached (src/main/farm/redis-reach.ts), one key per cause; only `other` says the raw detail. */
  'farm.redis.refused': { params: ['address'], hint: true },
  'farm.redis.notFound': { params: ['address'], hint: true },
  'farm.redis.auth': { params: ['address'], hint: true },
  'farm.redis.timeout': { params: ['address'], hint: true },
  'farm.redis.notRedis': { params: ['address'], hint: true },
  'farm.redis.other': { params: ['address', 'detail'], hint: true },
} as const;
