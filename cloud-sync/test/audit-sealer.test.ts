import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { appendAudit } from '../src/audit/chain.js';
import { checkAuditChain } from '../src/audit/check.js';
import { AuditSealer, sealPending } from '../src/audit/sealer.js';
import type { DbHandle } from '../src/db/connect.js';
import { transact } from '../src/db/connect.js';
import { describeEachDb } from './support/db.js';
import type { TestServer } from './support/http.js';
import { JWT_SECRET, startServer } from './support/http.js';
import { RecordingMailer } from './support/mail.js';

/**
 * Sealing (docs/audit-log.md): entries written unchained wait in audit_pending until a sealer links
 * them into the chain. What a crash leaves is sealed at the next start, before anything new; a seal
 * that fails half-way leaves nothing half-linked; sealers of several processes racing with writers
 * link every entry exactly once, in one unbroken chain.
 */
describeEachDb('audit sealing', (kind) => {
  let s: TestServer;
  let other: DbHandle;

  beforeAll(async () => {
    s = await startServer(kind);
    // A second process's connection to the same database.
    other = await s.fresh.open();
  }, 60_000);
  afterAll(async () => {
    await other?.close();
    await s?.close();
  });

  const pending = async (h: DbHandle, refs: string[]) => {
    // As an opening on PostgreSQL writes its entry (boxes/opening-pg.ts), each in its own transaction.
    for (const ref of refs) await transact(h, (tx) => tx.insertInto('audit_pending').values({ kind: 'opening', ref, actor: 'u', payload: JSON.stringify({ ref }), created_at: s.clock.now() }).execute());
  };
  const refsInChain = async () => (await s.db.db.selectFrom('audit_log').select(['seq', 'ref']).orderBy('seq').execute()).map((r) => r.ref);
  const head = async () => Number((await s.db.db.selectFrom('audit_head').select('seq').executeTakeFirstOrThrow()).seq);

  it('leaves a crashed process’s entries out of the head and seals them at the next start, in order', async () => {
    await transact(s.db, (tx) => appendAudit(tx, s.db.dialect, { kind: 'series.created', ref: 'series:x', actor: 'c', payload: {} }, s.clock.now()));
    const sealedBefore = await head();
    // Committed, never sealed: the process died between its commit and its seal.
    await pending(s.db, ['crash:1', 'crash:2', 'crash:3']);
    expect(await head()).toBe(sealedBefore);
    expect(await checkAuditChain(s.db.db)).toMatchObject({ ok: true, checked: sealedBefore, unsealed: 3 });

    const next = await buildApp({ db: other, jwtSecret: JWT_SECRET, clock: s.clock, testClock: true, mailer: new RecordingMailer() });
    await next.server.close();
    expect(await head()).toBe(sealedBefore + 3);
    expect((await refsInChain()).slice(-3)).toEqual(['crash:1', 'crash:2', 'crash:3']);
    expect(await s.db.db.selectFrom('audit_pending').select('id').execute()).toHaveLength(0);
    expect(await checkAuditChain(s.db.db)).toMatchObject({ ok: true, checked: sealedBefore + 3, unsealed: 0 });
  }, 60_000);

  it('rolls a failed seal back whole: nothing is half-linked, and the next seal links all', async () => {
    const sealedBefore = await head();
    await pending(s.db, ['f:1', 'f:2', 'f:3']);
    const bad = await s.db.db.selectFrom('audit_pending').select('id').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    await s.db.db.updateTable('audit_pending').set({ payload: '{not json' }).where('id', '=', bad.id).execute();
    await expect(sealPending(s.db)).rejects.toThrow();
    expect(await head()).toBe(sealedBefore);
    expect(await s.db.db.selectFrom('audit_pending').select('id').execute()).toHaveLength(3);
    await s.db.db.updateTable('audit_pending').set({ payload: '{"ref":"f:3"}' }).where('id', '=', bad.id).execute();
    expect(await sealPending(s.db)).toBe(3);
    expect((await refsInChain()).slice(-3)).toEqual(['f:1', 'f:2', 'f:3']);
    expect(await checkAuditChain(s.db.db)).toMatchObject({ ok: true });
  }, 60_000);

  it('links what is pending before a direct append, so the chain keeps the order of the changes', async () => {
    const sealedBefore = await head();
    await pending(s.db, ['opened:1', 'opened:2']);
    await transact(s.db, (tx) => appendAudit(tx, s.db.dialect, { kind: 'series.closed', ref: 'series:x', actor: 'c', payload: {} }, s.clock.now()));
    expect((await refsInChain()).slice(sealedBefore)).toEqual(['opened:1', 'opened:2', 'series:x']);
    expect(await checkAuditChain(s.db.db)).toMatchObject({ ok: true, checked: sealedBefore + 3, unsealed: 0 });
  }, 60_000);

  it('links every entry exactly once when two processes’ sealers race with writers and direct appends', async () => {
    const sealedBefore = await head();
    // Two processes on PostgreSQL; on SQLite (one server process per file, and better-sqlite3 would
    // block the event loop waiting for the other connection's lock) two sealers on one connection.
    const second = kind === 'postgres' ? other : s.db;
    const mine = new AuditSealer(s.db);
    const theirs = new AuditSealer(second);
    const written: string[] = [];
    for (let round = 0; round < 5; round++) {
      const refs = Array.from({ length: 12 }, (_, i) => `race:${round}:${i}`);
      written.push(...refs);
      written.push(`direct:${round}`);
      await Promise.all([
        pending(s.db, refs.slice(0, 6)),
        pending(second, refs.slice(6)),
        mine.seal(),
        theirs.seal(),
        transact(second, (tx) => appendAudit(tx, second.dialect, { kind: 'trade', ref: `direct:${round}`, actor: 'u', payload: {} }, s.clock.now())),
        mine.seal(),
        theirs.seal(),
      ]);
    }
    await Promise.all([mine.seal(), theirs.seal()]);
    const chain = await refsInChain();
    expect(chain.slice(sealedBefore).sort()).toEqual([...written].sort());
    expect(await head()).toBe(sealedBefore + written.length);
    const seqs = (await s.db.db.selectFrom('audit_log').select('seq').orderBy('seq').execute()).map((r) => Number(r.seq));
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    expect(await s.db.db.selectFrom('audit_pending').select('id').execute()).toHaveLength(0);
    expect(await checkAuditChain(s.db.db)).toMatchObject({ ok: true, checked: sealedBefore + written.length });
  }, 60_000);
});
