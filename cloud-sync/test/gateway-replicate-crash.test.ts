import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { GATEWAY_MOUNTS } from '../../src/shared/gateway.js';
import { createAccount } from '../src/accounts.js';
import { buildApp, type App } from '../src/app.js';
import { hashPassword } from '../src/auth/passwords.js';
import { systemClock, TestClock } from '../src/clock.js';
import type { DbHandle } from '../src/db/connect.js';
import { startReplicateFake, type ReplicateFake } from '../../test/providers/replicate-fake.js';
import { waitFor } from '../../test/providers/fake-server.js';
import { describeEachDb, freshDb, type FreshDb } from './support/db.js';
import { JWT_SECRET, call, uuid } from './support/http.js';

/**
 * The gateway process is killed while two creates are in flight at Replicate (one made its
 * prediction, one made nothing). A server started again on the same database settles both in
 * the background: the prediction that exists is found, made the call's and charged; the other
 * call's hold is released. Nothing waits for the ledger's hold expiry. A running prediction of
 * the platform account that no call owns is canceled.
 */

const SERVE = fileURLToPath(new URL('./support/serve.ts', import.meta.url));

function serve(target: string, fake: ReplicateFake): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', SERVE, 'serve', '--port', '0', '--db', target], {
    env: { ...process.env, KINGJAM_JWT_SECRET: JWT_SECRET, NODE_ENV: 'test', LOG_LEVEL: 'warn', REPLICATE_API_TOKEN: fake.token, KINGJAM_REPLICATE_BASE_URL: fake.baseUrl },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', (line) => {
      const m = /^listening on (http:\/\/\S+)$/.exec(line);
      if (m?.[1]) resolve({ child, base: m[1] });
      else reject(new Error(`unexpected first line: ${line}`));
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code}) before listening: ${stderr}`)));
  });
}

describeEachDb('gateway: Replicate creates in flight when the server is killed', (kind) => {
  let fake: ReplicateFake;
  let fresh: FreshDb;
  let h: DbHandle;
  let child: ChildProcess | undefined;
  let app: App | undefined;

  beforeAll(async () => {
    fake = await startReplicateFake();
    fresh = await freshDb(kind);
    h = await fresh.open({ poolSize: 2 });
  });
  afterAll(async () => {
    child?.kill('SIGKILL');
    await app?.server.close();
    await h.close();
    await fresh.drop();
    await fake.close();
  });

  it('settles them from the platform account: the prediction made is charged, the other hold released', async () => {
    const proc = await serve(fresh.target, fake);
    child = proc.child;
    const adminEmail = `admin-${uuid()}@example.test`;
    await createAccount(h, systemClock, { email: adminEmail, passwordHash: await hashPassword('admin password'), role: 'admin' });
    const admin = (await call<{ access_token: string }>(proc.base, 'POST', '/v1/auth/login', { email: adminEmail, password: 'admin password' })).body.access_token;
    const email = `u-${uuid()}@example.test`;
    await createAccount(h, systemClock, { email, passwordHash: await hashPassword('user password') });
    const login = await call<{ user: { id: string }; access_token: string }>(proc.base, 'POST', '/v1/auth/login', { email, password: 'user password' });
    const userToken = login.body.access_token;
    expect((await call(proc.base, 'POST', '/v1/admin/grants', { id: uuid(), user_id: login.body.user.id, bucket: 'PAID', amount: 1_000, reason: 'test' }, admin)).status).toBe(200);
    const gen = (await call<{ token: string }>(proc.base, 'POST', '/v1/gen/tokens', { purpose: 'director-scene' }, userToken)).body.token;

    // Replicate takes both creates and answers neither; the first made its prediction (already done).
    fake.outcomes = [{ status: 'succeeded', afterPolls: 0 }];
    fake.createFailures = [
      { created: true, hang: true },
      { created: false, hang: true },
    ];
    const create = (prompt: string, duration: number) =>
      fetch(`${proc.base}${GATEWAY_MOUNTS.replicate}/models/kwaivgi/kling-v2.1/predictions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${gen}`, 'content-type': 'application/json', 'idempotency-key': uuid() },
        body: JSON.stringify({ input: { prompt, duration } }),
      }).catch(() => null);
    void create('made it', 10);
    await waitFor(() => fake.creates().length === 1);
    void create('lost', 5);
    await waitFor(() => fake.creates().length === 2);
    child.kill('SIGKILL');
    await new Promise((r) => child?.once('exit', r));

    const running = await h.db.selectFrom('gen_calls').select(['id', 'upstream_ref', 'held', 'status']).where('status', '=', 'running').execute();
    expect(running.map((r) => [r.held, r.upstream_ref])).toEqual(expect.arrayContaining([[45, null], [20, null]]));

    // A create released earlier whose prediction Replicate listed only later: running, nobody's.
    fake.outcomes = [{ status: 'succeeded', afterPolls: 1_000 }];
    const orphan = (await (
      await fetch(`${fake.baseUrl}/models/google/veo-3.1/predictions`, { method: 'POST', headers: { authorization: `Bearer ${fake.token}`, 'content-type': 'application/json' }, body: JSON.stringify({ input: { prompt: 'orphan' } }) })
    ).json()) as { id: string };

    // Started again, with the background sweeps; five minutes on, the lost creates are looked for.
    const clock = new TestClock();
    app = await buildApp({ db: h, jwtSecret: JWT_SECRET, clock, gateway: { replicateApiToken: fake.token, replicateBaseUrl: fake.baseUrl }, background: { sweepMs: 3_600_000, checkMs: 3_600_000, reconcileMs: 50 } });
    const address = await app.server.listen({ port: 0, host: '127.0.0.1' });
    const base = address.replace('localhost', '127.0.0.1');
    const balance = async () => {
      const r = await call<{ available: number; held: number }>(base, 'GET', '/v1/ledger/balance', undefined, userToken);
      return { available: r.body.available, held: r.body.held };
    };
    expect(await balance()).toEqual({ available: 1_000 - 65, held: 65 });
    clock.set(Date.now() + 6 * 60_000);
    let b = await balance();
    for (let i = 0; i < 100 && b.held !== 0; i++) {
      await new Promise((r) => setTimeout(r, 50));
      b = await balance();
    }
    expect(b).toEqual({ available: 1_000 - 45, held: 0 });
    const rows = await h.db.selectFrom('gen_calls').select(['held', 'credits', 'status', 'upstream_ref', 'error_code']).orderBy('held', 'desc').execute();
    const made = [...fake.predictions.values()].find((p) => p.input.prompt === 'made it');
    // The orphan was canceled so it stops costing the platform; the prediction a call owns was not.
    await waitFor(() => fake.predictions.get(orphan.id)?.status === 'canceled');
    expect(made?.status).toBe('succeeded');
    expect(rows).toEqual([
      { held: 45, credits: 45, status: 'succeeded', upstream_ref: made?.id, error_code: null },
      { held: 20, credits: 0, status: 'released', upstream_ref: null, error_code: 'GEN_UPSTREAM_ERROR' },
    ]);
  });
});
