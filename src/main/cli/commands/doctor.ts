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
import type { CliIo } from '../context.js';

export interface Check {
  name: string;
  status: 'ok' | 'warn' | 'fail';
  detail: string;
  fix?: string;
}

const MIN_NODE = [20, 19];
const MIN_FREE_DISK_GB = 2;

async function check(name: string, run: () => Promise<Omit<Check, 'name'>>): Promise<Check> {
  try {
    return { name, ...(await run()) };
  } catch (err) {
    const info = toErrorInfo(err);
    return { name, status: 'fail', detail: info.message, ...(info.hint ? { fix: info.hint } : {}) };
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what} did not answer in ${ms / 1000} s`)), ms).unref())]);
}

export async function runChecks(home = resolveDataDir()): Promise<Check[]> {
  return [
    await check('node', async () => {
      const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
      const ok = major > MIN_NODE[0]! || (major === MIN_NODE[0] && minor >= MIN_NODE[1]!);
      return ok
        ? { status: 'ok', detail: `Node ${process.versions.node}` }
        : { status: 'fail', detail: `Node ${process.versions.node} is too old`, fix: 'Install Node.js 20.19 or newer (https://nodejs.org or your package manager).' };
    }),
    await check('data folder', async () => {
      fs.mkdirSync(home, { recursive: true });
      const probe = path.join(home, `.doctor-${process.pid}`);
      fs.writeFileSync(probe, 'ok');
      fs.rmSync(probe);
      return { status: 'ok', detail: `${home} is writable` };
    }),
    await check('sqlite', async () => {
      const db = new BetterSqlite3(':memory:');
      const version = (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
      db.close();
      return { status: 'ok', detail: `SQLite ${version} (better-sqlite3)` };
    }),
    await check('free disk', async () => {
      const stat = fs.statfsSync(home);
      const freeGb = (stat.bavail * stat.bsize) / 1024 ** 3;
      return freeGb >= MIN_FREE_DISK_GB
        ? { status: 'ok', detail: `${freeGb.toFixed(1)} GiB free` }
        : { status: 'warn', detail: `only ${freeGb.toFixed(1)} GiB free`, fix: `Free at least ${MIN_FREE_DISK_GB} GiB: videos need room while they render.` };
    }),
    ...(await Promise.all(
      (['ffmpeg', 'ffprobe'] as const).map((tool) =>
        check(tool, async () => {
          const found = resolveFfTool(tool);
          const { stdout } = await runTool(found.path, ['-version'], { describe: tool });
          const version = stdout.toString('utf8').split('\n')[0] ?? '';
          return { status: 'ok', detail: `${version} (${found.source}: ${found.path})` };
        }),
      ),
    )),
    await check('keychain', async () => {
      const require = createRequire(import.meta.url);
      let keytar: { findCredentials(service: string): Promise<unknown[]> };
      try {
        keytar = require('keytar') as typeof keytar;
      } catch {
        return {
          status: 'warn',
          detail: 'the optional keytar module is not installed',
          fix: 'Install libsecret (Debian: apt-get install libsecret-1-dev) and run `npm install keytar`; until then API keys come from environment variables.',
        };
      }
      await withTimeout(keytar.findCredentials('kingjam-studio-doctor'), 3000, 'the OS keychain');
      return { status: 'ok', detail: 'the OS keychain answers' };
    }),
    await check('worker processes', async () => {
      const studio = Studio.open({ home, spawner: new NodeWorkerSpawner(), jobConfig: { minFreeMemoryMb: 0 } });
      try {
        const job = await studio.jobs.enqueue('diag.noop', {}, { queue: 'high' });
        const done = await withTimeout(studio.jobs.waitFor(job.id), 15_000, 'a worker process');
        if (done.status !== 'succeeded') return { status: 'fail', detail: done.error?.message ?? done.status };
        return { status: 'ok', detail: `a job ran in worker process ${(done.result as { pid: number }).pid}` };
      } finally {
        await studio.close();
      }
    }),
    // Only on a machine set up for the render farm (docs/farm.md).
    ...(await farmChecks(process.env, { language: () => studioLanguage(home) })),
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
  const checks = await runChecks();
  if (args.flags.has('json')) {
    io.out(JSON.stringify({ ok: checks.every((c) => c.status !== 'fail'), checks }, null, 2));
  } else {
    const mark = { ok: '✓', warn: '!', fail: '✗' } as const;
    for (const c of checks) {
      io.out(`${mark[c.status]} ${c.name.padEnd(16)} ${c.detail}`);
      if (c.fix) io.out(`  ${''.padEnd(16)} fix: ${c.fix}`);
    }
  }
  return checks.some((c) => c.status === 'fail') ? 1 : 0;
}
