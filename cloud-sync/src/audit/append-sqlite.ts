import type BetterSqlite3 from 'better-sqlite3';
import { canonical } from '../ledger/types.js';
import type { AuditFacts } from './chain.js';
import { entryHash } from './chain.js';

/**
 * appendAudit (chain.ts) as prepared statements on SQLite's connection, for a write that runs
 * synchronously inside the ledger's group commit (a blind-box opening). SQLite has one writer: the
 * head read here cannot move before this transaction commits, so the chain stays one line.
 */
export function sqliteAuditAppender(db: BetterSqlite3.Database): (facts: AuditFacts, now: number) => void {
  const head = db.prepare<[], { seq: number; hash: string }>('select seq, hash from audit_head where id = 1');
  const insert = db.prepare<[number, string, string, string, string, number, string, string]>(
    'insert into audit_log (seq, kind, ref, actor, payload, created_at, prev_hash, hash) values (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const move = db.prepare<[number, string, number]>('update audit_head set seq = ?, hash = ?, updated_at = ? where id = 1');
  return (facts, now) => {
    const h = head.get();
    if (!h) throw new Error('audit_head has no row');
    const seq = Number(h.seq) + 1;
    const hash = entryHash(h.hash, { seq, kind: facts.kind, ref: facts.ref, actor: facts.actor, payload: facts.payload, created_at: now });
    insert.run(seq, facts.kind, facts.ref, facts.actor, canonical(facts.payload), now, h.hash, hash);
    move.run(seq, hash, now);
  };
}
