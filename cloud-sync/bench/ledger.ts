/**
 * npm run bench:ledger — hold + capture pairs per second with 8 concurrent HTTP clients against a
 * real `kingjam-cloud serve` process, on SQLite and on PostgreSQL in the same run, then the
 * consistency check. PostgreSQL comes from KINGJAM_BENCH_PG_URL or KINGJAM_TEST_PG_URL (each run
 * uses a fresh schema) and runs with synchronous_commit=on (durable commits).
 * KINGJAM_BENCH_SECONDS sets the measured time per database (default 10).
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
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

function serve(target: string): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'serve', '--port', '0', '--db', target], {
    env: { ...process.env, KINGJAM_JWT_SECRET: SECRET, LOG_LEVEL: 'warn', NODE_ENV: 'production' },
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
      const r = await post(base, '/v1/auth/register', { email: `bench-${randomUUID()}@example.test`, password: 'bench user pw' });
      const user = r.body.user as { id: string };
      users.push({ id: user.id, token: r.body.access_token as string });
      await post(base, '/v1/admin/grants', { id: randomUUID(), user_id: user.id, bucket: 'PAID', amount: 100_000_000, reason: 'bench' }, admin);
    }
    const latencies: number[] = [];
    let pairs = 0;
    let errors = 0;
    let measuring = false;
    let stop = false;
    const captured = new Map<string, number>();
    const client = async (u: { id: string; token: string }) => {
      while (!stop) {
        const t0 = performance.now();
        const hold = randomUUID();
        const a = await post(base, '/v1/ledger/holds', { id: hold, amount: 20, ttl_seconds: 600, reason: 'bench job' }, u.token);
        const b = await post(base, `/v1/ledger/holds/${hold}/capture`, { id: randomUUID(), amount: 15 }, u.token);
        if (a.status !== 200 || b.status !== 200) {
          errors++;
          continue;
        }
        captured.set(u.id, (captured.get(u.id) ?? 0) + 15);
        if (measuring) {
          latencies.push(performance.now() - t0);
          pairs++;
        }
      }
    };
    const running = Promise.all(users.map(client));
    await new Promise((r) => setTimeout(r, WARMUP_MS));
    measuring = true;
    const t0 = performance.now();
    await new Promise((r) => setTimeout(r, SECONDS * 1000));
    measuring = false;
    const elapsed = (performance.now() - t0) / 1000;
    stop = true;
    await running;
    const check = await get(base, '/v1/admin/ledger/check', admin);
    let mismatched = 0;
    for (const u of users) {
      const bal = await get(base, '/v1/ledger/balance', u.token);
      if (bal.available !== 200 + 100_000_000 - (captured.get(u.id) ?? 0) || bal.held !== 0) mismatched++;
    }
    latencies.sort((x, y) => x - y);
    return {
      database: name,
      clients: CLIENTS,
      seconds: Number(elapsed.toFixed(1)),
      pairs,
      pairs_per_s: Math.round(pairs / elapsed),
      pair_p50_ms: Number(pct(latencies, 0.5).toFixed(2)),
      pair_p99_ms: Number(pct(latencies, 0.99).toFixed(2)),
      errors,
      violations: (check.violations as unknown[]).length,
      balance_mismatches: mismatched,
    };
  } finally {
    child.kill('SIGTERM');
    await h.close();
  }
}

const results = [];
const dir = mkdtempSync(join(tmpdir(), 'kingjam-bench-'));
try {
  results.push(await run('sqlite', join(dir, 'bench.db')));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const pgUrl = process.env.KINGJAM_BENCH_PG_URL ?? process.env.KINGJAM_TEST_PG_URL;
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
} else {
  console.error('bench:ledger: no KINGJAM_BENCH_PG_URL / KINGJAM_TEST_PG_URL — PostgreSQL not measured (eval "$(bash .ci/postgres.sh)")');
}
agent.destroy();
console.table(results);
console.log(JSON.stringify(results));
if (results.some((r) => r.violations > 0 || r.balance_mismatches > 0)) process.exitCode = 1;
