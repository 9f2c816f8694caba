/**
 * npm run bench:gateway — what the generation gateway adds to a streamed text call. 16 clients
 * stream `:streamGenerateContent?alt=sse` at a fixed total rate (default 200 calls/s) through a real
 * `kingjam-cloud serve` process on SQLite to a fake Gemini, in a process of its own
 * (fake-gemini.ts), that answers at a fixed pace — and, in one-second phases alternating with
 * those, the same clients call the fake directly with the platform key, and through a bare Node
 * proxy (bare-proxy.ts: no auth, no ledger — the cost of one more process on the path, this
 * host's floor for any gateway). All phases see the same machine load, so the difference is the gateway's:
 * - `ttfb_p50_ms` / `ttfb_p99_ms`: request sent → first byte of the first event, per path;
 * - `added_p50_ms` / `added_p99_ms`: gateway minus direct, and `ratio_p50` / `ratio_p99`;
 * - `proxy_added_p50_ms` / `proxy_added_p99_ms`: the bare proxy minus direct;
 * - `gw_cpu_ms_per_call`: the gateway process's own CPU (user + system, /proc) per call, and
 *   `gw_idle_cpu_ms_per_s` its CPU while the other paths run;
 * - `calls_per_s`: achieved rate through the gateway (a client that falls behind its schedule is
 *   counted in `late`), `errors`, and after the run `held_left` (credits still held: must be 0) and
 *   `charge_per_call` (every call charged the same: its token usage).
 * Env: KINGJAM_BENCH_SECONDS (measured seconds per path, default 20), KINGJAM_BENCH_RATE (calls/s,
 * default 200), KINGJAM_BENCH_PROF=DIR (V8 CPU profile of the gateway process).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createAccount } from '../src/accounts.js';
import { hashPassword } from '../src/auth/passwords.js';
import { systemClock } from '../src/clock.js';
import { openDatabase } from '../src/db/connect.js';
import { migrate } from '../src/db/migrations.js';
import { alternatePhases, jsonCall, pct, serveCloud } from './support.js';

const CLIENTS = 16;
const SECONDS = Number(process.env.KINGJAM_BENCH_SECONDS ?? 20);
const RATE = Number(process.env.KINGJAM_BENCH_RATE ?? 200);
/**
 * Gateway traffic before anything is measured. V8 is still optimising the gateway's code in the
 * first seconds of load: in a traced 40-s run after a 1.5-s warm-up, the first five 1-s gateway
 * phases held 96 of the 150 calls past 5 ms added. What is measured is the server as it runs for hours.
 */
const WARMUP_MS = 6000;
const PHASE_MS = 1000;
const GRANT = 100_000_000;
const MODEL = 'gemini-3.5-flash';
const SECRET = randomBytes(32).toString('hex');
const PLATFORM_KEY = `bench-platform-${randomBytes(8).toString('hex')}`;
const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS * 2 });
const PROMPT = JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'Write one line about the sea.' }] }], generationConfig: { maxOutputTokens: 256 } });

/** A helper of this bench in its own process (fake-gemini.ts, bare-proxy.ts): it prints `listening on URL`. */
function helper(script: string, args: string[]): Promise<{ url: string; close: () => void }> {
  const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(new URL(script, import.meta.url)), ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', (line) => {
      const m = /^listening on (\S+)$/.exec(line);
      if (m?.[1]) resolve({ url: m[1], close: () => child.kill('SIGTERM') });
      else reject(new Error(line));
    });
    child.once('exit', (c) => reject(new Error(`${script} exited ${c}`)));
  });
}

interface Answer {
  status: number;
  ttfb: number;
  body: string;
}

/** One streamed call: the time to the first body byte, and the whole body. */
function stream(url: string, headers: Record<string, string>): Promise<Answer> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    let ttfb = NaN;
    const req = request(
      { agent, host: u.hostname, port: u.port, path: `${u.pathname}${u.search}`, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(PROMPT), ...headers } },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => {
          if (Number.isNaN(ttfb)) ttfb = performance.now() - t0;
          body += c.toString();
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, ttfb, body }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(PROMPT);
  });
}

const json = (base: string, path: string, method: 'GET' | 'POST', body?: unknown, token?: string) => jsonCall(agent, base, path, method, body, token);

function serve(target: string, upstream: string): ReturnType<typeof serveCloud> {
  return serveCloud(target, SECRET, {
    GEMINI_API_KEY: PLATFORM_KEY,
    KINGJAM_GEMINI_BASE_URL: upstream,
    // Each bench user makes ~12 calls/s, far past a user's real per-minute rate: that limit is not what is measured.
    KINGJAM_GEN_RATE_PER_MINUTE: '1000000',
  });
}

const ms = (n: number): number => Number(n.toFixed(2));
const sleep = (t: number): Promise<void> => new Promise((r) => setTimeout(r, t));

type Path = 'gateway' | 'direct' | 'proxy';

async function run(target: string) {
  const fake = await helper('./fake-gemini.ts', [PLATFORM_KEY, MODEL]);
  const proxy = await helper('./bare-proxy.ts', [fake.url, PLATFORM_KEY]);
  const h = openDatabase(target, { poolSize: 2 });
  await migrate(h);
  const adminEmail = `bench-admin-${randomUUID()}@example.test`;
  await createAccount(h, systemClock, { email: adminEmail, passwordHash: await hashPassword('bench admin pw'), role: 'admin' });
  const { child, base } = await serve(target, fake.url);
  try {
    const admin = (await json(base, '/v1/auth/login', 'POST', { email: adminEmail, password: 'bench admin pw' })).body.access_token as string;
    const users: { access: string; gen: string }[] = [];
    for (let i = 0; i < CLIENTS; i++) {
      const email = `bench-${randomUUID()}@example.test`;
      await createAccount(h, systemClock, { email, passwordHash: await hashPassword('bench user pw') });
      const login = (await json(base, '/v1/auth/login', 'POST', { email, password: 'bench user pw' })).body;
      const access = login.access_token as string;
      await json(base, '/v1/admin/grants', 'POST', { id: randomUUID(), user_id: (login.user as { id: string }).id, bucket: 'PAID', amount: GRANT, reason: 'bench' }, admin);
      const gen = await json(base, '/v1/gen/tokens', 'POST', { purpose: 'blog' }, access);
      if (gen.status !== 200 && gen.status !== 201) throw new Error(`POST /v1/gen/tokens answered ${gen.status}: ${JSON.stringify(gen.body)}`);
      users.push({ access, gen: gen.body.token as string });
    }
    const urls: Record<Path, string> = {
      gateway: `${base}/v1/gen/gemini/v1beta/models/${MODEL}:streamGenerateContent?alt=sse`,
      direct: `${fake.url}/v1beta/models/${MODEL}:streamGenerateContent?alt=sse`,
      proxy: `${proxy.url}/v1beta/models/${MODEL}:streamGenerateContent?alt=sse`,
    };
    let phase: Path = 'gateway';
    let measuring = false;
    let stop = false;
    const ttfb: Record<Path, number[]> = { gateway: [], direct: [], proxy: [] };
    const errors: string[] = [];
    let late = 0;
    let gatewayOk = 0;
    const interval = (CLIENTS * 1000) / RATE;
    const client = async (u: { gen: string }, i: number): Promise<void> => {
      let next = performance.now() + (i * 1000) / RATE;
      while (!stop) {
        const wait = next - performance.now();
        if (wait > 0) await sleep(wait);
        else if (wait < -interval) {
          late++;
          next = performance.now();
        }
        next += interval;
        const path = phase;
        const counted = measuring;
        const headers: Record<string, string> = path === 'gateway' ? { 'x-goog-api-key': u.gen, 'idempotency-key': randomUUID() } : path === 'direct' ? { 'x-goog-api-key': PLATFORM_KEY } : {};
        const a = await stream(urls[path], headers).catch((e: unknown) => ({ status: 0, ttfb: NaN, body: String(e) }));
        if (a.status !== 200 || !a.body.includes('"usageMetadata"')) {
          if (errors.length < 5) errors.push(`${path} ${a.status} ${a.body.slice(0, 200)}`);
          else errors.push('');
          continue;
        }
        if (path === 'gateway') gatewayOk++;
        if (counted && measuring && phase === path) ttfb[path].push(a.ttfb);
      }
    };
    const running = Promise.all(users.map(client));
    await sleep(WARMUP_MS);
    measuring = true;
    const { time, cpu, cpuKnown, loads } = await alternatePhases(['gateway', 'direct', 'proxy'] as const, { seconds: SECONDS, phaseMs: PHASE_MS, pid: child.pid, onPhase: (p) => (phase = p) });
    measuring = false;
    stop = true;
    await running;
    // Every call settled: nothing left held, and each charged the same (the fake's usage is fixed).
    let heldLeft = 0;
    let charged = 0;
    for (const u of users) {
      const bal = (await json(base, '/v1/ledger/balance', 'GET', undefined, u.access)).body;
      heldLeft += Number(bal.held);
      charged += GRANT - Number(bal.available);
    }
    const check = (await json(base, '/v1/admin/ledger/check', 'GET', undefined, admin)).body;
    const gw = [...ttfb.gateway].sort((x, y) => x - y);
    const direct = [...ttfb.direct].sort((x, y) => x - y);
    const bare = [...ttfb.proxy].sort((x, y) => x - y);
    const row = (p: Path, sorted: number[]) => ({
      path: p,
      calls: sorted.length,
      calls_per_s: Math.round(sorted.length / time[p]),
      ttfb_p50_ms: ms(pct(sorted, 0.5)),
      ttfb_p99_ms: ms(pct(sorted, 0.99)),
    });
    const added50 = pct(gw, 0.5) - pct(direct, 0.5);
    const added99 = pct(gw, 0.99) - pct(direct, 0.99);
    const summary = {
      rate_target: RATE,
      clients: CLIENTS,
      added_p50_ms: ms(added50),
      added_p99_ms: ms(added99),
      ratio_p50: Number((pct(gw, 0.5) / pct(direct, 0.5)).toFixed(3)),
      ratio_p99: Number((pct(gw, 0.99) / pct(direct, 0.99)).toFixed(3)),
      proxy_added_p50_ms: ms(pct(bare, 0.5) - pct(direct, 0.5)),
      proxy_added_p99_ms: ms(pct(bare, 0.99) - pct(direct, 0.99)),
      gw_cpu_ms_per_call: cpuKnown ? ms(cpu.gateway / gw.length) : null,
      gw_idle_cpu_ms_per_s: cpuKnown ? ms((cpu.direct + cpu.proxy) / (time.direct + time.proxy)) : null,
      load_1m: Number((loads.reduce((a, b) => a + b, 0) / loads.length).toFixed(2)),
      late,
      errors: errors.length,
      held_left: heldLeft,
      charge_per_call: gatewayOk ? Number((charged / gatewayOk).toFixed(3)) : null,
      violations: (check.violations as unknown[] | undefined)?.length ?? null,
      goal_p99_added_5ms: added99 <= 5 ? 'met' : 'not met',
    };
    for (const e of errors.filter(Boolean)) console.error(`bench:gateway error: ${e}`);
    return { rows: [row('gateway', gw), row('direct', direct), row('proxy', bare)], summary };
  } finally {
    child.kill('SIGTERM');
    proxy.close();
    fake.close();
    await h.close();
  }
}

const dir = mkdtempSync(join(tmpdir(), 'kingjam-bench-gw-'));
try {
  const { rows, summary } = await run(join(dir, 'bench.db'));
  console.table(rows);
  console.table([summary]);
  console.log(JSON.stringify({ rows, summary }));
  if (summary.held_left !== 0 || summary.errors > 0 || (summary.violations ?? 0) > 0) process.exitCode = 1;
} finally {
  agent.destroy();
  rmSync(dir, { recursive: true, force: true });
}
