import type { Kysely } from 'kysely';
import type { Clock } from '../clock.js';
import type { DbHandle } from '../db/connect.js';
import type { Database } from '../db/schema.js';
import { ApiError } from '../errors.js';
import type { FiredRule } from '../fraud/rules.js';
import type { FraudService } from '../fraud/service.js';

/**
 * The market's fraud rules (docs/market.md), on the partners module's evidence: a trade between two
 * accounts seen on the same device, or signed up from the same IP address, is how one person moves
 * credits or items between their own accounts (wash trading, laundering a referral bonus); a burst
 * of trades is how a bot or a ring does it at scale. A refused trade is a fraud signal on both
 * profiles (the admin's risk list shows it with its reason); an admin's clearance of that exact
 * evidence (its rule key) lets the trade through.
 */
export const MARKET_FRAUD = {
  /** One buyer may make this many trades within the window; the next is refused. */
  buyerBurst: { max: 20, windowMs: 3600_000 },
  /** Two accounts may trade with each other (either direction) this many times within the window. */
  pairBurst: { max: 3, windowMs: 24 * 3600_000 },
} as const;

export interface MarketFraudLimits {
  buyerBurst: { max: number; windowMs: number };
  pairBurst: { max: number; windowMs: number };
}

type Db = Kysely<Database>;

export class TradeGuard {
  constructor(
    private readonly h: DbHandle,
    private readonly clock: Clock,
    private readonly fraud: FraudService,
    private readonly limits: MarketFraudLimits = MARKET_FRAUD,
  ) {}

  /**
   * Throws TRADE_BLOCKED (and records the signal) when a rule refuses a trade from seller to buyer;
   * else answers the buyer's cleared rule keys, for the burst recount inside the settling
   * transaction (`burstIn`). This early check refuses before any credits are held.
   */
  async check(buyer: string, seller: string): Promise<ReadonlySet<string>> {
    if ((await this.fraud.level(buyer)) === 'blocked' || (await this.fraud.level(seller)) === 'blocked') {
      throw new ApiError(403, 'TRADE_BLOCKED', 'an account in this trade is blocked by a fraud review', { rule: 'account_blocked' });
    }
    const cleared = new Set((await this.fraud.view(buyer)).cleared_rules);
    const device = await this.shareDevice(buyer, seller);
    if (device && !cleared.has(device.key)) return this.refuse(buyer, seller, device);
    const burst = await this.burstIn(this.h.db, buyer, seller, this.clock.now(), cleared);
    if (burst) return this.refuse(buyer, seller, burst);
    return cleared;
  }

  /**
   * The burst rules counted on `db` at `now`: called again inside the trade's transaction, where
   * both wallets are locked, so two trades of one buyer (or of one pair) count one after the other
   * and cannot both take the last free slot (docs/market.md). A rule whose key is in `cleared` passes.
   */
  async burstIn(db: Db, buyer: string, seller: string, now: number, cleared: ReadonlySet<string>): Promise<FiredRule | null> {
    const pair = [buyer, seller].sort().join(':');
    const b = this.limits.buyerBurst;
    const byBuyer = await this.tradesSince(db, now - b.windowMs, buyer, null);
    const buyerKey = `trade_burst:buyer:${buyer}:${Math.floor(now / b.windowMs)}`;
    if (byBuyer >= b.max && !cleared.has(buyerKey)) {
      return { code: 'trade_burst', level: 'medium', reason: `${byBuyer} trades by one buyer within ${b.windowMs / 60_000} minutes`, key: buyerKey };
    }
    const p = this.limits.pairBurst;
    const byPair = await this.tradesSince(db, now - p.windowMs, buyer, seller);
    const pairKey = `trade_burst:pair:${pair}:${Math.floor(now / p.windowMs)}`;
    if (byPair >= p.max && !cleared.has(pairKey)) {
      return { code: 'trade_burst', level: 'medium', reason: `${byPair} trades between the same two accounts within ${p.windowMs / 3600_000} hours`, key: pairKey };
    }
    return null;
  }

  /** Records the fired rule on both profiles and throws TRADE_BLOCKED. */
  async refuse(buyer: string, seller: string, fired: FiredRule): Promise<never> {
    await this.fraud.evaluate(buyer, [fired]);
    await this.fraud.evaluate(seller, [fired]);
    throw new ApiError(403, 'TRADE_BLOCKED', `trade refused: ${fired.reason}`, { rule: fired.code });
  }

  /** Trades since `since` by `buyer`, or (with `other`) between `buyer` and `other` either way. */
  private async tradesSince(db: Db, since: number, buyer: string, other: string | null): Promise<number> {
    const row = await db
      .selectFrom('box_trades')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('created_at', '>', since)
      .where((eb) =>
        other === null
          ? eb('buyer_id', '=', buyer)
          : eb.or([eb.and([eb('buyer_id', '=', buyer), eb('seller_id', '=', other)]), eb.and([eb('buyer_id', '=', other), eb('seller_id', '=', buyer)])]),
      )
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /** A device hash both accounts were seen on, or the same sign-up IP (the fingerprints table; loopback is never recorded). */
  private async shareDevice(a: string, b: string): Promise<FiredRule | null> {
    const row = await this.h.db
      .selectFrom('fingerprints as x')
      .innerJoin('fingerprints as y', (j) => j.on((eb) => eb.or([eb('y.device_hash', '=', eb.ref('x.device_hash')), eb.and([eb('y.ip_hash', '=', eb.ref('x.ip_hash')), eb('x.event', '=', 'signup'), eb('y.event', '=', 'signup')])])))
      .select('x.user_id')
      .where('x.user_id', '=', a)
      .where('y.user_id', '=', b)
      .limit(1)
      .executeTakeFirst();
    if (row === undefined) return null;
    const pair = [a, b].sort().join(':');
    return { code: 'trade_shared_device', level: 'medium', reason: `trade between accounts on the same device or sign-up address (${pair})`, key: `trade_shared_device:${pair}` };
  }
}
