import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { BOX_LIMITS, BOX_ROUTES } from '../../../src/shared/boxes/wire.js';
import { MARKET_PRICES } from '../../../src/shared/pricing.js';
import type { Clock } from '../clock.js';
import type { DbHandle } from '../db/connect.js';
import type { FraudService } from '../fraud/service.js';
import type { Ledger } from '../ledger/service.js';
import type { RouteKit } from '../partners/routes.js';
import { Id } from '../schemas.js';
import type { MarketFraudLimits } from './fraud.js';
import { MARKET_FRAUD, TradeGuard } from './fraud.js';
import { Listings } from './listings.js';
import { Trades } from './trades.js';

const Uuid = z.uuid();
const ListingParams = z.strictObject({ id: Uuid });
const ListingsQuery = z.strictObject({ series_id: Uuid.optional(), mine: z.enum(['1', 'true', '0', 'false']).optional() });
const CreateListingBody = z.strictObject({
  request_id: Id,
  owned_id: Uuid,
  price: z.number().int().min(MARKET_PRICES.minPrice).max(BOX_LIMITS.maxPrice),
  days: z.number().int().min(1).max(BOX_LIMITS.listingMaxDays).optional(),
});
const BuyListingBody = z.strictObject({ request_id: Id });

/** The resale market: its listings and trades (docs/market.md). */
export class Market {
  readonly listings: Listings;
  readonly trades: Trades;
  readonly guard: TradeGuard;

  constructor(h: DbHandle, clock: Clock, ledger: Ledger, fraud: FraudService, limits: MarketFraudLimits = MARKET_FRAUD) {
    this.listings = new Listings(h, clock);
    this.guard = new TradeGuard(h, clock, fraud, limits);
    this.trades = new Trades(h, ledger, this.listings, this.guard);
  }
}

export function registerMarketRoutes(app: FastifyInstance, m: Market, kit: RouteKit): void {
  const { user, me, parse } = kit;
  app.get(BOX_ROUTES.listings, user, async (req) => {
    const q = parse(ListingsQuery, req.query);
    return m.listings.list(me(req), { series_id: q.series_id, mine: q.mine === '1' || q.mine === 'true' });
  });
  app.post(BOX_ROUTES.listings, user, async (req) => m.listings.create(me(req), parse(CreateListingBody, req.body)));
  app.post(BOX_ROUTES.listingCancel, user, async (req) => m.listings.cancel(me(req), parse(ListingParams, req.params).id));
  app.post(BOX_ROUTES.listingBuy, user, async (req) => m.trades.buy(me(req), parse(ListingParams, req.params).id, parse(BuyListingBody, req.body).request_id));
}

export interface MarketDeps {
  db: DbHandle;
  clock: Clock;
  ledger: Ledger;
  fraud: FraudService;
  /** The burst limits (MARKET_FRAUD by default). */
  limits?: MarketFraudLimits;
}

export function mountMarket(app: FastifyInstance, d: MarketDeps, kit: RouteKit): Market {
  const market = new Market(d.db, d.clock, d.ledger, d.fraud, d.limits);
  registerMarketRoutes(app, market, kit);
  return market;
}
