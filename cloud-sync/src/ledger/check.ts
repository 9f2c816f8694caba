import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

export interface Violation {
  rule: string;
  ref: string;
  detail: string;
}

export interface CheckResult {
  ok: boolean;
  checked_at: number;
  violations: Violation[];
}

const LIMIT = 100;

/**
 * The consistency check of ledger.md: lot columns = sum of postings; open holds per lot = lot.held;
 * each hold = its held postings; no hold open past expiry + grace; no expired lot with available
 * credit; captures ≤ holds; refunds ≤ captures; the wallet's per-bucket balances = its lots.
 */
export async function checkLedger(db: Kysely<Database>, now: number, graceMs: number): Promise<CheckResult> {
  const violations: Violation[] = [];
  const add = (rule: string, rows: Record<string, unknown>[], ref: (r: Record<string, unknown>) => string) => {
    for (const r of rows) violations.push({ rule, ref: ref(r), detail: JSON.stringify(r) });
  };

  const lotSums = await sql<Record<string, unknown>>`
    select l.id, l.amount, l.consumed, l.held, l.expired, l.paid_out,
      coalesce(p.ext, 0) as p_amount, coalesce(p.consumed, 0) as p_consumed, coalesce(p.held, 0) as p_held,
      coalesce(p.expired, 0) as p_expired, coalesce(p.paid_out, 0) as p_paid_out
    from lots l left join (
      select lot_id,
        cast(sum(case when from_state = 'external' then amount else 0 end) as bigint) as ext,
        cast(sum(case when to_state = 'consumed' then amount when from_state = 'consumed' then -amount else 0 end) as bigint) as consumed,
        cast(sum(case when to_state = 'held' then amount when from_state = 'held' then -amount else 0 end) as bigint) as held,
        cast(sum(case when to_state = 'expired' then amount when from_state = 'expired' then -amount else 0 end) as bigint) as expired,
        cast(sum(case when to_state = 'paid_out' then amount when from_state = 'paid_out' then -amount else 0 end) as bigint) as paid_out
      from postings group by lot_id
    ) p on p.lot_id = l.id
    where l.amount <> coalesce(p.ext, 0) or l.consumed <> coalesce(p.consumed, 0) or l.held <> coalesce(p.held, 0)
      or l.expired <> coalesce(p.expired, 0) or l.paid_out <> coalesce(p.paid_out, 0)
    limit ${LIMIT}`.execute(db);
  add('lot_equals_postings', lotSums.rows, (r) => `lot:${String(r.id)}`);

  const openHeld = await sql<Record<string, unknown>>`
    select l.id, l.held, coalesce(h.held, 0) as open_held from lots l left join (
      select p.lot_id, cast(sum(p.amount) as bigint) as held
      from postings p join holds h on h.id = p.journal_id
      where h.status = 'open' and p.to_state = 'held' group by p.lot_id
    ) h on h.lot_id = l.id
    where l.held <> coalesce(h.held, 0)
    limit ${LIMIT}`.execute(db);
  add('open_holds_equal_lot_held', openHeld.rows, (r) => `lot:${String(r.id)}`);

  const holdParts = await sql<Record<string, unknown>>`
    select h.id, h.amount, coalesce(s.total, 0) as posted from holds h left join (
      select journal_id, cast(sum(amount) as bigint) as total from postings where to_state = 'held' group by journal_id
    ) s on s.journal_id = h.id
    where h.amount <> coalesce(s.total, 0)
    limit ${LIMIT}`.execute(db);
  add('hold_equals_postings', holdParts.rows, (r) => `hold:${String(r.id)}`);

  const resolution = await sql<Record<string, unknown>>`
    select h.id, h.status, h.resolution_id, j.kind from holds h left join journal j on j.id = h.resolution_id
    where (h.status = 'open' and h.resolution_id is not null)
      or (h.status = 'captured' and (j.kind is null or j.kind <> 'capture' or j.parent_id <> h.id))
      or (h.status in ('released', 'expired') and (j.kind is null or j.kind <> 'release' or j.parent_id <> h.id))
    limit ${LIMIT}`.execute(db);
  add('hold_resolution', resolution.rows, (r) => `hold:${String(r.id)}`);

  const stale = await sql<Record<string, unknown>>`
    select id, user_id, expires_at from holds where status = 'open' and expires_at < ${now - graceMs} limit ${LIMIT}`.execute(db);
  add('hold_open_past_expiry', stale.rows, (r) => `hold:${String(r.id)}`);

  const expiredLots = await sql<Record<string, unknown>>`
    select id, user_id, expires_at, amount - consumed - held - expired - paid_out as available from lots
    where expires_at is not null and expires_at < ${now - graceMs} and consumed + held + expired + paid_out < amount
    limit ${LIMIT}`.execute(db);
  add('expired_lot_with_available_credit', expiredLots.rows, (r) => `lot:${String(r.id)}`);

  const overCapture = await sql<Record<string, unknown>>`
    select j.id, j.amount, h.amount as hold_amount from journal j join holds h on h.id = j.parent_id
    where j.kind = 'capture' and j.amount > h.amount
    limit ${LIMIT}`.execute(db);
  add('capture_exceeds_hold', overCapture.rows, (r) => `capture:${String(r.id)}`);

  const overRefund = await sql<Record<string, unknown>>`
    select r.id, r.amount, c.amount as captured, c.kind from journal r left join journal c on c.id = r.parent_id
    where r.kind = 'refund' and (c.kind is null or c.kind <> 'capture' or r.amount > c.amount or r.user_id <> c.user_id)
    limit ${LIMIT}`.execute(db);
  add('refund_exceeds_capture', overRefund.rows, (r) => `refund:${String(r.id)}`);

  const wallets = await sql<Record<string, unknown>>`
    select w.user_id, w.promo, w.sub, w.paid, w.bonus, w.total, w.held,
      coalesce(s.promo, 0) as lots_promo, coalesce(s.sub, 0) as lots_sub, coalesce(s.paid, 0) as lots_paid,
      coalesce(s.bonus, 0) as lots_bonus, coalesce(s.held, 0) as lots_held
    from wallets w left join (
      select user_id,
        cast(sum(case when bucket = 'PROMO' then amount - consumed - held - expired - paid_out else 0 end) as bigint) as promo,
        cast(sum(case when bucket = 'SUB' then amount - consumed - held - expired - paid_out else 0 end) as bigint) as sub,
        cast(sum(case when bucket = 'PAID' then amount - consumed - held - expired - paid_out else 0 end) as bigint) as paid,
        cast(sum(case when bucket = 'BONUS' then amount - consumed - held - expired - paid_out else 0 end) as bigint) as bonus,
        cast(sum(held) as bigint) as held
      from lots group by user_id
    ) s on s.user_id = w.user_id
    where w.promo <> coalesce(s.promo, 0) or w.sub <> coalesce(s.sub, 0) or w.paid <> coalesce(s.paid, 0)
      or w.bonus <> coalesce(s.bonus, 0) or w.held <> coalesce(s.held, 0) or w.total <> w.promo + w.sub + w.paid + w.bonus
    limit ${LIMIT}`.execute(db);
  add('wallet_equals_lots', wallets.rows, (r) => `wallet:${String(r.user_id)}`);

  return { ok: violations.length === 0, checked_at: now, violations };
}
