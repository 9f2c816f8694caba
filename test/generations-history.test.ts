import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../src/main/api/handlers.js';
import { aesGcmCipher, sealedFileStore } from '../src/main/secrets/store.js';
import type { Studio } from '../src/main/studio.js';
import type { GenCallView } from '../src/shared/gateway.js';
import { registerAndVerifyAt } from '../cloud-sync/test/support/mail.js';
import { contractCalls } from './helpers/calls.js';
import { TestCloud } from './helpers/cloud.js';
import { FAST_JOBS, openTestStudio, tempHome } from './helpers/studio.js';

const BLOG: GenCallView = {
  id: 'call-002',
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
const RELEASED: GenCallView = { ...BLOG, id: 'call-001', purpose: 'director-scene', upstream: 'replicate', model: 'kwaivgi/kling-v2.1', units: {}, held: 30, credits: 0, status: 'released', error_code: 'UPSTREAM_FAILED', created_at: 1_779_999_000_000 };

/** A gen_calls row as the gateway records a call (cloud-sync/src/gateway/tables.ts). */
function row(call: GenCallView, userId: string) {
  return {
    id: call.id, user_id: userId, idempotency_key: null, request_hash: 'x'.repeat(64), purpose: call.purpose, job_ref: null, upstream: call.upstream, model: call.model,
    operation: call.upstream === 'replicate' ? ('prediction' as const) : ('stream' as const), hold_id: null, held: call.held, credits: call.credits, units: JSON.stringify(call.units),
    status: call.status, error_code: call.error_code, upstream_ref: null, upstream_files: null, first_byte_ms: null, latency_ms: call.latency_ms, created_at: call.created_at, finished_at: call.created_at,
  };
}

/**
 * The Credits page's generations list: the studio reads the real gateway's
 * GET /v1/gen/calls (cloud-sync on SQLite, loopback) with the signed-in
 * user's access token, page by page; another user's calls never show.
 */
describe('wallet.generations', () => {
  const cloud = new TestCloud();
  let studio: Studio;
  const api = contractCalls(() => createHandlers(studio, 'web'));

  beforeAll(async () => {
    await (await cloud.start()).withUser(0);
    // 52 calls: a page of 50, then 2; and one of someone else's.
    const calls = Array.from({ length: 50 }, (_, i) => ({ ...BLOG, id: `call-${String(i + 10).padStart(3, '0')}`, created_at: BLOG.created_at + i + 10 }));
    await cloud.db.db.insertInto('gen_calls').values([...calls, BLOG, RELEASED].map((c) => row(c, cloud.userId))).execute();
    const other = await registerAndVerifyAt(cloud.url, cloud.mail, { email: 'other@example.com', password: 'another long password' });
    await cloud.db.db.insertInto('gen_calls').values(row({ ...BLOG, id: 'someone-else' }, other.user.id)).execute();
    const home = tempHome();
    const secrets = sealedFileStore(path.join(home, 'secrets'), aesGcmCipher(randomBytes(32)), 'encrypted-file');
    studio = openTestStudio(home, FAST_JOBS, true, { secrets, sync: { defaultCloudUrl: cloud.url, syncEveryMs: 3_600_000 } });
  });

  afterAll(async () => {
    await studio.close();
    await cloud.stop();
  });

  it('signed out: NOT_SIGNED_IN', async () => {
    expect(await api.refused('wallet.generations', {})).toMatchObject({ code: 'NOT_SIGNED_IN' });
  });

  it('lists the user’s calls newest first, a page at a time, as the gateway recorded them', async () => {
    await studio.sync.login({ email: cloud.email, password: cloud.password });
    const first = await api.call('wallet.generations', {});
    expect(first.calls).toHaveLength(50);
    expect(first.calls[0]).toMatchObject({ id: 'call-059', purpose: 'blog', model: 'gemini-3.1-pro-preview', credits: 12, status: 'succeeded' });
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await api.call('wallet.generations', { cursor: first.nextCursor! });
    expect(second).toEqual({ calls: [BLOG, RELEASED], nextCursor: null });
    expect([...first.calls, ...second.calls].map((c) => c.id)).not.toContain('someone-else');
  });
});
