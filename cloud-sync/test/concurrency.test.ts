import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from './support/db.js';
import type { Session, TestServer } from './support/http.js';
import { startServer, uuid } from './support/http.js';
import { Rng } from './support/rng.js';

const CLIENTS = 16;
const ROUNDS = 30;

describeEachDb('16 clients hammering one wallet over HTTP', (kind) => {
  let s: TestServer;
  let u: Session;
  let admin: Session;
  beforeAll(async () => {
    s = await startServer(kind);
    u = await s.register();
    admin = await s.admin();
    const g = await s.call('POST', '/v1/admin/grants', { id: uuid(), user_id: u.id, bucket: 'PAID', amount: 1000, reason: 'test' }, admin.token);
    expect(g.status).toBe(200);
  });
  afterAll(async () => s?.close());

  it('never overdraws, never loses or doubles a credit', async () => {
    const granted = 1200; // 200 sign-up PROMO + 1000 PAID
    const statuses = new Map<number, number>();
    const seen = (st: number) => statuses.set(st, (statuses.get(st) ?? 0) + 1);
    let captured = 0;
    let maxHeldSeen = 0;
    const client = async (n: number) => {
      const rng = new Rng(1000 + n);
      for (let i = 0; i < ROUNDS; i++) {
        const id = uuid();
        const amount = rng.int(1, 60);
        const hold = { id, amount, ttl_seconds: 600, reason: `client ${n}` };
        const h = await s.call('POST', '/v1/ledger/holds', hold, u.token);
        seen(h.status);
        if (h.status !== 200) continue;
        if (rng.chance(0.3)) {
          // A retry racing the others must answer the same.
          const dup = await s.call('POST', '/v1/ledger/holds', hold, u.token);
          expect(dup.body).toEqual(h.body);
        }
        if (rng.chance(0.75)) {
          const take = rng.int(1, amount);
          const c = await s.call('POST', `/v1/ledger/holds/${id}/capture`, { id: uuid(), amount: take }, u.token);
          seen(c.status);
          if (c.status === 200) captured += take;
        } else {
          seen((await s.call('POST', `/v1/ledger/holds/${id}/release`, { id: uuid() }, u.token)).status);
        }
        if (i % 10 === 0) {
          const b = await s.call<{ held: number; available: number; total: number }>('GET', '/v1/ledger/balance', undefined, u.token);
          expect(b.body.available).toBeGreaterThanOrEqual(0);
          expect(b.body.total).toBeLessThanOrEqual(granted);
          maxHeldSeen = Math.max(maxHeldSeen, b.body.held);
        }
      }
    };
    await Promise.all(Array.from({ length: CLIENTS }, (_, n) => client(n)));
    expect([...statuses.keys()].filter((st) => st !== 200 && st !== 402)).toEqual([]);
    expect(statuses.get(402) ?? 0).toBeGreaterThan(0); // the wallet ran dry under contention
    expect(maxHeldSeen).toBeGreaterThan(0);
    const b = await s.call<{ total: number; available: number; held: number }>('GET', '/v1/ledger/balance', undefined, u.token);
    expect(b.body.held).toBe(0);
    expect(b.body.available).toBe(granted - captured);
    expect(captured).toBeLessThanOrEqual(granted);
    const check = await s.call('GET', '/v1/admin/ledger/check', undefined, admin.token);
    expect(check.body).toMatchObject({ ok: true, violations: [] });
  });
});
