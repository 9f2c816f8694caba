import { randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../src/main/api/handlers.js';
import { backendKeys, requireUsable } from '../src/main/generate/refusals.js';
import { aesGcmCipher, sealedFileStore } from '../src/main/secrets/store.js';
import type { Studio } from '../src/main/studio.js';
import type { ChoiceProvider, ChoiceStatus } from '../src/shared/providers.js';
import { contractCalls } from './helpers/calls.js';
import { TestCloud } from './helpers/cloud.js';
import { FAST_JOBS, openTestStudio, tempHome, until } from './helpers/studio.js';
import { startFake, type FakeServer } from './providers/fake-server.js';

/** A loopback port nothing listens on: Ollama "not running". */
async function closedPort(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

/**
 * Which provider choices can run now (providers.choices), and the generation
 * service refusing a job whose choice cannot, with the same one action —
 * before any project or job exists.
 */
describe('provider choices: usable now, or the one action that makes them usable', () => {
  const cloud = new TestCloud();
  let studio: Studio;
  let ollama: FakeServer;
  let ollamaDown: string;
  const api = contractCalls(() => createHandlers(studio, 'web'));
  const rows = () => ({
    projects: (studio.store.sqlite.prepare('SELECT COUNT(*) AS n FROM projects').get() as { n: number }).n,
    jobs: (studio.store.sqlite.prepare('SELECT COUNT(*) AS n FROM jobs').get() as { n: number }).n,
  });
  const byProvider = (list: ChoiceStatus[]) => Object.fromEntries(list.map((c) => [c.provider, { mode: c.mode, usable: c.usable, action: c.action }]));

  beforeAll(async () => {
    delete process.env.GEMINI_API_KEY;
    delete process.env.REPLICATE_API_TOKEN;
    delete process.env.KINGJAM_OLLAMA_URL;
    delete process.env.KINGJAM_COMFYUI_URL;
    await (await cloud.start()).withUser(0); // 200 PROMO credits from verifying
    // Ollama's model list, as a running server answers it (providers.md).
    ollama = await startFake((req, res) => {
      res.writeHead(req.path === '/api/tags' ? 200 : 404, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ models: [{ name: 'qwen2.5:7b', model: 'qwen2.5:7b', size: 4_683_087_332 }] }));
    });
    ollamaDown = await closedPort();
    const home = tempHome();
    const secrets = sealedFileStore(path.join(home, 'secrets'), aesGcmCipher(randomBytes(32)), 'encrypted-file');
    studio = openTestStudio(home, FAST_JOBS, true, { secrets, sync: { defaultCloudUrl: cloud.url, syncEveryMs: 3_600_000 } });
    studio.providers.setUrl('ollama', ollamaDown);
  });

  afterAll(async () => {
    await studio.close();
    await ollama.close();
    await cloud.stop();
  });

  it('signed out, no keys, Ollama stopped, no ComfyUI: each choice says its one action', async () => {
    expect(byProvider(await api.call('providers.choices', {}))).toEqual({
      cloud: { mode: 'cloud', usable: false, action: 'sign-in' },
      gemini: { mode: 'own-key', usable: false, action: 'add-key' },
      replicate: { mode: 'own-key', usable: false, action: 'add-key' },
      ollama: { mode: 'local', usable: false, action: 'start-ollama' },
      comfyui: { mode: 'local', usable: false, action: 'set-up-comfyui' },
      offline: { mode: 'local', usable: true, action: null },
    });
  });

  it('refuses each unusable choice with its action before any project or job exists', async () => {
    const blog = (text: object, image: object = { provider: 'offline' }) => api.refused('generate.blog', { request: { topic: 'Taipei cafés', cover: 'standard', text, image } });
    expect(await blog({ provider: 'cloud', model: 'gemini-3.5-flash' })).toMatchObject({ code: 'NOT_SIGNED_IN', key: 'choice.signIn' });
    expect(await blog({ provider: 'gemini' })).toMatchObject({ code: 'PROVIDER_NOT_CONFIGURED', key: 'provider.notConfigured.key', params: { provider: 'Gemini' } });
    expect(await blog({ provider: 'replicate' })).toMatchObject({ code: 'PROVIDER_NOT_CONFIGURED', key: 'provider.notConfigured.key', params: { provider: 'Replicate' } });
    expect(await blog({ provider: 'ollama' })).toMatchObject({ code: 'PROVIDER_UNREACHABLE', key: 'choice.ollamaDown', params: { address: ollamaDown } });
    expect(await blog({ provider: 'offline' }, { provider: 'comfyui' })).toMatchObject({ code: 'PROVIDER_NOT_CONFIGURED', key: 'provider.notConfigured.address', params: { provider: 'ComfyUI' } });
    expect(await api.refused('generate.video', { request: { topic: 'Taipei cafés', text: { provider: 'cloud' } } })).toMatchObject({ key: 'choice.signIn' });
    expect(rows()).toEqual({ projects: 0, jobs: 0 });
  });

  it('a Director backend chosen through KingJam Cloud is refused at render, signed out, before any scene is queued', async () => {
    const video = await studio.generate.video({ topic: 'Taipei cafés', sceneCount: 2, targetSeconds: 10, backend: 'kling-v2.1', renderVia: 'cloud' });
    await until(() => studio.generate.get(video.id).status === 'scripted', 'the offline script');
    const before = rows();
    await expect(studio.generate.render(video.id)).rejects.toMatchObject({ code: 'NOT_SIGNED_IN', key: 'choice.signIn' });
    expect(studio.generate.get(video.id).status).toBe('scripted');
    expect(rows()).toEqual(before);
  });

  it('a running Ollama (its /api/tags answers) is usable, and was asked only for its model list', async () => {
    studio.providers.setUrl('ollama', ollama.url);
    const choices = await api.call('providers.choices', {});
    expect(choices.find((c) => c.provider === 'ollama')).toEqual({ provider: 'ollama', mode: 'local', usable: true, action: null, address: ollama.url });
    expect(ollama.seen.map((s) => `${s.method} ${s.path}`)).toEqual(['GET /api/tags']);
  });

  it('a key makes the own-key choice usable', async () => {
    await studio.providers.setKey('replicate', 'r8_test-token-0001');
    expect((await api.call('providers.choices', {})).find((c) => c.provider === 'replicate')).toMatchObject({ usable: true, action: null });
  });

  it('signed in with an empty wallet: KingJam Cloud says buy credits, and a cloud job is refused with it', async () => {
    // Another device holds all 200 credits: nothing is left to spend here.
    await cloud.app.ledger.hold(cloud.userId, { id: randomUUID(), amount: 200, ttl_seconds: 3_600, reason: 'another device' });
    await studio.sync.login({ email: cloud.email, password: cloud.password });
    expect((await api.call('providers.choices', {})).find((c) => c.provider === 'cloud')).toMatchObject({ usable: false, action: 'buy-credits' });
    const before = rows();
    expect(await api.refused('generate.blog', { request: { topic: 'Taipei cafés', cover: 'none', text: { provider: 'cloud', model: 'gemini-3.1-pro-preview' } } })).toMatchObject({
      code: 'INSUFFICIENT_CREDITS',
      key: 'choice.noCredits',
    });
    expect(rows()).toEqual(before);
  });

  it('signed in with credits: KingJam Cloud is usable', async () => {
    await cloud.app.ledger.grant({ id: randomUUID(), user_id: cloud.userId, bucket: 'PAID', amount: 500, reason: 'test purchase' }, 'test');
    await studio.sync.refreshBalance();
    expect((await api.call('providers.choices', {})).find((c) => c.provider === 'cloud')).toEqual({ provider: 'cloud', mode: 'cloud', usable: true, action: null });
  });
});

describe('the needs of a Director backend', () => {
  const statusOf = (usable: ChoiceProvider[]) => async (provider: ChoiceProvider): Promise<ChoiceStatus> => ({
    provider,
    mode: provider === 'cloud' ? 'cloud' : 'own-key',
    usable: usable.includes(provider),
    action: usable.includes(provider) ? null : provider === 'cloud' ? 'sign-in' : 'add-key',
  });

  it('names both keys when neither of two will do, and passes with either', async () => {
    await expect(requireUsable(backendKeys('veo-3'), statusOf([]))).rejects.toMatchObject({
      message: 'Gemini or Replicate is not set up: there is no API key for it.',
      key: 'provider.notConfigured.keyEither',
      params: { provider: 'Gemini', other: 'Replicate' },
    });
    await expect(requireUsable(backendKeys('veo-3'), statusOf(['replicate']))).resolves.toBeUndefined();
  });

  it('through KingJam Cloud, a paid backend needs the cloud and no key; free backends need nothing from it', async () => {
    expect(backendKeys('kling-v2.1', 'cloud')).toEqual([['cloud']]);
    expect(backendKeys('offline', 'cloud')).toEqual([]);
    expect(backendKeys('comfyui', 'cloud')).toEqual([['comfyui']]);
    await expect(requireUsable(backendKeys('kling-v2.1', 'cloud'), statusOf(['cloud']))).resolves.toBeUndefined();
    await expect(requireUsable(backendKeys('kling-v2.1', 'cloud'), statusOf(['replicate']))).rejects.toMatchObject({ code: 'NOT_SIGNED_IN', key: 'choice.signIn' });
  });
});
