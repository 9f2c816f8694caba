import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../src/accounts.js';
import { TestClock } from '../src/clock.js';
import type { DbHandle } from '../src/db/connect.js';
import type { Bucket } from '../src/db/schema.js';
import { ApiError } from '../src/errors.js';
import type { OrderedLot } from '../src/ledger/burn-down.js';
import { allocate, burnDownCompare } from '../src/ledger/burn-down.js';
import { Ledger } from '../src/ledger/service.js';
import type { FreshDb } from './support/db.js';
import { describeEachDb, freshDb } from './support/db.js';
import { uuid } from './support/http.js';

const BUCKETS: Bucket[] = ['PROMO', 'SUB', 'PAID', 'BONUS'];
const RANK: Record<Bucket, number> = { PROMO: 0, SUB: 1, PAID: 2, BONUS: 3 };
const NOW = 1_700_000_000_000;

/**
 * The drawn lifetime fitted to the bucket's expiry rule (the ledger refuses others): PROMO 7–30 days,
 * SUB 1 hour to 31 days (always expiring), PAID and BONUS never.
 */
function expiryInRule(bucket: Bucket, hours: number | null, now: number): number | null {
  const h = hours ?? 24;
  if (bucket === 'PROMO') return now + (7 * 24 + (h % (23 * 24))) * 3_600_000;
  if (bucket === 'SUB') return now + ((h % (31 * 24)) + 1) * 3_600_000;
  return null;
}

const lotArb = fc.record({
  bucket: fc.constantFrom(...BUCKETS),
  amount: fc.integer({ min: 1, max: 500 }),
  expiresInH: fc.option(fc.integer({ min: 1, max: 24 * 60 }), { nil: null }),
  ageS: fc.integer({ min: 0, max: 1000 }),
});

describe('burn-down order (pure)', () => {
  it('draws PROMO → SUB → PAID → BONUS, soonest expiry first, then oldest; only the last lot drawn is partial', () => {
    fc.assert(
      fc.property(fc.array(lotArb, { minLength: 1, maxLength: 12 }), fc.integer({ min: 1, max: 6000 }), (specs, amount) => {
        const lots = specs.map((s, i) => ({
          id: `lot-${String(i).padStart(2, '0')}`,
          bucket: s.bucket,
          expires_at: s.expiresInH === null ? null : NOW + s.expiresInH * 3_600_000,
          created_at: NOW - s.ageS * 1000,
          cap: s.amount,
        }));
        const total = lots.reduce((a, l) => a + l.cap, 0);
        const takes = allocate(lots, amount, (l) => l.cap);
        if (amount > total) return takes === null;
        if (!takes) return false;
        expect(takes.reduce((a, t) => a + t.take, 0)).toBe(amount);
        const order = [...lots].sort(burnDownCompare);
        // The draw is a prefix of the order: every lot before the last drawn one is used up.
        takes.forEach((t, i) => {
          expect(t.lot).toBe(order[i]);
          if (i < takes.length - 1) expect(t.take).toBe(t.lot.cap);
        });
        for (let i = 1; i < order.length; i++) {
          const a = order[i - 1] as OrderedLot;
          const b = order[i] as OrderedLot;
          expect(RANK[a.bucket]).toBeLessThanOrEqual(RANK[b.bucket]);
          if (a.bucket === b.bucket) {
            const ea = a.expires_at ?? Infinity;
            const eb = b.expires_at ?? Infinity;
            expect(ea).toBeLessThanOrEqual(eb);
            if (ea === eb) expect(a.created_at).toBeLessThanOrEqual(b.created_at);
          }
        }
        return true;
      }),
      { numRuns: 500 },
    );
  });
});

describeEachDb('ledger properties on the database', (kind) => {
  let db: FreshDb;
  let h: DbHandle;
  let clock: TestClock;
  let ledger: Ledger;
  beforeAll(async () => {
    db = await freshDb(kind);
    h = await db.open();
    clock = new TestClock(NOW);
    ledger = new Ledger(h, clock);
  });
  afterAll(async () => {
    await h?.close();
    await db?.drop();
  });
  const newUser = async () => (await createAccount(h, clock, { email: `p-${uuid()}@example.test`, passwordHash: 'x' })).id;

  it('a hold takes each bucket in order, and within one the soonest-expiring, oldest lots first', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(lotArb, { minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 3000 }), async (specs, amount) => {
        const user = await newUser();
        const start = clock.now();
        for (const s of specs) {
          clock.set(start - s.ageS * 1000);
          await ledger.grant({ id: uuid(), user_id: user, bucket: s.bucket, amount: s.amount, expires_at: expiryInRule(s.bucket, s.expiresInH, clock.now()), reason: 'p' }, 'prop');
        }
        clock.set(start + 1);
        const perBucket = Object.fromEntries(BUCKETS.map((b) => [b, specs.filter((s) => s.bucket === b).reduce((a, s) => a + s.amount, 0)])) as Record<Bucket, number>;
        const total = BUCKETS.reduce((a, b) => a + perBucket[b], 0);
        let result;
        try {
          result = await ledger.hold(user, { id: uuid(), amount, ttl_seconds: 60, reason: 'p' });
        } catch (err) {
          expect(err).toBeInstanceOf(ApiError);
          expect((err as ApiError).code).toBe('INSUFFICIENT_CREDITS');
          expect(amount).toBeGreaterThan(total);
          return;
        }
        let left = amount;
        for (const b of BUCKETS) {
          const want = Math.min(perBucket[b], left);
          expect(result.buckets[b]).toBe(want);
          left -= want;
        }
        const lots = await h.db.selectFrom('lots').selectAll().where('user_id', '=', user).execute();
        const order = [...lots].sort(burnDownCompare);
        const lastDrawn = order.map((l) => l.held > 0).lastIndexOf(true);
        order.slice(0, lastDrawn).forEach((l) => expect(l.held).toBe(l.amount));
        expect((await ledger.check()).ok).toBe(true);
      }),
      { numRuns: kind === 'postgres' ? 25 : 40 },
    );
  }, 120_000);

  it('retrying any subset of successful ops, in any order, answers the first answers and changes nothing', async () => {
    const opArb = fc.oneof(
      fc.record({ t: fc.constant('hold' as const), amount: fc.integer({ min: 1, max: 400 }) }),
      fc.record({ t: fc.constant('capture' as const), pick: fc.nat(), amount: fc.integer({ min: 1, max: 400 }) }),
      fc.record({ t: fc.constant('release' as const), pick: fc.nat() }),
      fc.record({ t: fc.constant('refund' as const), pick: fc.nat() }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 15 }), fc.infiniteStream(fc.nat()), async (ops, noise) => {
        const user = await newUser();
        await ledger.grant({ id: uuid(), user_id: user, bucket: 'PAID', amount: 1000, reason: 'p' }, 'prop');
        const holds: string[] = [];
        const captures: string[] = [];
        const done: { run: () => Promise<unknown>; answer: unknown }[] = [];
        for (const op of ops) {
          const id = uuid();
          let run: () => Promise<unknown>;
          if (op.t === 'hold') run = () => ledger.hold(user, { id, amount: op.amount, ttl_seconds: 600, reason: 'p' });
          else if (op.t === 'capture') {
            const hold = holds[op.pick % Math.max(1, holds.length)] ?? uuid();
            run = () => ledger.capture(user, hold, { id, amount: op.amount });
          } else if (op.t === 'release') {
            const hold = holds[op.pick % Math.max(1, holds.length)] ?? uuid();
            run = () => ledger.release(user, hold, { id });
          } else {
            const cap = captures[op.pick % Math.max(1, captures.length)] ?? uuid();
            run = () => ledger.refund(user, cap, { id });
          }
          try {
            const answer = await run();
            done.push({ run, answer });
            if (op.t === 'hold') holds.push(id);
            if (op.t === 'capture') captures.push(id);
          } catch (err) {
            if (!(err instanceof ApiError)) throw err;
          }
        }
        const before = { balance: await ledger.balance(user), entries: (await ledger.entries(user, null, 200)).entries.length };
        const it = noise[Symbol.iterator]();
        const retries = done.filter(() => (it.next().value ?? 0) % 2 === 0).sort(() => ((it.next().value ?? 0) % 3) - 1);
        for (const r of retries) expect(await r.run()).toEqual(r.answer);
        expect({ balance: await ledger.balance(user), entries: (await ledger.entries(user, null, 200)).entries.length }).toEqual(before);
        expect((await ledger.check()).ok).toBe(true);
      }),
      { numRuns: kind === 'postgres' ? 20 : 40 },
    );
  }, 120_000);
});
