import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createAccount } from '../src/accounts.js';
import { hashPassword } from '../src/auth/passwords.js';
import { systemClock } from '../src/clock.js';
import type { DbHandle } from '../src/db/connect.js';
import type { FreshDb } from './support/db.js';
import { describeEachDb, freshDb } from './support/db.js';
import { JWT_SECRET, call, uuid } from './support/http.js';

const SERVE = fileURLToPath(new URL('./support/serve.ts', import.meta.url));
const FROZEN_NOW = 1_750_000_000_000;

interface Proc {
  child: ChildProcess;
  base: string;
}

/** Starts the real `kingjam-cloud serve` in its own process; resolves on its first line of output. */
function serve(target: string): Promise<Proc> {
  const child = spawn(process.execPath, ['--import', 'tsx', SERVE, 'serve', '--port', '0', '--db', target, '--test-clock'], {
    env: { ...process.env, KINGJAM_JWT_SECRET: JWT_SECRET, NODE_ENV: 'test', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve, reject) => {
    const rl = createInterface({ input: child.stdout! });
    rl.once('line', (line) => {
      const m = /^listening on (http:\/\/[^\s]+)$/.exec(line);
      if (m?.[1]) resolve({ child, base: m[1] });
      else reject(new Error(`unexpected first line: ${line}`));
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code}) before listening: ${stderr}`)));
  });
}

async function setup(base: string, h: DbHandle) {
  const email = `admin-${uuid()}@example.test`;
  await createAccount(h, systemClock, { email, passwordHash: await hashPassword('admin password'), role: 'admin' });
  const adminLogin = await call<{ access_token: string }>(base, 'POST', '/v1/auth/login', { email, password: 'admin password' });
  const admin = adminLogin.body.access_token;
  expect((await call(base, 'POST', '/v1/admin/clock', { now: FROZEN_NOW }, admin)).status).toBe(200);
  // The user's account is made in the database (sign-up by email is signup.test.ts's subject); the wallet gets PAID credits below.
  const userEmail = `u-${uuid()}@example.test`;
  await createAccount(h, systemClock, { email: userEmail, passwordHash: await hashPassword('user password') });
  const reg = await call<{ user: { id: string }; access_token: string }>(base, 'POST', '/v1/auth/login', { email: userEmail, password: 'user password' });
  const user = { id: reg.body.user.id, token: reg.body.access_token };
  expect((await call(base, 'POST', '/v1/admin/grants', { id: uuid(), user_id: user.id, bucket: 'PAID', amount: 100_000, reason: 'crash test' }, admin)).status).toBe(200);
  return { admin, user };
}

function makeBatch(): object[] {
  const ops: object[] = [];
  for (let i = 0; i < 240; i++) {
    const hold = uuid();
    ops.push({ op: 'hold', id: hold, amount: 10 + (i % 40), ttl_seconds: 72 * 3600, reason: `offline job ${i}` });
    if (i % 5 === 4) ops.push({ op: 'release', id: uuid(), hold_id: hold });
    else ops.push({ op: 'capture', id: uuid(), hold_id: hold, amount: 5 + (i % 5) });
  }
  // Some ops that are refused, so the answers include errors too.
  ops.push({ op: 'hold', id: uuid(), amount: 1_000_000, ttl_seconds: 60, reason: 'too much' });
  return ops;
}

type BatchReply = { results: { id: string; ok: boolean; status: number; result?: unknown; error?: { code: string } }[] };
const answers = (r: BatchReply) => r.results.map((x) => (x.ok ? x : { id: x.id, status: x.status, code: x.error?.code }));

describeEachDb('server killed in the middle of a batch', (kind) => {
  let db: FreshDb;
  let ref: FreshDb;
  let probe: DbHandle;
  const procs: ChildProcess[] = [];
  beforeAll(async () => {
    db = await freshDb(kind);
    ref = await freshDb(kind);
    probe = await db.open({ poolSize: 1 });
    await (await ref.open()).close();
  });
  afterAll(async () => {
    for (const p of procs) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
    await probe?.close();
    await db?.drop();
    await ref?.drop();
  });

  it('keeps the invariants after restart, and a replay answers as an uninterrupted run would', async () => {
    const ops = makeBatch();

    // The reference: the same batch, uninterrupted, on its own database.
    const r0 = await serve(ref.target);
    procs.push(r0.child);
    const refSetup = await setup(r0.base, await ref.open());
    const expected = await call<BatchReply>(r0.base, 'POST', '/v1/ledger/batch', { ops }, refSetup.user.token);
    expect(expected.status).toBe(200);
    const refBalance = await call<{ total: number; available: number; held: number }>(r0.base, 'GET', '/v1/ledger/balance', undefined, refSetup.user.token);
    r0.child.kill('SIGTERM');

    // The victim: killed with SIGKILL while the batch is half done.
    const a = await serve(db.target);
    procs.push(a.child);
    const { admin, user } = await setup(a.base, probe);
    const inflight = call(a.base, 'POST', '/v1/ledger/batch', { ops }, user.token).then(
      () => 'completed',
      () => 'connection lost',
    );
    let done = 0;
    for (let i = 0; i < 2000 && done < 60; i++) {
      await new Promise((r) => setTimeout(r, 5));
      const row = await probe.db.selectFrom('journal').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', user.id).where('kind', 'in', ['hold', 'capture', 'release']).executeTakeFirstOrThrow();
      done = Number(row.n);
    }
    a.child.kill('SIGKILL');
    expect(await inflight).toBe('connection lost');
    const row = await probe.db.selectFrom('journal').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', user.id).where('kind', '!=', 'grant').executeTakeFirstOrThrow();
    expect(Number(row.n)).toBeGreaterThanOrEqual(60);
    expect(Number(row.n)).toBeLessThan(ops.length - 1); // it really died mid-batch

    // Restart on the same database: the ledger is consistent, nothing half-written.
    const b = await serve(db.target);
    procs.push(b.child);
    await call(b.base, 'POST', '/v1/admin/clock', { now: FROZEN_NOW }, admin);
    const check = await call(b.base, 'GET', '/v1/admin/ledger/check', undefined, admin);
    expect(check.body).toMatchObject({ ok: true, violations: [] });

    const replay = await call<BatchReply>(b.base, 'POST', '/v1/ledger/batch', { ops }, user.token);
    expect(replay.status).toBe(200);
    expect(answers(replay.body)).toEqual(answers(expected.body));
    const again = await call<BatchReply>(b.base, 'POST', '/v1/ledger/batch', { ops }, user.token);
    expect(answers(again.body)).toEqual(answers(expected.body));

    const balance = await call<{ total: number; available: number; held: number }>(b.base, 'GET', '/v1/ledger/balance', undefined, user.token);
    expect([balance.body.total, balance.body.available, balance.body.held]).toEqual([refBalance.body.total, refBalance.body.available, refBalance.body.held]);
    expect((await call(b.base, 'GET', '/v1/admin/ledger/check', undefined, admin)).body).toMatchObject({ ok: true });
    b.child.kill('SIGTERM');
  }, 120_000);
});
