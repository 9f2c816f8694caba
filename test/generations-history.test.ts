import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../src/main/api/handlers.js';
import { aesGcmCipher, sealedFileStore } from '../src/main/secrets/store.js';
import type { Studio } from '../src/main/studio.js';
import type { GenCallView } from '../src/shared/gateway.js';
import { contractCalls } from './helpers/calls.js';
import { TestCloud } from './helpers/cloud.js';
import { FAST_JOBS, openTestStudio, tempHome } from './helpers/studio.js';

const BLOG: GenCallView = {
  id: 'call-2',
  purpose: 'blog',
  upstream: 'gemini',
  model: 'gemini-3.1-pro-preview',
  units: { input_tokens: 1_200, output_tokens: 2_400 },
  held: 25,
  credits: 12,
  status: 'succeeded',
  error_code: null,
  latency_ms: 8_100,
  created_at: 1_780_000_000_000,
};
const RELEASED: GenCallView = { ...BLOG, id: 'call-1', purpose: 'director-scene', upstream: 'replicate', model: 'kwaivgi/kling-v2.1', units: {}, held: 30, credits: 0, status: 'released', error_code: 'UPSTREAM_FAILED', created_at: 1_779_999_000_000 };

/**
 * The Credits page's generations list: the studio reads GET /v1/gen/calls
 * (src/shared/gateway.ts) with the signed-in user's access token. The cloud
 * here is the real cloud-sync (sign-in, wallet); the endpoint answers the
 * documented JSON for the token's own user.
 */
describe('wallet.generations', () => {
  const cloud = new TestCloud();
  let studio: Studio;
  const asked: { user: string; query: Record<string, string> }[] = [];
  const api = contractCalls(() => createHandlers(studio, 'web'));

  beforeAll(async () => {
    await cloud.start((server, app) => {
      server.get('/v1/gen/calls', async (req, reply) => {
        const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
        const claims = await app.auth.verify(token).catch(() => null);
        if (!claims) return reply.code(401).send({ error: { code: 'UNAUTHENTICATED', message: 'sign in' } });
        const query = req.query as Record<string, string>;
        asked.push({ user: claims.sub, query });
        if (!query.cursor) return { calls: [BLOG, { ...RELEASED, purpose: 'podcast' }], next_cursor: 'WzE3Nzk5OTkwMDAwMDAsImNhbGwtMSJd' };
        return { calls: [RELEASED], next_cursor: null };
      });
    });
    await cloud.withUser(0);
    const home = tempHome();
    const secrets = sealedFileStore(path.join(home, 'secrets'), aesGcmCipher(randomBytes(32)), 'encrypted-file');
    studio = openTestStudio(home, FAST_JOBS, true, { secrets, sync: { defaultCloudUrl: cloud.url, syncEveryMs: 3_600_000 } });
  });

  afterAll(async () => {
    await studio.close();
    await cloud.stop();
  });

  it('signed out: NOT_SIGNED_IN, and the cloud is not asked', async () => {
    expect(await api.refused('wallet.generations', {})).toMatchObject({ code: 'NOT_SIGNED_IN' });
    expect(asked).toEqual([]);
  });

  it('lists the user’s calls newest first, a page at a time; a purpose this studio does not know reads as other', async () => {
    await studio.sync.login({ email: cloud.email, password: cloud.password });
    const first = await api.call('wallet.generations', {});
    expect(first).toEqual({ calls: [BLOG, { ...RELEASED, purpose: 'other' }], nextCursor: 'WzE3Nzk5OTkwMDAwMDAsImNhbGwtMSJd' });
    const second = await api.call('wallet.generations', { cursor: first.nextCursor! });
    expect(second).toEqual({ calls: [RELEASED], nextCursor: null });
    expect(asked).toEqual([
      { user: cloud.userId, query: { limit: '50' } },
      { user: cloud.userId, query: { limit: '50', cursor: 'WzE3Nzk5OTkwMDAwMDAsImNhbGwtMSJd' } },
    ]);
  });
});
