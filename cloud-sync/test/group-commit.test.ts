/**
 * SQLite group commit (src/ledger/hot-path.ts): holds and captures that arrive together share one
 * transaction. Fired all at once, a mix of operations — some of them refused (402, 404, 409,
 * idempotency conflicts, retries) — must give the same answers and leave the same rows as the
 * same operations run one at a time through the Kysely path; an operation the database refuses
 * after it has written (here a trigger) is refused alone, and the others still commit; nobody is
 * answered before the commit.
 */
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { TestClock } from '../src/clock.js';
import type { DbHandle } from '../src/db/connect.js';
import { ApiError } from '../src/errors.js';
import { Ledger } from '../src/ledger/service.js';
import type { FreshDb } from './support/db.js';
import { freshDb } from './support/db.js';
import { createUserWithWallet } from './support/ledger.js';
import { Rng } from './support/rng.js';

const NOW = 1_700_000_000_000;

interface Side {
  db: FreshDb;
  h: DbHandle;
  ledger: Ledger;
}

type Outcome = { ok: true; value: unknown } | { ok: false; status: number; code: string };

async function outcome(p: Promise<unknown>): Promise<Outcome> {
  try {
    return { ok: true, value: await p };
  } catch (err) {
    if (err instanceof ApiError) return { ok: false, status: err.status, code: err.code };
    throw err;
  }
}

const opened: Side[] = [];
afterEach(async () => {
  for (const s of opened.splice(0)) {
    await s.h.close();
    await s.db.drop();
  }
});

async function side(hotPath: boolean, users: string[]): Promise<Side> {
  const db = await freshDb('sqlite');
  const h = await db.open();
  const ledger = new Ledger(h, new TestClock(NOW), { hotPath });
  opened.push({ db, h, ledger });
  for (const [i, id] of users.entries()) {
    await createUserWithWallet(h, id, `groupc${i}`, NOW);
    await ledger.grant({ id: `grant-${i}`, user_id: id, bucket: 'PAID', amount: 500, reason: 'test' }, 'test');
  }
  return { db, h, ledger };
}

async function rows(h: DbHandle) {
  return {
    wallets: await h.db.selectFrom('wallets').selectAll().orderBy('user_id').execute(),
    // A grant's answer names its new lot, whose id is random on each side.
    journal: (await h.db.selectFrom('journal').select(['id', 'user_id', 'kind', 'parent_id', 'amount', 'request_hash', 'response', 'created_at']).orderBy('seq').execute()).map((j) =>
      j.kind === 'grant' ? { ...j, response: '-' } : j,
    ),
    holds: await h.db.selectFrom('holds').selectAll().orderBy('id').execute(),
    postings: (await h.db.selectFrom('postings').select(['journal_id', 'from_state', 'to_state', 'amount']).execute()).sort((a, b) =>
      `${a.journal_id}|${a.from_state}|${a.to_state}`.localeCompare(`${b.journal_id}|${b.from_state}|${b.to_state}`),
    ),
  };
}

describe('SQLite group commit', () => {
  it('answers a burst of operations as if each had run alone, in arrival order', async () => {
    const rng = new Rng(4242);
    const users = [rng.uuid(), rng.uuid(), rng.uuid()];
    const grouped = await side(true, users);
    const serial = await side(false, users);
    // Rounds of operations fired without waiting (one group each), mixing successes with
    // refusals: over-holds (402), unknown holds (404), captures of a hold captured earlier in
    // the same group (409), retries (same answer) and a reused id with another body (409).
    const holds: { user: string; id: string; amount: number }[] = [];
    for (let round = 0; round < 12; round++) {
      const ops: ((l: Ledger) => Promise<unknown>)[] = [];
      for (let i = 0; i < 10; i++) {
        const user = rng.pick(users);
        const r = rng.next();
        if (r < 0.35 || holds.length === 0) {
          const id = rng.uuid();
          const amount = rng.int(1, 220);
          holds.push({ user, id, amount });
          ops.push((l) => l.hold(user, { id, amount, ttl_seconds: 600, reason: 'job' }));
          if (rng.chance(0.2)) ops.push((l) => l.hold(user, { id, amount, ttl_seconds: 600, reason: 'job' }));
          if (rng.chance(0.1)) ops.push((l) => l.hold(user, { id, amount: amount + 1, ttl_seconds: 600, reason: 'job' }));
        } else if (r < 0.8) {
          const hold = rng.pick(holds);
          const id = rng.uuid();
          const amount = rng.int(1, hold.amount + 10);
          ops.push((l) => l.capture(hold.user, hold.id, { id, amount }));
          if (rng.chance(0.2)) ops.push((l) => l.capture(hold.user, hold.id, { id, amount }));
        } else if (r < 0.9) {
          const [id, unknown] = [rng.uuid(), rng.uuid()];
          ops.push((l) => l.capture(user, unknown, { id, amount: 1 }));
        } else {
          const hold = rng.pick(holds);
          // Another wallet's hold: a 404, never someone else's credits.
          const other = users.find((u) => u !== hold.user) ?? user;
          const id = rng.uuid();
          ops.push((l) => l.capture(other, hold.id, { id, amount: 1 }));
        }
      }
      const together = await Promise.all(ops.map((op) => outcome(op(grouped.ledger))));
      const oneByOne: Outcome[] = [];
      for (const op of ops) oneByOne.push(await outcome(op(serial.ledger)));
      expect(together).toEqual(oneByOne);
    }
    expect(await rows(grouped.h)).toEqual(await rows(serial.h));
    expect((await grouped.ledger.check()).violations).toEqual([]);
  });

  it('refuses an operation the database refuses after it wrote, alone; the others in its group commit', async () => {
    const rng = new Rng(7);
    const users = [rng.uuid(), rng.uuid()];
    const s = await side(true, users);
    const [alice, bob] = users as [string, string];
    // The hold's journal row and hold row are written before its postings are refused.
    s.h.sqlite?.exec("create trigger refuse_postings before insert on postings when new.journal_id = 'doomed' begin select raise(abort, 'refused by test trigger'); end");
    const ops = [
      s.ledger.hold(alice, { id: 'first', amount: 10, ttl_seconds: 600, reason: 'job' }),
      s.ledger.hold(bob, { id: 'doomed', amount: 10, ttl_seconds: 600, reason: 'job' }),
      s.ledger.hold(bob, { id: 'last', amount: 30, ttl_seconds: 600, reason: 'job' }),
    ];
    const settled = await Promise.allSettled(ops);
    expect(settled.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(String((settled[1] as PromiseRejectedResult).reason)).toContain('refused by test trigger');
    const journal = await s.h.db.selectFrom('journal').select('id').where('kind', '=', 'hold').orderBy('seq').execute();
    expect(journal.map((j) => j.id)).toEqual(['first', 'last']);
    expect(await s.h.db.selectFrom('holds').select('id').where('id', '=', 'doomed').execute()).toEqual([]);
    expect((await s.ledger.balance(bob)).held).toBe(30);
    expect((await s.ledger.check()).violations).toEqual([]);
  });

  it('answers only once the commit is done: another connection already sees every answered write', async () => {
    const rng = new Rng(11);
    const users = [rng.uuid(), rng.uuid()];
    const s = await side(true, users);
    const reader = new BetterSqlite3(s.db.target, { readonly: true });
    try {
      const seen = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          s.ledger.hold(users[i % 2] as string, { id: `h${i}`, amount: 5, ttl_seconds: 600, reason: 'job' }).then((r) => {
            // Read through a connection of its own, the moment this one is answered.
            const row = reader.prepare('select id from journal where id = ?').get(r.id);
            return row !== undefined;
          }),
        ),
      );
      expect(seen).toEqual(Array.from({ length: 8 }, () => true));
    } finally {
      reader.close();
    }
  });
});
