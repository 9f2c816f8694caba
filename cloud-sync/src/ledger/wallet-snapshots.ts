/**
 * What this server process last knew of the wallets it wrote, so that the PostgreSQL hot path can
 * plan a hold or a capture without reading first (hot-path.ts). A snapshot is the wallet row's
 * version (`xmin`) and, as of that version, the wallet's live lots and the open holds this process
 * made. It is only ever a guess: the write it leads to is guarded by that version, so a snapshot
 * made stale by any other writer (another process, a Kysely transaction, the sweeper) writes
 * nothing and the operation reads afresh. A write that did commit against the snapshot's version
 * moves the snapshot forward by exactly that write's effects.
 */
import type { LotRow } from '../db/schema.js';
import { lotAvailable } from './burn-down.js';
import type { Effects, HoldPart, HoldRow } from './plan.js';
import { isExpired } from './plan.js';

export interface OpenHold {
  hold: HoldRow;
  /** Its held postings; only the lots' identity and order fields matter to a capture's plan. */
  parts: HoldPart[];
}

/** Open holds remembered per wallet; beyond this the oldest is forgotten (its capture reads). */
const MAX_HOLDS = 1_000;

export class WalletSnapshot {
  readonly holds = new Map<string, OpenHold>();
  private readonly lots: Map<string, LotRow>;

  /**
   * `lots`: the wallet's lots with credit left as of `version` (as the hot path reads them);
   * `confirmedAt`: when the database last confirmed that version (a monotonic time in ms).
   */
  constructor(
    public version: string,
    lots: readonly LotRow[],
    public confirmedAt = 0,
  ) {
    this.lots = new Map(lots.map((l) => [l.id, l]));
  }

  /** The lots a hold may draw from at `now`. */
  liveLots(now: number): LotRow[] {
    return [...this.lots.values()].filter((l) => !isExpired(l, now) && lotAvailable(l) > 0);
  }

  /**
   * A write made against this version committed as version `next` with `effects`. False when it
   * moved a lot this snapshot does not have (a lot that was wholly held when it was read): the
   * snapshot cannot follow and must be dropped.
   */
  advance(effects: Effects, next: string, at = this.confirmedAt): boolean {
    for (const d of effects.lots) {
      const lot = this.lots.get(d.id);
      if (!lot) return false;
      const moved = { ...lot, held: lot.held + d.held, consumed: lot.consumed + d.consumed, expired: lot.expired + d.expired, paid_out: lot.paid_out + d.paid_out };
      // Used up with nothing held, a lot stays used up (only a refund, a write of its own, revives it).
      if (lotAvailable(moved) === 0 && moved.held === 0) this.lots.delete(d.id);
      else this.lots.set(d.id, moved);
    }
    this.version = next;
    this.confirmedAt = at;
    return true;
  }

  rememberHold(open: OpenHold): void {
    this.holds.set(open.hold.id, open);
    if (this.holds.size > MAX_HOLDS) this.holds.delete(this.holds.keys().next().value as string);
  }
}

/**
 * Snapshots by wallet, least recently used forgotten first, and none trusted for longer than
 * `maxAgeMs` after the database last confirmed it: a version is a transaction id, and ids wrap
 * around after 2^32 transactions, so a snapshot kept for ever could, in principle, meet a row
 * rewritten many times over that happens to carry its old version again.
 */
export class WalletSnapshots {
  private readonly byWallet = new Map<string, WalletSnapshot>();

  constructor(
    private readonly max = 10_000,
    private readonly maxAgeMs = 60_000,
    private readonly now: () => number = () => performance.now(),
  ) {}

  get(userId: string): WalletSnapshot | undefined {
    const snap = this.byWallet.get(userId);
    if (!snap) return undefined;
    this.byWallet.delete(userId);
    if (this.now() - snap.confirmedAt > this.maxAgeMs) return undefined;
    this.byWallet.set(userId, snap);
    return snap;
  }

  /** What a read saw: it replaces whatever was known (open holds carry over if the version is the same). */
  fromRead(userId: string, version: string, lots: readonly LotRow[]): WalletSnapshot {
    const prev = this.byWallet.get(userId);
    const snap = new WalletSnapshot(version, lots, this.now());
    if (prev?.version === version) for (const open of prev.holds.values()) snap.rememberHold(open);
    this.byWallet.delete(userId);
    this.byWallet.set(userId, snap);
    if (this.byWallet.size > this.max) this.byWallet.delete(this.byWallet.keys().next().value as string);
    return snap;
  }

  /**
   * A write against `snap` at `version` committed as `next`. True when `snap` is still what is
   * known of the wallet and has moved forward; otherwise it is dropped (if still there).
   */
  advance(userId: string, snap: WalletSnapshot, version: string, effects: Effects, next: string): boolean {
    if (this.byWallet.get(userId) !== snap || snap.version !== version) return false;
    if (snap.advance(effects, next, this.now())) return true;
    this.byWallet.delete(userId);
    return false;
  }

  /** `snap` proved stale: forget it, unless something newer has replaced it meanwhile. */
  drop(userId: string, snap: WalletSnapshot | undefined): void {
    if (snap && this.byWallet.get(userId) === snap) this.byWallet.delete(userId);
  }
}
