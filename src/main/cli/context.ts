import { NodeWorkerSpawner } from '../jobs/node-transport.js';
import { resolveDataDir } from '../paths.js';
import { openHeadlessSecrets } from '../secrets/store.js';
import { Studio } from '../studio.js';
import { BullMqJobQueue } from '../farm/bullmq-queue.js';
import { farmStore } from '../farm/cli-options.js';
import { redisWaitMs, shownRedisAddress, waitForRedis, type RedisChange } from '../farm/redis-reach.js';
import { languageWithoutStudio, localisedError } from './error-lines.js';
import { farmText } from '../../shared/farm/text.js';
import { storePlaceIn } from '../../shared/farm/store-place.js';
import { LANGUAGES, type Language } from '../../shared/settings.js';

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

export const consoleIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/**
 * The engine for one CLI command, with Node worker processes; with `farm`
 * (`--redis URL [--store SPEC]`) its jobs go to the render farm's workers.
 */
export async function openCliStudio(startJobs = true, farm?: { redisUrl: string; store?: string }, io: CliIo = consoleIo): Promise<Studio> {
  const home = resolveDataDir();
  const secrets = await openHeadlessSecrets(home);
  if (!farm) return Studio.open({ home, spawner: new NodeWorkerSpawner(), startJobs, secrets }).ready();
  const store = farmStore(farm.store, home);
  // The studio's own setting is read from its file here: the engine opens only once Redis has answered.
  const language = languageWithoutStudio(home);
  if (startJobs) {
    io.err(farmText.say(language, 'farm.cli.dispatching', { redis: shownRedisAddress(farm.redisUrl), store: storePlaceIn(store.place, language) }));
    // A one-shot command does not wait for ever on a Redis that is not there: a bounded wait, then exit 1 with the reason.
    const waitMs = redisWaitMs();
    try {
      await waitForRedis(farm.redisUrl, waitMs);
    } catch (err) {
      io.err(farmText.say(language, 'farm.cli.redisGaveUp', { seconds: Math.round(waitMs / 1000) }));
      throw err;
    }
  }
  // Losses mid-run are told as they happen; the jobs wait in SQLite and go out once Redis is back.
  const onRedis = (change: RedisChange) => {
    if (change.up) {
      io.err(farmText.say(language, 'farm.cli.redisBack', { address: shownRedisAddress(farm.redisUrl) }));
      return;
    }
    const said = localisedError(change.error.toInfo(), language);
    for (const line of [said.message, said.hint, farmText.say(language, 'farm.cli.redisWaiting')]) if (line) io.err(line);
  };
  const studio = Studio.open({
    home,
    spawner: new NodeWorkerSpawner(),
    startJobs,
    secrets,
    jobQueue: (p) => new BullMqJobQueue(p.store, p.events, p.spawner, p.paths, p.config, { redisUrl: farm.redisUrl, store, onRedis }),
  });
  return studio.ready();
}

/** KINGJAM_LANGUAGE (en, zh-TW, zh-CN) when set: the language `kingjam` speaks whatever the studio's setting (scripts that match on English, a shared render box). */
export function languageOverride(env: NodeJS.ProcessEnv = process.env): Language | null {
  const chosen = env.KINGJAM_LANGUAGE;
  return chosen && (LANGUAGES as readonly string[]).includes(chosen) ? (chosen as Language) : null;
}

/** The language of `kingjam`'s lines and errors: KINGJAM_LANGUAGE, else the studio's language setting. */
export function cliLanguage(studio: Pick<Studio, 'settings'>): Language {
  return languageOverride() ?? studio.settings().language;
}
