import { randomUUID } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';
import type { Tier } from '../../../src/shared/boxes/fair.js';
import { guaranteeApplies, tierAtLeast, TIERS } from '../../../src/shared/boxes/fair.js';
import { sqliteAuditAppender } from '../audit/append-sqlite.js';
import { idempotencyConflict } from '../errors.js';
import type { LedgerGroupTx } from '../ledger/grouped.js';
import { LEDGER_REASONS } from '../ledger/reasons.js';
import { taipeiDayStart } from './compliance.js';
import type { ActiveSeed, FrozenSeries, GroupedOpening, OpeningRequest } from './opening-rules.js';
import { assertOnSale, assertUnderDailyLimit, drawOpening, HOLD_TTL_SECONDS, openingRecord } from './opening-rules.js';
import type { SeedKeeper } from './seeds.js';

function statements(db: BetterSqlite3.Database) {
  return {
    prior: db.prepare<[string, string], { id: string; request_hash: string }>('select id, request_hash from box_openings where user_id = ? and request_id = ?'),
    seed: db.prepare<[string], ActiveSeed>('select id, seed_sealed, commitment from box_seeds where series_id = ? and active = 1'),
    status: db.prepare<[string], string>('select status from box_series where id = ?').pluck(),
    // The nonce (openings so far, sold-out draws included) and today's granted ones (the daily limit).
    counts: db.prepare<[number, string, string], { n: number; today: number }>(
      "select count(*) as n, count(case when outcome = 'granted' and created_at >= ? then 1 end) as today from box_openings where user_id = ? and series_id = ?",
    ),
    // The tiers of granted openings after the last one at or above the guaranteed tier (openings.ts tiersSinceLastHit).
    tiersSince: db
      .prepare<[string, string, string, string, string, string], Tier>(
        `select i.tier from box_openings o inner join box_items i on i.id = o.item_id
         where o.user_id = ? and o.series_id = ? and o.outcome = 'granted' and o.nonce > coalesce((
           select max(h.nonce) from box_openings h inner join box_items hi on hi.id = h.item_id
           where h.user_id = ? and h.series_id = ? and h.outcome = 'granted' and hi.tier in (?, ?)), -1)
         order by o.nonce`,
      )
      .pluck(),
    takeStock: db.prepare<[string]>('update box_items set remaining = remaining - 1 where id = ? and remaining > 0'),
    insertOwned: db.prepare<[string, string, string, string, string, number, number]>(
      "insert into box_owned (id, user_id, series_id, item_id, status, source_kind, source_id, acquired_at, updated_at) values (?, ?, ?, ?, 'owned', 'opening', ?, ?, ?)",
    ),
    insertOpening: db.prepare<[string, string, string, string, string, string, string, number, number, string, string, number, string | null, string | null, number]>(
      'insert into box_openings (id, user_id, series_id, seed_id, request_id, request_hash, client_seed, nonce, guaranteed, item_id, outcome, credits, capture_id, owned_id, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    appendAudit: sqliteAuditAppender(db),
  };
}

/**
 * An opening on SQLite as ONE operation of the ledger's group commit (Ledger.grouped): the reads,
 * the hold, the draw, the stock, the capture (or the release of a sold-out draw), the collection
 * row, the opening row and the audit entry, all synchronous prepared statements inside the group's
 * transaction — so openings share COMMITs with each other and with holds and captures.
 *
 * Correct inside a group because SQLite has one writer and the group runs its operations one after
 * the other, each reading what the ones before it wrote: two openings of one buyer in a group get
 * consecutive nonces, the stock check sees earlier openings' decrements, and each audit entry
 * chains onto the one before it. Every refusal (409 not on sale, 429 daily limit, 402 from the
 * hold, an idempotency conflict) is decided before the first write, so it leaves the rest of the
 * group as it was; anything thrown after a write undoes the group and the others run again.
 */
export class SqliteOpenings {
  // Prepared on first use: the service may be built before the tables are migrated.
  private st: ReturnType<typeof statements> | null = null;

  constructor(
    private readonly db: BetterSqlite3.Database,
    private readonly seeds: SeedKeeper,
  ) {}

  open(g: LedgerGroupTx, userId: string, series: FrozenSeries, req: OpeningRequest): GroupedOpening {
    const st = (this.st ??= statements(this.db));
    const { now } = g;
    const prior = st.prior.get(userId, req.requestId);
    if (prior) {
      if (prior.request_hash !== req.requestHash) throw idempotencyConflict(req.requestId);
      return { kind: 'prior', id: prior.id };
    }
    const seed = st.seed.get(series.id);
    assertOnSale(series, seed, st.status.get(series.id), now);
    const counts = st.counts.get(taipeiDayStart(now), userId, series.id);
    assertUnderDailyLimit(series, Number(counts?.today ?? 0));
    const nonce = Number(counts?.n ?? 0);
    const guarantee = series.guarantee;
    let underGuarantee = false;
    if (guarantee !== null) {
      // The tiers that end a dry streak: one or two (a guarantee's floor is rare or secret, migration 010's CHECK).
      const hit = TIERS.filter((t) => tierAtLeast(t, guarantee.tier));
      underGuarantee = guaranteeApplies(guarantee, st.tiersSince.all(userId, series.id, userId, series.id, hit[0]!, hit[hit.length - 1]!));
    }
    // Unsealed before the first write: a seed that cannot be unsealed refuses this opening alone.
    this.seeds.unseal(seed.id, seed.seed_sealed);

    // The price is held first: a buyer who cannot pay gets 402 and nothing is drawn or recorded.
    const holdId = `box:${req.id}:hold`;
    g.hold(userId, { id: holdId, amount: series.price, ttl_seconds: HOLD_TTL_SECONDS, reason: LEDGER_REASONS.boxOpening() });
    const { clientSeed, item } = drawOpening(this.seeds, series, seed, req, nonce, underGuarantee);
    // The remaining count decides who gets the last ones (the CHECK constraint never lets it go below zero).
    const granted = !item.limited || st.takeStock.run(item.id).changes === 1;
    let captureId: string | null = null;
    let ownedId: string | null = null;
    if (granted) {
      captureId = `box:${req.id}:capture`;
      g.capture(userId, holdId, { id: captureId, amount: series.price });
      ownedId = randomUUID();
      st.insertOwned.run(ownedId, userId, series.id, item.id, req.id, now, now);
    } else {
      g.release(userId, holdId, `box:${req.id}:release`);
    }
    const { row, audit, view } = openingRecord(userId, series, seed, req, { clientSeed, item, nonce, underGuarantee, granted, captureId, ownedId, now });
    st.insertOpening.run(row.id, row.user_id, row.series_id, row.seed_id, row.request_id, row.request_hash, row.client_seed, row.nonce, row.guaranteed, row.item_id, row.outcome, row.credits, row.capture_id, row.owned_id, row.created_at);
    st.appendAudit(audit, now);
    return { kind: 'new', view };
  }
}
