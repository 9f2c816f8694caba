import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, expect, it, vi } from 'vitest';
import type { AuditDigestView } from '../../src/shared/boxes/wire.js';
import { appendAudit, entryHash } from '../src/audit/chain.js';
import { checkAuditChain } from '../src/audit/check.js';
import type { AuditHeadTable, AuditLogTable } from '../src/boxes/tables.js';
import { main } from '../src/cli.js';
import type { DbHandle } from '../src/db/connect.js';
import { transact } from '../src/db/connect.js';
import type { FreshDb } from './support/db.js';
import { describeEachDb, freshDb } from './support/db.js';

/** Issue 18: editing or deleting one audit row makes the checker fail at that row, on both databases. */

const N = 12;
const T0 = Date.UTC(2026, 0, 10, 3, 0, 0);

async function appendMany(h: DbHandle, n: number): Promise<void> {
  for (let i = 1; i <= n; i++) {
    await transact(h, (tx) => appendAudit(tx, h.dialect, { kind: i % 2 ? 'listing.created' : 'trade', ref: `listing:${i}`, actor: `user-${i % 3}`, payload: { price: 10 * i, note: `entry ${i}`, nested: { b: 2, a: [1, 'x'] } } }, T0 + i * 1000));
  }
}

describeEachDb('audit chain checker', (kind) => {
  let fresh: FreshDb;
  let h: DbHandle;
  let rows: AuditLogTable[];
  let head: AuditHeadTable;
  beforeAll(async () => {
    fresh = await freshDb(kind);
    h = await fresh.open();
    await appendMany(h, N);
    rows = await h.db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
    head = await h.db.selectFrom('audit_head').selectAll().executeTakeFirstOrThrow();
  });
  // Each test tampers with the log it is given: it starts from the untouched one.
  beforeEach(async () => {
    await h.db.deleteFrom('audit_log').execute();
    await h.db.insertInto('audit_log').values(rows).execute();
    await h.db.updateTable('audit_head').set(head).where('id', '=', 1).execute();
  });
  afterAll(async () => {
    await h.close();
    await fresh.drop();
  });

  it('an untouched chain checks out across pages, and the head names the last row', async () => {
    const r = await checkAuditChain(h.db, 5);
    expect(r).toMatchObject({ ok: true, checked: N, failure: null });
    const last = await h.db.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(r.head).toEqual({ seq: N, hash: last.hash });
  });

  it("editing one row's payload fails at that row (hash_mismatch)", async () => {
    const row = await h.db.selectFrom('audit_log').select('payload').where('seq', '=', 7).executeTakeFirstOrThrow();
    await h.db.updateTable('audit_log').set({ payload: row.payload.replace('"price":70', '"price":7') }).where('seq', '=', 7).execute();
    const r = await checkAuditChain(h.db, 5);
    expect(r.ok).toBe(false);
    expect(r.failure).toMatchObject({ seq: 7, rule: 'hash_mismatch' });
    expect(r.checked).toBe(6);
  });

  it('an edit whose own hash is recomputed is caught at the next row (prev_mismatch); only the published head catches a full rewrite', async () => {
    const row = await h.db.selectFrom('audit_log').selectAll().where('seq', '=', 4).executeTakeFirstOrThrow();
    const hash = entryHash(row.prev_hash, { seq: 4, kind: row.kind, ref: row.ref, actor: 'someone else', payload: JSON.parse(row.payload) as unknown, created_at: Number(row.created_at) });
    await h.db.updateTable('audit_log').set({ actor: 'someone else', hash }).where('seq', '=', 4).execute();
    expect((await checkAuditChain(h.db)).failure).toMatchObject({ seq: 5, rule: 'prev_mismatch' });
  });

  it('deleting one row fails at that seq (gap)', async () => {
    await h.db.deleteFrom('audit_log').where('seq', '=', 5).execute();
    const r = await checkAuditChain(h.db, 5);
    expect(r.failure).toMatchObject({ seq: 5, rule: 'gap' });
  });

  it('deleting the first row fails at seq 1 (gap)', async () => {
    await h.db.deleteFrom('audit_log').where('seq', '=', 1).execute();
    expect((await checkAuditChain(h.db)).failure).toMatchObject({ seq: 1, rule: 'gap' });
  });

  it('deleting the last row fails at its seq (head_mismatch)', async () => {
    await h.db.deleteFrom('audit_log').where('seq', '=', N).execute();
    expect((await checkAuditChain(h.db)).failure).toMatchObject({ seq: N, rule: 'head_mismatch' });
  });

  it('a row re-linked to another predecessor fails at that row (prev_mismatch)', async () => {
    const r3 = await h.db.selectFrom('audit_log').select('hash').where('seq', '=', 3).executeTakeFirstOrThrow();
    await h.db.updateTable('audit_log').set({ prev_hash: r3.hash }).where('seq', '=', 9).execute();
    expect((await checkAuditChain(h.db)).failure).toMatchObject({ seq: 9, rule: 'prev_mismatch' });
  });

  it('a moved head is head_mismatch', async () => {
    await h.db.updateTable('audit_head').set({ hash: 'a'.repeat(64) }).where('id', '=', 1).execute();
    expect((await checkAuditChain(h.db)).failure).toMatchObject({ seq: N, rule: 'head_mismatch' });
  });

  it('`kingjam-cloud verify-audit` exits 0 on a sound chain and 1 with the failing seq on a broken one', async () => {
    const errs: string[] = [];
    const outs: string[] = [];
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((s) => (errs.push(String(s)), true));
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((s) => (outs.push(String(s)), true));
    try {
      expect(await main(['verify-audit', '--db', fresh.target])).toBe(0);
      expect(JSON.parse(outs.join(''))).toMatchObject({ ok: true, checked: N });
      await h.db.deleteFrom('audit_log').where('seq', '=', 8).execute();
      outs.length = 0;
      expect(await main(['verify-audit', '--db', fresh.target])).toBe(1);
      expect(JSON.parse(outs.join(''))).toMatchObject({ ok: false, failure: { seq: 8, rule: 'gap' } });
      expect(errs.join('')).toContain('seq 8 (gap)');
      // Said in the user's language too (LANG), the JSON on stdout unchanged.
      const lang = process.env.LANG;
      process.env.LANG = 'zh_TW.UTF-8';
      errs.length = 0;
      expect(await main(['verify-audit', '--db', fresh.target])).toBe(1);
      if (lang === undefined) delete process.env.LANG;
      else process.env.LANG = lang;
      expect(errs.join('')).toContain('稽核紀錄在第 8 筆斷裂');
    } finally {
      stderr.mockRestore();
      stdout.mockRestore();
    }
  });

  it('`kingjam-cloud audit-digest` signs every ended day once, with the configured key', async () => {
    const prior = process.env.KINGJAM_AUDIT_SIGNING_KEY;
    const key = generateKeyPairSync('ed25519').privateKey;
    process.env.KINGJAM_AUDIT_SIGNING_KEY = key.export({ format: 'pem', type: 'pkcs8' }).toString();
    const outs: string[] = [];
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((s) => (outs.push(String(s)), true));
    try {
      expect(await main(['audit-digest', '--db', fresh.target])).toBe(0);
      const made = (JSON.parse(outs.join('')) as { made: AuditDigestView[] }).made;
      const last = await h.db.selectFrom('audit_log').select('hash').where('seq', '=', N).executeTakeFirstOrThrow();
      expect(made[0]).toMatchObject({ day: '2026-01-10', seq: N, hash: last.hash, public_key: createPublicKey(key).export({ format: 'der', type: 'spki' }).toString('base64') });
      outs.length = 0;
      expect(await main(['audit-digest', '--db', fresh.target])).toBe(0);
      expect(JSON.parse(outs.join(''))).toEqual({ made: [] });
    } finally {
      stdout.mockRestore();
      if (prior === undefined) delete process.env.KINGJAM_AUDIT_SIGNING_KEY;
      else process.env.KINGJAM_AUDIT_SIGNING_KEY = prior;
    }
  });
});

it('appends made concurrently form one chain (the head row orders them)', async () => {
  const fresh = await freshDb('sqlite');
  const h = await fresh.open();
  try {
    await Promise.all(Array.from({ length: 20 }, (_, i) => transact(h, (tx) => appendAudit(tx, h.dialect, { kind: 'trade', ref: `t:${i}`, actor: 'x', payload: { i } }, T0))));
    expect(await checkAuditChain(h.db)).toMatchObject({ ok: true, checked: 20 });
  } finally {
    await h.close();
    await fresh.drop();
  }
});
