import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StudioError } from '../../src/shared/errors.js';
import { createProviders, providersConfigFromEnv } from '../../src/workers/generation/providers/index.js';
import { parseRetryAfter } from '../../src/workers/generation/providers/http.js';
import { sendJson, startFake, type FakeServer } from './fake-server.js';

/** Configuration from the environment, and picking an implementation by provider id + model. */

let fake: FakeServer;
beforeAll(async () => {
  fake = await startFake((req, res) => sendJson(res, 200, { candidates: [{ content: { parts: [{ text: 'bound' }] }, finishReason: 'STOP' }] }));
});
afterAll(() => fake.close());

function thrown(fn: () => unknown): StudioError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(StudioError);
    return err as StudioError;
  }
  throw new Error('expected a StudioError');
}

describe('provider configuration', () => {
  it('reads keys and base URLs from the environment, leaving out what is not set', () => {
    expect(providersConfigFromEnv({})).toEqual({ offline: {} });
    expect(
      providersConfigFromEnv({
        GEMINI_API_KEY: 'g',
        KINGJAM_GEMINI_BASE_URL: 'http://127.0.0.1:1',
        REPLICATE_API_TOKEN: 'r8',
        KINGJAM_COMFYUI_URL: 'http://127.0.0.1:8188',
        KINGJAM_OLLAMA_URL: 'http://127.0.0.1:11434',
      }),
    ).toEqual({
      offline: {},
      gemini: { apiKey: 'g', baseUrl: 'http://127.0.0.1:1' },
      replicate: { apiToken: 'r8' },
      comfyui: { baseUrl: 'http://127.0.0.1:8188' },
      ollama: { baseUrl: 'http://127.0.0.1:11434' },
    });
  });

  it('reads Retry-After as seconds or as a date', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:10 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(10_000);
    expect(parseRetryAfter('soon')).toBeNull();
    expect(parseRetryAfter(null)).toBeNull();
  });
});

describe('provider registry', () => {
  it('always has offline; adds what the configuration enables', () => {
    expect(createProviders().list().map((p) => p.id)).toEqual(['offline']);
    const registry = createProviders(providersConfigFromEnv({ GEMINI_API_KEY: 'k', KINGJAM_OLLAMA_URL: 'http://127.0.0.1:1' }));
    expect(registry.list().map((p) => p.id)).toEqual(['offline', 'gemini', 'ollama']);
    expect(registry.offering('video').map((p) => p.id)).toEqual(['offline', 'gemini']);
    expect(registry.list().filter((p) => p.local).map((p) => p.id)).toEqual(['offline', 'ollama']);
  });

  it('explains a provider that is not set up, a capability it lacks, and a model of the wrong kind', () => {
    const registry = createProviders({ gemini: { apiKey: 'k' }, ollama: {} });
    expect(thrown(() => registry.resolve('video', { provider: 'replicate', model: 'kling-v2.1' })).code).toBe('PROVIDER_NOT_CONFIGURED');
    const noVideo = thrown(() => registry.resolve('video', { provider: 'ollama' }));
    expect(noVideo.code).toBe('CAPABILITY_UNSUPPORTED');
    expect(noVideo.message).toBe('Ollama cannot generate video.');
    const wrongKind = thrown(() => registry.resolve('text', { provider: 'gemini', model: 'veo-3.1-generate-preview' }));
    expect(wrongKind.code).toBe('MODEL_UNAVAILABLE');
    expect(registry.resolve('structured', { provider: 'gemini', model: 'gemini-3.1-pro-preview' }).model).toBe('gemini-3.1-pro-preview');
    // A model the catalog does not list yet passes through to the service.
    expect(registry.resolve('text', { provider: 'gemini', model: 'gemini-3.9-flash' }).model).toBe('gemini-3.9-flash');
  });

  it('binds the chosen model into requests that name none', async () => {
    const registry = createProviders({ gemini: { apiKey: 'k', baseUrl: fake.url } });
    const { use } = registry.resolve('text', { provider: 'gemini', model: 'gemini-3.1-pro-preview' });
    expect((await use.generateText({ prompt: 'hi' })).text).toBe('bound');
    await use.generateText({ prompt: 'hi', model: 'gemini-3.5-flash' });
    expect(fake.seen.map((s) => s.path)).toEqual(['/v1beta/models/gemini-3.1-pro-preview:generateContent', '/v1beta/models/gemini-3.5-flash:generateContent']);
  });
});
