/**
 * Hold and capture run through hand-written statements (src/ledger/hot-path.ts); every other write
 * through Kysely. The same seeded run of operations — with retries, conflicts, over-captures,
 * another wallet's ids and clock jumps — is played against both and must give the same answers and
 * leave the same rows behind.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { TestClock } from '../src/clock.js';
import type { DbHandle } from '../src/db/connect.js';
import type { Bucket } from '../src/db/schema.js';
import { ApiError } from '../src/errors.js';
import { Ledger } from '../src/ledger/service.js';
import type { FreshDb } from './support/db.js';
import { describeEachDb, freshDb } from './support/db.js';
import { createUserWithWallet } from './support/ledger.js';
import { Rng } from './support/rng.js';

const NOW = 1_700_000_000_000;
const SEED = Number(process.env.KINGJAM_HOT_PATH_SEED ?? 20_261_122);
const OPS = 700;
const BUCKETS: Bucket[] = ['PROMO', 'SUB', 'PAID', 'BONUS'];

interface Side {
  db: FreshDb;
  h: DbHandle;
  clock: TestClock;
  ledger: Ledger;
}

type Outcome = { ok: true; value: unknown } | { ok: false; status: number; code: string };

async function outcome(fn: () => Promise<unknown>): Promise<Outcome> {
  try {
    const value = await fn();
    // A grant answers with its new lot's id, random on each side.
    return { ok: true, value: value !== null && typeof value === 'object' && 'lot_id' in value ? { ...value, lot_id: '-' } : value };
  } catch (err) {
    if (err instanceof ApiError) return { ok: false, status: err.status, code: err.code };
    throw err;
  }
}

/**
 * Everything the ledger wrote, with the random ids made comparable: lot ids become the lots'
 * (deterministic) source_ref, the sweeper's journal ids become their position in the journal.
 */
async function snapshot(h: DbHandle) {
  const lots = await h.db.selectFrom('lots').selectAll().orderBy('source_ref').execute();
  const lotRef = new Map(lots.map((l) => [l.id, l.source_ref]));
  const journal = await h.db.selectFrom('journal').selectAll().orderBy('seq').execute();
  const sweeperId = new Map(journal.filter((j) => j.created_by === 'sweeper').map((j) => [j.id, `sweep#${j.seq}`]));
  const jid = (id: string | null) => (id === null ? null : (sweeperId.get(id) ?? id));
  return {
    wallets: await h.db.selectFrom('wallets').selectAll().orderBy('user_id').execute(),
    lots: lots.map(({ id: _id, ...rest }) => rest),
    journal: journal.map((j) => {
      const swept = sweeperId.get(j.id);
      let response = j.response;
      for (const [id, ref] of lotRef) response = response.replaceAll(id, ref);
      // The sweeper's request names the (random) lot ids; its response, its own id.
      return swept ? { ...j, id: swept, request_hash: '-', response: response.replaceAll(j.id, swept) } : { ...j, response };
    }),
    postings: (await h.db.selectFrom('postings').selectAll().execute())
      .map((p) => ({ ...p, journal_id: jid(p.journal_id), lot_id: lotRef.get(p.lot_id) ?? '?' }))
      .sort((a, b) => `${a.journal_id}|${a.lot_id}|${a.from_state}|${a.to_state}`.localeCompare(`${b.journal_id}|${b.lot_id}|${b.from_state}|${b.to_state}`)),
    holds: (await h.db.selectFrom('holds').selectAll().orderBy('id').execute()).map((x) => ({ ...x, resolution_id: jid(x.resolution_id) })),
  };
}

describeEachDb('ledger hot path = Kysely path', (kind) => {
  const sides: Side[] = [];

  beforeAll(async () => {
    for (const hotPath of [true, false]) {
      const db = await freshDb(kind);
      const h = await db.open();
      const clock = new TestClock(NOW);
      sides.push({ db, h, clock, ledger: new Ledger(h, clock, { hotPath }) });
    }
  });
  afterAll(async () => {
    for (const s of sides) {
      await s.h.close();
      await s.db.drop();
    }
  });

  it(`gives the same answers and writes the same rows (seed ${SEED}, ${OPS} ops)`, async () => {
    const rng = new Rng(SEED);
    const users = [rng.uuid(), rng.uuid(), rng.uuid()];
    const both = async (fn: (s: Side) => Promise<unknown>): Promise<Outcome> => {
      const [a, b] = [await outcome(() => fn(sides[0] as Side)), await outcome(() => fn(sides[1] as Side))];
      expect(a, 'hot path vs Kysely path').toEqual(b);
      return a;
    };
    for (const s of sides) {
      for (const [i, id] of users.entries()) {
        await createUserWithWallet(s.h, id, `hotpath${i}`, NOW);
      }
    }
    const grant = async (user: string) => {
      const id = rng.uuid();
      const bucket = rng.pick(BUCKETS);
      const amount = rng.int(1, 600);
      // Within the bucket's expiry rule (PROMO 7–30 days, SUB within its period, PAID and BONUS never).
      const hours = rng.int(1, 72);
      const now = (sides[0] as Side).clock.now();
      const expires = bucket === 'PROMO' ? now + (7 * 24 + hours) * 3_600_000 : bucket === 'SUB' ? now + hours * 3_600_000 : null;
      await both((s) => s.ledger.grant({ id, user_id: user, bucket, amount, expires_at: expires, reason: 'test' }, 'test'));
      // Lots alike in bucket, expiry and age are ordered by their (random) ids: a tick apart, the
      // burn-down order is the same on both sides.
      for (const s of sides) s.clock.advance(1);
    };
    for (const u of users) for (let i = 0; i < 4; i++) await grant(u);

    const holds: { user: string; id: string; amount: number }[] = [];
    const captures: { user: string; id: string }[] = [];
    // Every op drawn from `rng` outside the per-side closures: both sides must see the same inputs.
    const done: { user: string; run: (s: Side) => Promise<unknown>; conflict: (s: Side) => Promise<unknown> }[] = [];
    let oks = 0;
    for (let i = 0; i < OPS; i++) {
      const user = rng.pick(users);
      const other = rng.pick(users.filter((u) => u !== user));
      const r = rng.next();
      if (r < 0.3 || holds.length === 0) {
        const id = rng.uuid();
        const amount = rng.int(1, 450);
        const ttl = rng.int(60, 7200);
        const jobRef = rng.chance(0.5) ? null : 'job-1';
        const conflictUser = rng.chance(0.5) ? other : user;
        const out = await both((s) => s.ledger.hold(user, { id, amount, ttl_seconds: ttl, reason: 'job', job_ref: jobRef }));
        holds.push({ user, id, amount });
        done.push({
          user,
          run: (s) => s.ledger.hold(user, { id, amount, ttl_seconds: ttl, reason: 'job', job_ref: jobRef }),
          conflict: (s) => s.ledger.hold(conflictUser, { id, amount: amount + 1, ttl_seconds: ttl, reason: 'job', job_ref: jobRef }),
        });
        if (out.ok) oks++;
      } else if (r < 0.6) {
        const hold = rng.pick(holds);
        const id = rng.uuid();
        const amount = rng.int(1, hold.amount + 20);
        // Sometimes from the wrong wallet: a 404, never someone else's credits.
        const who = rng.chance(0.1) ? other : hold.user;
        const out = await both((s) => s.ledger.capture(who, hold.id, { id, amount }));
        if (out.ok) {
          oks++;
          captures.push({ user: who, id });
        }
        done.push({ user: who, run: (s) => s.ledger.capture(who, hold.id, { id, amount }), conflict: (s) => s.ledger.capture(who, hold.id, { id, amount: amount + 1 }) });

      } else if (r < 0.72) {
        const hold = rng.pick(holds);
        const id = rng.uuid();
        if ((await both((s) => s.ledger.release(hold.user, hold.id, { id }))).ok) oks++;
      } else if (r < 0.8 && captures.length > 0) {
        const c = rng.pick(captures);
        const id = rng.uuid();
        await both((s) => s.ledger.refund(c.user, c.id, { id }));
      } else if (r < 0.9 && done.length > 0) {
        // Retries: the same id and body (first answer again), or a different body (409), or another wallet (409).
        const d = rng.pick(done);
        await both(rng.chance(0.6) ? d.run : d.conflict);
      } else if (r < 0.94) {
        await grant(user);
      } else {
        const ms = rng.int(1, 90) * 60_000;
        for (const s of sides) s.clock.advance(ms);
        if (rng.chance(0.3)) await both((s) => s.ledger.sweep());
      }
    }
    // Enough of the run succeeded to exercise the writes, not only the refusals.
    expect(oks).toBeGreaterThan(OPS / 6);
    // The sweeper closes what the clock jumps left open, as it would in service; then compare.
    await both((s) => s.ledger.sweep());
    const [a, b] = [await snapshot((sides[0] as Side).h), await snapshot((sides[1] as Side).h)];
    expect(a).toEqual(b);
    for (const s of sides) expect((await s.ledger.check()).violations).toEqual([]);
  });
});
