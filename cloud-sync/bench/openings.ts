/**
 * npm run bench:openings — blind-box openings per second through HTTP with 8 concurrent clients,
 * against hold + capture pairs per second (POST /v1/ledger/holds then /capture) with 8 clients, on
 * the same `kingjam-cloud serve` process in the same run, in alternating one-second phases (both see
 * the same machine load). Prints both rates and "an opening costs X pairs" (goal: ≤ 1.5). SQLite,
 * and PostgreSQL too when KINGJAM_BENCH_PG_URL or KINGJAM_TEST_PG_URL is set (a fresh schema,
 * synchronous_commit=on). KINGJAM_BENCH_SECONDS sets the measured seconds per path (default 10);
 * KINGJAM_BENCH_DB=sqlite|postgres measures one database only.
 *
 * An opening does more than a pair in one request: eligibility, the series' state, the daily count,
 * the draw, hold and capture, the stock, the collection row and the audit append — one transaction
 * against the pair's two (on SQLite one operation of the ledger's group commit; on PostgreSQL one
 * guarded statement in autocommit, after a read unless the server already knew the buyer, its audit
 * entry sealed after the commit). The run ends with the ledger's and the audit chain's checks and
 * every balance.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { Agent } from 'node:http';
import { createAccount } from '../src/accounts.js';
import { hashPassword } from '../src/auth/passwords.js';
import { systemClock } from '../src/clock.js';
import { openDatabase, type DbHandle } from '../src/db/connect.js';
import { migrate } from '../src/db/migrations.js';
import { alternatePhases, jsonCall, onEachDatabase, pct, serveCloud } from './support.js';

const CLIENTS = 8;
const SECONDS = Number(process.env.KINGJAM_BENCH_SECONDS ?? 10);
const WARMUP_MS = 1500;
const PHASE_MS = 1000;
/** Openings go round-robin over several series, so no buyer meets a series' daily limit (1,000) in a run. */
const SERIES = 8;
const PRICE = 20;
const SECRET = randomBytes(32).toString('hex');
const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS * 2 });

const post = (base: string, path: string, body: unknown, token?: string) => jsonCall(agent, base, path, 'POST', body, token);
const get = async (base: string, path: string, token: string) => (await jsonCall(agent, base, path, 'GET', undefined, token)).body;

async function account(h: DbHandle, base: string, role: 'user' | 'admin' = 'user'): Promise<{ id: string; token: string }> {
  const email = `bench-${randomUUID()}@example.test`;
  await createAccount(h, systemClock, { email, passwordHash: await hashPassword('bench user pw'), role });
  const r = await post(base, '/v1/auth/login', { email, password: 'bench user pw' });
  return { id: (r.body.user as { id: string }).id, token: r.body.access_token as string };
}

/** An approved identity with an adult's birth date, written straight to the database (the bench measures openings, not reviews). */
async function approveAdult(h: DbHandle, userId: string): Promise<void> {
  const now = Date.now();
  const doc = randomUUID();
  await h.db.insertInto('identity_documents').values({ id: doc, user_id: userId, content_type: 'image/png', size: 1, data: Buffer.from([0]), created_at: now }).execute();
  await h.db
    .insertInto('identity_verifications')
    .values({ id: randomUUID(), user_id: userId, national_id_hash: randomBytes(32).toString('hex'), national_id_masked: 'A1*****789', full_name: 'Bench Buyer', document_id: doc, birth_date: '1990-01-01', status: 'approved', note: 'bench', reviewed_by: null, reviewed_at: now, created_at: now })
    .execute();
}

async function run(name: string, target: string) {
  const h = openDatabase(target, { poolSize: 2 });
  await migrate(h);
  const { child, base } = await serveCloud(target, SECRET);
  try {
    const admin = await account(h, base, 'admin');
    const creator = await account(h, base);
    const series: string[] = [];
    for (let i = 0; i < SERIES; i++) {
      const items = [
        { name: 'Regular', tier: 'regular', odds_ppm: 900_000, stock: null, character: null, image: null, production_pack: null },
        { name: 'Rare', tier: 'rare', odds_ppm: 95_000, stock: null, character: null, image: null, production_pack: null },
        { name: 'Secret', tier: 'secret', odds_ppm: 5_000, stock: 1_000_000, character: null, image: null, production_pack: null },
      ];
      const c = await post(base, '/v1/boxes/series', { title: `Bench ${i}`, description: '', price: PRICE, daily_limit: 1000, starts_at: 0, ends_at: null, guarantee: { after: 10, tier: 'rare' }, items }, creator.token);
      if (c.status !== 201) throw new Error(`series: ${c.status} ${JSON.stringify(c.body)}`);
      await post(base, `/v1/boxes/series/${c.body.id as string}/open`, {}, creator.token);
      series.push(c.body.id as string);
    }
    const users: { id: string; token: string }[] = [];
    for (let i = 0; i < CLIENTS; i++) {
      const u = await account(h, base);
      await approveAdult(h, u.id);
      await post(base, '/v1/admin/grants', { id: randomUUID(), user_id: u.id, bucket: 'PAID', amount: 100_000_000, reason: 'bench' }, admin.token);
      users.push(u);
    }

    type Phase = 'open' | 'pair';
    let phase: Phase = 'open';
    let measuring = false;
    let stop = false;
    const lat: Record<Phase, number[]> = { open: [], pair: [] };
    const done: Record<Phase, number> = { open: 0, pair: 0 };
    let errors = 0;
    const spent = new Map<string, number>();
    const client = async (u: { id: string; token: string }, k: number) => {
      let n = k;
      while (!stop) {
        const started = phase;
        const counted = measuring;
        const t0 = performance.now();
        let ok: boolean;
        let cost = 0;
        if (started === 'open') {
          const r = await post(base, `/v1/boxes/series/${series[n++ % SERIES]!}/openings`, { request_id: randomUUID(), notice_acknowledged: true }, u.token);
          ok = r.status === 201;
          cost = ok ? Number(r.body.credits) : 0;
        } else {
          const hold = randomUUID();
          const a = await post(base, '/v1/ledger/holds', { id: hold, amount: 20, ttl_seconds: 600, reason: 'bench job' }, u.token);
          const b = await post(base, `/v1/ledger/holds/${hold}/capture`, { id: randomUUID(), amount: 15 }, u.token);
          ok = a.status === 200 && b.status === 200;
          cost = ok ? 15 : 0;
        }
        if (!ok) {
          errors++;
          continue;
        }
        spent.set(u.id, (spent.get(u.id) ?? 0) + cost);
        // Only operations that start and end inside one measured phase count.
        if (counted && measuring && phase === started) {
          lat[started].push(performance.now() - t0);
          done[started]++;
        }
      }
    };
    const running = Promise.all(users.map(client));
    await new Promise((r) => setTimeout(r, WARMUP_MS));
    measuring = true;
    const { time, cpu, cpuKnown, loads } = await alternatePhases(['open', 'pair'] as const, { seconds: SECONDS, phaseMs: PHASE_MS, pid: child.pid, onPhase: (p) => (phase = p) });
    measuring = false;
    stop = true;
    await running;

    const check = await get(base, '/v1/admin/ledger/check', admin.token);
    // The audit chain verifies; `unsealed`: entries not yet linked when it was read (PostgreSQL seals just after each commit).
    const audit = await get(base, '/v1/admin/audit/check', admin.token);
    let mismatched = 0;
    for (const u of users) {
      const bal = await get(base, '/v1/ledger/balance', u.token);
      if (bal.available !== 100_000_000 - (spent.get(u.id) ?? 0) || bal.held !== 0) mismatched++;
    }
    for (const l of Object.values(lat)) l.sort((x, y) => x - y);
    const opensPerS = done.open / time.open;
    const pairsPerS = done.pair / time.pair;
    const cpuOpen = cpuKnown ? cpu.open / done.open : null;
    const cpuPair = cpuKnown ? cpu.pair / done.pair : null;
    return {
      database: name,
      clients: CLIENTS,
      openings: done.open,
      openings_per_s: Math.round(opensPerS),
      open_p50_ms: Number(pct(lat.open, 0.5).toFixed(2)),
      open_p99_ms: Number(pct(lat.open, 0.99).toFixed(2)),
      pairs: done.pair,
      pairs_per_s: Math.round(pairsPerS),
      pair_p50_ms: Number(pct(lat.pair, 0.5).toFixed(2)),
      // The goal: an opening costs at most 1.5 hold+capture pairs (by rate; by server CPU beside it).
      opening_costs_pairs: Number((pairsPerS / opensPerS).toFixed(2)),
      opening_costs_pairs_cpu: cpuOpen === null || cpuPair === null ? null : Number((cpuOpen / cpuPair).toFixed(2)),
      load_1m: Number((loads.reduce((a, b) => a + b, 0) / loads.length).toFixed(2)),
      errors,
      violations: (check.violations as unknown[]).length,
      audit_ok: audit.ok === true,
      audit_unsealed: Number(audit.unsealed),
      balance_mismatches: mismatched,
    };
  } finally {
    child.kill('SIGTERM');
    await h.close();
  }
}

const results = await onEachDatabase('bench:openings', run);
agent.destroy();
console.table(results);
for (const r of results) console.log(`${r.database}: ${r.openings_per_s} openings/s vs ${r.pairs_per_s} hold+capture pairs/s — an opening costs ${r.opening_costs_pairs} pairs (goal ≤ 1.5)`);
console.log(JSON.stringify(results));
if (results.some((r) => r.violations > 0 || r.balance_mismatches > 0 || r.errors > 0 || !r.audit_ok)) process.exitCode = 1;
