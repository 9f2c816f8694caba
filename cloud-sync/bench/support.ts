import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request, type Agent } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openDatabase } from '../src/db/connect.js';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { SERVE_NODE_FLAGS } from '../src/serve-runtime.js';

/**
 * What the cloud benches share: a real `kingjam-cloud serve` process, JSON
 * calls over a keep-alive agent, the server's CPU time from /proc, and
 * alternating measured phases (the path under test and its baseline take
 * turns, so both see the same machine load).
 */

const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const PROF_DIR = process.env.KINGJAM_BENCH_PROF;
/** Clock ticks per second of /proc/PID/stat (USER_HZ: 100 on every Linux this runs on). */
const USER_HZ = 100;

/** CPU time (user + system, ms) a process has used so far; null where /proc is not there. */
export function cpuMs(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    // Fields after the parenthesised command name: state is 3rd, utime 14th, stime 15th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / USER_HZ;
  } catch {
    return null;
  }
}

/**
 * `kingjam-cloud serve` on `target` (a SQLite file or a PostgreSQL URL), in production mode and
 * with the Node flags the `kingjam-cloud` command gives it; KINGJAM_BENCH_PROF=DIR profiles it.
 */
export function serveCloud(target: string, jwtSecret: string, env: Record<string, string> = {}): Promise<{ child: ChildProcess; base: string }> {
  const prof = PROF_DIR ? ['--cpu-prof', '--cpu-prof-dir', PROF_DIR] : [];
  const child = spawn(process.execPath, [...SERVE_NODE_FLAGS, ...prof, '--import', 'tsx', MAIN, 'serve', '--port', '0', '--db', target], {
    // Production mode needs the vault's keys; the benches never store a token, so a random one will do.
    env: { ...process.env, KINGJAM_JWT_SECRET: jwtSecret, KINGJAM_VAULT_KEYS: `bench:${randomBytes(32).toString('base64')}`, LOG_LEVEL: 'warn', NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', (line) => {
      const m = /^listening on (\S+)$/.exec(line);
      if (m?.[1]) resolve({ child, base: m[1] });
      else reject(new Error(line));
    });
    child.once('exit', (c) => reject(new Error(`server exited ${c}`)));
  });
}

/** One JSON call to the server. */
export function jsonCall(agent: Agent, base: string, path: string, method: 'GET' | 'POST', body?: unknown, token?: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const data = body === undefined ? '' : JSON.stringify(body);
  const u = new URL(path, base);
  return new Promise((resolve, reject) => {
    const req = request(
      { agent, host: u.hostname, port: u.port, path: `${u.pathname}${u.search}`, method, headers: { ...(data ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) } },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} }));
      },
    );
    req.on('error', reject);
    req.end(data || undefined);
  });
}

/** The p-th quantile of sorted numbers. */
export const pct = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;

/**
 * `seconds` rounds of one `phaseMs` phase per name, in turn: `onPhase` is told which phase runs;
 * each phase's wall time and the server's CPU in it are summed, and the load average read per round.
 */
export async function alternatePhases<P extends string>(
  phases: readonly P[],
  opts: { seconds: number; phaseMs: number; pid: number | undefined; onPhase: (p: P) => void },
): Promise<{ time: Record<P, number>; cpu: Record<P, number>; cpuKnown: boolean; loads: number[] }> {
  const time = Object.fromEntries(phases.map((p) => [p, 0])) as Record<P, number>;
  const cpu = Object.fromEntries(phases.map((p) => [p, 0])) as Record<P, number>;
  let cpuKnown = true;
  const loads: number[] = [];
  for (let round = 0; round < opts.seconds; round++) {
    for (const p of phases) {
      opts.onPhase(p);
      const t0 = performance.now();
      const c0 = cpuMs(opts.pid);
      await new Promise((r) => setTimeout(r, opts.phaseMs));
      const c1 = cpuMs(opts.pid);
      time[p] += (performance.now() - t0) / 1000;
      if (c0 === null || c1 === null) cpuKnown = false;
      else cpu[p] += c1 - c0;
    }
    loads.push(loadavg()[0] ?? NaN);
  }
  return { time, cpu, cpuKnown, loads };
}

/**
 * Runs a benchmark on a fresh SQLite file and, when a PostgreSQL URL is set
 * (KINGJAM_BENCH_PG_URL, else KINGJAM_TEST_PG_URL), on a fresh schema there
 * with durable commits; KINGJAM_BENCH_DB=sqlite|postgres picks one.
 */
export async function onEachDatabase<R>(bench: string, run: (name: 'sqlite' | 'postgres', target: string) => Promise<R>): Promise<R[]> {
  const only = process.env.KINGJAM_BENCH_DB;
  if (only !== undefined && only !== 'sqlite' && only !== 'postgres') throw new Error(`KINGJAM_BENCH_DB must be sqlite or postgres, not ${only}`);
  const results: R[] = [];
  if (only !== 'postgres') {
    const dir = mkdtempSync(join(tmpdir(), 'kingjam-bench-'));
    try {
      results.push(await run('sqlite', join(dir, 'bench.db')));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const pgUrl = only === 'sqlite' ? undefined : (process.env.KINGJAM_BENCH_PG_URL ?? process.env.KINGJAM_TEST_PG_URL);
  if (pgUrl) {
    const schema = `bench_${randomBytes(4).toString('hex')}`;
    const admin = openDatabase(pgUrl, { poolSize: 1 });
    await sql.raw(`create schema ${schema}`).execute(admin.db);
    const url = new URL(pgUrl);
    url.searchParams.set('options', `-c search_path=${schema} -c synchronous_commit=on`);
    try {
      results.push(await run('postgres', url.toString()));
    } finally {
      await sql.raw(`drop schema ${schema} cascade`).execute(admin.db);
      await admin.close();
    }
  } else if (only !== 'sqlite') {
    console.error(`${bench}: no KINGJAM_BENCH_PG_URL / KINGJAM_TEST_PG_URL — PostgreSQL not measured (eval "$(bash .ci/postgres.sh)")`);
  }
  return results;
}
