import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KolStore } from '../../src/main/kol/store.js';
import { aesGcmCipher, sealedFileStore } from '../../src/main/secrets/store.js';
import type { Studio } from '../../src/main/studio.js';
import { personaInputSchema } from '../../src/shared/kol/persona.js';
import { TestCloud } from '../helpers/cloud.js';
import { PLATFORM_KEY } from '../helpers/gemini-upstream.js';
import { FAST_JOBS, capturedCredits, openTestStudio, tempHome, until } from '../helpers/studio.js';
import { startGeminiWriter, type GeminiWriter } from './fakes/gemini-writer.js';

/**
 * A batch on KingJam Cloud: each item's job carries its own estimate, the
 * gateway holds each model call and captures it when it succeeds, and the
 * calls of the item that fails are released — read back from the cloud's ledger.
 */
describe('a KOL batch on KingJam Cloud', () => {
  let writer: GeminiWriter;
  let cloud: TestCloud;
  let studio: Studio;
  let personaId: string;

  beforeAll(async () => {
    writer = await startGeminiWriter({ failing: new Set(['Cloud 01']), hanging: new Set() });
    cloud = await (await new TestCloud({ gateway: { geminiApiKey: PLATFORM_KEY, geminiBaseUrl: writer.fake.url, ratePerMinute: 1_000 } }).start()).withUser(800);
    const home = tempHome('kingjam-kolbatch-cloud-');
    const secrets = sealedFileStore(path.join(home, 'secrets'), aesGcmCipher(randomBytes(32)), 'encrypted-file');
    studio = openTestStudio(home, { ...FAST_JOBS, rateLimits: {} }, true, { secrets, kolBatches: { writeTimeoutMs: 30_000 } });
    await studio.sync.login({ cloudUrl: cloud.url, email: cloud.email, password: cloud.password });
    personaId = randomUUID();
    new KolStore(studio.store).insertPersona(personaId, personaInputSchema.parse({ nickname: 'Cloudy', persona: 'A KOL on KingJam Cloud', model: { provider: 'cloud' }, tone: { language: 'en' } }), Date.now());
  });

  afterAll(async () => {
    await studio?.close();
    await cloud?.stop();
    await writer?.fake.close();
  });

  it('holds per item: the failed item’s calls are released on the ledger, the others captured, nothing stays held', async () => {
    const request = { title: 'On the cloud', items: ['Cloud 00', 'Cloud 01', 'Cloud 02', 'Cloud 03'].map((topic) => ({ personaId, topic })) };
    const estimate = await studio.kolBatches.estimate(request);
    expect(estimate.lines).toEqual([{ provider: 'cloud', items: 4, credits: estimate.total, billing: 'credits' }]);
    expect(estimate.total).toBeGreaterThan(0);
    const perItem = estimate.total / 4;

    const batch = await studio.kolBatches.start(request);
    const done = await until(() => (studio.kolBatches.get(batch.id).batch.state === 'finished' ? studio.kolBatches.get(batch.id) : null), 'the batch to end', 150_000);
    expect(done.items.map((i) => i.state)).toEqual(['succeeded', 'failed', 'succeeded', 'succeeded']);

    for (const item of done.items) {
      const job = (await studio.jobs.get(item.jobId!))!;
      // Each item is its own job with its own estimate: never one hold for the whole batch.
      expect(job.estimatedCredits).toBe(perItem);
      const calls = await cloud.genCalls(item.jobId!);
      expect(calls.length).toBeGreaterThan(0);
      if (item.state === 'failed') {
        expect(calls.every((c) => c.status !== 'succeeded' && c.status !== 'running' && c.credits === 0)).toBe(true);
        expect(calls.length).toBe(3 * 3); // 3 queue attempts, each with the provider's own 3 tries
      } else {
        expect(calls.map((c) => c.status)).toEqual(['succeeded']);
        expect(await capturedCredits(studio, item.jobId!)).toBe(calls[0]!.credits);
      }
    }
    // What the ledger still holds is this device's offline allowance alone: no call of the batch is left held.
    expect((await cloud.balance()).held).toBe(studio.sync.wallet().allowance?.amount ?? 0);
    // The gateway held and settled each call itself: no local allowance was spent.
    expect(studio.store.sqlite.prepare('SELECT COUNT(*) AS n FROM credit_spends').get()).toEqual({ n: 0 });
    expect(studio.kolBatches.get(batch.id).batch.creditsHeld).toBe(0);
  }, 200_000);
});
