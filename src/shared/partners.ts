import type { ErrorInfo } from './errors.js';

/** The partner programme, verification, withdrawals and social connections, as the UI sees them (cloud-sync issue 5). */

export const TIERS = ['bronze', 'silver', 'gold'] as const;
export type Tier = (typeof TIERS)[number];

/** Seed §4.3: 10 credits = NT$1; 3,000 – 100,000 credits per request, 300,000 a calendar month. */
export const WITHDRAWAL_LIMITS = { creditsPerTwd: 10, min: 3_000, maxPerRequest: 100_000, maxPerMonth: 300_000 } as const;

export interface ReferralView {
  code: string;
  link: string;
  tier: Tier;
  commissionPct: number;
  qualifiedReferrals: number;
  referredRevenueTwd: number;
  /** What is still needed for the next tier; null at Gold. */
  progress: { nextTier: Tier; referralsNeeded: number; revenueNeededTwd: number } | null;
  /** Each referee by nickname or masked email (`w***@example.com`), never by account id. */
  referees: { name: string; joinedAt: number; paidTwd: number }[];
  earnings: { promoGranted: number; bonusGranted: number; bonusPending: number; bonusHeld: number };
}

export type IdentityStatus = 'pending' | 'approved' | 'rejected';

export interface VerificationView {
  phone: { verified: boolean; phone: string | null };
  identity: { nationalId: string; fullName: string; status: IdentityStatus; note: string | null; createdAt: number; reviewedAt: number | null } | null;
  totpEnabled: boolean;
}

/** Countries a local mobile number may be read in (cloud-sync's phone-number.ts decides what is valid). */
export const PHONE_COUNTRIES = ['TW', 'CN', 'HK', 'MO'] as const;
export type PhoneCountry = (typeof PHONE_COUNTRIES)[number];

export interface PhoneCodeSent {
  /** The number the code went to, in E.164. */
  phone: string;
  expiresIn: number;
  resendAfter: number;
}

export interface TotpEnrolment {
  secret: string;
  otpauthUrl: string;
}

/** `review`: asked for within 24 hours of a 2FA change; an admin approves or rejects it. */
export type WithdrawalStatus = 'requested' | 'review' | 'approved' | 'paid' | 'rejected';

export interface WithdrawalView {
  id: string;
  amount: number;
  amountTwd: number;
  status: WithdrawalStatus;
  payout: { bankCode: string; accountLast4: string; accountName: string };
  note: string | null;
  createdAt: number;
  updatedAt: number;
  events: { from: WithdrawalStatus | null; to: WithdrawalStatus; note: string | null; at: number }[];
}

export interface WithdrawalSummary {
  rules: { creditsPerTwd: number; min: number; maxPerRequest: number; maxPerMonth: number };
  period: string;
  usedThisMonth: number;
  remainingThisMonth: number;
  bonusAvailable: number;
  requirements: { phoneVerified: boolean; identityStatus: IdentityStatus | 'none'; totpEnabled: boolean };
  /** Until when wrong authenticator codes keep withdrawals locked (epoch ms); null when not locked. */
  lockedUntil: number | null;
  /** Until when new withdrawals are held for review after a 2FA change (epoch ms); null when not. */
  reviewUntil: number | null;
  withdrawals: WithdrawalView[];
}

export const OAUTH_PLATFORMS = ['meta', 'threads', 'tiktok', 'linkedin', 'youtube', 'line'] as const;
export type OAuthPlatform = (typeof OAUTH_PLATFORMS)[number];
/** Brand names, the same in every language (the browser page after a sign-in; the UI has them in its messages too). */
export const OAUTH_PLATFORM_NAMES: Record<OAuthPlatform, string> = {
  meta: 'Facebook / Instagram',
  threads: 'Threads',
  tiktok: 'TikTok',
  linkedin: 'LinkedIn',
  youtube: 'YouTube',
  line: 'LINE',
};
/** The vault's platform of a LINE Official Account connected by its channel access token (posts go out as its messages). */
export const LINE_OA_PLATFORM = 'line-oa';
export type Platform = OAuthPlatform | 'wordpress' | typeof LINE_OA_PLATFORM;

export interface AgencyClient {
  id: string;
  name: string;
  createdAt: number;
}

export interface ConnectionView {
  id: string;
  clientId: string | null;
  platform: string;
  accountId: string;
  displayName: string;
  scopes: string[];
  status: 'active' | 'needs_reconnect';
  lastError: string | null;
  expiresAt: number | null;
  refreshedAt: number | null;
}

/** The cloud's in-app notice that a connection's token refresh failed and it needs reconnecting. */
export interface ConnectionNotice {
  kind: 'connection_needs_reconnect';
  id: string;
  connectionId: string;
  platform: string;
  displayName: string;
  /** What the platform said when it refused the refresh. */
  reason: string;
  createdAt: number;
}

/** The cloud's notices about the account's security: withdrawals locked by wrong codes, 2FA turned on or changed. */
export type SecurityNotice =
  | { kind: 'withdrawals_locked'; id: string; lockedUntil: number; createdAt: number }
  | { kind: 'totp_changed'; id: string; changedAt: number; reviewUntil: number; first: boolean; createdAt: number };

export type AccountNotice = ConnectionNotice | SecurityNotice;

export interface OAuthStart {
  authorizeUrl: string;
  state: string;
  expiresAt: number;
  redirectUri: string;
  /** This attempt, as named by connections.oauthCompleted and connections.oauthCancel. */
  flowId: string;
  /**
   * Whether the app is listening at redirectUri and finishes by itself when the browser comes
   * back (connections.oauthCompleted); false (port taken, not a loopback address): paste it back.
   */
  listening: boolean;
}

/** How a flow the app was listening for ended: the browser came back with a code (or the platform's refusal), or the state expired. */
export type OAuthCompleted = { flowId: string } & ({ ok: true; connection: ConnectionView } | { ok: false; error: ErrorInfo });

/** Reads `code` and `state` from the address the platform redirected the browser to. */
export function parseOAuthRedirect(url: string): { code: string; state: string } | null {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return null;
  }
  const params = new URLSearchParams(parsed.search || parsed.hash.replace(/^#/, ''));
  const code = params.get('code');
  const state = params.get('state');
  return code && state ? { code, state } : null;
}
