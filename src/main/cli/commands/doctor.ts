import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import BetterSqlite3 from 'better-sqlite3';
import { toErrorInfo } from '../../../shared/errors.js';
import { resolveFfTool } from '../../../node/ffmpeg.js';
import { runTool } from '../../../node/run-tool.js';
import { farmChecks } from '../../farm/doctor-checks.js';
import { NodeWorkerSpawner } from '../../jobs/node-transport.js';
import { dataPaths, resolveDataDir } from '../../paths.js';
import { openStore } from '../../store/db.js';
import { readSettings } from '../../store/settings.js';
import { Studio } from '../../studio.js';
import { parseArgs } from '../args.js';
import { languageOverride, type CliIo } from '../context.js';
import { doctorText, type DoctorTextKey } from '../../../shared/cli/doctor-text.js';
import type { Language } from '../../../shared/settings.js';
import { languageWithoutStudio, localisedError } from '../error-lines.js';

export interface Check {
  name: string;
  status: 'ok' | 'warn' | 'fail';
  detail: string;
  fix?: string;
}

const MIN_NODE = [20, 19];
const MIN_FREE_DISK_GB = 2;

async function check(name: string, language: Language, run: () => Promise<Omit<Check, 'name'>>): Promise<Check> {
  try {
    return { name, ...(await run()) };
  } catch (err) {
    const { message, hint } = localisedError(toErrorInfo(err), language);
    return { name, status: 'fail', detail: message, ...(hint ? { fix: hint } : {}) };
  }
}

/** The promise, or a failure said in the doctor's language (`what` already is) after `ms`. */
function withTimeout<T>(promise: Promise<T>, ms: number, said: string): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(said)), ms).unref())]);
}

/** The checks, their details and fixes said in `language` (English by default: the --json of scripts). */
export async function runChecks(home = resolveDataDir(), language: Language = 'en'): Promise<Check[]> {
  const say = (key: DoctorTextKey, params: Record<string, string | number> = {}): string => doctorText.say(language, key, params);
  const noAnswer = (what: DoctorTextKey, ms: number): string => say('doctor.noAnswer', { what: say(what), seconds: ms / 1000 });
  return [
    await check('node', language, async () => {
      const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
      const ok = major > MIN_NODE[0]! || (major === MIN_NODE[0] && minor >= MIN_NODE[1]!);
      return ok
        ? { status: 'ok', detail: say('doctor.node', { version: process.versions.node }) }
        : { status: 'fail', detail: say('doctor.nodeOld', { version: process.versions.node }), fix: say('doctor.nodeFix') };
    }),
    await check('data folder', language, async () => {
      fs.mkdirSync(home, { recursive: true });
      const probe = path.join(home, `.doctor-${process.pid}`);
      fs.writeFileSync(probe, 'ok');
      fs.rmSync(probe);
      return { status: 'ok', detail: say('doctor.writable', { home }) };
    }),
    await check('sqlite', language, async () => {
      const db = new BetterSqlite3(':memory:');
      const version = (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
      db.close();
      return { status: 'ok', detail: `SQLite ${version} (better-sqlite3)` };
    }),
    await check('free disk', language, async () => {
      const stat = fs.statfsSync(home);
      const freeGb = (stat.bavail * stat.bsize) / 1024 ** 3;
      return freeGb >= MIN_FREE_DISK_GB
        ? { status: 'ok', detail: say('doctor.free', { gb: freeGb.toFixed(1) }) }
        : { status: 'warn', detail: say('doctor.lowDisk', { gb: freeGb.toFixed(1) }), fix: say('doctor.lowDiskFix', { min: MIN_FREE_DISK_GB }) };
    }),
    ...(await Promise.all(
      (['ffmpeg', 'ffprobe'] as const).map((tool) =>
        check(tool, language, async () => {
          const found = resolveFfTool(tool);
          const { stdout } = await runTool(found.path, ['-version'], { describe: tool });
          const version = stdout.toString('utf8').split('\n')[0] ?? '';
          return { status: 'ok', detail: `${version} (${found.source}: ${found.path})` };
        }),
      ),
    )),
    await check('keychain', language, async () => {
      const require = createRequire(import.meta.url);
      let keytar: { findCredentials(service: string): Promise<unknown[]> };
      try {
        keytar = require('keytar') as typeof keytar;
      } catch {
        return {
          status: 'warn',
          detail: say('doctor.noKeytar'),
          fix: say('doctor.noKeytarFix'),
        };
      }
      await withTimeout(keytar.findCredentials('kingjam-studio-doctor'), 3000, noAnswer('doctor.theKeychain', 3000));
      return { status: 'ok', detail: say('doctor.keychain') };
    }),
    await check('worker processes', language, async () => {
      const studio = Studio.open({ home, spawner: new NodeWorkerSpawner(), jobConfig: { minFreeMemoryMb: 0 } });
      try {
        const job = await studio.jobs.enqueue('diag.noop', {}, { queue: 'high' });
        const done = await withTimeout(studio.jobs.waitFor(job.id), 15_000, noAnswer('doctor.aWorker', 15_000));
        if (done.status !== 'succeeded') return { status: 'fail', detail: done.error ? localisedError(done.error, language).message : done.status };
        return { status: 'ok', detail: say('doctor.worker', { pid: (done.result as { pid: number }).pid }) };
      } finally {
        await studio.close();
      }
    }),
    // Only on a machine set up for the render farm (docs/farm.md).
    // KINGJAM_LANGUAGE first, as every other line of the doctor.
    ...(await farmChecks(process.env, { language: () => languageOverride() ?? studioLanguage(home) })),
  ];
}

function studioLanguage(home: string) {
  const store = openStore(dataPaths(home).database);
  try {
    return readSettings(store).language;
  } finally {
    store.close();
  }
}

/** `kingjam doctor [--json]`: exit 1 when a check fails. */
export async function doctorCommand(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, ['json']);
  const language = languageWithoutStudio(resolveDataDir());
  const checks = await runChecks(resolveDataDir(), language);
  if (args.flags.has('json')) {
    io.out(JSON.stringify({ ok: checks.every((c) => c.status !== 'fail'), checks }, null, 2));
  } else {
    const mark = { ok: '✓', warn: '!', fail: '✗' } as const;
    for (const c of checks) {
      io.out(`${mark[c.status]} ${c.name.padEnd(16)} ${c.detail}`);
      if (c.fix) io.out(`  ${''.padEnd(16)} ${doctorText.say(language, 'doctor.fix', { fix: c.fix })}`);
    }
  }
  return checks.some((c) => c.status === 'fail') ? 1 : 0;
}
