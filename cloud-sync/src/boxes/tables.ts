import type { DeliveryStatus } from '../../../src/shared/boxes/delivery.js';
import type { OpeningOutcome, OwnedStatus, ListingStatus, SeriesStatus } from '../../../src/shared/boxes/wire.js';
import type { Tier } from '../../../src/shared/boxes/fair.js';
import type { Generated } from 'kysely';

/** Tables of migration 010 (blind boxes, the market, the audit log). Times are epoch ms. */

export interface BoxSeriesTable {
  id: string;
  creator_id: string;
  title: string;
  description: string;
  status: SeriesStatus;
  price: number;
  daily_limit: number;
  starts_at: number;
  ends_at: number | null;
  guarantee_after: number | null;
  guarantee_tier: Tier | null;
  created_at: number;
  updated_at: number;
  opened_at: number | null;
  closed_at: number | null;
}

export interface BoxItemsTable {
  id: string;
  series_id: string;
  position: number;
  name: string;
  tier: Tier;
  odds_ppm: number;
  stock: number | null;
  remaining: number | null;
  character_id: string | null;
  character_name: string | null;
  image_type: string | null;
  image: Buffer | null;
  pack_name: string | null;
  pack_bytes: number | null;
  pack_sha256: string | null;
}

export interface BoxSeedsTable {
  id: string;
  series_id: string;
  seed_sealed: string;
  commitment: string;
  revealed_seed: string | null;
  active: number;
  committed_at: number;
  revealed_at: number | null;
}

export interface BoxOpeningsTable {
  id: string;
  user_id: string;
  series_id: string;
  seed_id: string;
  request_id: string;
  request_hash: string;
  client_seed: string;
  nonce: number;
  guaranteed: number;
  item_id: string;
  outcome: OpeningOutcome;
  credits: number;
  capture_id: string | null;
  owned_id: string | null;
  created_at: number;
}

export interface BoxOwnedTable {
  id: string;
  user_id: string;
  series_id: string;
  item_id: string;
  status: OwnedStatus;
  source_kind: 'opening' | 'trade';
  source_id: string;
  acquired_at: number;
  updated_at: number;
  /** Migration 011: the item's delivery that is not cancelled (it can no longer be listed). */
  delivery_id: string | null;
}

export interface BoxListingsTable {
  id: string;
  seller_id: string;
  owned_id: string;
  request_id: string;
  price: number;
  fee: number;
  status: ListingStatus;
  expires_at: number;
  created_at: number;
  closed_at: number | null;
}

export interface BoxTradesTable {
  id: string;
  listing_id: string;
  buyer_id: string;
  seller_id: string;
  request_id: string;
  price: number;
  fee: number;
  hold_id: string;
  capture_id: string;
  proceeds_id: string;
  owned_id: string;
  created_at: number;
}

export interface GuardianConsentsTable {
  user_id: string;
  guardian_name: string;
  relation: 'parent' | 'guardian';
  guardian_phone_masked: string;
  guardian_phone_hash: string;
  consented_at: number;
}

export interface AuditLogTable {
  seq: number;
  kind: string;
  ref: string;
  actor: string;
  /** Canonical JSON of the entry's facts. */
  payload: string;
  created_at: number;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
  updated_at: number;
}

export interface AuditDigestsTable {
  day: string;
  seq: number;
  hash: string;
  signature: string;
  public_key: string;
  signed_at: number;
}

/**
 * Migration 012: audit entries written but not yet linked into the chain (on PostgreSQL, an opening
 * writes its entry here instead of taking the head's lock; the sealer, src/audit/sealer.ts, moves
 * them into audit_log in `id` order). `id` is given by the database.
 */
export interface AuditPendingTable {
  id: Generated<number>;
  kind: string;
  ref: string;
  actor: string;
  /** Canonical JSON of the entry's facts. */
  payload: string;
  created_at: number;
}

/** Migration 011: a physical item's shipping request and what became of it. */
export interface BoxDeliveriesTable {
  id: string;
  owned_id: string;
  user_id: string;
  creator_id: string;
  series_id: string;
  item_id: string;
  request_id: string;
  status: DeliveryStatus;
  /** The address's country in clear; name, phone and the rest only in `address_ct` (address-seal.ts). */
  country: string;
  key_id: string;
  address_ct: string;
  carrier: string | null;
  tracking_number: string | null;
  requested_at: number;
  shipped_at: number | null;
  delivered_at: number | null;
  cancelled_at: number | null;
  cancelled_by: string | null;
}

export interface BoxTables {
  box_deliveries: BoxDeliveriesTable;
  box_series: BoxSeriesTable;
  box_items: BoxItemsTable;
  box_seeds: BoxSeedsTable;
  box_openings: BoxOpeningsTable;
  box_owned: BoxOwnedTable;
  box_listings: BoxListingsTable;
  box_trades: BoxTradesTable;
  guardian_consents: GuardianConsentsTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  audit_digests: AuditDigestsTable;
  audit_pending: AuditPendingTable;
}
