import { afterAll, beforeAll, expect, it } from 'vitest';
import { canonicalId } from '../src/ledger/ids.js';
import { describeEachDb } from './support/db.js';
import type { Session, TestServer } from './support/http.js';
import { startServer, uuid } from './support/http.js';

it('canonicalises UUID idempotency ids (trim, lower case) and leaves the server’s own ids alone', () => {
  expect(canonicalId(' 0190A1B2-C3D4-7E5F-8A9B-0C1D2E3F4A5B ')).toBe('0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b');
  expect(canonicalId('stripe:checkout:cs_test_ABC')).toBe('stripe:checkout:cs_test_ABC');
});

describeEachDb('idempotency ids are one id whatever their letter case (issue 11 §2.6)', (kind) => {
  let s: TestServer;
  let admin: Session;
  beforeAll(async () => {
    s = await startServer(kind);
    admin = await s.admin();
  });
  afterAll(async () => s?.close());

  const total = async (u: Session) => (await s.call<{ total: number; held: number }>('GET', '/v1/ledger/balance', undefined, u.token)).body;

  it('the same key in upper and lower case holds and captures once', async () => {
    const u = await s.register();
    const holdId = uuid();
    const hold = (id: string) => s.call<{ id: string }>('POST', '/v1/ledger/holds', { id, amount: 50, ttl_seconds: 600, reason: 'case test' }, u.token);
    const first = await hold(holdId.toUpperCase());
    expect(first.status).toBe(200);
    expect(first.body.id).toBe(holdId);
    const again = await hold(` ${holdId} `);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(await total(u)).toMatchObject({ total: 200, held: 50 });

    const captureId = uuid();
    const cap1 = await s.call('POST', `/v1/ledger/holds/${holdId.toUpperCase()}/capture`, { id: captureId, amount: 30 }, u.token);
    const cap2 = await s.call('POST', `/v1/ledger/holds/${holdId}/capture`, { id: captureId.toUpperCase(), amount: 30 }, u.token);
    expect([cap1.status, cap2.status]).toEqual([200, 200]);
    expect(cap2.body).toEqual(cap1.body);
    // Charged once: 200 − 30, nothing held.
    expect(await total(u)).toMatchObject({ total: 170, held: 0 });
    const journal = await s.db.db.selectFrom('journal').select(['id', 'kind']).where('user_id', '=', u.id).where('kind', 'in', ['hold', 'capture']).execute();
    expect(journal.map((j) => j.id).sort()).toEqual([captureId, holdId].sort());

    // The same id with another body is still a conflict, in either case.
    const conflict = await s.call('POST', '/v1/ledger/holds', { id: holdId.toUpperCase(), amount: 51, ttl_seconds: 600, reason: 'case test' }, u.token);
    expect(conflict.status).toBe(409);
  });

  it('a batch and a direct call with the key in two cases charge once, and an admin grant id too', async () => {
    const u = await s.register();
    const holdId = uuid();
    const direct = await s.call('POST', '/v1/ledger/holds', { id: holdId, amount: 20, ttl_seconds: 600, reason: 'batch case' }, u.token);
    expect(direct.status).toBe(200);
    const batch = await s.call<{ results: { ok: boolean; id: string }[] }>('POST', '/v1/ledger/batch', { ops: [{ op: 'hold', id: holdId.toUpperCase(), amount: 20, ttl_seconds: 600, reason: 'batch case' }] }, u.token);
    expect(batch.body.results).toMatchObject([{ ok: true, id: holdId }]);
    expect(await total(u)).toMatchObject({ total: 200, held: 20 });

    const grantId = uuid();
    const grant = (id: string) => s.call('POST', '/v1/admin/grants', { id, user_id: u.id, bucket: 'PAID', amount: 100, reason: 'case' }, admin.token);
    expect((await grant(grantId.toUpperCase())).status).toBe(200);
    expect((await grant(grantId)).status).toBe(200);
    expect(await total(u)).toMatchObject({ total: 300 });
  });
});
