import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { describeEachDb } from './support/db.js';
import type { Session, TestServer } from './support/http.js';
import { startServer, uuid } from './support/http.js';

const DAY = 86_400_000;

describeEachDb('bucket expiry is the ledger’s rule, for every caller (issue 11 §3, ledger.md)', (kind) => {
  let s: TestServer;
  let admin: Session;
  let u: Session;
  beforeAll(async () => {
    s = await startServer(kind);
    admin = await s.admin();
    u = await s.register();
  });
  afterAll(async () => s?.close());

  const grant = (bucket: string, expires_at: number | null) => s.call('POST', '/v1/admin/grants', { id: uuid(), user_id: u.id, bucket, amount: 10, reason: 'rule', expires_at }, admin.token);

  it('refuses PROMO outside 7–30 days, SUB past a month or never expiring, and PAID or BONUS that expire', async () => {
    const now = s.clock.now();
    s.clock.set(now);
    const before = await s.db.db.selectFrom('lots').select('id').where('user_id', '=', u.id).execute();
    const refused: [string, number | null][] = [
      ['PROMO', null],
      ['PROMO', now + 6 * DAY],
      ['PROMO', now + 31 * DAY],
      ['SUB', null],
      ['SUB', now + 40 * DAY],
      ['PAID', now + 365 * DAY],
      ['BONUS', now + 10 * DAY],
    ];
    for (const [bucket, at] of refused) {
      const r = await grant(bucket, at);
      expect([bucket, at, r.status, (r.body as { error?: { code: string } }).error?.code]).toEqual([bucket, at, 422, 'GRANT_EXPIRY_OUT_OF_RULE']);
    }
    expect(await s.db.db.selectFrom('lots').select('id').where('user_id', '=', u.id).execute()).toEqual(before);
    const allowed: [string, number | null][] = [
      ['PROMO', now + 7 * DAY],
      ['PROMO', now + 30 * DAY],
      ['SUB', now + 28 * DAY],
      ['PAID', null],
      ['BONUS', null],
    ];
    for (const [bucket, at] of allowed) expect([bucket, (await grant(bucket, at)).status]).toEqual([bucket, 200]);
  });

  it('the database itself refuses a lot that breaks the rule (a caller that bypassed the ledger)', async () => {
    const now = s.clock.now();
    const lot = (bucket: string, expires_at: number | null) =>
      s.db.db
        .insertInto('lots')
        .values({ id: randomUUID(), user_id: u.id, bucket: bucket as 'PAID', rank: 2, amount: 5, consumed: 0, held: 0, expired: 0, paid_out: 0, expires_at, created_at: now, source_ref: `raw:${randomUUID()}`, journal_id: 'raw' })
        .execute();
    await expect(lot('PAID', now + DAY)).rejects.toThrow();
    await expect(lot('PROMO', now + DAY)).rejects.toThrow();
    await expect(lot('PROMO', null)).rejects.toThrow();
    await expect(lot('SUB', now + 60 * DAY)).rejects.toThrow();
    const n = await sql<{ n: number }>`select count(*) as n from lots where source_ref like 'raw:%'`.execute(s.db.db);
    expect(Number(n.rows[0]?.n)).toBe(0);
  });
});
