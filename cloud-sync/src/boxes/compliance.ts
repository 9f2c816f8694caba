import type { EligibilityView } from '../../../src/shared/boxes/wire.js';
import { BOX_LIMITS } from '../../../src/shared/boxes/wire.js';
import type { Clock } from '../clock.js';
import type { DbHandle } from '../db/connect.js';
import { ApiError } from '../errors.js';
import type { Hasher } from '../fraud/hash.js';
import { normalizePhone } from '../verification/phone-number.js';

/**
 * Who may buy blind boxes (issue 18; mainland China's 2023 blind-box guidelines): no one under 8,
 * minors of 8 to 17 only with a guardian's consent on record, and the age comes from the approved
 * identity verification's birth date, counted in Asia/Taipei. Daily limits count Asia/Taipei days.
 */

/** Asia/Taipei is UTC+08:00 all year (Taiwan has kept no daylight saving time since 1979). */
const TAIPEI_OFFSET_MS = 8 * 3600 * 1000;
const DAY_MS = 24 * 3600 * 1000;

/** The Asia/Taipei calendar date of an instant, `YYYY-MM-DD`. */
export function taipeiDate(at: number): string {
  return new Date(at + TAIPEI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The first instant (epoch ms) of the Asia/Taipei day that contains `at`. */
export function taipeiDayStart(at: number): number {
  return Math.floor((at + TAIPEI_OFFSET_MS) / DAY_MS) * DAY_MS - TAIPEI_OFFSET_MS;
}

/** Whole years from a birth date to the Asia/Taipei date of `at` (a 29 February birthday comes on 1 March in other years). */
export function ageOn(birthDate: string, at: number): number {
  const today = taipeiDate(at);
  const years = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return today.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

export class BoxCompliance {
  /**
   * Buyers found eligible, so each opening need not read it again. Eligibility never goes back: an
   * approved identity is final (only a pending one is decided), a consent is replaced but never
   * withdrawn, and age only grows — so a positive answer stays true (refusals are never kept).
   */
  private readonly eligible = new Set<string>();

  constructor(
    private readonly h: DbHandle,
    private readonly clock: Clock,
    private readonly hasher: Hasher,
  ) {}

  async eligibility(userId: string): Promise<EligibilityView> {
    const [identity, guardian] = await Promise.all([
      this.h.db.selectFrom('identity_verifications').select('birth_date').where('user_id', '=', userId).where('status', '=', 'approved').orderBy('created_at', 'desc').executeTakeFirst(),
      this.h.db.selectFrom('guardian_consents').select(['guardian_name', 'relation', 'consented_at']).where('user_id', '=', userId).executeTakeFirst(),
    ]);
    const g = guardian ? { name: guardian.guardian_name, relation: guardian.relation, consented_at: Number(guardian.consented_at) } : null;
    if (!identity) return { status: 'needs_identity', age: null, guardian: g };
    if (!identity.birth_date) return { status: 'needs_birth_date', age: null, guardian: g };
    const age = ageOn(identity.birth_date, this.clock.now());
    if (age < BOX_LIMITS.minAge) return { status: 'under_min_age', age, guardian: g };
    if (age < BOX_LIMITS.adultAge && !g) return { status: 'needs_guardian', age, guardian: null };
    return { status: 'ok', age, guardian: g };
  }

  /** Refuses a purchase the buyer may not make, with the code the studio explains. */
  async assertMayBuy(userId: string): Promise<void> {
    if (this.eligible.has(userId)) return;
    const e = await this.eligibility(userId);
    switch (e.status) {
      case 'ok':
        if (this.eligible.size > 100_000) this.eligible.clear();
        this.eligible.add(userId);
        return;
      case 'needs_identity':
        throw new ApiError(403, 'IDENTITY_NOT_VERIFIED', 'blind boxes need an approved identity verification (for the buyer’s age)');
      case 'needs_birth_date':
        throw new ApiError(403, 'BIRTH_DATE_REQUIRED', 'the approved identity verification has no birth date; verify again with one');
      case 'under_min_age':
        throw new ApiError(403, 'AGE_RESTRICTED', `no blind-box sales under the age of ${BOX_LIMITS.minAge}`);
      case 'needs_guardian':
        throw new ApiError(403, 'GUARDIAN_CONSENT_REQUIRED', `buyers under ${BOX_LIMITS.adultAge} need a guardian’s consent on record`);
    }
  }

  /**
   * Records (or replaces) the guardian's consent of a minor. The phone is kept masked for display and
   * as a keyed hash (to match the same guardian across accounts), never in the clear.
   */
  async recordGuardian(userId: string, input: { guardian_name: string; relation: 'parent' | 'guardian'; guardian_phone: string }): Promise<EligibilityView> {
    const phone = normalizePhone(input.guardian_phone, 'TW');
    if (phone === null) throw new ApiError(400, 'VALIDATION_ERROR', 'guardian_phone: a mobile phone number, e.g. 0912345678 or +886912345678');
    const row = {
      guardian_name: input.guardian_name,
      relation: input.relation,
      guardian_phone_masked: `${phone.slice(0, 4)}***${phone.slice(-3)}`,
      guardian_phone_hash: this.hasher.hash('guardian_phone', phone),
      consented_at: this.clock.now(),
    };
    await this.h.db
      .insertInto('guardian_consents')
      .values({ user_id: userId, ...row })
      .onConflict((oc) => oc.column('user_id').doUpdateSet(row))
      .execute();
    return this.eligibility(userId);
  }
}
