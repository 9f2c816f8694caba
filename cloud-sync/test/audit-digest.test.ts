import { createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import type { AuditDigestView, AuditHeadView } from '../../src/shared/boxes/wire.js';
import { appendAudit } from '../src/audit/chain.js';
import { AUDIT_KEY_FILE, loadAuditKeys } from '../src/audit/keys.js';
import { transact } from '../src/db/connect.js';
import { describeEachDb } from './support/db.js';
import type { TestServer } from './support/http.js';
import { startServer } from './support/http.js';

/** Issue 18: the head is published, and each day's head is signed with Ed25519 that anyone can check with node:crypto alone. */

// 11:00 on 2026-01-10 in Asia/Taipei.
const T0 = Date.UTC(2026, 0, 10, 3, 0, 0);
// Midnight between the 10th and the 11th in Taipei is 16:00 UTC on the 10th.
const END_OF_10TH = Date.UTC(2026, 0, 10, 16, 0, 0);

/** The outside check: only the published key, the digest's fields and node:crypto. */
function outsideVerify(publicKeyB64: string, d: { day: string; seq: number; hash: string; signature: string }): boolean {
  const key = createPublicKey({ key: Buffer.from(publicKeyB64, 'base64'), format: 'der', type: 'spki' });
  return verify(null, Buffer.from(`kingjam-audit:${d.day}:${d.seq}:${d.hash}`, 'utf8'), key, Buffer.from(d.signature, 'base64'));
}

async function append(s: TestServer, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    await transact(s.db, (tx) => appendAudit(tx, s.db.dialect, { kind: 'listing.created', ref: `listing:${i}`, actor: 'u', payload: { i } }, s.clock.now()));
    s.clock.advance(1000);
  }
}

let server: TestServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

describeEachDb('audit head, key and daily digests', (kind) => {
  it('publishes the head, signs each ended Taipei day once, and the signature verifies with the published key only', async () => {
    const configured = generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    const s = (server = await startServer(kind, { audit: { signingKey: configured } }));
    s.clock.set(T0);
    await append(s, 5);

    const head = await s.call<AuditHeadView>('GET', '/v1/audit/head');
    const last = await s.db.db.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(head.status).toBe(200);
    expect(head.body).toMatchObject({ seq: 5, hash: last.hash });

    // The day has not ended (nor its grace minute): nothing to sign.
    s.clock.set(END_OF_10TH + 30_000);
    expect(await s.app.audit.makeDigests()).toEqual([]);
    s.clock.set(END_OF_10TH + 120_000);
    await append(s, 1); // seq 6, on the 11th: not part of the 10th's digest
    const made = await s.app.audit.makeDigests();
    expect(made.map((d) => [d.day, d.seq, d.hash])).toEqual([['2026-01-10', 5, last.hash]]);
    expect(await s.app.audit.makeDigests()).toEqual([]); // idempotent

    const key = await s.call<{ public_key: string }>('GET', '/v1/audit/key');
    expect(key.status).toBe(200);
    expect(key.body.public_key).toBe(createPublicKey(configured).export({ format: 'der', type: 'spki' }).toString('base64'));
    expect(JSON.stringify(key.body)).not.toContain('PRIVATE');
    const listed = await s.call<AuditDigestView[]>('GET', '/v1/audit/digests?day=2026-01-10');
    expect(listed.body).toHaveLength(1);
    const d = listed.body[0]!;
    expect(d.public_key).toBe(key.body.public_key);
    expect(outsideVerify(key.body.public_key, d)).toBe(true);

    // Forgeries: another head under the same signature, or a signature from another key.
    expect(outsideVerify(key.body.public_key, { ...d, seq: d.seq + 1 })).toBe(false);
    expect(outsideVerify(key.body.public_key, { ...d, hash: `${d.hash.slice(0, -1)}${d.hash.endsWith('0') ? '1' : '0'}` })).toBe(false);
    const other = generateKeyPairSync('ed25519').privateKey;
    const forged = sign(null, Buffer.from(`kingjam-audit:${d.day}:${d.seq}:${d.hash}`, 'utf8'), other).toString('base64');
    expect(outsideVerify(key.body.public_key, { ...d, signature: forged })).toBe(false);

    // Days later: every ended day is signed, a quiet day with the head it still had.
    s.clock.set(END_OF_10TH + 3 * 86_400_000 + 120_000);
    const later = await s.app.audit.makeDigests();
    expect(later.map((x) => [x.day, x.seq])).toEqual([
      ['2026-01-11', 6],
      ['2026-01-12', 6],
      ['2026-01-13', 6],
    ]);
    const all = await s.call<AuditDigestView[]>('GET', '/v1/audit/digests');
    expect(all.body.map((x) => x.day)).toEqual(['2026-01-13', '2026-01-12', '2026-01-11', '2026-01-10']);
    expect(all.body.every((x) => outsideVerify(key.body.public_key, x))).toBe(true);
    expect((await s.call('GET', '/v1/audit/digests?day=10-01-2026')).status).toBe(400);
  });

  it('the chain check is an admin route', async () => {
    const s = (server = await startServer(kind, { audit: { signingKey: generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64') } }));
    await append(s, 3);
    const admin = await s.admin();
    const u = await s.register();
    expect((await s.call('GET', '/v1/admin/audit/check', undefined, u.token)).status).toBe(403);
    expect((await s.call('GET', '/v1/admin/audit/check')).status).toBe(401);
    const ok = await s.call('GET', '/v1/admin/audit/check', undefined, admin.token);
    expect(ok.body).toMatchObject({ ok: true, checked: 3, head: { seq: 3 } });
    await s.db.db.updateTable('audit_log').set({ payload: '{"i":99}' }).where('seq', '=', 2).execute();
    expect((await s.call('GET', '/v1/admin/audit/check', undefined, admin.token)).body).toMatchObject({ ok: false, failure: { seq: 2, rule: 'hash_mismatch' } });
  });
});

it('without a configured key, one is made once in the data folder (owner-only) and kept across restarts', async () => {
  const prior = process.env.KINGJAM_AUDIT_SIGNING_KEY;
  delete process.env.KINGJAM_AUDIT_SIGNING_KEY;
  try {
    const s = (server = await startServer('sqlite'));
    const first = await s.call<{ public_key: string }>('GET', '/v1/audit/key');
    const dir = dirname(s.fresh.target);
    const file = join(dir, AUDIT_KEY_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadAuditKeys({ dataDir: dir }).publicKeyB64).toBe(first.body.public_key);
  } finally {
    if (prior !== undefined) process.env.KINGJAM_AUDIT_SIGNING_KEY = prior;
  }
});
