import type { AuditFacts } from '../audit/chain.js';
import { postingAndLotColumns } from '../ledger/hot-path-pg.js';
import type { Posting } from '../ledger/plan.js';
import { effectsOf } from '../ledger/plan.js';
import { canonical } from '../ledger/types.js';
import type { BoxOpeningsTable } from './tables.js';

/*
 * The statements of an opening on PostgreSQL (opening-pg.ts): one read, one guarded write, and
 * for the locked way only, the locks taken first and the stock taken before the write.
 */

/**
 * Everything an opening decides from, in one statement (one snapshot), whichever way it runs.
 * Always one row. $1 series, $2 buyer, $3 start of today (Asia/Taipei), $4 request id, $5 now,
 * $6 the tiers that end a dry streak (null: no guarantee).
 * `version`: the wallet row's version (xmin), which the write is guarded by — every opening of
 * the buyer, and every other ledger write of theirs, updates that row in its own transaction, so
 * an unchanged version means the nonce, today's count, the guarantee's streak, the request id's
 * earlier opening and the lots are all still what this read saw.
 * `stock`: the remaining count of each limited item (a count only ever goes down).
 */
export const READ = `select (select xmin::text from wallets where user_id = $2) as version,
  (select json_build_object('id', s.id, 'seed_sealed', s.seed_sealed, 'commitment', s.commitment) from box_seeds s where s.series_id = $1 and s.active = 1) as seed,
  (select status from box_series where id = $1) as status,
  (select count(*) from box_openings o where o.user_id = $2 and o.series_id = $1)::int as n,
  (select count(*) from box_openings o where o.user_id = $2 and o.series_id = $1 and o.outcome = 'granted' and o.created_at >= $3::bigint)::int as today,
  (select json_build_object('id', p.id, 'request_hash', p.request_hash) from box_openings p where p.user_id = $2 and p.request_id = $4) as prior,
  (select coalesce(json_agg(l), '[]'::json) from lots l
    where l.user_id = $2 and (l.expires_at is null or l.expires_at > $5::bigint) and l.consumed + l.held + l.expired + l.paid_out < l.amount) as lots,
  (case when $6::text[] is null then null else (
    select coalesce(json_agg(i.tier order by o.nonce), '[]'::json) from box_openings o inner join box_items i on i.id = o.item_id
    where o.user_id = $2 and o.series_id = $1 and o.outcome = 'granted' and o.nonce > coalesce((
      select max(h.nonce) from box_openings h inner join box_items hi on hi.id = h.item_id
      where h.user_id = $2 and h.series_id = $1 and h.outcome = 'granted' and hi.tier = any($6::text[])), -1)) end) as tiers,
  (select coalesce(json_object_agg(i.id, i.remaining), '{}'::json) from box_items i where i.series_id = $1 and i.remaining is not null) as stock`;

/** The locked way's stock: taken under the wallet's lock, before the write (which then takes none). */
export const TAKE_STOCK = 'update box_items set remaining = remaining - 1 where id = $1 and remaining > 0';

/**
 * BEGIN, the wallet locked, the active seed held FOR SHARE (closing or rotating the series, which
 * reveals it, waits for this transaction), in one round trip: a simple-protocol query may hold
 * several statements but takes no parameters, hence literals escaped by the caller.
 */
export const lockedBegin = (userLit: string, seriesLit: string): string =>
  `begin; select user_id from wallets where user_id = ${userLit} for update; select id from box_seeds where series_id = ${seriesLit} and active = 1 for share`;

/** What the write's abort says: the seed or the stock moved after the wallet's guard matched. */
export const MOVED = 'box opening: the seed or the stock moved';

/**
 * Every write of the opening in one statement (the foreign keys are checked at its end), which in
 * autocommit is its own transaction. Guards, in the order their locks are taken (the locked way
 * takes them in the same order, so the two cannot deadlock):
 *  - `w`: the wallet row, only if still version $49 (it takes the row's lock; in READ COMMITTED a
 *    writer holding it is waited for and the version checked again on the row it left);
 *  - `sd`: the seed drawn with, still active, held FOR SHARE (checked again on the newest row the
 *    same way): a close or rotation that committed first leaves no row, one that comes later
 *    waits for this statement;
 *  - `st`: when $50, one of the drawn limited item taken, only if one is left.
 * Every other part is written only when all three hold (`ok`). When the wallet's guard fails,
 * nothing was written: the answer is 'stale'. When it held but the seed or the stock did not, the
 * wallet row is already updated, so the statement is made to fail (a cast of MOVED, read through
 * a subquery so the planner cannot fold it and fail while planning) and undoes itself whole.
 * $1 buyer, $2 now; the journal entries, postings and lot deltas as arrays; the wallet's deltas;
 * the hold's final row; the collection row (skipped when $27 is null); the opening; the pending
 * audit entry. Answers the outcome and the wallet row's new version.
 */
export const WRITE = `with w as (
    update wallets set promo = promo + $33::bigint, sub = sub + $34::bigint, paid = paid + $35::bigint, bonus = bonus + $36::bigint,
      total = total + $37::bigint, held = held + $38::bigint, updated_at = $2::bigint
    where user_id = $1::text and xmin = $49::xid
    returning xmin::text as version
  ),
  sd as (
    select s.id from box_seeds s where s.id = $31::text and s.active = 1 and exists (select 1 from w) for share
  ),
  st as (
    update box_items set remaining = remaining - 1
    where id = $29::text and $50::boolean and remaining > 0 and exists (select 1 from sd)
    returning id
  ),
  ok as (
    select exists (select 1 from w) and exists (select 1 from sd) and (not $50::boolean or exists (select 1 from st)) as go
  ),
  j as (
    insert into journal (id, user_id, kind, parent_id, request_hash, amount, reason, response, hold_expires_at, created_at, created_by)
    select t.id, $1::text, t.kind, t.parent_id, t.request_hash, t.amount, t.reason, t.response, t.hold_expires_at, $2::bigint, $1::text
    from unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[], $8::text[], $9::text[], $10::bigint[]) as t(id, kind, parent_id, request_hash, amount, reason, response, hold_expires_at), ok
    where ok.go
  ),
  h as (
    insert into holds (id, user_id, amount, status, expires_at, reason, job_ref, created_at, resolved_at, resolution_id)
    select $11::text, $1::text, $12::bigint, $13::text, $14::bigint, $15::text, null, $2::bigint, $2::bigint, $16::text from ok where ok.go
  ),
  p as (
    insert into postings (journal_id, lot_id, from_state, to_state, amount)
    select t.journal_id, t.lot_id, t.from_state, t.to_state, t.amount
    from unnest($17::text[], $18::text[], $19::text[], $20::text[], $21::bigint[]) as t(journal_id, lot_id, from_state, to_state, amount), ok where ok.go
  ),
  l as (
    update lots set held = lots.held + d.held, consumed = lots.consumed + d.consumed, expired = lots.expired + d.expired, paid_out = lots.paid_out + d.paid_out
    from unnest($22::text[], $23::bigint[], $24::bigint[], $25::bigint[], $26::bigint[]) as d(id, held, consumed, expired, paid_out), ok
    where lots.id = d.id and ok.go
  ),
  ow as (
    insert into box_owned (id, user_id, series_id, item_id, status, source_kind, source_id, acquired_at, updated_at)
    select $27::text, $1::text, $28::text, $29::text, 'owned', 'opening', $30::text, $2::bigint, $2::bigint from ok where $27::text is not null and ok.go
  ),
  op as (
    insert into box_openings (id, user_id, series_id, seed_id, request_id, request_hash, client_seed, nonce, guaranteed, item_id, outcome, credits, capture_id, owned_id, created_at)
    select $30::text, $1::text, $28::text, $31::text, $39::text, $40::text, $41::text, $42::int, $43::int, $29::text, $44::text, $45::bigint, $46::text, $27::text, $2::bigint
    from ok where ok.go
  ),
  ap as (
    insert into audit_pending (kind, ref, actor, payload, created_at) select $47::text, $32::text, $1::text, $48::text, $2::bigint from ok where ok.go
  )
  select case when not exists (select 1 from w) then 'stale'
    when (select go from ok) then 'written'
    else ('${MOVED} (' || (select count(*) from sd) || ')')::int::text end as outcome,
    (select version from w) as version`;


/** A journal entry of the opening (its hold, then the capture or the release), as the ledger writes it. */
export interface JournalLine {
  id: string;
  kind: 'hold' | 'capture' | 'release';
  parent: string | null;
  hash: string;
  amount: number;
  reason: string | null;
  response: unknown;
  holdExpiresAt: number | null;
}

/** What WRITE writes, planned from one read. */
export interface OpeningWrite {
  userId: string;
  now: number;
  lines: JournalLine[];
  holdId: string;
  price: number;
  granted: boolean;
  holdExpiresAt: number;
  holdReason: string;
  /** The capture's or the release's journal id. */
  resolution: string;
  /** Each posting's journal id. */
  journalOf: string[];
  postings: Posting[];
  ownedId: string | null;
  row: BoxOpeningsTable;
  audit: AuditFacts;
  /** The wallet row's version the plan was made from. */
  version: string;
  /** Whether the write takes the drawn limited item's stock (the optimistic way's grant). */
  takeStock: boolean;
}

/** WRITE's parameters, $1 to $50. */
export function writeValues(w: OpeningWrite): unknown[] {
  const { lines, row, audit } = w;
  const e = effectsOf(w.postings);
  return [
    w.userId,
    w.now,
    lines.map((x) => x.id),
    lines.map((x) => x.kind),
    lines.map((x) => x.parent),
    lines.map((x) => x.hash),
    lines.map((x) => x.amount),
    lines.map((x) => x.reason),
    lines.map((x) => JSON.stringify(x.response)),
    lines.map((x) => x.holdExpiresAt),
    w.holdId,
    w.price,
    w.granted ? 'captured' : 'released',
    w.holdExpiresAt,
    w.holdReason,
    w.resolution,
    w.journalOf,
    ...postingAndLotColumns(w.postings, e.lots),
    w.ownedId,
    row.series_id,
    row.item_id,
    row.id,
    row.seed_id,
    audit.ref,
    e.available.PROMO,
    e.available.SUB,
    e.available.PAID,
    e.available.BONUS,
    e.total,
    e.held,
    row.request_id,
    row.request_hash,
    row.client_seed,
    row.nonce,
    row.guaranteed,
    row.outcome,
    row.credits,
    row.capture_id,
    audit.kind,
    canonical(audit.payload),
    w.version,
    w.takeStock,
  ];
}
