/**
 * Migration 004 on a database an older release left behind: SQLite rebuilds `withdrawals` and
 * `notifications` to widen their CHECKs, so their rows, indexes and foreign keys must survive it.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import { constraintKind, openDatabase } from '../src/db/connect.js';
import type { DbHandle } from '../src/db/connect.js';
import type { FreshDb } from './support/db.js';
import { describeEachDb, freshDb, migrateTestDb } from './support/db.js';

async function refusal(p: Promise<unknown>): Promise<string | null> {
  try {
    await p;
    return 'accepted';
  } catch (err) {
    return constraintKind(err);
  }
}

describeEachDb('migration 004 over existing rows', (kind) => {
  let fresh: FreshDb | null = null;
  let h: DbHandle | null = null;
  afterEach(async () => {
    await h?.close();
    await fresh?.drop();
  });

  it('keeps withdrawals, their events and notices, and lets the new states and kinds in', async () => {
    fresh = await freshDb(kind);
    h = openDatabase(fresh.target);
    await migrateTestDb(h, '003_payments_notices');
    const db = h.db;
    const userId = randomUUID();
    const withdrawalId = randomUUID();
    const noticeId = randomUUID();
    await db
      .insertInto('users')
      .values({ id: userId, email: 'old@example.test', phone: null, password_hash: 'x', role: 'user', referral_code: 'OLDUSER1', referred_by: null, device: null, totp_secret: 'S', totp_enabled: 1, totp_last_step: 7, failed_logins: 2, locked_until: null, created_at: 1 })
      .execute();
    const withdrawal = { id: withdrawalId, user_id: userId, amount: 3000, amount_twd: 300, period: '2026-12', status: 'approved' as const, payout: '{}', request_hash: 'h', note: 'ok', created_at: 2, updated_at: 3 };
    await db.insertInto('withdrawals').values(withdrawal).execute();
    await db.insertInto('withdrawal_events').values({ withdrawal_id: withdrawalId, from_status: 'requested', to_status: 'approved', actor: 'admin:a', note: 'ok', journal_id: null, created_at: 3 }).execute();
    const notice = { id: noticeId, user_id: userId, kind: 'connection_needs_reconnect' as const, subject_id: 'c1', title: 'Reconnect', body: 'b', data: '{}', created_at: 4, read_at: null };
    await db.insertInto('notifications').values(notice).execute();

    await migrateTestDb(h);

    expect(await db.selectFrom('withdrawals').selectAll().execute()).toEqual([withdrawal]);
    expect(await db.selectFrom('withdrawal_events').select(['withdrawal_id', 'to_status']).execute()).toEqual([{ withdrawal_id: withdrawalId, to_status: 'approved' }]);
    expect(await db.selectFrom('notifications').selectAll().execute()).toEqual([notice]);
    expect(await db.selectFrom('users').select(['failed_logins', 'totp_secret', 'totp_pending_secret', 'totp_changed_at', 'withdraw_totp_failures', 'withdraw_locked_until']).execute()).toEqual([
      { failed_logins: 2, totp_secret: 'S', totp_pending_secret: null, totp_changed_at: null, withdraw_totp_failures: 0, withdraw_locked_until: null },
    ]);

    // The widened CHECKs take the new values and still refuse others; the foreign keys still hold.
    const w = (status: string) => db.insertInto('withdrawals').values({ ...withdrawal, id: randomUUID(), status: status as 'review' }).execute();
    expect(await refusal(w('review'))).toBe('accepted');
    expect(await refusal(w('bogus'))).toBe('check');
    expect(await refusal(db.insertInto('withdrawal_events').values({ withdrawal_id: randomUUID(), from_status: null, to_status: 'review', actor: 'x', note: null, journal_id: null, created_at: 5 }).execute())).toBe('foreign_key');
    const n = (k: string) => db.insertInto('notifications').values({ ...notice, id: randomUUID(), kind: k as 'totp_changed' }).execute();
    expect(await refusal(n('withdrawals_locked'))).toBe('accepted');
    expect(await refusal(n('totp_changed'))).toBe('accepted');
    expect(await refusal(n('bogus'))).toBe('check');
    expect(await refusal(db.insertInto('notifications').values({ ...notice, id: randomUUID(), user_id: randomUUID() }).execute())).toBe('foreign_key');

    if (kind === 'sqlite') {
      const indexes = await sql<{ name: string }>`select name from sqlite_master where type = 'index' and tbl_name in ('withdrawals', 'notifications') and sql is not null order by name`.execute(db);
      expect(indexes.rows.map((r) => r.name)).toEqual(['notifications_unread', 'withdrawals_status', 'withdrawals_user']);
      expect((await sql`pragma foreign_key_check`.execute(db)).rows).toEqual([]);
      expect((await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db)).rows[0]?.foreign_keys).toBe(1);
    }
  });
});
