import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { StudioError, toErrorInfo } from '../../shared/errors.js';
import { connectRedisOnce, shownRedisAddress } from './redis-reach.js';
import { farmText, type FarmTextKey } from '../../shared/farm/text.js';
import type { Language } from '../../shared/settings.js';
import { openSharedFileStore } from './open-store.js';
import { storePlaceIn } from '../../shared/farm/store-place.js';

/** One line of `kingjam doctor` (the shape of its Check). */
export interface FarmCheck {
  name: string;
  status: 'ok' | 'warn' | 'fail';
  detail: string;
  fix?: string;
}

export interface FarmCheckOptions {
  /** The user's language, read only when there is something to check. */
  language: () => Language;
  timeoutMs?: number;
}

const redisUrl = z
  .string()
  .url()
  .refine((u) => ['redis:', 'rediss:'].includes(new URL(u).protocol));

/** BullMQ's oldest supported Redis. */
const MIN_REDIS: [number, number] = [6, 2];

/**
 * The farm's part of `kingjam doctor`, when this machine is set up for it:
 * KINGJAM_REDIS_URL → Redis answers, is new enough, keeps its keys
 * (maxmemory-policy noeviction) and persists them (appendonly);
 * KINGJAM_FARM_STORE → the shared store takes a file, gives it back and deletes it.
 */
export async function farmChecks(env: NodeJS.ProcessEnv, options: FarmCheckOptions): Promise<FarmCheck[]> {
  const url = env.KINGJAM_REDIS_URL?.trim();
  const spec = env.KINGJAM_FARM_STORE?.trim();
  if (!url && !spec) return [];
  const language = options.language();
  const say = (key: FarmTextKey, params: Record<string, string | number> = {}) => farmText.say(language, key, params);
  const checks: FarmCheck[] = [];
  if (url) checks.push(...(await redisChecks(url, language, say, options.timeoutMs ?? 5000)));
  if (spec) checks.push(await storeCheck(spec, env, language, say));
  return checks;
}

type Say = (key: FarmTextKey, params?: Record<string, string | number>) => string;

async function redisChecks(url: string, language: Language, say: Say, timeoutMs: number): Promise<FarmCheck[]> {
  if (!redisUrl.safeParse(url).success) return [{ name: 'farm redis', status: 'fail', detail: say('farm.cli.doctor.badRedisUrl'), fix: say('farm.cli.doctor.redisFix') }];
  const address = shownRedisAddress(url);
  let redis: Redis;
  try {
    // One try, no reconnecting: the doctor reports, it does not wait for Redis to come back.
    redis = await connectRedisOnce(url, timeoutMs);
  } catch (err) {
    // Why it cannot be reached (refused, unknown host, password, timeout) and what to do, as a worker would say it.
    const info = toErrorInfo(err);
    const detail = info.key ? farmSaid(language, `msg.${info.key}`, info.params) : undefined;
    const fix = info.key ? farmSaid(language, `msg.${info.key}.hint`, info.params) : undefined;
    if (!detail) return [{ name: 'farm redis', status: 'fail', detail: say('farm.cli.doctor.redisDown', { address, detail: messageOf(err) }), fix: say('farm.cli.doctor.redisFix') }];
    return [{ name: 'farm redis', status: 'fail', detail, fix: fix ?? say('farm.cli.doctor.redisFix') }];
  }
  redis.on('error', () => undefined); // later failures are reported by the awaited calls below
  try {
    const info = await redis.info('server');
    const version = /^redis_version:(\S+)/m.exec(info)?.[1] ?? '?';
    const [major = 0, minor = 0] = version.split('.').map(Number);
    const server: FarmCheck =
      major > MIN_REDIS[0] || (major === MIN_REDIS[0] && minor >= MIN_REDIS[1])
        ? { name: 'farm redis', status: 'ok', detail: say('farm.cli.doctor.redisOk', { version, address }) }
        : { name: 'farm redis', status: 'fail', detail: say('farm.cli.doctor.redisOld', { version, address }), fix: say('farm.cli.doctor.redisOldFix') };
    return [server, await configCheck(redis, say)];
  } finally {
    redis.disconnect();
  }
}

async function configCheck(redis: Redis, say: Say): Promise<FarmCheck> {
  const name = 'farm redis config';
  let policy: string;
  let aof: string;
  try {
    policy = ((await redis.config('GET', 'maxmemory-policy')) as string[])[1] ?? '?';
    aof = ((await redis.config('GET', 'appendonly')) as string[])[1] ?? '?';
  } catch (err) {
    // Managed Redis often renames or forbids CONFIG.
    return { name, status: 'warn', detail: say('farm.cli.doctor.configHidden', { detail: messageOf(err) }), fix: say('farm.cli.doctor.configHiddenFix') };
  }
  if (policy !== 'noeviction') return { name, status: 'fail', detail: say('farm.cli.doctor.policyBad', { policy }), fix: say('farm.cli.doctor.policyFix') };
  if (aof !== 'yes') return { name, status: 'warn', detail: say('farm.cli.doctor.noAof'), fix: say('farm.cli.doctor.noAofFix') };
  return { name, status: 'ok', detail: say('farm.cli.doctor.configOk') };
}

async function storeCheck(spec: string, env: NodeJS.ProcessEnv, language: Language, say: Say): Promise<FarmCheck> {
  const name = 'farm store';
  let described = spec;
  const local = await fs.mkdtemp(path.join(os.tmpdir(), 'kingjam-doctor-'));
  const prefix = `doctor/${os.hostname().replace(/[^\w.-]/g, '_')}-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    const store = openSharedFileStore(spec, { home: os.homedir(), cwd: process.cwd(), env });
    described = storePlaceIn(store.place, language);
    const sent = randomBytes(4096);
    await fs.writeFile(path.join(local, 'sent'), sent);
    try {
      await store.put(`${prefix}/probe`, path.join(local, 'sent'));
      await store.get(`${prefix}/probe`, path.join(local, 'back'));
      const back = await fs.readFile(path.join(local, 'back'));
      if (!back.equals(sent)) return { name, status: 'fail', detail: say('farm.cli.doctor.storeMismatch', { store: described }), fix: say('farm.cli.doctor.storeFix') };
    } finally {
      await store.deletePrefix(prefix).catch(() => undefined);
    }
    if (await store.exists(`${prefix}/probe`)) return { name, status: 'fail', detail: say('farm.cli.doctor.storeNotDeleted', { store: described }), fix: say('farm.cli.doctor.storeFix') };
    return { name, status: 'ok', detail: say('farm.cli.doctor.storeOk', { store: described }) };
  } catch (err) {
    const said = err instanceof StudioError && err.key ? farmSaid(language, `msg.${err.key}`, err.params) : undefined;
    const hint = err instanceof StudioError && err.key ? farmSaid(language, `msg.${err.key}.hint`, err.params) : undefined;
    return { name, status: 'fail', detail: say('farm.cli.doctor.storeFailed', { store: described, detail: said ?? messageOf(err) }), fix: hint ?? say('farm.cli.doctor.storeFix') };
  } finally {
    await fs.rm(local, { recursive: true, force: true });
  }
}

function farmSaid(language: Language, key: string, params: Record<string, string | number> | undefined): string | undefined {
  return farmText.has(key) ? farmText.say(language, key, params) : undefined;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
