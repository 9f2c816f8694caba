import type { Generated, Insertable, Selectable } from 'kysely';
import type { BoxTables } from '../boxes/tables.js';
import type { PartnerTables } from '../partners/tables.js';
import type { SignupTables } from '../signup/tables.js';
import type { GatewayTables } from '../gateway/tables.js';
import type { RelayTables } from '../relay/tables.js';

/** Amounts are integers (credits), times are epoch milliseconds. */
export interface UsersTable {
  id: string;
  email: string | null;
  phone: string | null;
  password_hash: string;
  role: 'user' | 'admin';
  referral_code: string;
  referred_by: string | null;
  device: string | null;
  totp_secret: string | null;
  totp_enabled: number;
  totp_last_step: number | null;
  failed_logins: number;
  locked_until: number | null;
  created_at: number;
  /** Migration 004: a new TOTP secret waiting for its first code (enrolment or a change). */
  totp_pending_secret: string | null;
  /** Migration 004: when 2FA was last turned on or changed; withdrawals are held for review for 24 hours after. */
  totp_changed_at: number | null;
  /** Migration 004: wrong withdrawal codes in a row, and the withdrawal lock they caused. */
  withdraw_totp_failures: Generated<number>;
  withdraw_locked_until: number | null;
  /** When the owner proved the address (migration 006); null until then. */
  email_verified_at: number | null;
  /** What a referrer sees of this user (else the masked address). */
  nickname: string | null;
}

export interface RefreshTokensTable {
  id: string;
  family_id: string;
  user_id: string;
  token_hash: string;
  expires_at: number;
  used_at: number | null;
  revoked_at: number | null;
  created_at: number;
  device: string | null;
}

export interface WalletsTable {
  user_id: string;
  promo: number;
  sub: number;
  paid: number;
  bonus: number;
  total: number;
  held: number;
  updated_at: number;
}

export type Bucket = 'PROMO' | 'SUB' | 'PAID' | 'BONUS';
export const BUCKETS: readonly Bucket[] = ['PROMO', 'SUB', 'PAID', 'BONUS'];
export const BUCKET_RANK: Record<Bucket, number> = { PROMO: 0, SUB: 1, PAID: 2, BONUS: 3 };
export const BUCKET_COLUMN = { PROMO: 'promo', SUB: 'sub', PAID: 'paid', BONUS: 'bonus' } as const;

export interface LotsTable {
  id: string;
  user_id: string;
  bucket: Bucket;
  rank: number;
  amount: number;
  consumed: number;
  held: number;
  expired: number;
  paid_out: number;
  expires_at: number | null;
  created_at: number;
  source_ref: string;
  journal_id: string;
}

export type JournalKind = 'grant' | 'hold' | 'capture' | 'release' | 'expire' | 'refund' | 'withdraw' | 'adjust';

export interface JournalTable {
  seq: Generated<number>;
  id: string;
  user_id: string;
  kind: JournalKind;
  parent_id: string | null;
  request_hash: string;
  amount: number;
  reason: string | null;
  response: string;
  hold_expires_at: number | null;
  created_at: number;
  created_by: string;
}

export type LotState = 'external' | 'available' | 'held' | 'consumed' | 'expired' | 'paid_out';

export interface PostingsTable {
  journal_id: string;
  lot_id: string;
  from_state: LotState;
  to_state: LotState;
  amount: number;
}

export type HoldStatus = 'open' | 'captured' | 'released' | 'expired';

export interface HoldsTable {
  id: string;
  user_id: string;
  amount: number;
  status: HoldStatus;
  expires_at: number;
  reason: string;
  job_ref: string | null;
  created_at: number;
  resolved_at: number | null;
  resolution_id: string | null;
}

export interface WebhookEventsTable {
  id: string;
  provider: string;
  type: string;
  user_id: string | null;
  received_at: number;
  /** 'refused': verified but not applied (malformed, unknown purchase…), with the reason; a redelivery is tried again. */
  status: Generated<'applied' | 'refused'>;
  reason: string | null;
}

/** A payment and the grant it bought (its id is the grant's id); refunds and disputes reverse a share of it. */
export interface PaymentsTable {
  id: string;
  provider: string;
  user_id: string;
  payment_intent: string | null;
  invoice_id: string | null;
  bucket: Bucket;
  credits: number;
  amount_minor: number;
  refunded_minor: Generated<number>;
  disputed_minor: Generated<number>;
  created_at: number;
}

export interface PaymentLinksTable {
  payment_intent: string;
  invoice_id: string;
  created_at: number;
}

export interface CheckoutSessionsTable {
  id: string;
  user_id: string;
  kind: 'plan' | 'pack';
  item: string;
  created_at: number;
  completed_at: number | null;
}

export interface SubscriptionsTable {
  id: string;
  user_id: string;
  plan: string;
  status: string;
  current_period_end: number | null;
  updated_at: number;
}

/** Migration 004: sessions whose access tokens are refused before they expire. */
export interface RevokedTokenFamiliesTable {
  family_id: string;
  user_id: string;
  revoked_at: number;
  /** When the family's last access token expires; the row is purged after. */
  expires_at: number;
}

export interface Database extends PartnerTables, SignupTables, GatewayTables, RelayTables, BoxTables {
  revoked_token_families: RevokedTokenFamiliesTable;
  users: UsersTable;
  refresh_tokens: RefreshTokensTable;
  wallets: WalletsTable;
  lots: LotsTable;
  journal: JournalTable;
  postings: PostingsTable;
  holds: HoldsTable;
  webhook_events: WebhookEventsTable;
  checkout_sessions: CheckoutSessionsTable;
  subscriptions: SubscriptionsTable;
  payments: PaymentsTable;
  payment_links: PaymentLinksTable;
}

export type LotRow = Selectable<LotsTable>;
export type NewLot = Insertable<LotsTable>;
export type UserRow = Selectable<UsersTable>;
