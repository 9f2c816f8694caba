import type { Tier } from '../../../src/shared/boxes/fair.js';
import type { LotRow } from '../db/schema.js';
import type { Effects } from '../ledger/plan.js';
import type { WalletSnapshot } from '../ledger/wallet-snapshots.js';
import { WalletSnapshots } from '../ledger/wallet-snapshots.js';
import type { ActiveSeed } from './opening-rules.js';

/**
 * What this process last knew of a buyer, so that their next opening on PostgreSQL can be planned
 * without reading first (opening-pg.ts) — one round trip, as the ledger's hot path does for a hold
 * (ledger/wallet-snapshots.ts). Only ever a guess, never trusted: the write it leads to is guarded
 * as every opening's write is (opening-pg-sql.ts), and whatever guard fails, the opening reads.
 *
 * Two parts, each guarded on its own:
 *  - the wallet (its row's version and its lots): the write's version guard;
 *  - per series, the buyer's openings so far (next nonce, today's count, the guarantee's streak),
 *    the active seed and the stock left. Openings take consecutive nonces, so any opening of this
 *    buyer in this series that the facts do not know has taken the very nonce they would give:
 *    the write's insert then breaks the (buyer, series, nonce) key and undoes itself. A request id
 *    already used breaks (buyer, request id) the same way; a rotated seed or a sold-out item fails
 *    the seed's or the stock's guard. So the facts of a series stay usable after the wallet moved
 *    for another reason (a hold elsewhere, an opening in another series).
 */

export interface SeriesFacts {
  /** The buyer's next nonce in the series. */
  nonce: number;
  /** The Asia/Taipei day `today` counts (a new day reads afresh). */
  dayStart: number;
  /** Granted openings that day. */
  today: number;
  /** Granted tiers since the last that ended a dry streak (null: the series has no guarantee). */
  tiers: Tier[] | null;
  seed: ActiveSeed;
  /** The remaining count of each limited item (counts only ever go down). */
  stock: Record<string, number>;
}

/** Series facts kept; beyond this the least recently used are forgotten. */
const MAX_FACTS = 20_000;

export class OpeningSnapshots {
  readonly wallets = new WalletSnapshots();
  private readonly facts = new Map<string, SeriesFacts>();

  /** The wallet and the series' facts, when both are known and the facts are of `dayStart`. */
  get(userId: string, seriesId: string, dayStart: number): { wallet: WalletSnapshot; facts: SeriesFacts } | undefined {
    const k = key(userId, seriesId);
    const facts = this.facts.get(k);
    if (!facts || facts.dayStart !== dayStart) return undefined;
    const wallet = this.wallets.get(userId);
    if (!wallet) return undefined;
    this.facts.delete(k);
    this.facts.set(k, facts);
    return { wallet, facts };
  }

  /** What a read saw (before the write that followed it). */
  fromRead(userId: string, seriesId: string, version: string, lots: readonly LotRow[], facts: SeriesFacts): WalletSnapshot {
    const k = key(userId, seriesId);
    this.facts.delete(k);
    this.facts.set(k, facts);
    if (this.facts.size > MAX_FACTS) this.facts.delete(this.facts.keys().next().value as string);
    return this.wallets.fromRead(userId, version, lots);
  }

  /**
   * An opening planned from `wallet` at `version` and from `facts` committed as wallet version
   * `next`: both move forward by exactly what it did.
   */
  written(userId: string, seriesId: string, wallet: WalletSnapshot, version: string, effects: Effects, next: string, facts: SeriesFacts, done: { itemId: string; limited: boolean; granted: boolean; tier: Tier; endsStreak: boolean }): void {
    this.wallets.advance(userId, wallet, version, effects, next);
    if (this.facts.get(key(userId, seriesId)) !== facts) return;
    facts.nonce++;
    if (done.limited) facts.stock[done.itemId] = done.granted ? Math.max(0, (facts.stock[done.itemId] ?? 0) - 1) : 0;
    if (!done.granted) return;
    facts.today++;
    if (facts.tiers !== null) facts.tiers = done.endsStreak ? [] : [...facts.tiers, done.tier];
  }

  /** A guess proved wrong: forget the wallet (`wallet`) or the series' facts (`facts`), unless replaced meanwhile. */
  drop(userId: string, seriesId: string, what: { wallet?: WalletSnapshot; facts?: SeriesFacts }): void {
    if (what.wallet) this.wallets.drop(userId, what.wallet);
    const k = key(userId, seriesId);
    if (what.facts && this.facts.get(k) === what.facts) this.facts.delete(k);
  }
}

const key = (userId: string, seriesId: string): string => `${userId}\u0000${seriesId}`;
