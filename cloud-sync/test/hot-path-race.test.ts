/**
 * Hold and capture racing another ledger write on the same wallet. On PostgreSQL the hot path
 * reads without a lock and writes only if the wallet row is still the version it read
 * (src/ledger/hot-path.ts); on SQLite it waits for the connection. Either way, an operation that
 * overlaps a write holding the wallet must act on what that write left, never on what it read
 * before: here a withdrawal is held open, with its writes done, while a hold and a capture are
 * asked for.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { TestClock } from '../src/clock.js';
import type { DbHandle } from '../src/db/connect.js';
import { Ledger } from '../src/ledger/service.js';
import type { FreshDb } from './support/db.js';
import { describeEachDb, freshDb } from './support/db.js';
import { createUserWithWallet, outcomeCode as code } from './support/ledger.js';

const NOW = 1_700_000_000_000;
const USER = '0a0a0a0a-0000-4000-8000-000000000001';

describeEachDb('hot path racing a write that holds the wallet', (kind) => {
  let db: FreshDb;
  let h: DbHandle;
  let ledger: Ledger;
  beforeAll(async () => {
    db = await freshDb(kind);
    h = await db.open();
    ledger = new Ledger(h, new TestClock(NOW));
    await createUserWithWallet(h, USER, 'race0001', NOW);
    await ledger.grant({ id: 'bonus', user_id: USER, bucket: 'BONUS', amount: 100, reason: 'test' }, 'test');
    await ledger.hold(USER, { id: 'early', amount: 10, ttl_seconds: 600, reason: 'job' });
  });
  afterAll(async () => {
    await h.close();
    await db.drop();
  });

  it('acts on what the other write left, not on what it read before', async () => {
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    let inside!: () => void;
    const holding = new Promise<void>((resolve) => (inside = resolve));
    // 90 available, 10 held. The withdrawal takes 80 and stays open (its writes done, the wallet
    // still its) until the gate opens.
    const withdrawal = ledger.withdraw(USER, { id: 'withdraw', amount: 80, period: '2023-11', monthlyCap: 1000, reason: 'test' }, async () => {
      inside();
      await gate;
    });
    await holding;
    // Before the withdrawal: 90 available, enough for 50. After it: 10.
    const big = code(ledger.hold(USER, { id: 'big', amount: 50, ttl_seconds: 600, reason: 'job' }));
    const small = code(ledger.hold(USER, { id: 'small', amount: 6, ttl_seconds: 600, reason: 'job' }));
    // Captures 4 of the early hold and releases 6 of it: after the withdrawal, that makes 16.
    const capture = code(ledger.capture(USER, 'early', { id: 'capture', amount: 4 }));
    // Long enough for the reads to have run against the database as it was.
    await new Promise((r) => setTimeout(r, 300));
    open();
    await withdrawal;
    expect(await big).toBe('INSUFFICIENT_CREDITS');
    expect(await small).toBe('OK');
    expect(await capture).toBe('OK');
    const balance = await ledger.balance(USER);
    expect({ available: balance.available, held: balance.held }).toEqual({ available: 10, held: 6 });
    expect((await ledger.check()).violations).toEqual([]);
  });
});
