/**
 * npm run bench:ledger — hold + capture pairs per second with 8 concurrent HTTP clients against a
 * real `kingjam-cloud serve` process, on SQLite and on PostgreSQL in the same run, then the
 * consistency check. PostgreSQL comes from KINGJAM_BENCH_PG_URL or KINGJAM_TEST_PG_URL (each run
 * uses a fresh schema) and runs with synchronous_commit=on (durable commits).
 * KINGJAM_BENCH_SECONDS sets the measured time of pairs per database (default 10; as much again
 * goes to the baseline, in alternating one-second phases).
 *
 * The machine is shared, so absolute pairs/s move with other people's load. Two figures that do not:
 * - `cpu_ms_per_pair`: the server process's own CPU time (user + system, from /proc) per pair;
 * - `ratio_to_get`: pairs/s divided by the req/s of a trivial authenticated GET (/v1/plans) on the
 *   same server with the same clients, measured in phases alternating with the pairs' — both see
 *   the same load, so the ratio holds better than either figure;
 * - `pair_cost_in_gets`: server CPU per pair over server CPU per GET.
 * KINGJAM_BENCH_DB=sqlite|postgres measures one database only.
 * KINGJAM_BENCH_PROF=DIR writes a V8 CPU profile of each server process into DIR (node --cpu-prof).
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { createAccount } from '../src/accounts.js';
import { hashPassword } from '../src/auth/passwords.js';
import { systemClock } from '../src/clock.js';
import { openDatabase } from '../src/db/connect.js';
import { migrate } from '../src/db/migrations.js';

const CLIENTS = 8;
const SECONDS = Number(process.env.KINGJAM_BENCH_SECONDS ?? 10);
const WARMUP_MS = 1500;
const PHASE_MS = 1000;
const SECRET = randomBytes(32).toString('hex');
const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS * 2 });

function post(base: string, path: string, body: unknown, token?: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const data = JSON.stringify(body);
  const u = new URL(path, base);
  return new Promise((resolve, reject) => {
    const req = request(
      { agent, host: u.hostname, port: u.port, path: u.pathname, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data), ...(token ? { authorization: `Bearer ${token}` } : {}) } },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} }));
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}
const get = (base: string, path: string, token: string) =>
  new Promise<Record<string, unknown>>((resolve, reject) => {
    const u = new URL(path, base);
    request({ agent, host: u.hostname, port: u.port, path: u.pathname, headers: { authorization: `Bearer ${token}` } }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve(JSON.parse(text) as Record<string, unknown>));
    })
      .on('error', reject)
      .end();
  });

const PROF_DIR = process.env.KINGJAM_BENCH_PROF;
/** Clock ticks per second of /proc/PID/stat (USER_HZ: 100 on every Linux this runs on). */
const USER_HZ = 100;

/** CPU time (user + system, ms) a process has used so far; null where /proc is not there. */
function cpuMs(pid: number | undefined): number | null {
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

function serve(target: string): Promise<{ child: ChildProcess; base: string }> {
  const prof = PROF_DIR ? ['--cpu-prof', '--cpu-prof-dir', PROF_DIR] : [];
  const child = spawn(process.execPath, [...prof, '--import', 'tsx', MAIN, 'serve', '--port', '0', '--db', target], {
    // Production mode needs the vault's keys; the bench never stores a token, so a random one will do.
    env: { ...process.env, KINGJAM_JWT_SECRET: SECRET, KINGJAM_VAULT_KEYS: `bench:${randomBytes(32).toString('base64')}`, LOG_LEVEL: 'warn', NODE_ENV: 'production' },
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

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;

async function run(name: string, target: string) {
  const h = openDatabase(target, { poolSize: 2 });
  await migrate(h);
  const adminEmail = `bench-admin-${randomUUID()}@example.test`;
  await createAccount(h, systemClock, { email: adminEmail, passwordHash: await hashPassword('bench admin pw'), role: 'admin' });
  const { child, base } = await serve(target);
  try {
    const admin = (await post(base, '/v1/auth/login', { email: adminEmail, password: 'bench admin pw' })).body.access_token as string;
    const users: { id: string; token: string }[] = [];
    for (let i = 0; i < CLIENTS; i++) {
      // Made in the database: sign-up mails a code, and the bench measures the ledger, not sign-up.
      const email = `bench-${randomUUID()}@example.test`;
      await createAccount(h, systemClock, { email, passwordHash: await hashPassword('bench user pw') });
      const r = await post(base, '/v1/auth/login', { email, password: 'bench user pw' });
      const user = r.body.user as { id: string };
      users.push({ id: user.id, token: r.body.access_token as string });
      await post(base, '/v1/admin/grants', { id: randomUUID(), user_id: user.id, bucket: 'PAID', amount: 100_000_000, reason: 'bench' }, admin);
    }
    // The measured time alternates, one second each, between hold+capture pairs and the baseline
    // (a trivial authenticated GET): both see the same load from whatever else the machine runs.
    type Phase = 'pair' | 'get';
    let phase: Phase = 'pair';
    let measuring = false;
    let stop = false;
    const latencies: number[] = [];
    let pairs = 0;
    let gets = 0;
    let errors = 0;
    const captured = new Map<string, number>();
    const client = async (u: { id: string; token: string }) => {
      while (!stop) {
        const started = phase;
        const counted = measuring;
        const t0 = performance.now();
        if (started === 'get') {
          await get(base, '/v1/plans', u.token);
          // Only ops that start and end inside one measured phase count.
          if (counted && measuring && phase === started) gets++;
          continue;
        }
        const hold = randomUUID();
        const a = await post(base, '/v1/ledger/holds', { id: hold, amount: 20, ttl_seconds: 600, reason: 'bench job' }, u.token);
        const b = await post(base, `/v1/ledger/holds/${hold}/capture`, { id: randomUUID(), amount: 15 }, u.token);
        if (a.status !== 200 || b.status !== 200) {
          errors++;
          continue;
        }
        captured.set(u.id, (captured.get(u.id) ?? 0) + 15);
        if (counted && measuring && phase === started) {
          latencies.push(performance.now() - t0);
          pairs++;
        }
      }
    };
    const running = Promise.all(users.map(client));
    await new Promise((r) => setTimeout(r, WARMUP_MS));
    const time: Record<Phase, number> = { pair: 0, get: 0 };
    const cpu: Record<Phase, number> = { pair: 0, get: 0 };
    let cpuKnown = true;
    const loads: number[] = [];
    measuring = true;
    for (let round = 0; round < SECONDS; round++) {
      for (const p of ['pair', 'get'] as const) {
        phase = p;
        const t0 = performance.now();
        const c0 = cpuMs(child.pid);
        await new Promise((r) => setTimeout(r, PHASE_MS));
        const c1 = cpuMs(child.pid);
        time[p] += (performance.now() - t0) / 1000;
        if (c0 === null || c1 === null) cpuKnown = false;
        else cpu[p] += c1 - c0;
      }
      loads.push(loadavg()[0] ?? NaN);
    }
    measuring = false;
    stop = true;
    await running;
    const check = await get(base, '/v1/admin/ledger/check', admin);
    let mismatched = 0;
    for (const u of users) {
      const bal = await get(base, '/v1/ledger/balance', u.token);
      // The bench users never verify their address, so they have no sign-up credits: only the grant, less what was captured.
      if (bal.available !== 100_000_000 - (captured.get(u.id) ?? 0) || bal.held !== 0) mismatched++;
    }
    latencies.sort((x, y) => x - y);
    const pairsPerS = pairs / time.pair;
    const getsPerS = gets / time.get;
    const cpuPair = cpuKnown ? cpu.pair / pairs : null;
    const cpuGet = cpuKnown ? cpu.get / gets : null;
    return {
      database: name,
      clients: CLIENTS,
      seconds: Number(time.pair.toFixed(1)),
      pairs,
      pairs_per_s: Math.round(pairsPerS),
      pair_p50_ms: Number(pct(latencies, 0.5).toFixed(2)),
      pair_p99_ms: Number(pct(latencies, 0.99).toFixed(2)),
      get_per_s: Math.round(getsPerS),
      ratio_to_get: Number((pairsPerS / getsPerS).toFixed(3)),
      cpu_ms_per_pair: cpuPair === null ? null : Number(cpuPair.toFixed(3)),
      cpu_ms_per_get: cpuGet === null ? null : Number(cpuGet.toFixed(3)),
      pair_cost_in_gets: cpuPair === null || cpuGet === null ? null : Number((cpuPair / cpuGet).toFixed(1)),
      load_1m: Number((loads.reduce((a, b) => a + b, 0) / loads.length).toFixed(2)),
      errors,
      violations: (check.violations as unknown[]).length,
      balance_mismatches: mismatched,
    };
  } finally {
    child.kill('SIGTERM');
    await h.close();
  }
}

const only = process.env.KINGJAM_BENCH_DB;
if (only !== undefined && only !== 'sqlite' && only !== 'postgres') throw new Error(`KINGJAM_BENCH_DB must be sqlite or postgres, not ${only}`);
const results = [];
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
  console.error('bench:ledger: no KINGJAM_BENCH_PG_URL / KINGJAM_TEST_PG_URL — PostgreSQL not measured (eval "$(bash .ci/postgres.sh)")');
}
agent.destroy();
console.table(results);
console.log(JSON.stringify(results));
if (results.some((r) => r.violations > 0 || r.balance_mismatches > 0)) process.exitCode = 1;
