import type { Kysely } from 'kysely';
import type { Clock } from '../clock.js';
import type { Database } from '../db/schema.js';

export interface RevocationOptions {
  /** How long an access token lives: a family's row is kept that long after its revocation. */
  accessTtlMs: number;
  /** How stale this instance's copy of the table may be before a request reads what others revoked. */
  pollMs?: number;
  /** How often rows past their expiry are deleted. */
  purgeMs?: number;
}

/** Rows revoked this long before the last read are read again: another instance's clock or commit may lag. */
const READ_MARGIN_MS = 60_000;

/**
 * The access-token deny-list: sessions (refresh-token families) revoked before their access tokens
 * expire. The table (`revoked_token_families`) is the truth every instance shares; each instance keeps
 * a map of it, so a request costs a map lookup. Its own revocations enter the map at once; others'
 * are read by the first request after `pollMs` (at most one read in flight), only the rows revoked
 * since the last read. A row lives until its family's last access token would have expired anyway
 * (revocation time + token lifetime), then it is purged from the table and the map.
 */
export class RevokedFamilies {
  private readonly denied = new Map<string, number>();
  private readAt: number | null = null;
  private reading: Promise<void> | null = null;
  private purgedAt: number;
  private readonly pollMs: number;
  private readonly purgeMs: number;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly opts: RevocationOptions,
  ) {
    this.pollMs = opts.pollMs ?? 2_000;
    this.purgeMs = opts.purgeMs ?? 10 * 60_000;
    this.purgedAt = clock.now();
  }

  /** Records the families as revoked (idempotent), in the table first so other instances learn of it. */
  async revoke(userId: string, familyIds: readonly string[]): Promise<void> {
    if (familyIds.length === 0) return;
    const now = this.clock.now();
    const expiresAt = now + this.opts.accessTtlMs;
    await this.db
      .insertInto('revoked_token_families')
      .values(familyIds.map((family_id) => ({ family_id, user_id: userId, revoked_at: now, expires_at: expiresAt })))
      .onConflict((oc) => oc.column('family_id').doNothing())
      .execute();
    for (const f of familyIds) this.denied.set(f, Math.max(this.denied.get(f) ?? 0, expiresAt));
  }

  /** Whether an access token of this family must be refused now. */
  async isRevoked(familyId: string): Promise<boolean> {
    const now = this.clock.now();
    if (this.readAt === null || now - this.readAt >= this.pollMs) await this.read(now);
    const until = this.denied.get(familyId);
    return until !== undefined && until > now;
  }

  get size(): number {
    return this.denied.size;
  }

  private read(now: number): Promise<void> {
    this.reading ??= this.load(now).finally(() => (this.reading = null));
    return this.reading;
  }

  private async load(now: number): Promise<void> {
    const since = this.readAt === null ? null : this.readAt - READ_MARGIN_MS;
    const rows = await this.db
      .selectFrom('revoked_token_families')
      .select(['family_id', 'expires_at'])
      .where('expires_at', '>', now)
      .$if(since !== null, (qb) => qb.where('revoked_at', '>=', since ?? 0))
      .execute();
    for (const r of rows) this.denied.set(r.family_id, Math.max(this.denied.get(r.family_id) ?? 0, Number(r.expires_at)));
    this.readAt = now;
    if (now - this.purgedAt >= this.purgeMs) {
      this.purgedAt = now;
      await this.db.deleteFrom('revoked_token_families').where('expires_at', '<=', now).execute();
      for (const [f, until] of this.denied) if (until <= now) this.denied.delete(f);
    }
  }
}
