import Replicate, { type Prediction } from 'replicate';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { GATEWAY_MOUNTS } from '../../src/shared/gateway.js';
import { MODEL_CATALOG } from '../../src/shared/models.js';
import { startReplicateFake, type ReplicateFake } from '../../test/providers/replicate-fake.js';
import { waitFor } from '../../test/providers/fake-server.js';
import { describeEachDb } from './support/db.js';
import { Exposure } from './support/gateway.js';
import { startServer, uuid, type Session, type TestServer } from './support/http.js';

/**
 * The gateway's Replicate routes, driven by the real `replicate` SDK (baseUrl = the gateway's
 * mount, auth = a generation token) against a stateful Replicate fake, on SQLite and PostgreSQL.
 */

interface Wallet {
  available: number;
  held: number;
}
interface CallView {
  id: string;
  model: string;
  status: string;
  held: number;
  credits: number;
  error_code: string | null;
  units: Record<string, number>;
}

async function failure(p: Promise<unknown>): Promise<{ status: number; body: Record<string, unknown> }> {
  const err = (await p.then(
    () => null,
    (e: unknown) => e,
  )) as { response?: Response; message?: string } | null;
  if (!err?.response) throw new Error(`expected an HTTP failure, got ${String(err)}`);
  const text = /failed with status \d+[^:]*: (.*)\.$/s.exec(err.message ?? '')?.[1] ?? '{}';
  return { status: err.response.status, body: JSON.parse(text) as Record<string, unknown> };
}

describeEachDb('gateway: Replicate predictions', (kind) => {
  let fake: ReplicateFake;
  let s: TestServer;
  let admin: Session;
  const exposure = new Exposure();

  beforeAll(async () => {
    fake = await startReplicateFake();
    s = await startServer(kind, {
      gateway: { replicateApiToken: fake.token, replicateBaseUrl: fake.baseUrl, deadlineMs: 1_500, ratePerMinute: 1_000 },
      logger: { level: 'debug', stream: exposure.log },
    });
    admin = await s.admin();
  });
  afterAll(async () => {
    await s.close();
    await fake.close();
  });
  beforeEach(() => {
    fake.server.seen.length = 0;
    fake.outcomes = [{ status: 'succeeded', afterPolls: 1 }];
    fake.createFailures = [];
  });
  afterEach(() => {
    // The platform token never reaches a caller or a log line.
    expect(exposure.contains(fake.token)).toBe(false);
  });

  /** A signed-in user with `credits` on top of the sign-up grant, and an SDK on the gateway with their generation token. */
  async function user(credits = 1_000): Promise<{ session: Session; sdk: Replicate; wallet: () => Promise<Wallet>; calls: () => Promise<CallView[]> }> {
    const session = await s.register();
    if (credits) expect((await s.call('POST', '/v1/admin/grants', { id: uuid(), user_id: session.id, bucket: 'PAID', amount: credits, reason: 'test' }, admin.token)).status).toBe(200);
    const gen = await s.call<{ token: string }>('POST', '/v1/gen/tokens', { purpose: 'director-scene' }, session.token);
    expect(gen.status).toBe(200);
    // Every answer the SDK gets is kept, to check no secret is in any of them.
    const sdk = new Replicate({ auth: gen.body.token, baseUrl: `${s.base}${GATEWAY_MOUNTS.replicate}`, useFileOutput: false, fetch: exposure.fetch });
    return {
      session,
      sdk,
      wallet: async () => {
        const { available, held } = (await s.call<Wallet>('GET', '/v1/ledger/balance', undefined, session.token)).body;
        return { available, held };
      },
      calls: async () => (await s.call<{ calls: CallView[] }>('GET', '/v1/gen/calls', undefined, session.token)).body.calls,
    };
  }

  it('holds at create, charges once when a poll sees success, and never again', async () => {
    const u = await user();
    const before = await u.wallet();
    const created = await u.sdk.predictions.create({ model: 'kwaivgi/kling-v2.1', input: { prompt: 'a dancer', mode: 'pro', duration: 10 }, webhook: 'https://attacker.example/hook', webhook_events_filter: ['completed'] });
    expect(created).toMatchObject({ status: 'starting', model: 'kwaivgi/kling-v2.1' });
    expect(created.urls.get).toBe(`${s.base}${GATEWAY_MOUNTS.replicate}/predictions/${created.id}`);
    expect(created).not.toHaveProperty('webhook');
    expect(await u.wallet()).toMatchObject({ available: before.available - 80, held: 80 });
    // Upstream got the input with the platform token, and no webhook.
    const sent = fake.creates()[0];
    expect(sent?.path).toBe('/v1/models/kwaivgi/kling-v2.1/predictions');
    expect(sent?.headers.authorization).toBe(`Bearer ${fake.token}`);
    expect(sent?.json).toEqual({ input: { prompt: 'a dancer', mode: 'pro', duration: 10 } });

    const done = await u.sdk.wait(created, { interval: 10 });
    expect(done.status).toBe('succeeded');
    expect(await u.wallet()).toEqual(expect.objectContaining({ available: before.available - 80, held: 0 }));
    await u.sdk.predictions.get(created.id);
    await u.sdk.predictions.get(created.id);
    expect(await u.wallet()).toEqual(expect.objectContaining({ available: before.available - 80, held: 0 }));
    expect(await u.calls()).toEqual([expect.objectContaining({ model: 'kwaivgi/kling-v2.1', status: 'succeeded', held: 80, credits: 80, units: { video_seconds: 10 } })]);
  });

  it('answers Prefer: wait with the finished prediction and charges images by what came back, never more than held', async () => {
    const u = await user();
    const before = await u.wallet();
    fake.outcomes = [{ status: 'succeeded', afterPolls: 0, output: Array.from({ length: 6 }, (_, i) => `https://replicate.delivery/x/${i}.png`) }];
    const p = await u.sdk.predictions.create({ model: 'bytedance/seedream-4', input: { prompt: 'a cat', max_images: 4 }, wait: true });
    expect(fake.creates()[0]?.headers.prefer).toBe('wait');
    expect(p.status).toBe('succeeded');
    expect(await u.wallet()).toMatchObject({ available: before.available - 60, held: 0 });

    fake.outcomes = [{ status: 'succeeded', afterPolls: 0, output: ['https://replicate.delivery/y/0.png'] }];
    await u.sdk.predictions.create({ model: 'bytedance/seedream-4', input: { prompt: 'a dog', max_images: 4 }, wait: 5 });
    expect(fake.creates()[1]?.headers.prefer).toBe('wait=5');
    expect(await u.wallet()).toMatchObject({ available: before.available - 60 - 15, held: 0 });
    // A Prefer that is not Replicate's wait is not passed on.
    await u.sdk.request('/models/black-forest-labs/flux-schnell/predictions', { method: 'POST', headers: { prefer: 'respond-async' }, data: { input: { prompt: 'x' } } });
    expect(fake.creates()[2]?.headers.prefer).toBeUndefined();
  });

  it('releases the hold of a failed, a filtered and a canceled prediction', async () => {
    const u = await user();
    const before = await u.wallet();
    fake.outcomes = [
      { status: 'failed', afterPolls: 1, error: 'CUDA error: device-side assert triggered' },
      { status: 'failed', afterPolls: 1, error: 'The input or output was flagged as sensitive. (E005)' },
      { status: 'succeeded', afterPolls: 50 },
    ];
    const failed = await u.sdk.predictions.create({ model: 'google/veo-3.1-fast', input: { prompt: 'x' } });
    const filtered = await u.sdk.predictions.create({ model: 'google/veo-3.1-fast', input: { prompt: 'y' } });
    const slow = await u.sdk.predictions.create({ model: 'google/veo-3.1-fast', input: { prompt: 'z' } });
    expect(await u.wallet()).toMatchObject({ held: 600 });
    expect(await u.sdk.predictions.get(failed.id)).toMatchObject({ status: 'failed' });
    expect(await u.sdk.predictions.get(filtered.id)).toMatchObject({ status: 'failed' });
    expect(await u.sdk.predictions.get(slow.id)).toMatchObject({ status: 'processing' });
    expect(await u.sdk.predictions.cancel(slow.id)).toMatchObject({ status: 'canceled' });
    expect(fake.predictions.get(slow.id)?.status).toBe('canceled');
    expect(await u.wallet()).toMatchObject({ available: before.available, held: 0 });
    const codes = (await u.calls()).map((c) => [c.status, c.credits, c.error_code]);
    expect(codes.sort()).toEqual([
      ['released', 0, 'GEN_CANCELED'],
      ['released', 0, 'GEN_FILTERED'],
      ['released', 0, 'GEN_UPSTREAM_ERROR'],
    ]);
  });

  it('answers 402 with the balance and the price when the wallet is short, sending nothing upstream', async () => {
    const u = await user(0);
    const r = await failure(u.sdk.predictions.create({ model: 'google/veo-3.1', input: { prompt: 'x' } }));
    expect(r.status).toBe(402);
    expect(r.body).toMatchObject({ error: { code: 'INSUFFICIENT_CREDITS', details: { balance: 200, price: 350 } } });
    expect(fake.server.seen).toHaveLength(0);
    expect(await u.wallet()).toMatchObject({ available: 200, held: 0 });
  });

  it('refuses models off the allow-list, the version form and unsold lengths (403/400, nothing sent); a retired id runs as its successor', async () => {
    const u = await user();
    const before = await u.wallet();
    expect(await failure(u.sdk.predictions.create({ model: 'someone/crypto-miner', input: { prompt: 'x' } }))).toMatchObject({ status: 403, body: { error: { code: 'GEN_NOT_ALLOWED' } } });
    expect(await failure(u.sdk.predictions.create({ version: '5c7d5dc6dd8bf75c1acaa8565735e7986bc5b66206b55cca93cb72c9bf15ccaa', input: { prompt: 'x' } }))).toMatchObject({ status: 403, body: { error: { code: 'GEN_NOT_ALLOWED' } } });
    expect(await failure(u.sdk.predictions.create({ model: 'kwaivgi/kling-v2.1', input: { prompt: 'x', duration: 7 } }))).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION_ERROR' } } });
    expect(fake.server.seen).toHaveLength(0);
    expect(await u.wallet()).toEqual(before);

    const p = await u.sdk.predictions.create({ model: 'google/veo-3-fast', input: { prompt: 'x' } });
    expect(fake.creates()[0]?.path).toBe('/v1/models/google/veo-3.1-fast/predictions');
    expect(p.model).toBe('google/veo-3.1-fast');
  });

  it('runs a community model by the version the catalogue pins (CodeFormer), holding and charging its price; other versions stay refused', async () => {
    const u = await user();
    const before = await u.wallet();
    const codeformer = MODEL_CATALOG.find((m) => m.id === 'sczhou/codeformer');
    expect(codeformer?.version).toMatch(/^[0-9a-f]{64}$/);
    fake.outcomes = [{ status: 'succeeded', afterPolls: 0, output: 'https://replicate.delivery/x/restored.png' }];
    const p = await u.sdk.predictions.create({ version: codeformer!.version!, input: { image: 'data:image/png;base64,AAAA', codeformer_fidelity: 0.7 }, wait: true });
    expect(p).toMatchObject({ status: 'succeeded', model: 'sczhou/codeformer' });
    expect(fake.creates()[0]).toMatchObject({ path: '/v1/predictions', json: { version: codeformer!.version, input: { codeformer_fidelity: 0.7 } } });
    expect(await u.wallet()).toMatchObject({ available: before.available - 10, held: 0 });
    expect(await u.calls()).toEqual([expect.objectContaining({ model: 'sczhou/codeformer', status: 'succeeded', credits: 10, units: { images: 1 } })]);
  });

  it('prices a Seedance clip by its length, 5 s when none is named', async () => {
    const u = await user();
    const before = await u.wallet();
    fake.outcomes = [{ status: 'succeeded', afterPolls: 0, output: 'https://replicate.delivery/x/clip.mp4' }];
    await u.sdk.predictions.create({ model: 'bytedance/seedance-1-lite', input: { prompt: 'snow falls', image: 'data:image/png;base64,AAAA' }, wait: true });
    await u.sdk.predictions.create({ model: 'bytedance/seedance-1-lite', input: { prompt: 'snow falls', image: 'data:image/png;base64,AAAA', duration: 10 }, wait: true });
    expect(await u.wallet()).toMatchObject({ available: before.available - 30 - 55, held: 0 });
    expect(await failure(u.sdk.predictions.create({ model: 'bytedance/seedance-1-lite', input: { prompt: 'x', duration: 7 } }))).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION_ERROR', message: 'input.duration: duration must be 5 or 10' } } });
  });

  it('keeps each user to their own predictions: another user cannot poll, cancel or list them', async () => {
    const owner = await user();
    const other = await user();
    fake.outcomes = [{ status: 'succeeded', afterPolls: 50 }];
    const p = await owner.sdk.predictions.create({ model: 'black-forest-labs/flux-schnell', input: { prompt: 'mine', num_outputs: 2 } });
    expect((await failure(other.sdk.predictions.get(p.id))).status).toBe(404);
    expect((await failure(other.sdk.predictions.cancel(p.id))).status).toBe(404);
    expect(fake.server.hits(`/v1/predictions/${p.id}/cancel`)).toHaveLength(0);
    expect(fake.predictions.get(p.id)?.status).toBe('starting');
    expect((await other.sdk.predictions.list()).results).toEqual([]);

    const gone = await owner.sdk.predictions.create({ model: 'black-forest-labs/flux-schnell', input: { prompt: 'deleted upstream' } });
    fake.predictions.delete(gone.id);
    const mine: Prediction[] = [];
    for await (const page of owner.sdk.paginate(() => owner.sdk.predictions.list())) mine.push(...page);
    expect(mine.map((x) => [x.id, (x.input as { prompt: string }).prompt])).toEqual([[p.id, 'mine']]);
    // The one Replicate lost made nothing: its hold went back, only the running one is still held.
    expect(await owner.wallet()).toMatchObject({ held: 30 });
    // An access token is not a generation token.
    const withAccess = new Replicate({ auth: owner.session.token, baseUrl: `${s.base}${GATEWAY_MOUNTS.replicate}` });
    expect((await failure(withAccess.predictions.get(p.id))).status).toBe(401);
  });

  it('lists a user’s predictions in pages of 20 that the SDK follows, each once', async () => {
    const u = await user();
    const ids: string[] = [];
    for (let i = 0; i < 22; i++) ids.push((await u.sdk.predictions.create({ model: 'black-forest-labs/flux-schnell', input: { prompt: `p${i}` } })).id);
    const first = await u.sdk.predictions.list();
    expect(first.results).toHaveLength(20);
    expect(first.next).toMatch(new RegExp(`^${s.base}${GATEWAY_MOUNTS.replicate}/predictions\\?cursor=`));
    const all: string[] = [];
    for await (const page of u.sdk.paginate(() => u.sdk.predictions.list())) all.push(...page.map((p) => p.id));
    // Newest first by creation time (ties within a millisecond in no set order): every one exactly once.
    expect(all).toHaveLength(22);
    expect([...all].sort()).toEqual([...ids].sort());
    expect((await failure(u.sdk.request('/predictions?cursor=not-ours', { method: 'GET' }))).status).toBe(400);
  });

  it('a create that failed upstream after making the prediction finds it: one upstream create, one charge under the same Idempotency-Key', async () => {
    const u = await user();
    const before = await u.wallet();
    fake.createFailures = [{ status: 500, created: true }];
    const key = uuid();
    const create = () =>
      u.sdk.request('/models/kwaivgi/kling-v2.1/predictions', { method: 'POST', headers: { 'idempotency-key': key }, data: { input: { prompt: 'once', duration: 5 } } }).then((r) => r.json() as Promise<Prediction>);
    const first = await create();
    const again = await create();
    expect(again.id).toBe(first.id);
    expect(fake.creates()).toHaveLength(1);
    expect(fake.predictions.size).toBeGreaterThan(0);
    await u.sdk.wait(first, { interval: 10 });
    await u.sdk.predictions.get(first.id);
    expect(await u.wallet()).toMatchObject({ available: before.available - 20, held: 0 });
    expect((await u.calls()).filter((c) => c.status === 'succeeded')).toHaveLength(1);
  });

  it('a create that failed upstream without a prediction releases the hold; the retry with the same key creates once and is charged once', async () => {
    const u = await user();
    const before = await u.wallet();
    const key = uuid();
    const create = () => u.sdk.request('/models/kwaivgi/kling-v2.1/predictions', { method: 'POST', headers: { 'idempotency-key': key }, data: { input: { prompt: 'retry', duration: 5 } } });
    fake.createFailures = [{ status: 503, created: false }];
    expect(await failure(create())).toMatchObject({ status: 502, body: { error: { code: 'GEN_UPSTREAM_ERROR' } } });
    expect(await u.wallet()).toEqual(before);
    const made = (await (await create()).json()) as Prediction;
    await u.sdk.wait(made, { interval: 10 });
    expect(await u.wallet()).toMatchObject({ available: before.available - 20, held: 0 });
    expect([...fake.predictions.values()].filter((p) => (p.input as { prompt?: string }).prompt === 'retry')).toHaveLength(1);

    // A create that gets no answer in time: the prediction it made is found and kept, not made again.
    fake.createFailures = [{ created: true, hang: true }];
    const slow = (await (await u.sdk.request('/models/kwaivgi/kling-v2.1/predictions', { method: 'POST', headers: { 'idempotency-key': uuid() }, data: { input: { prompt: 'hung', duration: 5 } } })).json()) as Prediction;
    expect(fake.predictions.get(slow.id)).toBeDefined();
    expect(await u.wallet()).toMatchObject({ held: 20 });
  });

  it('keeps the platform token out of answers when Replicate refuses it', async () => {
    const u = await user();
    const before = await u.wallet();
    const real = fake.token;
    (fake as { token: string }).token = 'r8_rotated';
    try {
      const r = await failure(u.sdk.predictions.create({ model: 'black-forest-labs/flux-schnell', input: { prompt: 'x' } }));
      expect(r).toMatchObject({ status: 502, body: { error: { code: 'GEN_UPSTREAM_ERROR' } } });
      expect(JSON.stringify(r.body)).not.toContain(real);
    } finally {
      (fake as { token: string }).token = real;
    }
    expect(await u.wallet()).toEqual(before);
  });

  it('ends a prediction whose hold the ledger already expired (hours unpolled) without charging or failing the poll', async () => {
    const u = await user();
    const before = await u.wallet();
    fake.outcomes = [
      { status: 'failed', afterPolls: 1, error: 'boom' },
      { status: 'succeeded', afterPolls: 1 },
    ];
    const failed = await u.sdk.predictions.create({ model: 'kwaivgi/kling-v2.1', input: { prompt: 'late failure' } });
    const done = await u.sdk.predictions.create({ model: 'kwaivgi/kling-v2.1', input: { prompt: 'late success' } });
    // Seven hours on, the ledger's sweep expires both holds (6 h) before anyone polls. (Last in this
    // suite: the test clock stays there.)
    expect((await s.call('POST', '/v1/admin/clock', { now: Date.now() + 7 * 3600_000 }, admin.token)).status).toBe(200);
    expect(await u.wallet()).toEqual(before);
    expect(await u.sdk.predictions.get(failed.id)).toMatchObject({ status: 'failed' });
    expect(await u.sdk.predictions.get(done.id)).toMatchObject({ status: 'succeeded' });
    expect(await u.wallet()).toEqual(before);
    const calls = await u.calls();
    expect(calls.map((c) => [c.status, c.credits, c.error_code])).toEqual([
      ['released', 0, 'HOLD_EXPIRED'],
      ['released', 0, 'HOLD_EXPIRED'],
    ]);
  });
});

describeEachDb('gateway: the reconciler settles predictions nobody polls', (kind) => {
  let fake: ReplicateFake;
  let s: TestServer;

  beforeAll(async () => {
    fake = await startReplicateFake();
    s = await startServer(kind, { gateway: { replicateApiToken: fake.token, replicateBaseUrl: fake.baseUrl }, background: { sweepMs: 3_600_000, checkMs: 3_600_000, reconcileMs: 50 } });
  });
  afterAll(async () => {
    await s.close();
    await fake.close();
  });

  it('charges an abandoned prediction that succeeded and releases one that failed, without the owner polling', async () => {
    const admin = await s.admin();
    const session = await s.register();
    await s.call('POST', '/v1/admin/grants', { id: uuid(), user_id: session.id, bucket: 'PAID', amount: 1_000, reason: 'test' }, admin.token);
    const gen = await s.call<{ token: string }>('POST', '/v1/gen/tokens', { purpose: 'director-scene' }, session.token);
    const sdk = new Replicate({ auth: gen.body.token, baseUrl: `${s.base}${GATEWAY_MOUNTS.replicate}` });
    const wallet = async () => (await s.call<Wallet>('GET', '/v1/ledger/balance', undefined, session.token)).body;
    const before = await wallet();
    fake.outcomes = [
      { status: 'succeeded', afterPolls: 1 },
      { status: 'failed', afterPolls: 1, error: 'boom' },
    ];
    const ok = await sdk.predictions.create({ model: 'kwaivgi/kling-v2.1', input: { prompt: 'left behind', duration: 10 } });
    const bad = await sdk.predictions.create({ model: 'kwaivgi/kling-v2.1', input: { prompt: 'also left', duration: 5 } });
    // The desktop crashed: nobody polls. Fresh predictions are left to their owner...
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.server.hits(`/v1/predictions/${ok.id}`, 'GET')).toHaveLength(0);
    expect(await wallet()).toMatchObject({ held: 65 });
    // ...until they have gone unpolled for a while.
    s.clock.set(Date.now() + 3 * 60_000);
    await waitFor(() => fake.server.hits(`/v1/predictions/${bad.id}`, 'GET').length > 0 && fake.server.hits(`/v1/predictions/${ok.id}`, 'GET').length > 0, 5_000);
    let w = await wallet();
    for (let i = 0; i < 50 && w.held !== 0; i++) {
      await new Promise((r) => setTimeout(r, 50));
      w = await wallet();
    }
    expect(w).toMatchObject({ available: before.available - 45, held: 0 });

    // A prediction a call owns is polled, never canceled as an orphan, however old.
    fake.outcomes = [{ status: 'succeeded', afterPolls: 1_000 }];
    const mine = await sdk.predictions.create({ model: 'kwaivgi/kling-v2.1', input: { prompt: 'still mine' } });
    s.clock.set(Date.now() + 10 * 60_000);
    await waitFor(() => fake.server.hits(`/v1/predictions/${mine.id}`, 'GET').length > 0, 5_000);
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.predictions.get(mine.id)?.status).toBe('processing');
    expect(await wallet()).toMatchObject({ held: 20 });
  });
});
