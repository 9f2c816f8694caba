import Replicate, { type Prediction } from 'replicate';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startReplicateFake, type ReplicateFake } from './replicate-fake.js';

/** The stateful Replicate fake, driven by the real `replicate` SDK: what the gateway's tests rely on. */

let fake: ReplicateFake;
let sdk: Replicate;

beforeAll(async () => {
  fake = await startReplicateFake();
  sdk = new Replicate({ auth: fake.token, baseUrl: fake.baseUrl, useFileOutput: false });
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

async function failure(p: Promise<unknown>): Promise<{ status: number; body: Record<string, unknown> }> {
  const err = (await p.then(
    () => null,
    (e: unknown) => e,
  )) as { response?: Response; message?: string } | null;
  expect(err?.response).toBeDefined();
  const text = /: (\{.*\})\.$/.exec(err?.message ?? '')?.[1] ?? '{}';
  return { status: err?.response?.status ?? 0, body: JSON.parse(text) as Record<string, unknown> };
}

describe('Replicate fake', () => {
  it('creates, polls to success and answers the prediction JSON the SDK types', async () => {
    const created = await sdk.predictions.create({ model: 'kwaivgi/kling-v2.1', input: { prompt: 'a dancer', duration: 5 } });
    expect(created).toMatchObject({ model: 'kwaivgi/kling-v2.1', status: 'starting', output: null, input: { prompt: 'a dancer' } });
    expect(created.urls.get).toBe(`${fake.baseUrl}/predictions/${created.id}`);
    const done: Prediction = await sdk.predictions.get(created.id);
    expect(done).toMatchObject({ status: 'succeeded', error: null });
    expect(done.output).toMatch(/^https:\/\/replicate\.delivery\/.+\.mp4$/);
    expect(done.completed_at).toEqual(expect.any(String));
  });

  it('holds a Prefer: wait create until done, and makes as many images as asked', async () => {
    const p = await sdk.predictions.create({ model: 'bytedance/seedream-4', input: { prompt: 'x', max_images: 3 }, wait: true });
    expect(fake.creates()[0]?.headers.prefer).toBe('wait');
    expect(p.status).toBe('succeeded');
    expect(p.output).toHaveLength(3);
  });

  it('fails or cancels as scripted; cancel of a finished prediction changes nothing', async () => {
    fake.outcomes = [{ status: 'failed', afterPolls: 1, error: 'E005 flagged as sensitive' }];
    const f = await sdk.predictions.create({ model: 'google/veo-3.1', input: { prompt: 'x' } });
    expect(await sdk.predictions.get(f.id)).toMatchObject({ status: 'failed', error: 'E005 flagged as sensitive', output: null });
    fake.outcomes = [{ status: 'succeeded', afterPolls: 5 }];
    const c = await sdk.predictions.create({ model: 'google/veo-3.1', input: { prompt: 'x' } });
    expect(await sdk.predictions.get(c.id)).toMatchObject({ status: 'processing' });
    expect(await sdk.predictions.cancel(c.id)).toMatchObject({ status: 'canceled' });
    expect(await sdk.predictions.cancel(f.id)).toMatchObject({ status: 'failed' });
  });

  it('lists newest first, in pages the SDK follows', async () => {
    fake.pageSize = 2;
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await sdk.predictions.create({ model: 'black-forest-labs/flux-schnell', input: { prompt: `p${i}` } })).id);
    const first = await sdk.predictions.list();
    expect(first.previous).toBeNull();
    expect(first.results.map((p) => p.id)).toEqual([ids[4], ids[3]]);
    const all: string[] = [];
    for await (const page of sdk.paginate(() => sdk.predictions.list())) all.push(...page.map((p) => p.id));
    expect(all).toEqual([...ids].reverse());
  });

  it('answers errors as problem documents: 401, 404, 422, 429 with Retry-After, 500 (with or without the prediction made)', async () => {
    const stranger = new Replicate({ auth: 'r8_wrong', baseUrl: fake.baseUrl });
    expect(await failure(stranger.predictions.list())).toEqual({ status: 401, body: { title: 'Unauthenticated', detail: expect.any(String), status: 401 } });
    expect((await failure(sdk.predictions.create({ model: 'someone/other', input: {} }))).status).toBe(404);
    // The version form without a version: Replicate's 422.
    expect((await failure(sdk.request('/predictions', { method: 'POST', data: { input: {} } }))).body).toMatchObject({ status: 422, title: 'Invalid version or not permitted' });

    fake.createFailures = [{ status: 500, created: true }, { status: 503, created: false }];
    expect((await failure(sdk.predictions.create({ model: 'google/veo-3.1', input: { prompt: 'orphan' } }))).body).toEqual({ title: 'Internal Server Error', detail: 'Internal server error', status: 500 });
    expect((await failure(sdk.predictions.create({ model: 'google/veo-3.1', input: { prompt: 'lost' } }))).status).toBe(503);
    const listed = await sdk.predictions.list();
    expect(listed.results.map((p) => (p.input as { prompt: string }).prompt)).toEqual(['orphan']);

    fake.createFailures = [{ status: 429, created: false, retryAfter: 1 }];
    const res = await fetch(`${fake.baseUrl}/models/google/veo-3.1/predictions`, { method: 'POST', headers: { authorization: `Bearer ${fake.token}` }, body: JSON.stringify({ input: {} }) });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('1');
    expect(await res.json()).toMatchObject({ status: 429, title: 'Request was throttled' });
  });
  it('streams a language model\'s token array as it grows and reports its token counts when done', async () => {
    fake.outputFor = () => ['Tai', 'pei', ' caf', 'és'];
    fake.tokensPerPoll = 3;
    const p = await sdk.predictions.create({ model: 'meta/meta-llama-3.1-405b-instruct', input: { prompt: 'x' } });
    expect(await sdk.predictions.get(p.id)).toMatchObject({ status: 'processing', output: ['Tai', 'pei', ' caf'], metrics: {} });
    expect(await sdk.predictions.get(p.id)).toMatchObject({ status: 'succeeded', output: ['Tai', 'pei', ' caf', 'és'], metrics: { input_token_count: 120, output_token_count: 4 } });
  });

  it('lists lagging behind creates when told, knows predictions made elsewhere, and records cancels', async () => {
    const old = fake.add({ model: 'kwaivgi/kling-v2.1', input: { prompt: 'earlier' }, created_at: new Date(Date.now() - 60_000).toISOString() });
    const made = await sdk.predictions.create({ model: 'kwaivgi/kling-v2.1', input: { prompt: 'now' } });
    fake.listLag = 1;
    expect((await sdk.predictions.list()).results).toEqual([]);
    expect((await sdk.predictions.list()).results.map((p) => p.id)).toEqual([made.id, old.id]);
    await sdk.predictions.cancel(made.id);
    expect(fake.cancels()).toEqual([made.id]);
  });

  it('serves output files without the token, the account and the models it has', async () => {
    fake.files.set('/files/out.png', { type: 'image/png', body: Buffer.from('png') });
    const file = await fetch(`${fake.server.url}/files/out.png`);
    expect(file.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await file.arrayBuffer()).toString()).toBe('png');
    expect(await sdk.accounts.current()).toMatchObject({ type: 'user', username: 'kingjam' });
    expect(await sdk.models.get('kwaivgi', 'kling-v2.1')).toMatchObject({ owner: 'kwaivgi', name: 'kling-v2.1' });
    expect((await failure(sdk.models.get('someone', 'other'))).status).toBe(404);
  });
});
