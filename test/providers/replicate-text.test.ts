import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { textHoldCredits, PROMPT_BUDGET_BYTES } from '../../src/shared/call-prices.js';
import { findModel } from '../../src/shared/models.js';
import { textCredits } from '../../src/shared/pricing.js';
import { createProviders } from '../../src/workers/generation/providers/registry.js';
import { ReplicateProvider } from '../../src/workers/generation/providers/replicate.js';
import { FAST_RETRY } from './fake-server.js';
import { startReplicateFake, type ReplicateFake } from './replicate-fake.js';

/** Text and structured output from a Replicate-hosted language model: its output is a token stream, an array of strings. */

let rep: ReplicateFake;
beforeAll(async () => {
  rep = await startReplicateFake();
});
afterAll(() => rep.close());
afterEach(() => rep.reset());

const config = () => ({ apiToken: rep.token, baseUrl: rep.baseUrl, retry: FAST_RETRY, timeoutMs: 5000, pollIntervalMs: 10 });
const tokens = (text: string): string[] => text.match(/.{1,3}/gsu) ?? [];

describe('Replicate text', () => {
  it('a Replicate-only registry can write text and structured output', () => {
    const registry = createProviders({ replicate: config() });
    expect(() => registry.resolve('structured', { provider: 'replicate' })).not.toThrow();
    expect(() => registry.resolve('text', { provider: 'replicate' })).not.toThrow();
  });

  it('a Replicate text choice is estimated at the Replicate language model\'s token price, not Gemini\'s', () => {
    const llama = findModel('replicate', 'meta/meta-llama-3.1-405b-instruct')!;
    expect(textCredits({ provider: 'replicate' })).toBe(textHoldCredits(llama, PROMPT_BUDGET_BYTES));
    expect(textCredits({ provider: 'replicate' })).not.toBe(textCredits({ provider: 'gemini' }));
  });

  it('streams the token array as it grows, and reports the token counts', async () => {
    const answer = 'Taipei has quiet cafés in Da’an and lively ones in Ximending.';
    rep.outputFor = () => tokens(answer);
    rep.tokensPerPoll = 5;
    const stream = new ReplicateProvider(config()).text.streamText({ system: 'You write short.', prompt: 'Cafés in Taipei?', temperature: 0.4 });
    const deltas: string[] = [];
    for await (const d of stream) deltas.push(d);
    const result = await stream.result();
    expect(deltas.length).toBeGreaterThan(2);
    expect(deltas.join('')).toBe(answer);
    expect(result).toMatchObject({ provider: 'replicate', model: 'meta/meta-llama-3.1-405b-instruct', text: answer, usage: { inputTokens: 120, outputTokens: tokens(answer).length } });
    const create = rep.creates()[0];
    expect(create?.path).toBe('/v1/models/meta/meta-llama-3.1-405b-instruct/predictions');
    expect(create?.json).toEqual({ input: { prompt: 'Cafés in Taipei?', system_prompt: 'You write short.', max_tokens: 8192, temperature: 0.4 } });
  });

  it('structured output: the schema goes in the prompt, one invalid answer is repaired', async () => {
    const schema = z.object({ title: z.string().min(3), tags: z.array(z.string()).min(2) });
    let n = 0;
    rep.outputFor = () => (++n === 1 ? tokens('```json\n{"title": "Hi"}\n```') : tokens('{"title": "Taipei cafés", "tags": ["coffee", "taipei"]}'));
    const out = await new ReplicateProvider(config()).structured.generateObject({ prompt: 'Plan a post.', schema, schemaName: 'Plan' });
    expect(out).toMatchObject({ provider: 'replicate', value: { title: 'Taipei cafés', tags: ['coffee', 'taipei'] }, repaired: true });
    const [first, second] = rep.creates().map((c) => (c.json as { input: { prompt: string; system_prompt: string } }).input);
    expect(first?.system_prompt).toContain('JSON Schema');
    expect(first?.prompt).toContain('"tags"');
    expect(second?.prompt).toContain('was not a valid Plan');
  });

  it('a language model that answers nothing is an error, not an empty article', async () => {
    rep.outputFor = () => [];
    await expect(new ReplicateProvider(config()).text.generateText({ prompt: 'x' })).rejects.toMatchObject({ code: 'PROVIDER_FAILED' });
  });
});
