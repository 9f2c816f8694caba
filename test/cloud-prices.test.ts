import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aesGcmCipher, sealedFileStore } from '../src/main/secrets/store.js';
import type { Studio } from '../src/main/studio.js';
import { priceTable, type PriceTable } from '../src/shared/call-prices.js';
import type { StudioError } from '../src/shared/errors.js';
import { PRICES_MAX_AGE_MS } from '../src/main/sync/gen.js';
import { TestCloud } from './helpers/cloud.js';
import { openTestStudio, tempHome } from './helpers/studio.js';
import { sendJson, startFake, type FakeServer } from './providers/fake-server.js';

/** The studio refuses to show an estimate for cloud work whose models the cloud prices differently (GET /v1/gen/prices). */
describe('prices published by the cloud', () => {
  let cloud: FakeServer;
  let studio: Studio;
  let published: PriceTable = priceTable();
  let clock = Date.now();
  let gone = false;

  beforeAll(async () => {
    cloud = await startFake((req, res) => (req.path === '/v1/gen/prices' && !gone ? sendJson(res, 200, published) : sendJson(res, 404, { error: { code: 'NOT_FOUND', message: 'no such route' } })));
    studio = openTestStudio(tempHome(), {}, false, { sync: { defaultCloudUrl: cloud.url, now: () => clock } });
  });
  afterAll(async () => {
    await studio.close();
    await cloud.close();
  });

  const cloudBlog = { topic: 'Taipei cafés', cover: 'none' as const, text: { provider: 'cloud' as const } };

  it('shows the estimate while the prices agree', async () => {
    const estimate = await studio.generate.estimateBlog(cloudBlog);
    expect(estimate.total).toBeGreaterThan(0);
    expect(cloud.hits('/v1/gen/prices')).toHaveLength(1);
  });

  it('refuses it, in words each language has, once the cloud charges differently for a model it names', async () => {
    published = { models: priceTable().models.map((m) => (m.id === 'gemini-3.6-flash' ? { ...m, price: { unit: 'tokens', inputPerMillion: 300, outputPerMillion: 2_400, minimum: 1 } } : m)) };
    // The table is kept for a few minutes: a fresh read (as at sign-in) picks up the change.
    await studio.sync.gen.priceTable(true);
    const err = (await studio.generate.estimateBlog(cloudBlog).catch((e: unknown) => e)) as StudioError;
    expect(err.toInfo()).toMatchObject({ code: 'CONFLICT', key: 'credits.pricesOutOfDate', params: { models: 'gemini-3.6-flash' } });
    // Work on the user's own key, or on a cloud model whose price still agrees, is not affected.
    expect((await studio.generate.estimateBlog({ ...cloudBlog, text: { provider: 'gemini' as const } })).total).toBe(0);
    expect((await studio.generate.estimateBlog({ ...cloudBlog, text: { provider: 'cloud' as const, model: 'gemini-3.1-pro-preview' } })).total).toBeGreaterThan(0);
  });

  it('keeps the table for a few minutes, then reads it again', async () => {
    published = priceTable();
    const reads = cloud.hits('/v1/gen/prices').length;
    await expect(studio.generate.estimateBlog(cloudBlog)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(cloud.hits('/v1/gen/prices')).toHaveLength(reads);
    clock += PRICES_MAX_AGE_MS + 1;
    expect((await studio.generate.estimateBlog(cloudBlog)).total).toBeGreaterThan(0);
    expect(cloud.hits('/v1/gen/prices')).toHaveLength(reads + 1);
  });

  it('refuses cloud estimates as out of date when the cloud publishes no table (an older cloud), and never as a usage error', async () => {
    gone = true;
    clock += PRICES_MAX_AGE_MS + 1;
    await expect(studio.generate.estimateBlog(cloudBlog)).rejects.toMatchObject({ code: 'CONFLICT', key: 'credits.pricesOutOfDate' });
    gone = false;
    expect((await studio.generate.estimateBlog(cloudBlog)).total).toBeGreaterThan(0);
  });
});

/** Before cloud work starts, the wallet must cover it: this device's own offline allowance is given back first when it holds what is missing. */
describe('the wallet check before cloud work', () => {
  it('gives this device\'s allowance back to the wallet when the credits sit there, and refuses what the wallet lacks', async () => {
    const cloud = await (await new TestCloud().start()).withUser(0);
    const home = tempHome();
    const studio = openTestStudio(home, {}, false, { secrets: sealedFileStore(path.join(home, 'secrets'), aesGcmCipher(randomBytes(32)), 'encrypted-file') });
    try {
      await studio.sync.login({ cloudUrl: cloud.url, email: cloud.email, password: cloud.password });
      // Signing in reserved 100 of the 200 sign-up credits for offline work on this device.
      expect(studio.sync.wallet().allowance).toMatchObject({ amount: 100 });
      expect((await cloud.balance()).available).toBe(100);
      await studio.sync.gen.preflight(150, []);
      expect(studio.sync.wallet().allowance).toBeNull();
      expect((await cloud.balance()).available).toBe(200);
      await expect(studio.sync.gen.preflight(201, [])).rejects.toMatchObject({ code: 'INSUFFICIENT_CREDITS', key: 'credits.insufficient', params: { needed: 201, available: 200 } });
    } finally {
      await studio.close();
      await cloud.stop();
    }
  });
});
