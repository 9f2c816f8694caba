import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { StudioError, toErrorInfo } from '../../shared/errors.js';
import {
  type AccountNotice,
  type PhoneCodeSent,
  type PhoneCountry,
  type ReferralView,
  type Tier,
  type TotpEnrolment,
  type VerificationView,
  type WithdrawalStatus,
  type WithdrawalSummary,
  type WithdrawalView,
} from '../../shared/partners.js';
import { readClientFile, type PathScope } from '../client-files.js';
import type { Store } from '../store/db.js';
import { deleteKv, readKv, writeKv } from '../store/kv.js';
import type { SyncService } from './service.js';
import { say } from '../../shared/messages.js';

/** cloud-sync: identity documents are at most 5 MiB, JPEG, PNG or PDF (checked by magic bytes there too). */
export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;
const PENDING_WITHDRAWAL = 'pending_withdrawal';

export interface Payout {
  bankCode: string;
  accountNumber: string;
  accountName: string;
}

interface PendingWithdrawal {
  id: string;
  userId: string;
  amount: number;
  payout: Payout;
}

// ── what the cloud answers (cloud-sync/README.md, "Partners") ─────────────

interface CloudReferral {
  code: string;
  link: string;
  tier: Tier;
  commission_pct: number;
  qualified_referrals: number;
  referred_revenue_twd: number;
  progress: { next_tier: Tier | null; referrals_needed: number; revenue_needed_twd: number };
  referees: { name: string; joined_at: number; paid_twd: number }[];
  earnings: { promo_granted: number; bonus_granted: number; bonus_pending: number; bonus_held: number };
}

interface CloudVerification {
  phone: { verified: boolean; phone: string | null };
  identity: { national_id: string; full_name: string; status: 'pending' | 'approved' | 'rejected'; note: string | null; created_at: number; reviewed_at: number | null } | null;
  totp_enabled: boolean;
}

interface CloudWithdrawal {
  id: string;
  amount: number;
  amount_twd: number;
  status: WithdrawalStatus;
  payout: { bank_code: string; account_last4: string; account_name: string };
  note: string | null;
  created_at: number;
  updated_at: number;
  events: { from: WithdrawalStatus | null; to: WithdrawalStatus; note: string | null; at: number }[];
}

interface CloudWithdrawalSummary {
  rules: { credits_per_twd: number; min: number; max_per_request: number; max_per_month: number };
  period: string;
  used_this_month: number;
  remaining_this_month: number;
  bonus_available: number;
  requirements: { phone_verified: boolean; identity_status: 'pending' | 'approved' | 'rejected' | 'none'; totp_enabled: boolean };
  locked_until: number | null;
  review_until: number | null;
  withdrawals: CloudWithdrawal[];
}

type CloudNotice = { id: string; created_at: number } & (
  | { kind: 'connection_needs_reconnect'; data: { connection_id: string; platform: string; display_name: string; reason: string } }
  | { kind: 'withdrawals_locked'; data: { locked_until: number } }
  | { kind: 'totp_changed'; data: { changed_at: number; review_until: number; first: boolean } }
);

function noticeView(n: CloudNotice): AccountNotice {
  switch (n.kind) {
    case 'connection_needs_reconnect':
      return { kind: n.kind, id: n.id, connectionId: n.data.connection_id, platform: n.data.platform, displayName: n.data.display_name, reason: n.data.reason, createdAt: n.created_at };
    case 'withdrawals_locked':
      return { kind: n.kind, id: n.id, lockedUntil: n.data.locked_until, createdAt: n.created_at };
    case 'totp_changed':
      return { kind: n.kind, id: n.id, changedAt: n.data.changed_at, reviewUntil: n.data.review_until, first: n.data.first, createdAt: n.created_at };
  }
}

const NOTICE_KINDS: ReadonlySet<string> = new Set<CloudNotice['kind']>(['connection_needs_reconnect', 'withdrawals_locked', 'totp_changed']);

const withdrawalView = (w: CloudWithdrawal): WithdrawalView => ({
  id: w.id,
  amount: w.amount,
  amountTwd: w.amount_twd,
  status: w.status,
  payout: { bankCode: w.payout.bank_code, accountLast4: w.payout.account_last4, accountName: w.payout.account_name },
  note: w.note,
  createdAt: w.created_at,
  updatedAt: w.updated_at,
  events: w.events.map((e) => ({ from: e.from, to: e.to, note: e.note, at: e.at })),
});

/** The document's type from its first bytes (what cloud-sync checks too). */
export function documentType(head: Uint8Array): 'image/jpeg' | 'image/png' | 'application/pdf' | null {
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  if (head[0] === 0x89 && head[1] === 0x50 && head[2] === 0x4e && head[3] === 0x47) return 'image/png';
  if (head[0] === 0x25 && head[1] === 0x50 && head[2] === 0x44 && head[3] === 0x46) return 'application/pdf';
  return null;
}

/** A wrong authenticator code or password outside sign-in is bad input in that field, not an ended session. */
function fieldAsInput(err: unknown): never {
  if (err instanceof StudioError && (err.field === 'totp' || err.field === 'password') && err.cloud) {
    throw new StudioError({ code: 'BAD_INPUT', message: err.message, field: err.field, ...(err.hint ? { hint: err.hint } : {}), cloud: err.cloud }, { cause: err });
  }
  throw err;
}

/**
 * The partner programme, verification, withdrawals and social connections:
 * thin, typed calls to cloud-sync through SyncService's authenticated
 * session. The cloud is the authority; nothing here is cached except the id
 * of a withdrawal being sent, so a retry cannot withdraw twice.
 */
export class PartnerService {
  constructor(
    private readonly sync: SyncService,
    private readonly store: Store,
  ) {}

  // ── referrals ──────────────────────────────────────────────────────────

  async referral(): Promise<ReferralView> {
    const r = await this.sync.cloud<CloudReferral>('GET', '/v1/referrals/me');
    return {
      code: r.code,
      link: r.link,
      tier: r.tier,
      commissionPct: r.commission_pct,
      qualifiedReferrals: r.qualified_referrals,
      referredRevenueTwd: r.referred_revenue_twd,
      progress: r.progress.next_tier ? { nextTier: r.progress.next_tier, referralsNeeded: r.progress.referrals_needed, revenueNeededTwd: r.progress.revenue_needed_twd } : null,
      referees: r.referees.map((x) => ({ name: x.name, joinedAt: x.joined_at, paidTwd: x.paid_twd })),
      earnings: { promoGranted: r.earnings.promo_granted, bonusGranted: r.earnings.bonus_granted, bonusPending: r.earnings.bonus_pending, bonusHeld: r.earnings.bonus_held },
    };
  }

  // ── verification ───────────────────────────────────────────────────────

  async verification(): Promise<VerificationView> {
    const v = await this.sync.cloud<CloudVerification>('GET', '/v1/verification');
    return {
      phone: { verified: v.phone.verified, phone: v.phone.phone },
      identity: v.identity
        ? { nationalId: v.identity.national_id, fullName: v.identity.full_name, status: v.identity.status, note: v.identity.note, createdAt: v.identity.created_at, reviewedAt: v.identity.reviewed_at }
        : null,
      totpEnabled: v.totp_enabled,
    };
  }

  async sendPhoneCode(phone: string, country: PhoneCountry): Promise<PhoneCodeSent> {
    const r = await this.sync.cloud<{ phone: string; expires_in: number; resend_after: number }>('POST', '/v1/verification/phone/send', { body: { phone, country } });
    return { phone: r.phone, expiresIn: r.expires_in, resendAfter: r.resend_after };
  }

  async confirmPhone(code: string): Promise<VerificationView> {
    await this.sync.cloud('POST', '/v1/verification/phone/confirm', { body: { code } });
    return this.verification();
  }

  /** Reads the document here (main may read files) and sends its bytes as they are. */
  async uploadDocument(path: string, scope: PathScope): Promise<{ documentId: string; size: number; contentType: string }> {
    let data: Uint8Array<ArrayBuffer>;
    try {
      data = Uint8Array.from((await readClientFile(path, { scope, maxBytes: MAX_DOCUMENT_BYTES })).data);
    } catch (err) {
      const info = toErrorInfo(err);
      if (info.code === 'FILE_TOO_LARGE') {
        const size = ((await stat(path).catch(() => null))?.size ?? MAX_DOCUMENT_BYTES) / 1024 / 1024;
        throw new StudioError({
          code: 'FILE_TOO_LARGE',
          message: `The document is ${size.toFixed(1)} MiB; at most 5 MiB can be sent.`,
          hint: 'Use a smaller photo or scan (JPEG, PNG or PDF, at most 5 MiB).',
          ...say('document.tooLarge', { size: size.toFixed(1) }),
          field: 'document',
        });
      }
      throw new StudioError({ ...info, hint: info.hint ?? 'Choose the file again.' }, { cause: err });
    }
    if (data.length === 0) throw new StudioError({ code: 'EMPTY_FILE', message: 'The document is empty.', hint: 'Choose a photo or scan of the document.', ...say('document.empty') });
    const contentType = documentType(data);
    if (!contentType) {
      throw new StudioError({ code: 'UNSUPPORTED_TYPE', message: 'The document is not a JPEG, PNG or PDF file.', hint: 'Choose a photo (JPEG, PNG) or a PDF scan.', field: 'document', ...say('document.wrongType') });
    }
    const r = await this.sync.cloud<{ document_id: string; size: number }>('POST', '/v1/verification/identity/document', { raw: { data, contentType } });
    return { documentId: r.document_id, size: r.size, contentType };
  }

  async submitIdentity(input: { nationalId: string; fullName: string; documentId: string; birthDate: string }): Promise<VerificationView> {
    await this.sync.cloud('POST', '/v1/verification/identity', {
      body: { national_id: input.nationalId, full_name: input.fullName, document_id: input.documentId, birth_date: input.birthDate },
    });
    return this.verification();
  }

  /** Enrolment or a change of authenticator; the cloud checks the password (and the current code) in this request. */
  async enrollTotp(input: { password: string; totp?: string | undefined }): Promise<TotpEnrolment> {
    const r = await this.sync
      .cloud<{ secret: string; otpauth_url: string }>('POST', '/v1/auth/totp/enroll', { body: { password: input.password, ...(input.totp ? { totp: input.totp } : {}) } })
      .catch(fieldAsInput);
    return { secret: r.secret, otpauthUrl: r.otpauth_url };
  }

  async verifyTotp(input: { code: string; password: string }): Promise<VerificationView> {
    await this.sync.cloud('POST', '/v1/auth/totp/verify', { body: { code: input.code, password: input.password } }).catch(fieldAsInput);
    return this.verification();
  }

  // ── withdrawals ────────────────────────────────────────────────────────

  async withdrawals(): Promise<WithdrawalSummary> {
    const s = await this.sync.cloud<CloudWithdrawalSummary>('GET', '/v1/withdrawals');
    return {
      rules: { creditsPerTwd: s.rules.credits_per_twd, min: s.rules.min, maxPerRequest: s.rules.max_per_request, maxPerMonth: s.rules.max_per_month },
      period: s.period,
      usedThisMonth: s.used_this_month,
      remainingThisMonth: s.remaining_this_month,
      bonusAvailable: s.bonus_available,
      requirements: { phoneVerified: s.requirements.phone_verified, identityStatus: s.requirements.identity_status, totpEnabled: s.requirements.totp_enabled },
      lockedUntil: s.locked_until,
      reviewUntil: s.review_until,
      withdrawals: s.withdrawals.map(withdrawalView),
    };
  }

  /**
   * Asks for a withdrawal. Its id is stored before sending and reused while
   * the same request is retried (no answer, the cloud down), so a lost
   * answer never withdraws twice; an answer — yes or no — forgets it.
   */
  async withdraw(input: { amount: number; totp: string; payout: Payout }): Promise<WithdrawalView> {
    const userId = this.sync.view().userId;
    if (!userId) throw new StudioError({ code: 'NOT_SIGNED_IN', message: 'Sign in to your KingJam account first.', hint: 'Sign in on the Account page (on the command line: kingjam account login).', ...say('account.signInFirst') });
    const prior = readKv<PendingWithdrawal>(this.store, PENDING_WITHDRAWAL);
    const same = prior && prior.userId === userId && prior.amount === input.amount && JSON.stringify(prior.payout) === JSON.stringify(input.payout);
    const pending: PendingWithdrawal = same ? prior : { id: randomUUID(), userId, amount: input.amount, payout: input.payout };
    writeKv(this.store, PENDING_WITHDRAWAL, pending);
    try {
      const w = await this.sync.cloud<CloudWithdrawal>('POST', '/v1/withdrawals', {
        body: {
          id: pending.id,
          amount: input.amount,
          totp: input.totp,
          payout: { bank_code: input.payout.bankCode, account_number: input.payout.accountNumber, account_name: input.payout.accountName },
        },
      });
      deleteKv(this.store, PENDING_WITHDRAWAL);
      return withdrawalView(w);
    } catch (err) {
      // Only an answer settles it: offline or a server error may have recorded the request.
      if (err instanceof StudioError && !err.retryable && err.code !== 'OFFLINE') deleteKv(this.store, PENDING_WITHDRAWAL);
      return fieldAsInput(err);
    }
  }

  /** The id a retry would reuse (tests, diagnostics). */
  pendingWithdrawalId(): string | null {
    return readKv<PendingWithdrawal>(this.store, PENDING_WITHDRAWAL)?.id ?? null;
  }

  async withdrawal(id: string): Promise<WithdrawalView> {
    return withdrawalView(await this.sync.cloud<CloudWithdrawal>('GET', `/v1/withdrawals/${encodeURIComponent(id)}`));
  }

  // ── notices ────────────────────────────────────────────────────────────

  /** The cloud's unread notices to this user: a connection whose token refresh failed, the account's security. Kinds this version does not know are left unread. */
  async notices(): Promise<AccountNotice[]> {
    const r = await this.sync.cloud<{ notifications: CloudNotice[] }>('GET', '/v1/notifications');
    return r.notifications.filter((n) => NOTICE_KINDS.has(n.kind)).map(noticeView);
  }

  async markNoticesRead(ids: string[]): Promise<{ marked: number }> {
    return this.sync.cloud<{ marked: number }>('POST', '/v1/notifications/read', { body: { ids } });
  }
}
