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
import { randomBytes, randomUUID } from 'node:crypto';
import { Agent } from 'node:http';
import { createAccount } from '../src/accounts.js';
import { hashPassword } from '../src/auth/passwords.js';
import { systemClock } from '../src/clock.js';
import { openDatabase } from '../src/db/connect.js';
import { migrate } from '../src/db/migrations.js';
import { alternatePhases, jsonCall, onEachDatabase, pct, serveCloud } from './support.js';

const CLIENTS = 8;
const SECONDS = Number(process.env.KINGJAM_BENCH_SECONDS ?? 10);
const WARMUP_MS = 1500;
const PHASE_MS = 1000;
const SECRET = randomBytes(32).toString('hex');
const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS * 2 });

const post = (base: string, path: string, body: unknown, token?: string) => jsonCall(agent, base, path, 'POST', body, token);
const get = async (base: string, path: string, token: string) => (await jsonCall(agent, base, path, 'GET', undefined, token)).body;

async function run(name: string, target: string) {
  const h = openDatabase(target, { poolSize: 2 });
  await migrate(h);
  const adminEmail = `bench-admin-${randomUUID()}@example.test`;
  await createAccount(h, systemClock, { email: adminEmail, passwordHash: await hashPassword('bench admin pw'), role: 'admin' });
  const { child, base } = await serveCloud(target, SECRET);
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
    measuring = true;
    const { time, cpu, cpuKnown, loads } = await alternatePhases(['pair', 'get'] as const, { seconds: SECONDS, phaseMs: PHASE_MS, pid: child.pid, onPhase: (p) => (phase = p) });
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

const results = await onEachDatabase('bench:ledger', run);
agent.destroy();
console.table(results);
console.log(JSON.stringify(results));
if (results.some((r) => r.violations > 0 || r.balance_mismatches > 0)) process.exitCode = 1;
