import type { Generated } from 'kysely';

/** Tables of migrations 002 and 003 (referrals, verification, withdrawals, fraud, vault, notices). Times are epoch ms. */
export type Tier = 'bronze' | 'silver' | 'gold';
export type RewardKind = 'signup' | 'payment' | 'monthly';
export type RewardStatus = 'pending' | 'held' | 'granted';
export type RiskLevel = 'low' | 'medium' | 'high' | 'blocked';
/** `review`: asked for within 24 hours of a 2FA change (migration 004); an admin approves or rejects it. */
export type WithdrawalStatus = 'requested' | 'review' | 'approved' | 'paid' | 'rejected';
export type VerificationStatus = 'pending' | 'approved' | 'rejected';
export type ConnectionStatus = 'active' | 'needs_reconnect';

export interface PartnersTable {
  user_id: string;
  tier: Tier;
  upgraded_at: number | null;
  updated_at: number;
}

export interface ReferralRewardsTable {
  id: string;
  referrer_id: string;
  referee_id: string | null;
  kind: RewardKind;
  bucket: 'PROMO' | 'BONUS';
  tier: Tier;
  plan: string | null;
  amount_twd: number;
  credits: number;
  status: RewardStatus;
  due_at: number;
  granted_at: number | null;
  created_at: number;
  /** Taken back by a refund or dispute of the payment before the reward was granted (migration 005). */
  reversed_credits: Generated<number>;
}

export interface PhoneVerificationsTable {
  user_id: string;
  phone: string;
  code_hash: string | null;
  expires_at: number | null;
  attempts: number;
  sent_at: number | null;
  sends_window_start: number | null;
  sends_in_window: number;
  locked_until: number | null;
  verified_at: number | null;
}

export interface IdentityDocumentsTable {
  id: string;
  user_id: string;
  content_type: string;
  size: number;
  data: Buffer;
  created_at: number;
}

export interface IdentityVerificationsTable {
  id: string;
  user_id: string;
  national_id_hash: string;
  national_id_masked: string;
  full_name: string;
  document_id: string;
  status: VerificationStatus;
  note: string | null;
  reviewed_by: string | null;
  reviewed_at: number | null;
  created_at: number;
  /** 'YYYY-MM-DD' as on the document, read by the reviewer (migration 010; null on older rows): the age blind boxes check. */
  birth_date: string | null;
}

export interface WithdrawLimitsTable {
  user_id: string;
  period: string;
  used: number;
  cap: number;
}

export interface WithdrawalsTable {
  id: string;
  user_id: string;
  amount: number;
  amount_twd: number;
  period: string;
  status: WithdrawalStatus;
  payout: string;
  request_hash: string;
  note: string | null;
  created_at: number;
  updated_at: number;
}

export interface WithdrawalEventsTable {
  seq: Generated<number>;
  withdrawal_id: string;
  from_status: WithdrawalStatus | null;
  to_status: WithdrawalStatus;
  actor: string;
  note: string | null;
  journal_id: string | null;
  created_at: number;
}

export interface FingerprintsTable {
  seq: Generated<number>;
  user_id: string;
  event: 'signup' | 'login' | 'referral' | 'withdrawal' | 'payment';
  ip_hash: string | null;
  device_hash: string | null;
  /** Migration 003: a keyed hash of the card fingerprint of a payment. */
  payment_hash: string | null;
  created_at: number;
}

export interface RiskProfilesTable {
  user_id: string;
  level: RiskLevel;
  /** JSON: the rules that fired, each {code, level, reason, key}. */
  rules: string;
  /** JSON: the rule keys an admin has reviewed and cleared (they no longer count). */
  cleared_rules: string;
  note: string | null;
  reviewed_by: string | null;
  reviewed_at: number | null;
  updated_at: number;
}

export interface AgencyClientsTable {
  id: string;
  user_id: string;
  name: string;
  created_at: number;
}

export interface SocialConnectionsTable {
  id: string;
  user_id: string;
  client_id: string | null;
  platform: string;
  account_id: string;
  display_name: string;
  scopes: string;
  key_id: string;
  access_ct: string;
  refresh_ct: string | null;
  expires_at: number | null;
  status: ConnectionStatus;
  last_error: string | null;
  lock_owner: string | null;
  lock_until: number | null;
  refreshed_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface OauthStatesTable {
  state_hash: string;
  user_id: string;
  client_id: string | null;
  platform: string;
  verifier_ct: string | null;
  key_id: string | null;
  redirect_uri: string;
  expires_at: number;
  used_at: number | null;
}

export interface TokenAuditTable {
  seq: Generated<number>;
  connection_id: string;
  user_id: string;
  action: string;
  ip_hash: string | null;
  created_at: number;
}

export interface BillingCustomersTable {
  user_id: string;
  provider: string;
  customer_id: string;
  created_at: number;
}

export type NotificationKind = 'connection_needs_reconnect' | 'withdrawals_locked' | 'totp_changed';

export interface NotificationsTable {
  id: string;
  user_id: string;
  kind: NotificationKind;
  /** What it is about (a connection id). */
  subject_id: string | null;
  title: string;
  body: string;
  /** JSON: the fields the desktop shows (platform, display name, reason). */
  data: string;
  created_at: number;
  read_at: number | null;
}

export interface PartnerTables {
  partners: PartnersTable;
  referral_rewards: ReferralRewardsTable;
  phone_verifications: PhoneVerificationsTable;
  identity_documents: IdentityDocumentsTable;
  identity_verifications: IdentityVerificationsTable;
  withdraw_limits: WithdrawLimitsTable;
  withdrawals: WithdrawalsTable;
  withdrawal_events: WithdrawalEventsTable;
  fingerprints: FingerprintsTable;
  risk_profiles: RiskProfilesTable;
  agency_clients: AgencyClientsTable;
  social_connections: SocialConnectionsTable;
  oauth_states: OauthStatesTable;
  token_audit: TokenAuditTable;
  billing_customers: BillingCustomersTable;
  notifications: NotificationsTable;
}
