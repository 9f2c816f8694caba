/**
 * An in-memory model of the ledger's rules, written separately from the service, that the
 * simulation compares the real service against after every step.
 */
type Bucket = 'PROMO' | 'SUB' | 'PAID' | 'BONUS';
const RANK: Record<Bucket, number> = { PROMO: 0, SUB: 1, PAID: 2, BONUS: 3 };
const BUCKET_LIST: Bucket[] = ['PROMO', 'SUB', 'PAID', 'BONUS'];
const REGRANT_MS = 7 * 24 * 3600 * 1000;

interface MLot {
  seq: number;
  bucket: Bucket;
  amount: number;
  consumed: number;
  held: number;
  expired: number;
  expires_at: number | null;
  created_at: number;
}
interface MHold {
  user: string;
  amount: number;
  status: 'open' | 'captured' | 'released' | 'expired';
  expires_at: number;
  parts: Map<MLot, number>;
}
interface MCapture {
  user: string;
  amount: number;
  parts: Map<MLot, number>;
  refunded: boolean;
}

export type Outcome = { ok: true; value: Record<string, unknown> } | { ok: false; code: string };

export class ModelError extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

const avail = (l: MLot) => l.amount - l.consumed - l.held - l.expired;
const zero = (): Record<Bucket, number> => ({ PROMO: 0, SUB: 0, PAID: 0, BONUS: 0 });

export class LedgerModel {
  private lots = new Map<string, MLot[]>();
  private holds = new Map<string, MHold>();
  private captures = new Map<string, MCapture>();
  private journal = new Map<string, { user: string; request: string; response: Record<string, unknown> }>();
  private seq = 0;

  constructor(private readonly now: () => number) {}

  addUser(user: string): void {
    this.lots.set(user, []);
  }

  private order(a: MLot, b: MLot): number {
    return (
      RANK[a.bucket] - RANK[b.bucket] ||
      (a.expires_at ?? Number.MAX_SAFE_INTEGER) - (b.expires_at ?? Number.MAX_SAFE_INTEGER) ||
      a.created_at - b.created_at ||
      a.seq - b.seq
    );
  }

  private userLots(user: string): MLot[] {
    const lots = this.lots.get(user);
    if (!lots) throw new ModelError('WALLET_NOT_FOUND');
    return lots;
  }

  private dead(l: MLot): boolean {
    return l.expires_at !== null && l.expires_at <= this.now();
  }

  /** Idempotency: the same id and body answers the first answer; a different body or user is a conflict. */
  private write(user: string, id: string, kind: string, request: Record<string, unknown>, exec: () => Record<string, unknown>): Outcome {
    try {
      this.userLots(user);
      const key = JSON.stringify([kind, Object.keys(request).sort().map((k) => [k, request[k] ?? null])]);
      const prior = this.journal.get(id);
      if (prior) {
        if (prior.user !== user || prior.request !== key) throw new ModelError('IDEMPOTENCY_CONFLICT');
        return { ok: true, value: prior.response };
      }
      const response = exec();
      this.journal.set(id, { user, request: key, response });
      return { ok: true, value: response };
    } catch (e) {
      if (e instanceof ModelError) return { ok: false, code: e.code };
      throw e;
    }
  }

  private newLot(user: string, bucket: Bucket, amount: number, expiresAt: number | null): MLot {
    const lot: MLot = { seq: ++this.seq, bucket, amount, consumed: 0, held: 0, expired: 0, expires_at: expiresAt, created_at: this.now() };
    this.userLots(user).push(lot);
    return lot;
  }

  grant(user: string, id: string, bucket: Bucket, amount: number, expiresAt: number | null, reason: string): Outcome {
    return this.write(user, id, 'grant', { user_id: user, bucket, amount, expires_at: expiresAt, reason }, () => {
      if (expiresAt !== null && expiresAt <= this.now()) throw new ModelError('ALREADY_EXPIRED');
      // ledger.md's bucket table: PROMO 7–30 days, SUB within its (at most 31-day) period, PAID and BONUS never.
      const life = expiresAt === null ? null : expiresAt - this.now();
      const day = 86_400_000;
      const inRule = bucket === 'PROMO' ? life !== null && life >= 7 * day && life <= 30 * day : bucket === 'SUB' ? life !== null && life <= 31 * day : life === null;
      if (!inRule) throw new ModelError('GRANT_EXPIRY_OUT_OF_RULE');
      this.newLot(user, bucket, amount, expiresAt);
      return { id, kind: 'grant', bucket, amount, expires_at: expiresAt };
    });
  }

  hold(user: string, id: string, amount: number, ttlSeconds: number, reason: string, jobRef: string | null): Outcome {
    return this.write(user, id, 'hold', { amount, ttl_seconds: ttlSeconds, reason, job_ref: jobRef }, () => {
      const lots = this.userLots(user)
        .filter((l) => !this.dead(l) && avail(l) > 0)
        .sort((a, b) => this.order(a, b));
      const total = lots.reduce((s, l) => s + avail(l), 0);
      if (total < amount) throw new ModelError('INSUFFICIENT_CREDITS');
      const parts = new Map<MLot, number>();
      const buckets = zero();
      let left = amount;
      for (const l of lots) {
        if (left === 0) break;
        const take = Math.min(avail(l), left);
        l.held += take;
        parts.set(l, take);
        buckets[l.bucket] += take;
        left -= take;
      }
      const expires_at = this.now() + ttlSeconds * 1000;
      this.holds.set(id, { user, amount, status: 'open', expires_at, parts });
      return { id, kind: 'hold', status: 'open', amount, expires_at, buckets };
    });
  }

  private liveHold(user: string, holdId: string): MHold {
    const h = this.holds.get(holdId);
    if (!h || h.user !== user) throw new ModelError('HOLD_NOT_FOUND');
    if (h.status !== 'open') throw new ModelError('HOLD_NOT_OPEN');
    return h;
  }

  private giveBack(l: MLot, n: number, buckets: Record<Bucket, number>): void {
    l.held -= n;
    if (this.dead(l)) l.expired += n;
    else buckets[l.bucket] += n;
  }

  capture(user: string, holdId: string, id: string, amount: number): Outcome {
    return this.write(user, id, 'capture', { hold_id: holdId, amount }, () => {
      const h = this.liveHold(user, holdId);
      if (h.expires_at <= this.now()) throw new ModelError('HOLD_EXPIRED');
      if (amount > h.amount) throw new ModelError('CAPTURE_EXCEEDS_HOLD');
      const consumedParts = new Map<MLot, number>();
      const buckets = zero();
      const ignored = zero();
      let left = amount;
      for (const [l, n] of [...h.parts].sort(([a], [b]) => this.order(a, b))) {
        const take = Math.min(n, left);
        left -= take;
        if (take > 0) {
          l.held -= take;
          l.consumed += take;
          consumedParts.set(l, take);
          buckets[l.bucket] += take;
        }
        if (n - take > 0) this.giveBack(l, n - take, ignored);
      }
      h.status = 'captured';
      this.captures.set(id, { user, amount, parts: consumedParts, refunded: false });
      return { id, kind: 'capture', hold_id: holdId, captured: amount, released: h.amount - amount, buckets };
    });
  }

  release(user: string, holdId: string, id: string): Outcome {
    return this.write(user, id, 'release', { hold_id: holdId }, () => {
      const h = this.liveHold(user, holdId);
      const buckets = zero();
      for (const [l, n] of h.parts) this.giveBack(l, n, buckets);
      h.status = 'released';
      return { id, kind: 'release', hold_id: holdId, released: h.amount, buckets };
    });
  }

  refund(user: string, captureId: string, id: string): Outcome {
    return this.write(user, id, 'refund', { capture_id: captureId }, () => {
      const c = this.captures.get(captureId);
      if (!c || c.user !== user) throw new ModelError('CAPTURE_NOT_FOUND');
      if (c.refunded) throw new ModelError('ALREADY_REFUNDED');
      const buckets = zero();
      let regranted = 0;
      for (const [l, n] of c.parts) {
        l.consumed -= n;
        if (this.dead(l)) {
          l.expired += n;
          regranted += n;
        } else buckets[l.bucket] += n;
      }
      if (regranted > 0) {
        this.newLot(user, 'PROMO', regranted, this.now() + REGRANT_MS);
        buckets.PROMO += regranted;
      }
      c.refunded = true;
      return { id, kind: 'refund', capture_id: captureId, refunded: c.amount, buckets, regranted };
    });
  }

  sweep(): { holds_expired: number; lots_expired: number; credits_expired: number } {
    const out = { holds_expired: 0, lots_expired: 0, credits_expired: 0 };
    for (const h of this.holds.values()) {
      if (h.status !== 'open' || h.expires_at > this.now()) continue;
      for (const [l, n] of h.parts) this.giveBack(l, n, zero());
      h.status = 'expired';
      out.holds_expired++;
    }
    for (const lots of this.lots.values()) {
      for (const l of lots) {
        if (!this.dead(l) || avail(l) <= 0) continue;
        out.credits_expired += avail(l);
        l.expired += avail(l);
        out.lots_expired++;
      }
    }
    return out;
  }

  balance(user: string) {
    const buckets = Object.fromEntries(BUCKET_LIST.map((b) => [b, { available: 0, held: 0 }])) as Record<Bucket, { available: number; held: number }>;
    const expiring: { bucket: Bucket; amount: number; expires_at: number }[] = [];
    for (const l of this.userLots(user)) {
      buckets[l.bucket].held += l.held;
      if (this.dead(l)) continue;
      buckets[l.bucket].available += avail(l);
      const unspent = avail(l) + l.held;
      if (l.expires_at === null || unspent <= 0) continue;
      const same = expiring.find((e) => e.bucket === l.bucket && e.expires_at === l.expires_at);
      if (same) same.amount += unspent;
      else expiring.push({ bucket: l.bucket, amount: unspent, expires_at: l.expires_at });
    }
    const available = BUCKET_LIST.reduce((s, b) => s + buckets[b].available, 0);
    const held = BUCKET_LIST.reduce((s, b) => s + buckets[b].held, 0);
    return { total: available + held, available, held, buckets, expiring: normaliseExpiring(expiring) };
  }

  holdIds(): string[] {
    return [...this.holds.keys()];
  }
  captureIds(): string[] {
    return [...this.captures.keys()];
  }
  holdAmount(id: string): number {
    return this.holds.get(id)?.amount ?? 1;
  }
}

export function normaliseExpiring<T extends { bucket: string; amount: number; expires_at: number }>(list: T[]): { bucket: string; amount: number; expires_at: number }[] {
  return list
    .map(({ bucket, amount, expires_at }) => ({ bucket, amount, expires_at }))
    .sort((a, b) => a.expires_at - b.expires_at || (a.bucket < b.bucket ? -1 : a.bucket > b.bucket ? 1 : 0) || a.amount - b.amount);
}
