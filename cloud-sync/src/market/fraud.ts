import type { Clock } from '../clock.js';
import type { DbHandle } from '../db/connect.js';
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

export class TradeGuard {
  constructor(
    private readonly h: DbHandle,
    private readonly clock: Clock,
    private readonly fraud: FraudService,
  ) {}

  /** Throws TRADE_BLOCKED (and records the signal) when a rule refuses a trade from seller to buyer. */
  async check(buyer: string, seller: string): Promise<void> {
    if ((await this.fraud.level(buyer)) === 'blocked' || (await this.fraud.level(seller)) === 'blocked') {
      throw new ApiError(403, 'TRADE_BLOCKED', 'an account in this trade is blocked by a fraud review', { rule: 'account_blocked' });
    }
    const fired = await this.fire(buyer, seller);
    if (!fired) return;
    const cleared = new Set((await this.fraud.view(buyer)).cleared_rules);
    if (cleared.has(fired.key)) return;
    await this.fraud.evaluate(buyer, [fired]);
    await this.fraud.evaluate(seller, [fired]);
    throw new ApiError(403, 'TRADE_BLOCKED', `trade refused: ${fired.reason}`, { rule: fired.code });
  }

  private async fire(buyer: string, seller: string): Promise<FiredRule | null> {
    const pair = [buyer, seller].sort().join(':');
    if (await this.shareDevice(buyer, seller)) {
      return { code: 'trade_shared_device', level: 'medium', reason: `trade between accounts on the same device or sign-up address (${pair})`, key: `trade_shared_device:${pair}` };
    }
    const now = this.clock.now();
    const b = MARKET_FRAUD.buyerBurst;
    const byBuyer = await this.tradesSince(now - b.windowMs, buyer, null);
    if (byBuyer >= b.max) {
      return { code: 'trade_burst', level: 'medium', reason: `${byBuyer} trades by one buyer within ${b.windowMs / 60_000} minutes`, key: `trade_burst:buyer:${buyer}:${Math.floor(now / b.windowMs)}` };
    }
    const p = MARKET_FRAUD.pairBurst;
    const byPair = await this.tradesSince(now - p.windowMs, buyer, seller);
    if (byPair >= p.max) {
      return { code: 'trade_burst', level: 'medium', reason: `${byPair} trades between the same two accounts within ${p.windowMs / 3600_000} hours`, key: `trade_burst:pair:${pair}:${Math.floor(now / p.windowMs)}` };
    }
    return null;
  }

  /** Trades since `since` by `buyer`, or (with `other`) between `buyer` and `other` either way. */
  private async tradesSince(since: number, buyer: string, other: string | null): Promise<number> {
    const row = await this.h.db
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
  private async shareDevice(a: string, b: string): Promise<boolean> {
    const row = await this.h.db
      .selectFrom('fingerprints as x')
      .innerJoin('fingerprints as y', (j) => j.on((eb) => eb.or([eb('y.device_hash', '=', eb.ref('x.device_hash')), eb.and([eb('y.ip_hash', '=', eb.ref('x.ip_hash')), eb('x.event', '=', 'signup'), eb('y.event', '=', 'signup')])])))
      .select('x.user_id')
      .where('x.user_id', '=', a)
      .where('y.user_id', '=', b)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }
}
