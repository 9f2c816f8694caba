import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { StudioError } from '../../shared/errors.js';
import { QUEUES, type QueueName } from '../../shared/jobs/queues.js';
import { say } from '../../shared/messages.js';
import { LANGUAGES, type Language } from '../../shared/settings.js';
import type { SharedFileStore } from './file-store.js';
import { openSharedFileStore } from './open-store.js';

/** Where the farm is: a Redis URL and the shared store's spec (a folder or s3://…). */
export interface FarmTarget {
  redisUrl: string;
  store: SharedFileStore;
}

const redisUrl = z
  .string()
  .url()
  .refine((u) => URL.canParse(u) && ['redis:', 'rediss:'].includes(new URL(u).protocol));

export function parseRedisUrl(text: string): string {
  const parsed = redisUrl.safeParse(text.trim());
  if (!parsed.success) {
    // Never echo a password typed into the URL.
    const url = text.replace(/\/\/[^/@?#]*@/, '//…@');
    throw new StudioError({ code: 'BAD_INPUT', field: 'redis', message: `"${url}" is not a Redis URL (redis://host:6379 or rediss://…).`, ...say('farm.badRedisUrl', { url }) });
  }
  return parsed.data;
}

/** The store a farm uses: `--store`, else KINGJAM_FARM_STORE, else `<data folder>/farm-store` (one machine, or a data folder every machine mounts). */
export function farmStore(spec: string | undefined, dataHome: string): SharedFileStore {
  const chosen = spec ?? process.env.KINGJAM_FARM_STORE ?? path.join(dataHome, 'farm-store');
  return openSharedFileStore(chosen, { home: os.homedir() });
}

/**
 * `--redis URL` and `--store SPEC` taken out of any engine command's
 * arguments (they choose where its jobs run, not what the command does).
 */
export function takeFarmFlags(argv: string[]): { redis: string | null; store: string | undefined; rest: string[] } {
  const rest: string[] = [];
  let redis: string | null = null;
  let store: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const m = /^--(redis|store)(?:=(.*))?$/.exec(arg);
    if (!m) {
      rest.push(arg);
      continue;
    }
    const value = m[2] ?? argv[++i];
    if (value === undefined || value.startsWith('--')) {
      throw new StudioError({ code: 'BAD_INPUT', field: m[1], message: `--${m[1]} needs a value.`, ...say('farm.flagNeedsValue', { flag: `--${m[1]}` }) });
    }
    if (m[1] === 'redis') redis = parseRedisUrl(value);
    else store = value;
  }
  if (store !== undefined && redis === null) {
    throw new StudioError({ code: 'BAD_INPUT', field: 'store', message: '--store goes with --redis: without a farm, jobs run on this machine.', ...say('farm.storeWithoutRedis') });
  }
  return { redis, store, rest };
}

/** `high=4,default=4,video=1,mesh=1`: every queue named is set, the others keep their default. */
export function parseConcurrency(text: string, defaults: Record<QueueName, number>): Record<QueueName, number> {
  const out = { ...defaults };
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^([a-z]+)=(\d{1,3})$/.exec(part);
    if (!m || !(QUEUES as readonly string[]).includes(m[1]!) || Number(m[2]) > 64) {
      throw new StudioError({ code: 'BAD_INPUT', field: 'concurrency', message: `"${part}" is not queue=N (queues: ${QUEUES.join(', ')}; N from 0 to 64).`, ...say('farm.badConcurrency', { part, queues: QUEUES.join(', ') }) });
    }
    out[m[1] as QueueName] = Number(m[2]);
  }
  return out;
}

/** The language of a worker's lines (it has no studio settings): KINGJAM_LANGUAGE, else the system locale, else English. */
export function workerLanguage(env: NodeJS.ProcessEnv = process.env): Language {
  const chosen = env.KINGJAM_LANGUAGE;
  if (chosen && (LANGUAGES as readonly string[]).includes(chosen)) return chosen as Language;
  const locale = (env.LC_ALL || env.LC_MESSAGES || env.LANG || '').toLowerCase();
  if (/^zh[_-](tw|hk|mo)|hant/.test(locale)) return 'zh-TW';
  if (/^zh/.test(locale)) return 'zh-CN';
  return 'en';
}
