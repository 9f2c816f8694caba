import { NodeWorkerSpawner } from '../jobs/node-transport.js';
import { resolveDataDir } from '../paths.js';
import { openHeadlessSecrets } from '../secrets/store.js';
import { Studio } from '../studio.js';
import { BullMqJobQueue } from '../farm/bullmq-queue.js';
import { farmStore } from '../farm/cli-options.js';
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
  const studio = Studio.open({
    home,
    spawner: new NodeWorkerSpawner(),
    startJobs,
    secrets,
    jobQueue: (p) => new BullMqJobQueue(p.store, p.events, p.spawner, p.paths, p.config, { redisUrl: farm.redisUrl, store }),
  });
  if (startJobs) io.err(farmText.say(cliLanguage(studio), 'farm.cli.dispatching', { redis: farm.redisUrl.replace(/\/\/[^/@]*@/, '//…@'), store: storePlaceIn(store.place, cliLanguage(studio)) }));
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
