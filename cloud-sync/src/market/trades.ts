import { randomUUID } from 'node:crypto';
import type { TradeView } from '../../../src/shared/boxes/wire.js';
import { BOX_LIMITS } from '../../../src/shared/boxes/wire.js';
import { appendAudit } from '../audit/chain.js';
import type { DbHandle } from '../db/connect.js';
import { ApiError, idempotencyConflict } from '../errors.js';
import type { LedgerTx } from '../ledger/in-tx.js';
import type { Ledger } from '../ledger/service.js';
import { LEDGER_REASONS } from '../ledger/reasons.js';
import type { FiredRule } from '../fraud/rules.js';
import type { TradeGuard } from './fraud.js';
import type { Listings } from './listings.js';
import { tradeView } from './views.js';

/** The ledger ids of one buy request: the same request always makes (and so finds) the same entries. */
export function tradeLedgerIds(buyer: string, requestId: string) {
  const base = `trade:${buyer}:${requestId}`;
  return { hold: `${base}:hold`, capture: `${base}:capture`, release: `${base}:release`, proceeds: `${base}:proceeds` };
}

const notAvailable = (): ApiError => new ApiError(409, 'LISTING_NOT_AVAILABLE', 'the listing was sold, canceled or has expired');

type Outcome = { kind: 'traded'; trade: TradeView } | { kind: 'lost' } | { kind: 'stale' } | { kind: 'blocked'; rule: FiredRule };

/**
 * A purchase on the market is an escrow on the ledger (docs/market.md): the buyer's credits are held
 * first, in their own transaction; then one transaction with both wallets locked either settles
 * everything — the listing sold (a conditional update: only one buyer can win it), the hold
 * captured, the seller paid the price less the fee as PAID credits, the item moved, the trade and
 * its audit entry written — or, when the listing is gone or a burst limit is reached by a trade that
 * settled meanwhile, releases the hold.
 */
export class Trades {
  constructor(
    private readonly h: DbHandle,
    private readonly ledger: Ledger,
    private readonly listings: Listings,
    private readonly guard: TradeGuard,
  ) {}

  /** Idempotent per (buyer, request_id): a retry after success answers the same trade, charged once. */
  async buy(buyer: string, listingId: string, requestId: string): Promise<TradeView> {
    const prior = await this.byRequest(buyer, requestId);
    if (prior) return this.sameRequest(prior, listingId, requestId);
    const l = await this.h.db.selectFrom('box_listings').select(['seller_id', 'price', 'fee', 'status', 'expires_at']).where('id', '=', listingId).executeTakeFirst();
    if (!l) throw new ApiError(404, 'LISTING_NOT_FOUND', `no listing ${listingId}`);
    if (l.seller_id === buyer) throw new ApiError(409, 'SELF_TRADE', 'you cannot buy your own listing');
    if (l.status !== 'listed') throw notAvailable();
    if (Number(l.expires_at) <= this.ledger.now()) return this.expired(listingId);
    const cleared = await this.guard.check(buyer, l.seller_id);

    const price = Number(l.price);
    const ids = tradeLedgerIds(buyer, requestId);
    // Step 1, on its own: a buyer without the credits is refused before anything is locked.
    await this.ledger.hold(buyer, { id: ids.hold, amount: price, ttl_seconds: BOX_LIMITS.escrowHoldSeconds, reason: LEDGER_REASONS.marketPurchase() });
    // Step 2: wallets first (sorted, by Ledger.transaction), then the listing, the items, the audit head.
    const outcome = await this.ledger.transaction([buyer, l.seller_id], (lt) => this.settle(lt, buyer, l.seller_id, listingId, requestId, price, Number(l.fee), cleared));
    if (outcome.kind === 'traded') return outcome.trade;
    if (outcome.kind === 'blocked') return this.guard.refuse(buyer, l.seller_id, outcome.rule);
    if (outcome.kind === 'stale') throw new ApiError(409, 'HOLD_EXPIRED', 'the escrow hold of this request has ended; buy again with a new request id');
    return this.expired(listingId);
  }

  private async settle(lt: LedgerTx, buyer: string, seller: string, listingId: string, requestId: string, price: number, fee: number, cleared: ReadonlySet<string>): Promise<Outcome> {
    const { tx, now } = lt;
    const ids = tradeLedgerIds(buyer, requestId);
    // The same request, racing itself, may have settled while this one waited for the wallets.
    const done = await tx.selectFrom('box_trades').selectAll().where('buyer_id', '=', buyer).where('request_id', '=', requestId).executeTakeFirst();
    if (done) return { kind: 'traded', trade: tradeView(done) };

    // A retry long after its first attempt finds that attempt's hold expired: it cannot pay, and the
    // listing stays on the market (the client retries with a new request id).
    const hold = await tx.selectFrom('holds').select(['status', 'expires_at']).where('id', '=', ids.hold).executeTakeFirst();
    if (!hold || hold.status !== 'open' || Number(hold.expires_at) <= now) {
      if (hold?.status === 'open') await lt.release(buyer, ids.hold, ids.release, 'market');
      return { kind: 'stale' };
    }
    // The burst rules again, now that both wallets are locked: another trade of this buyer (or pair)
    // that passed the early check is either committed and counted here, or waits for this one.
    const burst = await this.guard.burstIn(tx, buyer, seller, now, cleared);
    if (burst) {
      await lt.release(buyer, ids.hold, ids.release, 'market');
      return { kind: 'blocked', rule: burst };
    }
    const won = await tx.updateTable('box_listings').set({ status: 'sold', closed_at: now }).where('id', '=', listingId).where('status', '=', 'listed').where('expires_at', '>', now).executeTakeFirst();
    if (Number(won.numUpdatedRows) === 0) {
      // Another buyer won, or the seller canceled, or it expired: the buyer's credits go back.
      await lt.release(buyer, ids.hold, ids.release, 'market');
      return { kind: 'lost' };
    }
    const listing = await tx.selectFrom('box_listings').select('owned_id').where('id', '=', listingId).executeTakeFirstOrThrow();
    const item = await tx.selectFrom('box_owned').select(['series_id', 'item_id']).where('id', '=', listing.owned_id).executeTakeFirstOrThrow();
    const tradeId = randomUUID();
    const ownedId = randomUUID();
    await lt.capture(buyer, ids.hold, { id: ids.capture, amount: price });
    // The fee is the platform's: it is captured from the buyer and simply not granted to the seller.
    await lt.grant({ id: ids.proceeds, user_id: seller, bucket: 'PAID', amount: price - fee, reason: LEDGER_REASONS.marketSale() }, 'market', `trade:${tradeId}`);
    const sold = await tx.updateTable('box_owned').set({ status: 'sold', updated_at: now }).where('id', '=', listing.owned_id).where('user_id', '=', seller).where('status', '=', 'listed').executeTakeFirst();
    if (Number(sold.numUpdatedRows) !== 1) throw new Error(`listing ${listingId}: item ${listing.owned_id} is not listed by its seller`);
    await tx.insertInto('box_owned').values({ id: ownedId, user_id: buyer, series_id: item.series_id, item_id: item.item_id, status: 'owned', source_kind: 'trade', source_id: tradeId, acquired_at: now, updated_at: now }).execute();
    const trade = { id: tradeId, listing_id: listingId, buyer_id: buyer, seller_id: seller, request_id: requestId, price, fee, hold_id: ids.hold, capture_id: ids.capture, proceeds_id: ids.proceeds, owned_id: ownedId, created_at: now };
    await tx.insertInto('box_trades').values(trade).execute();
    await appendAudit(
      tx,
      this.h.dialect,
      { kind: 'trade', ref: `trade:${tradeId}`, actor: buyer, payload: { listing_id: listingId, seller, buyer, price, fee, item_id: item.item_id, series_id: item.series_id, from_owned: listing.owned_id, to_owned: ownedId } },
      now,
    );
    return { kind: 'traded', trade: tradeView(trade) };
  }

  /** A listing that may be past its time: ended now if so (the item back in the seller's hand), and refused. */
  private async expired(listingId: string): Promise<never> {
    await this.listings.expire(listingId);
    throw notAvailable();
  }

  private byRequest(buyer: string, requestId: string) {
    return this.h.db.selectFrom('box_trades').selectAll().where('buyer_id', '=', buyer).where('request_id', '=', requestId).executeTakeFirst();
  }

  private sameRequest(prior: Parameters<typeof tradeView>[0], listingId: string, requestId: string): TradeView {
    if (prior.listing_id !== listingId) throw idempotencyConflict(requestId);
    return tradeView(prior);
  }
}
