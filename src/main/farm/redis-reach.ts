import { Redis } from 'ioredis';
import { StudioError } from '../../shared/errors.js';
import { farmText } from '../../shared/farm/text.js';
import { say } from '../../shared/messages.js';
import type { Language } from '../../shared/settings.js';

/**
 * Why Redis cannot be reached, said to the user (a worker's lines, a
 * one-shot command's error, `kingjam doctor`): each trouble has its own
 * message and "what to do" (`msg.farm.redis.<trouble>` and `.hint`).
 */
export const REDIS_TROUBLES = ['refused', 'notFound', 'auth', 'timeout', 'notRedis', 'other'] as const;
export type RedisTrouble = (typeof REDIS_TROUBLES)[number];

/** How long a one-shot command waits for Redis before giving up, unless KINGJAM_REDIS_WAIT_SECONDS says otherwise. */
export const DEFAULT_REDIS_WAIT_S = 30;
/** The error's own message and hint are English (logs and scripts match on them); the CLI says the key in the user's language. */
const ENGLISH: Language = 'en';
/** A worker that keeps retrying repeats that Redis is away at most this often (the first failure is said at once). */
export const REDIS_REPEAT_MS = 30_000;

export function redisTrouble(err: unknown): RedisTrouble {
  const code = err && typeof err === 'object' && 'code' in err ? String((err as { code: unknown }).code) : '';
  const message = err instanceof Error ? err.message : String(err);
  if (code === 'ECONNREFUSED') return 'refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME') return 'notFound';
  if (code === 'ETIMEDOUT' || /\bETIMEDOUT\b/.test(message)) return 'timeout';
  if (/^(NOAUTH|WRONGPASS)\b|invalid password|invalid username-password/i.test(message)) return 'auth';
  if (err instanceof Error && err.name === 'ParserError') return 'notRedis';
  return 'other';
}

/** redis[s]://host:port[/db], never the user name or password. */
export function shownRedisAddress(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname.length > 1 ? u.pathname : ''}`;
  } catch {
    return url.replace(/\/\/[^/@?#]*@/, '//…@');
  }
}

/** The user’s error for a Redis that cannot be reached, its English words those of the catalog (logs, scripts). */
export function redisUnreachable(url: string, err: unknown): StudioError {
  const trouble = redisTrouble(err);
  const address = shownRedisAddress(url);
  // The raw detail is only said for a trouble we have no words for; ioredis never puts the password in it.
  const detail = (err instanceof Error ? err.message : String(err)).slice(0, 200);
  const localized = trouble === 'other' ? say('farm.redis.other', { address, detail }) : say(`farm.redis.${trouble}` as const, { address });
  const key: `farm.redis.${RedisTrouble}` = `farm.redis.${trouble}`;
  const params = localized.params ?? {};
  return new StudioError({
    code: 'OFFLINE',
    message: farmText.say(ENGLISH, `msg.${key}`, params),
    hint: farmText.say(ENGLISH, `msg.${key}.hint`, params),
    retryable: trouble !== 'auth',
    ...localized,
  });
}

/**
 * One connection, no reconnecting: resolves with a ready client, or rejects
 * with the user's error. ioredis rejects `connect()` with a bare "Connection
 * is closed"; the real cause comes as an 'error' event, kept here.
 */
export async function connectRedisOnce(url: string, timeoutMs: number): Promise<Redis> {
  let cause: unknown = null;
  const client = new Redis(url, { lazyConnect: true, connectTimeout: timeoutMs, commandTimeout: timeoutMs, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null });
  client.on('error', (err: unknown) => {
    cause ??= err;
  });
  try {
    await client.connect();
    return client;
  } catch (err) {
    client.disconnect();
    throw redisUnreachable(url, cause ?? err);
  }
}

/** KINGJAM_REDIS_WAIT_SECONDS (0 to 3600), else 30. */
export function redisWaitMs(env: NodeJS.ProcessEnv = process.env): number {
  const text = env.KINGJAM_REDIS_WAIT_SECONDS?.trim();
  const n = text && /^\d{1,4}$/.test(text) ? Number(text) : NaN;
  return (Number.isFinite(n) && n <= 3600 ? n : DEFAULT_REDIS_WAIT_S) * 1000;
}

/**
 * Tries Redis until it answers or `waitMs` has passed (a Redis restarting
 * as the command starts is waited for); a refused password is final at once.
 * Rejects with the last try's error.
 */
export async function waitForRedis(url: string, waitMs: number, pauseMs = 500): Promise<void> {
  const until = Date.now() + waitMs;
  for (;;) {
    const left = until - Date.now();
    try {
      const client = await connectRedisOnce(url, Math.max(500, Math.min(5_000, left)));
      client.disconnect();
      return;
    } catch (err) {
      const final = err instanceof StudioError && err.key === 'farm.redis.auth';
      if (final || Date.now() + pauseMs >= until) throw err;
      await new Promise((r) => setTimeout(r, pauseMs));
    }
  }
}

export type RedisChange = { up: false; error: StudioError } | { up: true };

/**
 * Tells a long-lived client's losses and returns: the first failure at once,
 * then at most every `repeatMs` while it lasts, and "back" once it is ready
 * again after a failure was told. ioredis keeps reconnecting on its own.
 */
export function watchRedis(client: Redis, url: string, onChange: (change: RedisChange) => void, repeatMs = REDIS_REPEAT_MS): void {
  let down = false;
  let saidAt = 0;
  client.on('error', (err: unknown) => {
    const now = Date.now();
    if (down && now - saidAt < repeatMs) return;
    down = true;
    saidAt = now;
    onChange({ up: false, error: redisUnreachable(url, err) });
  });
  client.on('ready', () => {
    if (!down) return;
    down = false;
    onChange({ up: true });
  });
}
