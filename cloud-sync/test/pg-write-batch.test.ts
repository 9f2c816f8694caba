/**
 * On PostgreSQL the holds and captures planned from wallet snapshots that arrive together go to
 * the database as one statement (src/ledger/pg-write-batch.ts). Here, through the Ledger and two
 * servers on one database: a batch carries several wallets' writes, each still guarded by its
 * own wallet's version; a stale write in a batch writes nothing while the others commit; a batch
 * the database refuses commits nothing, and its writes then go alone and each gets its own answer.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { TestClock } from '../src/clock.js';
import type { DbHandle } from '../src/db/connect.js';
import { Ledger } from '../src/ledger/service.js';
import type { FreshDb } from './support/db.js';
import { describePostgres, freshDb } from './support/db.js';
import { createUserWithWallet, outcomeCode as code } from './support/ledger.js';
import { Rng } from './support/rng.js';

const NOW = 1_700_000_000_000;
const WALLETS = 8;

interface Statement {
  name: string;
  /** The user ids a batch statement carried. */
  users: string[];
}

describePostgres('batched snapshot writes', () => {
  let db: FreshDb;
  let h1: DbHandle;
  let h2: DbHandle;
  const clock = new TestClock(NOW);
  let one: Ledger;
  let two: Ledger;
  let statements: Statement[] = [];
  let restore: (() => void) | undefined;

  beforeAll(async () => {
    db = await freshDb('postgres');
    h1 = await db.open();
    h2 = await db.open();
    one = new Ledger(h1, clock);
    two = new Ledger(h2, clock);
  });
  afterEach(() => restore?.());
  afterAll(async () => {
    await h1.close();
    await h2.close();
    await db.drop();
  });

  /** Records the named statements server one sends from here on. */
  function record(): void {
    statements = [];
    const pool = h1.pgPool!;
    const query = pool.query.bind(pool) as (...args: unknown[]) => unknown;
    pool.query = ((config: unknown, ...rest: unknown[]) => {
      if (typeof config === 'object' && config !== null && 'name' in config) {
        const values = 'values' in config && Array.isArray(config.values) ? config.values : [];
        const name = String(config.name);
        statements.push({ name, users: name === 'ledger_write_batch' ? (values[1] as string[]) : [] });
      }
      return query(config, ...rest);
    }) as typeof pool.query;
    restore = () => {
      pool.query = query as typeof pool.query;
      restore = undefined;
    };
  }

  /** WALLETS users with 1,000 credits each, known to server one (each has held and captured once there). */
  async function wallets(): Promise<string[]> {
    const users = Array.from({ length: WALLETS }, () => randomUUID());
    for (const u of users) {
      await createUserWithWallet(h1, u, `b${u.slice(0, 8)}`, NOW);
      await one.grant({ id: randomUUID(), user_id: u, bucket: 'PAID', amount: 1_000, reason: 'test' }, 'test');
      await one.hold(u, { id: `${u}-prime`, amount: 1, ttl_seconds: 600, reason: 'job' });
      await one.capture(u, `${u}-prime`, { id: `${u}-prime-c`, amount: 1 });
    }
    return users;
  }

  const available = async (u: string) => (await one.balance(u)).available;
  const batches = () => statements.filter((s) => s.name === 'ledger_write_batch');

  it('writes the holds and captures of wallets that arrive together in fewer statements, each wallet once per statement', async () => {
    const users = await wallets();
    record();
    const held = await Promise.all(users.map((u, i) => code(one.hold(u, { id: `${u}-h`, amount: 10 + i, ttl_seconds: 600, reason: 'job' }))));
    expect(held).toEqual(users.map(() => 'OK'));
    // Captures and holds mixed in one go.
    const mixed = await Promise.all(
      users.map((u, i) => (i % 2 === 0 ? code(one.capture(u, `${u}-h`, { id: `${u}-c`, amount: 5 })) : code(one.hold(u, { id: `${u}-h2`, amount: 7, ttl_seconds: 600, reason: 'job' })))),
    );
    expect(mixed).toEqual(users.map(() => 'OK'));
    // Nothing read: every write was planned from what server one knew.
    expect(statements.filter((s) => s.name.startsWith('ledger_read'))).toEqual([]);
    expect(statements.length).toBeLessThan(2 * WALLETS);
    expect(batches().some((b) => b.users.length > 1)).toBe(true);
    for (const b of batches()) expect(new Set(b.users).size).toBe(b.users.length);
    for (const [i, u] of users.entries()) {
      const b = await one.balance(u);
      // 999 after priming; even: held 10+i and captured 5 of it; odd: 10+i and 7 held.
      expect({ available: b.available, held: b.held }).toEqual(i % 2 === 0 ? { available: 999 - 5, held: 0 } : { available: 999 - (10 + i) - 7, held: 10 + i + 7 });
    }
    expect((await one.check()).violations).toEqual([]);
  });

  it('never puts two writes of one wallet in one statement: the second follows the first', async () => {
    const users = await wallets();
    record();
    const twice = users.flatMap((u) => [u, u]);
    const held = await Promise.all(twice.map((u, i) => code(one.hold(u, { id: `${u}-t${i}`, amount: 10, ttl_seconds: 600, reason: 'job' }))));
    expect(held).toEqual(twice.map(() => 'OK'));
    expect(batches().some((b) => b.users.length > 1)).toBe(true);
    for (const b of batches()) expect(new Set(b.users).size).toBe(b.users.length);
    for (const u of users) expect(await one.balance(u)).toMatchObject({ available: 999 - 20, held: 20 });
    expect((await one.check()).violations).toEqual([]);
  });

  it('lets a stale write in a batch write nothing while the others commit, and that one reads again', async () => {
    const users = await wallets();
    const stale = users[3]!;
    // Server two grants to one wallet: what server one knows of it is now stale.
    await two.grant({ id: randomUUID(), user_id: stale, bucket: 'PAID', amount: 500, reason: 'test' }, 'test');
    record();
    expect(await Promise.all(users.map((u) => code(one.hold(u, { id: `${u}-h`, amount: 100, ttl_seconds: 600, reason: 'job' }))))).toEqual(users.map(() => 'OK'));
    expect(batches().some((b) => b.users.includes(stale) && b.users.length > 1)).toBe(true);
    expect(statements.filter((s) => s.name === 'ledger_read_hold')).toHaveLength(1);
    for (const u of users) expect(await available(u)).toBe(u === stale ? 999 + 500 - 100 : 999 - 100);
    // Read afresh, that wallet is written from what server one knows again.
    record();
    expect(await Promise.all(users.map((u) => code(one.hold(u, { id: `${u}-h2`, amount: 100, ttl_seconds: 600, reason: 'job' }))))).toEqual(users.map(() => 'OK'));
    expect(statements.filter((s) => s.name.startsWith('ledger_read'))).toEqual([]);
    expect(batches().some((b) => b.users.includes(stale))).toBe(true);
    expect((await one.check()).violations).toEqual([]);
  });

  it('commits nothing of a batch the database refuses, then answers each of its writes on its own', async () => {
    const users = await wallets();
    const [reuser, victim] = [users[2]!, users[5]!];
    for (const u of users) await one.hold(u, { id: `${u}-h`, amount: 50, ttl_seconds: 600, reason: 'job' });
    // A hold closed behind its wallet's back (no ledger write does that: a stand-in for one this
    // process could not know of), and a hold whose id another wallet's entry already has.
    await sql`update holds set status = 'released' where id = ${`${victim}-h`}`.execute(h2.db);
    const before = await one.balance(victim);
    record();
    const answers = await Promise.all(
      users.map((u) =>
        u === reuser ? code(one.hold(u, { id: `${users[0]}-h`, amount: 5, ttl_seconds: 600, reason: 'job' })) : code(one.capture(u, `${u}-h`, { id: `${u}-c`, amount: 20 })),
      ),
    );
    expect(answers).toEqual(users.map((u) => (u === reuser ? 'IDEMPOTENCY_CONFLICT' : u === victim ? 'HOLD_NOT_OPEN' : 'OK')));
    expect(batches().some((b) => b.users.includes(victim) && b.users.length > 1)).toBe(true);
    // Each write then went alone.
    expect(statements.filter((s) => s.name === 'ledger_write_capture').length).toBeGreaterThanOrEqual(WALLETS - 2);
    for (const u of users) {
      const b = await one.balance(u);
      if (u === victim) expect({ available: b.available, held: b.held }).toEqual({ available: before.available, held: before.held });
      else if (u === reuser) expect({ available: b.available, held: b.held }).toEqual({ available: 999 - 50, held: 50 });
      else expect({ available: b.available, held: b.held }).toEqual({ available: 999 - 20, held: 0 });
    }
    const journal = await h1.db.selectFrom('journal').select(['id']).where('id', 'in', users.map((u) => `${u}-c`)).execute();
    expect(journal.map((j) => j.id).sort()).toEqual(users.filter((u) => u !== reuser && u !== victim).map((u) => `${u}-c`).sort());
    // Undo the stand-in: the ledger is whole again.
    await sql`update holds set status = 'open' where id = ${`${victim}-h`}`.execute(h2.db);
    expect((await one.check()).violations).toEqual([]);
  });

  it('agrees with a model when two servers hold, capture and release on many wallets at once', async () => {
    const users = await wallets();
    const rng = new Rng(20_261_203);
    const spent = new Map(users.map((u) => [u, 1]));
    // Each client works one wallet through either server; a few share a wallet, so batches meet stale writes.
    const client = async (n: number) => {
      const u = users[n % WALLETS]!;
      for (let i = 0; i < 30; i++) {
        const id = `${u}-m${n}-${i}`;
        const amount = rng.int(1, 20);
        const by = () => (rng.chance(0.8) ? one : two);
        if ((await code(by().hold(u, { id, amount, ttl_seconds: 600, reason: 'job' }))) !== 'OK') continue;
        if (rng.chance(0.75)) {
          const take = rng.int(1, amount);
          expect(await code(by().capture(u, id, { id: `${id}-c`, amount: take }))).toBe('OK');
          spent.set(u, spent.get(u)! + take);
        } else {
          expect(await code(by().release(u, id, { id: `${id}-r` }))).toBe('OK');
        }
      }
    };
    record();
    await Promise.all(Array.from({ length: 12 }, (_, n) => client(n)));
    expect(batches().some((b) => b.users.length > 1)).toBe(true);
    for (const u of users) expect(await one.balance(u)).toMatchObject({ available: 1_000 - spent.get(u)!, held: 0 });
    expect((await one.check()).violations).toEqual([]);
  });
});
