import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StudioError } from '../../src/shared/errors.js';
import { priceTable } from '../../src/shared/call-prices.js';
import { GATEWAY_MOUNTS, IDEMPOTENCY_HEADER } from '../../src/shared/gateway.js';
import { CloudProvider, createProviders } from '../../src/workers/generation/providers/index.js';
import { sendJson, startFake, type FakeServer, type Route } from './fake-server.js';

const FAST_RETRY = { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 1000 };
const TOKEN = 'gen-token-for-one-job';

/** The `cloud` provider against a loopback server standing in for the gateway's mounts (the end-to-end run with the real gateway is test/cloud-generate.test.ts). */
describe('the cloud provider', () => {
  let fake: FakeServer;
  let route: Route = (_req, res) => sendJson(res, 500, {});
  const cloud = () => new CloudProvider({ url: fake.url, token: TOKEN, retry: FAST_RETRY, timeoutMs: 5000 });
  const answer = (text: string) => ({ candidates: [{ content: { role: 'model', parts: [{ text }] }, finishReason: 'STOP', index: 0 }], usageMetadata: { promptTokenCount: 3, candidatesTokenCount: 2 } });

  beforeAll(async () => {
    fake = await startFake((req, res) => route(req, res));
  });
  afterAll(async () => {
    await fake.close();
  });

  it('is registered only with a gateway address and a generation token, and is not local', () => {
    expect(createProviders({}).has('cloud')).toBe(false);
    const registry = createProviders({ cloud: { url: 'http://127.0.0.1:9', token: TOKEN } });
    expect(registry.get('cloud')).toMatchObject({ id: 'cloud', local: false });
    expect(() => createProviders({}).get('cloud')).toThrow(/not signed in to a KingJam account/);
  });

  it('sends Gemini calls to the Gemini mount with the token, a retired model as the one sold today, and answers as cloud', async () => {
    fake.seen.length = 0;
    route = (_req, res) => sendJson(res, 200, answer('hello'));
    const r = await cloud().generateText({ prompt: 'hi', model: 'gemini-2.5-flash' });
    expect(r).toMatchObject({ provider: 'cloud', text: 'hello' });
    expect(fake.seen[0]!.path).toBe(`${GATEWAY_MOUNTS.gemini}/v1beta/models/gemini-3.6-flash:generateContent`);
    expect(fake.seen[0]!.headers['x-goog-api-key']).toBe(TOKEN);
  });

  it('retries a failed call under the same idempotency key, and gives each new call its own', async () => {
    fake.seen.length = 0;
    let n = 0;
    route = (_req, res) => (n++ === 0 ? sendJson(res, 503, { error: { code: 503, message: 'overloaded', status: 'UNAVAILABLE' } }) : sendJson(res, 200, answer('ok')));
    const provider = cloud();
    await provider.generateText({ prompt: 'one' });
    await provider.generateText({ prompt: 'two' });
    const keys = fake.seen.map((s) => s.headers[IDEMPOTENCY_HEADER]);
    expect(keys).toHaveLength(3);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
    expect(keys[2]).not.toBe(keys[0]);
  });

  it('says a short wallet as INSUFFICIENT_CREDITS with the balance and the price, and does not retry it', async () => {
    fake.seen.length = 0;
    route = (_req, res) => sendJson(res, 402, { error: { code: 'INSUFFICIENT_CREDITS', message: 'this call needs 14 credits; the wallet has 3', details: { balance: 3, price: 14 } } });
    const err = (await cloud().generateText({ prompt: 'hi' }).catch((e: unknown) => e)) as StudioError;
    expect(err.toInfo()).toMatchObject({ code: 'INSUFFICIENT_CREDITS', key: 'credits.insufficient', params: { needed: 14, available: 3 }, cloud: { code: 'INSUFFICIENT_CREDITS' } });
    expect(fake.seen).toHaveLength(1);
    expect(err.message).not.toContain(TOKEN);
  });

  it('sends Kling to the Replicate mount with the token as Bearer; a refused token asks to sign in again', async () => {
    fake.seen.length = 0;
    route = (_req, res) => sendJson(res, 401, { error: { code: 'UNAUTHORIZED', message: 'generation token expired' } });
    const err = (await cloud()
      .generateVideo({ prompt: 'a lantern', model: 'kling-v2.1', image: { bytes: Buffer.from('x'), mimeType: 'image/png' }, outPath: '/tmp/never.mp4' })
      .catch((e: unknown) => e)) as StudioError;
    expect(fake.seen[0]!.path).toBe(`${GATEWAY_MOUNTS.replicate}/models/kwaivgi/kling-v2.1/predictions`);
    expect(fake.seen[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(err.toInfo()).toMatchObject({ code: 'NOT_SIGNED_IN', key: 'account.sessionEnded' });
  });

  it('says a model the cloud does not sell (or has retired) as MODEL_UNAVAILABLE, naming it', async () => {
    route = (_req, res) => sendJson(res, 410, { error: { code: 'MODEL_RETIRED', message: 'imagen-4.0-generate-001 was shut down on 2026-08-17' } });
    const err = (await cloud().generateImage({ prompt: 'a lantern', model: 'bytedance/seedream-9' }).catch((e: unknown) => e)) as StudioError;
    expect(err.toInfo()).toMatchObject({ code: 'MODEL_UNAVAILABLE', params: { provider: 'KingJam Cloud', model: 'bytedance/seedream-9' }, cloud: { code: 'MODEL_RETIRED' } });
  });

  it('passes the upstream\'s own errors through to their classifier (a filtered prompt stays CONTENT_FILTERED)', async () => {
    route = (_req, res) => sendJson(res, 200, { promptFeedback: { blockReason: 'SAFETY' }, candidates: [] });
    const err = (await cloud().generateText({ prompt: 'hi' }).catch((e: unknown) => e)) as StudioError;
    expect(err.code).toBe('CONTENT_FILTERED');
  });

  it('tests the connection against the published price table: which of its models the cloud sells; an unreachable cloud says so', async () => {
    // A cloud whose table does not (yet) sell Kling.
    const table = priceTable();
    const sold = { models: table.models.filter((m) => m.id !== 'kwaivgi/kling-v2.1') };
    route = (req, res) => (req.path === '/v1/gen/prices' ? sendJson(res, 200, sold) : sendJson(res, 404, {}));
    const report = await cloud().testConnection();
    expect(report).toMatchObject({ ok: true, provider: 'cloud' });
    const models = report.ok ? report.models : [];
    // Replicate models by their `owner/name`, Gemini ones by their id; a model the table lacks is not available.
    expect(models.find((m) => m.id === 'google/veo-3.1-fast')).toMatchObject({ available: true });
    expect(models.find((m) => m.id === 'gemini-3.5-flash')).toMatchObject({ available: true });
    expect(models.find((m) => m.id === 'kwaivgi/kling-v2.1')).toMatchObject({ available: false });
    const down = await new CloudProvider({ url: 'http://127.0.0.1:9', token: TOKEN, retry: FAST_RETRY }).testConnection();
    expect(down).toMatchObject({ ok: false, provider: 'cloud', error: { code: 'PROVIDER_UNREACHABLE', params: { provider: 'KingJam Cloud' } } });
  });
});
