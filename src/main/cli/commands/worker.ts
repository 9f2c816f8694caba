import type { UsageEntry } from '../../../shared/cli/help/index.js';
import { refuse } from '../refusals.js';
import os from 'node:os';
import { toErrorInfo } from '../../../shared/errors.js';
import { farmText, type FarmTextKey } from '../../../shared/farm/text.js';
import { QUEUES, type QueueName } from '../../../shared/jobs/queues.js';
import { DEFAULT_JOB_CONFIG } from '../../jobs/config.js';
import { NodeWorkerSpawner } from '../../jobs/node-transport.js';
import { dataPaths, resolveDataDir } from '../../paths.js';
import { farmStore, parseConcurrency, parseRedisUrl, workerLanguage } from '../../farm/cli-options.js';
import { FarmWorker, type FarmWorkerEvent } from '../../farm/farm-worker.js';
import { WORKER_OWN_SECRETS } from '../../farm/wire.js';
import { shownRedisAddress, type RedisChange } from '../../farm/redis-reach.js';
import { intFlag, parseArgs, stringFlag } from '../args.js';
import type { CliIo } from '../context.js';
import { localisedError } from '../error-lines.js';
import { storePlaceIn } from '../../../shared/farm/store-place.js';
import fs from 'node:fs';

export const WORKER_USAGE: UsageEntry[] = [
  {
    syntax: 'kingjam worker [--redis URL] [--store PATH|s3://…] [--concurrency high=4,default=4,video=1,mesh=1] [--name NAME] [--lock-seconds N] [--jobs-per-process N] [--json]',
    about: 'help.worker',
  },
];

/** The farm's defaults per worker machine: the video queue one at a time (seed §9.3), the rest four. */
const DEFAULT_FARM_CONCURRENCY: Record<QueueName, number> = { high: 4, default: 4, video: 1, mesh: 1 };

/**
 * `kingjam worker --redis URL`: takes jobs from the farm until SIGINT or
 * SIGTERM; its running jobs then go back to the farm for another worker.
 * It never opens a studio database: jobs come with everything they need.
 */
export async function workerCommand(argv: string[], io: CliIo, signals: NodeJS.EventEmitter = process): Promise<number> {
  const args = parseArgs(argv, ['json']);
  const json = args.flags.has('json');
  const language = workerLanguage();
  const say = (key: FarmTextKey, params: Record<string, string | number> = {}) => farmText.say(language, key, params);
  // KINGJAM_REDIS_URL keeps a password out of the command line that `ps` shows (the systemd unit's EnvironmentFile sets it).
  const redis = stringFlag(args, 'redis') ?? process.env.KINGJAM_REDIS_URL;
  if (!redis) throw refuse.needsFlags('kingjam worker', '--redis URL (KINGJAM_REDIS_URL)');
  const redisUrl = parseRedisUrl(redis);
  const home = resolveDataDir();
  const paths = dataPaths(home);
  for (const dir of [paths.home, paths.library, paths.temp]) fs.mkdirSync(dir, { recursive: true });
  const store = farmStore(stringFlag(args, 'store'), home);
  const concurrencyText = stringFlag(args, 'concurrency');
  const concurrency = concurrencyText ? parseConcurrency(concurrencyText, DEFAULT_FARM_CONCURRENCY) : DEFAULT_FARM_CONCURRENCY;
  const name = stringFlag(args, 'name') ?? `${os.hostname()}:${process.pid}`;
  const lockSeconds = intFlag(args, 'lock-seconds', 2, 3600) ?? 30;
  // The seed's 10 tasks per child by default; HTTP-bound farms (generation through providers) may keep processes longer.
  const jobsPerProcess = intFlag(args, 'jobs-per-process', 1, 100_000) ?? DEFAULT_JOB_CONFIG.maxJobsPerWorker;
  const secrets = Object.fromEntries([...WORKER_OWN_SECRETS].flatMap((k) => (process.env[k] ? [[k, process.env[k]!]] : [])));
  const started = new Map<string, number>();
  const worker = new FarmWorker({
    redisUrl,
    store,
    concurrency,
    name,
    spawner: new NodeWorkerSpawner(),
    paths: { home: paths.home, library: paths.library, temp: paths.temp },
    config: { ...DEFAULT_JOB_CONFIG, maxJobsPerWorker: jobsPerProcess },
    lockMs: lockSeconds * 1000,
    secrets,
    onEvent: (e: FarmWorkerEvent) => {
      if (json) {
        io.out(JSON.stringify({ event: `job.${e.type}`, worker: name, jobId: e.jobId, kind: e.kind, queue: e.queue, attempt: e.attempt, at: e.at, ...(e.error ? { error: e.error } : {}) }));
        return;
      }
      if (e.type === 'start') {
        started.set(e.jobId, e.at);
        io.out(say('farm.cli.jobStarted', { kind: e.kind, id: e.jobId, attempt: e.attempt }));
        return;
      }
      const seconds = ((e.at - (started.get(e.jobId) ?? e.at)) / 1000).toFixed(1);
      started.delete(e.jobId);
      if (e.type === 'done') io.out(say('farm.cli.jobDone', { kind: e.kind, id: e.jobId, seconds }));
      else io.out(say('farm.cli.jobFailed', { kind: e.kind, id: e.jobId, error: e.error ? localisedError(toErrorInfo(e.error), language).message : '' }));
    },
    onMemoryHold: (hold) => {
      if (json) io.out(JSON.stringify({ event: hold.held ? 'worker.memoryHeld' : 'worker.memoryResumed', worker: name, freeMb: hold.freeMb, minMb: hold.minMb, at: Date.now() }));
      else io.err(say(hold.held ? 'farm.cli.memoryHeld' : 'farm.cli.memoryResumed', { free: hold.freeMb, min: hold.minMb }));
    },
    // A fleet outlives a Redis restart: it keeps retrying, and says why it waits and when it is back.
    onRedis: (change: RedisChange) => {
      const address = shownRedisAddress(redisUrl);
      if (json) {
        const info = change.up ? {} : { error: change.error.toInfo() };
        io.out(JSON.stringify({ event: change.up ? 'worker.redisBack' : 'worker.redisDown', worker: name, redis: address, ...info, at: Date.now() }));
        return;
      }
      if (change.up) {
        io.err(say('farm.cli.redisBack', { address }));
        return;
      }
      const said = localisedError(change.error.toInfo(), language);
      for (const line of [said.message, said.hint, say('farm.cli.redisRetrying')]) if (line) io.err(line);
    },
  });
  await worker.start();
  const counts = Object.fromEntries(QUEUES.map((q) => [q, concurrency[q]])) as Record<QueueName, number>;
  if (json) io.out(JSON.stringify({ event: 'worker.ready', worker: name, pid: process.pid, concurrency: counts, store: store.description }));
  else io.err(say('farm.cli.workerReady', { name, ...counts, store: storePlaceIn(store.place, language) }));
  await new Promise<void>((resolve) => {
    signals.once('SIGINT', resolve);
    signals.once('SIGTERM', resolve);
  });
  if (!json) io.err(say('farm.cli.workerStopping'));
  await worker.close();
  return 0;
}
