import type http from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { OllamaProvider } from '../../src/workers/generation/providers/ollama.js';
import { type FakeServer, FAST_RETRY, rejection, type Route, sendJson, startFake, waitFor } from './fake-server.js';

/** Ollama's /api/chat and /api/tags (providers.md) on loopback, driven by our fetch-based client. */

let route: Route = (_req, res) => sendJson(res, 500, {});
let fake: FakeServer;

beforeAll(async () => {
  fake = await startFake((req, res) => route(req, res));
});
afterAll(() => fake.close());
afterEach(() => {
  fake.seen.length = 0;
});

function provider(extra: Partial<ConstructorParameters<typeof OllamaProvider>[0]> = {}): OllamaProvider {
  return new OllamaProvider({ baseUrl: fake.url, defaultModel: 'qwen2.5:7b', retry: FAST_RETRY, timeoutMs: 5000, ...extra });
}

function ndjson(res: http.ServerResponse, lines: unknown[], end = true): void {
  res.writeHead(200, { 'content-type': 'application/x-ndjson' });
  for (const l of lines) res.write(`${JSON.stringify(l)}\n`);
  if (end) res.end();
}

const done = { model: 'qwen2.5:7b', message: { role: 'assistant', content: '' }, done: true, done_reason: 'stop', prompt_eval_count: 20, eval_count: 9 };

describe('Ollama', () => {
  it('streams a chat as NDJSON deltas', async () => {
    route = (req, res) => ndjson(res, [{ message: { role: 'assistant', content: '你好' }, done: false }, { message: { role: 'assistant', content: '，世界' }, done: false }, done]);
    const stream = provider().text.streamText({ prompt: '打個招呼', system: '用繁體中文', temperature: 0.2 });
    const deltas: string[] = [];
    for await (const d of stream) deltas.push(d);
    expect(deltas).toEqual(['你好', '，世界']);
    expect(await stream.result()).toMatchObject({ text: '你好，世界', usage: { inputTokens: 20, outputTokens: 9 }, provider: 'ollama' });
    expect(fake.seen[0]?.path).toBe('/api/chat');
    expect(fake.seen[0]?.json).toEqual({
      model: 'qwen2.5:7b',
      messages: [
        { role: 'system', content: '用繁體中文' },
        { role: 'user', content: '打個招呼' },
      ],
      stream: true,
      options: { temperature: 0.2 },
    });
  });

  it('sends the JSON schema as `format`, repairs once, fails on the second invalid answer', async () => {
    const Post = z.object({ caption: z.string().max(40), hashtags: z.array(z.string().startsWith('#')).min(1) });
    let n = 0;
    route = (req, res) => sendJson(res, 200, { ...done, message: { role: 'assistant', content: n++ === 0 ? '{"caption":"hi","hashtags":["nohash"]}' : '{"caption":"hi","hashtags":["#taipei"]}' } });
    const out = await provider().structured.generateObject({ prompt: 'A post', schema: Post, schemaName: 'SocialPost' });
    expect(out).toMatchObject({ value: { caption: 'hi', hashtags: ['#taipei'] }, repaired: true });
    const body = fake.seen[0]?.json as { format: Record<string, unknown>; stream: boolean };
    expect(body.stream).toBe(false);
    expect(body.format).toMatchObject({ type: 'object', properties: { caption: { type: 'string', maxLength: 40 } }, required: ['caption', 'hashtags'] });

    fake.seen.length = 0;
    route = (req, res) => sendJson(res, 200, { ...done, message: { role: 'assistant', content: 'Sure! Here is your post.' } });
    const err = await rejection(provider().structured.generateObject({ prompt: 'A post', schema: Post, schemaName: 'SocialPost' }));
    expect(err.code).toBe('MODEL_OUTPUT_INVALID');
    expect(err.message).toContain('not valid JSON');
    expect(fake.seen).toHaveLength(2);
  });

  it('names a model that is not installed, and a server that is not running', async () => {
    route = (req, res) => sendJson(res, 404, { error: "model 'llama9' not found" });
    const missing = await rejection(provider().text.generateText({ prompt: 'x', model: 'llama9' }));
    expect(missing.code).toBe('MODEL_UNAVAILABLE');
    expect(missing.message).toContain('ollama pull llama9');

    const down = new OllamaProvider({ baseUrl: 'http://127.0.0.1:9', retry: FAST_RETRY });
    const err = await rejection(down.text.generateText({ prompt: 'x' }));
    expect(err.code).toBe('PROVIDER_UNREACHABLE');
    expect(err.hint).toContain('Start Ollama');
  });

  it('closes the connection when canceled mid-stream', async () => {
    route = (req, res) => ndjson(res, [{ message: { role: 'assistant', content: 'a' }, done: false }], false);
    const controller = new AbortController();
    const stream = provider().text.streamText({ prompt: 'x' }, { signal: controller.signal });
    const iter = stream[Symbol.asyncIterator]();
    expect((await iter.next()).value).toBe('a');
    const pending = iter.next();
    controller.abort();
    expect((await rejection(pending)).code).toBe('CANCELED');
    await waitFor(() => fake.seen[0]?.aborted === true);
  });

  it('times out a stream that stalls', async () => {
    route = (req, res) => ndjson(res, [{ message: { role: 'assistant', content: 'a' }, done: false }], false);
    const err = await rejection(provider({ timeoutMs: 300 }).text.generateText({ prompt: 'x' }));
    expect(err.code).toBe('PROVIDER_TIMEOUT');
  });

  it('lists installed models', async () => {
    route = (req, res) => sendJson(res, 200, { models: [{ name: 'qwen2.5:7b', model: 'qwen2.5:7b', size: 4_000_000_000 }, { name: 'llama3.1:8b' }] });
    const report = await provider().testConnection();
    expect(report).toMatchObject({ ok: true, models: [{ id: 'qwen2.5:7b', available: true }, { id: 'llama3.1:8b' }] });
    expect(fake.seen[0]?.path).toBe('/api/tags');
  });
});
