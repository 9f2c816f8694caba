import type { AuditDigestView, AuditHeadView } from '../../../src/shared/boxes/wire.js';
import type { Clock } from '../clock.js';
import type { DbHandle } from '../db/connect.js';
import { GENESIS_HASH } from './chain.js';
import type { AuditCheckResult } from './check.js';
import { checkAuditChain } from './check.js';
import { sealPending } from './sealer.js';
import { daysToSign, nextDay, signDigest, taipeiDay, taipeiDayEnd } from './digest.js';
import type { AuditKeyOptions, AuditKeys } from './keys.js';
import { loadAuditKeys } from './keys.js';

/** How many digests GET /v1/audit/digests answers without ?day= (newest first). */
export const DIGESTS_LISTED = 366;

/** The audit log's public face: its head, the signing key, the daily digests, and the checker. */
export class AuditService {
  private keys: AuditKeys | null = null;

  constructor(
    private readonly h: DbHandle,
    private readonly clock: Clock,
    private readonly keyOptions: AuditKeyOptions,
  ) {}

  /** The key is loaded (or made) on first use, so a server that never signs never writes a key file. */
  signingKeys(): AuditKeys {
    this.keys ??= loadAuditKeys(this.keyOptions);
    return this.keys;
  }

  async head(): Promise<AuditHeadView> {
    const row = await this.h.db.selectFrom('audit_head').select(['seq', 'hash', 'updated_at']).where('id', '=', 1).executeTakeFirstOrThrow();
    return { seq: Number(row.seq), hash: row.hash, at: Number(row.updated_at) };
  }

  check(): Promise<AuditCheckResult> {
    return checkAuditChain(this.h.db);
  }

  async digests(day?: string): Promise<AuditDigestView[]> {
    const rows = await this.h.db
      .selectFrom('audit_digests')
      .selectAll()
      .$if(day !== undefined, (qb) => qb.where('day', '=', day ?? ''))
      .orderBy('day', 'desc')
      .limit(DIGESTS_LISTED)
      .execute();
    return rows.map((r) => ({ day: r.day, seq: Number(r.seq), hash: r.hash, signed_at: Number(r.signed_at), signature: r.signature, public_key: r.public_key }));
  }

  /**
   * Signs every ended day not yet signed, from the day after the last digest (or the day of the
   * first entry), each with the head as it stood at that day's end, after sealing what waits to
   * be (sealer.ts). Idempotent: a day is signed
   * once (its row is the primary key; a second signer's insert is ignored).
   */
  async makeDigests(): Promise<AuditDigestView[]> {
    // A day's entries still waiting to be sealed are in the chain before its head is signed.
    await sealPending(this.h);
    const now = this.clock.now();
    const last = await this.h.db.selectFrom('audit_digests').select('day').orderBy('day', 'desc').limit(1).executeTakeFirst();
    let from = last ? nextDay(last.day) : null;
    if (!from) {
      const first = await this.h.db.selectFrom('audit_log').select('created_at').orderBy('seq').limit(1).executeTakeFirst();
      if (!first) return [];
      from = taipeiDay(Number(first.created_at));
    }
    const days = daysToSign(from, now);
    if (days.length === 0) return [];
    const { privateKey, publicKeyB64 } = this.signingKeys();
    const made: AuditDigestView[] = [];
    for (const day of days) {
      // The newest entry written before the day ended (the genesis when there was none yet).
      const at = await this.h.db.selectFrom('audit_log').select(['seq', 'hash']).where('created_at', '<', taipeiDayEnd(day)).orderBy('seq', 'desc').limit(1).executeTakeFirst();
      const seq = at ? Number(at.seq) : 0;
      const hash = at?.hash ?? GENESIS_HASH;
      const view: AuditDigestView = { day, seq, hash, signed_at: this.clock.now(), signature: signDigest(privateKey, day, seq, hash), public_key: publicKeyB64 };
      const r = await this.h.db
        .insertInto('audit_digests')
        .values(view)
        .onConflict((oc) => oc.column('day').doNothing())
        .executeTakeFirst();
      if (Number(r.numInsertedOrUpdatedRows ?? 0) > 0) made.push(view);
    }
    return made;
  }
}
