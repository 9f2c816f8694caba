import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { TIERS, guaranteeApplies, tierAtLeast } from '../../../src/shared/boxes/fair.js';
import type { Tier } from '../../../src/shared/boxes/fair.js';
import { canonical } from '../ledger/types.js';
import { constraintKind } from '../db/connect.js';
import type { LotRow } from '../db/schema.js';
import { ApiError, idempotencyConflict } from '../errors.js';
import type { Posting } from '../ledger/plan.js';
import { captureRequest, effectsOf, holdRequest, planCapture, planHold, planRelease } from '../ledger/plan.js';
import { postingAndLotColumns } from '../ledger/hot-path-pg.js';
import { LEDGER_REASONS } from '../ledger/reasons.js';
import { requestHash } from '../ledger/types.js';
import { taipeiDayStart } from './compliance.js';
import type { ActiveSeed, FrozenSeries, GroupedOpening, OpeningRequest } from './opening-rules.js';
import { assertOnSale, assertUnderDailyLimit, drawOpening, HOLD_TTL_SECONDS, openingRecord } from './opening-rules.js';
import type { SeedKeeper } from './seeds.js';

/*
 * An opening on PostgreSQL with hand-written, named (server-side prepared) statements: BEGIN, the
 * wallet locked, ONE read, the stock taken (a limited item only), ONE write, COMMIT — the same rows
 * as the Kysely path in openings.ts (the ledger's hold, then its capture or release: two journal
 * entries, their postings, the hold resolved; the collection, the opening), where that path makes
 * some twenty statements. The plans are the ledger's own (plan.ts), made in memory from the read:
 * the capture (or release) takes exactly what the hold just held. Its audit entry goes to
 * audit_pending, sealed after the commit (audit/sealer.ts): no lock on the chain's head.
 */

const LOCK_WALLET = 'select user_id from wallets where user_id = $1 for update';

/**
 * After the wallet lock, so this statement's snapshot sees everything committed before it. The
 * active seed is held FOR SHARE: closing or rotating the series (which reveals it) waits until
 * this opening commits, and an opening that waited for them finds no active seed.
 * $1 series, $2 buyer, $3 start of today (Asia/Taipei), $4 request id, $5 now, $6 the tiers that end
 * a dry streak (null: no guarantee).
 */
const READ = `select s.id, s.seed_sealed, s.commitment,
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
      where h.user_id = $2 and h.series_id = $1 and h.outcome = 'granted' and hi.tier = any($6::text[])), -1)) end) as tiers
from box_seeds s where s.series_id = $1 and s.active = 1
for share of s`;

const READ_PRIOR = 'select id, request_hash from box_openings where user_id = $1 and request_id = $2';

const TAKE_STOCK = 'update box_items set remaining = remaining - 1 where id = $1 and remaining > 0';

/**
 * Every write of the opening in one statement (the foreign keys are checked at its end). $1 buyer,
 * $2 now; the journal entries, postings and lot deltas as arrays; the wallet's deltas; the hold's
 * final row; the collection row (skipped when $27 is null); the opening; the pending audit entry.
 */
const WRITE = `with j as (
    insert into journal (id, user_id, kind, parent_id, request_hash, amount, reason, response, hold_expires_at, created_at, created_by)
    select t.id, $1::text, t.kind, t.parent_id, t.request_hash, t.amount, t.reason, t.response, t.hold_expires_at, $2::bigint, $1::text
    from unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[], $8::text[], $9::text[], $10::bigint[]) as t(id, kind, parent_id, request_hash, amount, reason, response, hold_expires_at)
  ),
  h as (
    insert into holds (id, user_id, amount, status, expires_at, reason, job_ref, created_at, resolved_at, resolution_id)
    values ($11::text, $1::text, $12::bigint, $13::text, $14::bigint, $15::text, null, $2::bigint, $2::bigint, $16::text)
  ),
  p as (
    insert into postings (journal_id, lot_id, from_state, to_state, amount)
    select * from unnest($17::text[], $18::text[], $19::text[], $20::text[], $21::bigint[])
  ),
  l as (
    update lots set held = lots.held + d.held, consumed = lots.consumed + d.consumed, expired = lots.expired + d.expired, paid_out = lots.paid_out + d.paid_out
    from unnest($22::text[], $23::bigint[], $24::bigint[], $25::bigint[], $26::bigint[]) as d(id, held, consumed, expired, paid_out)
    where lots.id = d.id
  ),
  w as (
    update wallets set promo = promo + $33::bigint, sub = sub + $34::bigint, paid = paid + $35::bigint, bonus = bonus + $36::bigint,
      total = total + $37::bigint, held = held + $38::bigint, updated_at = $2::bigint
    where user_id = $1::text
  ),
  ow as (
    insert into box_owned (id, user_id, series_id, item_id, status, source_kind, source_id, acquired_at, updated_at)
    select $27::text, $1::text, $28::text, $29::text, 'owned', 'opening', $30::text, $2::bigint, $2::bigint where $27::text is not null
  ),
  op as (
    insert into box_openings (id, user_id, series_id, seed_id, request_id, request_hash, client_seed, nonce, guaranteed, item_id, outcome, credits, capture_id, owned_id, created_at)
    values ($30::text, $1::text, $28::text, $31::text, $39::text, $40::text, $41::text, $42::int, $43::int, $29::text, $44::text, $45::bigint, $46::text, $27::text, $2::bigint)
  )
  insert into audit_pending (kind, ref, actor, payload, created_at) values ($47::text, $32::text, $1::text, $48::text, $2::bigint)`;

interface ReadRow extends ActiveSeed {
  status: string | null;
  n: number;
  today: number;
  prior: { id: string; request_hash: string } | null;
  lots: LotRow[];
  tiers: Tier[] | null;
}

interface JournalLine {
  id: string;
  kind: 'hold' | 'capture' | 'release';
  parent: string | null;
  hash: string;
  amount: number;
  reason: string | null;
  response: unknown;
  holdExpiresAt: number | null;
}

export class PgOpenings {
  constructor(
    private readonly pool: pg.Pool,
    private readonly seeds: SeedKeeper,
  ) {}

  /** `now`: the opening's one time. A refusal rolls everything back; so does a failure. */
  async open(userId: string, series: FrozenSeries, req: OpeningRequest, now: number): Promise<GroupedOpening> {
    const client = await this.pool.connect();
    try {
      await client.query('begin');
      try {
        const r = await this.openIn(client, userId, series, req, now);
        await client.query('commit');
        return r;
      } catch (err) {
        await client.query('rollback').catch(() => undefined);
        throw err;
      }
    } catch (err) {
      // The database's refusals, as the ledger reports them (Ledger.mapErrors).
      const kind = constraintKind(err);
      if (kind === 'unique') throw idempotencyConflict(req.requestId);
      if (kind === 'check') throw new ApiError(409, 'LEDGER_CONSTRAINT', 'the database refused the change (a balance would go negative)');
      throw err;
    } finally {
      client.release();
    }
  }

  private async openIn(q: pg.PoolClient, userId: string, series: FrozenSeries, req: OpeningRequest, now: number): Promise<GroupedOpening> {
    const locked = await q.query({ name: 'box_open_lock', text: LOCK_WALLET, values: [userId] });
    if (locked.rowCount !== 1) throw new ApiError(404, 'WALLET_NOT_FOUND', 'no wallet for this user');
    const g = series.guarantee;
    const hitTiers = g === null ? null : TIERS.filter((t) => tierAtLeast(t, g.tier));
    const read = await q.query<ReadRow>({ name: 'box_open_read', text: READ, values: [series.id, userId, taipeiDayStart(now), req.requestId, now, hitTiers] });
    const pre = read.rows[0];
    // No active seed: the series closed; a retry of an earlier opening still answers what it did.
    const prior = pre ? pre.prior : ((await q.query<{ id: string; request_hash: string }>({ name: 'box_open_prior', text: READ_PRIOR, values: [userId, req.requestId] })).rows[0] ?? null);
    if (prior) {
      if (prior.request_hash !== req.requestHash) throw idempotencyConflict(req.requestId);
      return { kind: 'prior', id: prior.id };
    }
    assertOnSale(series, pre, pre?.status, now);
    assertUnderDailyLimit(series, Number(pre.today));
    const nonce = Number(pre.n);
    const underGuarantee = g !== null && guaranteeApplies(g, pre.tiers ?? []);

    // The price is held first: a buyer who cannot pay gets 402 and nothing is drawn or recorded.
    const holdId = `box:${req.id}:hold`;
    const holdInput = { id: holdId, amount: series.price, ttl_seconds: HOLD_TTL_SECONDS, reason: LEDGER_REASONS.boxOpening() };
    const hold = planHold(holdInput, pre.lots, now);
    const { clientSeed, item } = drawOpening(this.seeds, series, pre, req, nonce, underGuarantee);
    // The database decides who gets the last ones: the check constraint and this condition never let remaining go below zero.
    const granted = !item.limited || (await q.query({ name: 'box_open_stock', text: TAKE_STOCK, values: [item.id] })).rowCount === 1;

    const holdRow = { id: holdId, user_id: userId, amount: series.price, status: 'open' as const, expires_at: hold.result.expires_at, reason: holdInput.reason, job_ref: null, created_at: now, resolved_at: null, resolution_id: null };
    const parts = hold.postings.map((p) => ({ ...p.lot, part: p.amount }));
    const lines: JournalLine[] = [
      { id: holdId, kind: 'hold', parent: null, hash: requestHash('hold', holdRequest(holdInput)), amount: series.price, reason: holdInput.reason, response: hold.result, holdExpiresAt: hold.result.expires_at },
    ];
    let postings: Posting[] = hold.postings.map((p) => ({ ...p }));
    const journalOf: string[] = hold.postings.map(() => holdId);
    let captureId: string | null = null;
    let ownedId: string | null = null;
    let resolution: string;
    if (granted) {
      captureId = `box:${req.id}:capture`;
      const input = { id: captureId, amount: series.price };
      const c = planCapture(holdRow, parts, holdId, input, now);
      lines.push({ id: captureId, kind: 'capture', parent: holdId, hash: requestHash('capture', captureRequest(holdId, input)), amount: series.price, reason: null, response: c.result, holdExpiresAt: null });
      postings = [...postings, ...c.postings];
      journalOf.push(...c.postings.map(() => captureId!));
      ownedId = randomUUID();
      resolution = captureId;
    } else {
      resolution = `box:${req.id}:release`;
      const rl = planRelease(holdRow, parts, resolution, now);
      lines.push({ id: resolution, kind: 'release', parent: holdId, hash: requestHash('release', { hold_id: holdId }), amount: series.price, reason: null, response: rl.result, holdExpiresAt: null });
      postings = [...postings, ...rl.postings];
      journalOf.push(...rl.postings.map(() => resolution));
    }
    const e = effectsOf(postings);
    const { row, audit, view } = openingRecord(userId, series, pre, req, { clientSeed, item, nonce, underGuarantee, granted, captureId, ownedId, now });
    await q.query({
      name: 'box_open_write',
      text: WRITE,
      values: [
        userId,
        now,
        lines.map((x) => x.id),
        lines.map((x) => x.kind),
        lines.map((x) => x.parent),
        lines.map((x) => x.hash),
        lines.map((x) => x.amount),
        lines.map((x) => x.reason),
        lines.map((x) => JSON.stringify(x.response)),
        lines.map((x) => x.holdExpiresAt),
        holdId,
        series.price,
        granted ? 'captured' : 'released',
        hold.result.expires_at,
        holdInput.reason,
        resolution,
        journalOf,
        ...postingAndLotColumns(postings, e.lots),
        ownedId,
        series.id,
        item.id,
        req.id,
        pre.id,
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
      ],
    });
    return { kind: 'new', view };
  }
}
