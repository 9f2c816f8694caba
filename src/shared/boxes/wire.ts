/**
 * The blind-box and market wire contract between the studio and cloud-sync
 * (issue 18): routes, request bodies and the JSON each answers. cloud-sync
 * validates bodies with its own zod schemas built from these limits; the
 * studio's client reads these shapes. Times are epoch ms, credits whole.
 */
import type { DeliveryStatus, DeliveryView } from './delivery.js';
import type { Guarantee, Tier } from './fair.js';

export const BOX_LIMITS = {
  minItems: 2,
  maxItems: 24,
  /** Item images are thumbnails the studio makes from the library (≤ 512 px), stored by the cloud for buyers. */
  maxImageBytes: 256 * 1024,
  imageTypes: ['image/png', 'image/jpeg', 'image/webp'] as const,
  maxPrice: 100_000,
  maxDailyLimit: 1_000,
  maxStock: 1_000_000,
  maxGuaranteeAfter: 1_000,
  clientSeedMaxLength: 64,
  /** No purchases under this age; a guardian's consent is recorded from this age until adulthood. */
  minAge: 8,
  adultAge: 18,
  /** Market listings expire after this many days unless the seller picks fewer. */
  listingMaxDays: 30,
  /** A buyer's escrow hold lives this long; a trade that never settles is released by the sweeper. */
  escrowHoldSeconds: 300,
} as const;

export type SeriesStatus = 'draft' | 'open' | 'closed';

export interface SeriesItemInput {
  name: string;
  tier: Tier;
  /** Parts per million; the items of a series sum to exactly 1,000,000. */
  odds_ppm: number;
  /** null: unlimited (digital). A physical figure has a stock; a draw of a sold-out item is refunded. */
  stock: number | null;
  /** The studio's character this item is made from (its local id and name, for the creator's records). */
  character: { id: string; name: string } | null;
  image: { content_type: (typeof BOX_LIMITS.imageTypes)[number]; data_base64: string } | null;
  /** The 3D builder's production pack of a figure: its name, size and SHA-256 (the file stays with the creator). */
  production_pack: { name: string; bytes: number; sha256: string } | null;
}

export interface SeriesInput {
  title: string;
  description: string;
  price: number;
  /** Boxes one buyer may open per Asia/Taipei day. */
  daily_limit: number;
  starts_at: number;
  ends_at: number | null;
  guarantee: Guarantee | null;
  items: SeriesItemInput[];
}

export interface SeriesItemView {
  id: string;
  position: number;
  name: string;
  tier: Tier;
  odds_ppm: number;
  stock: number | null;
  remaining: number | null;
  character: { id: string; name: string } | null;
  /** GET /v1/boxes/items/:id/image, or null. */
  image_url: string | null;
  production_pack: { name: string; bytes: number; sha256: string } | null;
}

export interface SeedView {
  id: string;
  /** SHA-256 (hex) of the 32 seed bytes, published before its first sale. */
  commitment: string;
  /** The seed itself (64 hex digits), once revealed (series closed, or the seed rotated). */
  server_seed: string | null;
  committed_at: number;
  revealed_at: number | null;
  openings: number;
}

export interface SeriesView {
  id: string;
  creator_id: string;
  /** The creator's display name (masked e-mail or phone). */
  creator: string;
  title: string;
  description: string;
  status: SeriesStatus;
  price: number;
  daily_limit: number;
  starts_at: number;
  ends_at: number | null;
  guarantee: Guarantee | null;
  items: SeriesItemView[];
  seeds: SeedView[];
  created_at: number;
  opened_at: number | null;
  closed_at: number | null;
  /** The caller's own counts (null when not signed in). */
  mine: { opened_today: number; remaining_today: number; since_guaranteed: number } | null;
}

export type OpeningOutcome = 'granted' | 'sold_out';

export interface OpeningView {
  id: string;
  series_id: string;
  seed_id: string;
  commitment: string;
  /** Revealed with the seed; null before. */
  server_seed: string | null;
  client_seed: string;
  nonce: number;
  /** Whether the guarantee decided the weights of this draw. */
  guaranteed: boolean;
  item_id: string;
  item_name: string;
  tier: Tier;
  outcome: OpeningOutcome;
  /** Credits charged: the series price, or 0 for a refunded sold-out draw. */
  credits: number;
  /** The collection entry the opening granted (null when sold out). */
  owned_id: string | null;
  created_at: number;
}

export interface OpenBoxBody {
  /** The buyer's idempotency key: a retry with the same id answers the same opening, charged once. */
  request_id: string;
  /** The buyer's own seed for this opening; the server picks one when absent. */
  client_seed?: string;
  /** The cooling-off notice was shown and the buyer went on. */
  notice_acknowledged: true;
}

export type OwnedStatus = 'owned' | 'listed' | 'sold';

export interface OwnedItemView {
  id: string;
  series_id: string;
  series_title: string;
  item_id: string;
  item_name: string;
  tier: Tier;
  image_url: string | null;
  status: OwnedStatus;
  /** How it came: an opening or a market trade. */
  source: { kind: 'opening' | 'trade'; id: string };
  acquired_at: number;
  /** A physical figure (its item has a stock): it can be shipped to the buyer. */
  physical: boolean;
  /** The item's delivery, when one was requested and not cancelled: it can no longer be listed or traded. */
  delivery: { id: string; status: DeliveryStatus } | null;
}

export type ListingStatus = 'listed' | 'sold' | 'canceled' | 'expired';

export interface ListingView {
  id: string;
  owned_id: string;
  series_id: string;
  series_title: string;
  item_id: string;
  item_name: string;
  tier: Tier;
  image_url: string | null;
  price: number;
  /** The platform fee the seller pays out of the price (the price table's market fee). */
  fee: number;
  seller: string;
  mine: boolean;
  status: ListingStatus;
  expires_at: number;
  created_at: number;
}

export interface CreateListingBody {
  request_id: string;
  owned_id: string;
  price: number;
  days?: number;
}

export interface BuyListingBody {
  request_id: string;
}

export interface TradeView {
  id: string;
  listing_id: string;
  price: number;
  fee: number;
  /** The buyer's new collection entry. */
  owned_id: string;
  created_at: number;
}

export type Eligibility = 'ok' | 'needs_identity' | 'needs_birth_date' | 'under_min_age' | 'needs_guardian';

export interface EligibilityView {
  status: Eligibility;
  /** Whole years, from the approved identity's birth date. */
  age: number | null;
  guardian: { name: string; relation: string; consented_at: number } | null;
}

export interface GuardianConsentBody {
  guardian_name: string;
  relation: 'parent' | 'guardian';
  guardian_phone: string;
  /** The guardian read the odds and rules and agrees. */
  consent: true;
}

export interface AuditHeadView {
  seq: number;
  hash: string;
  at: number;
}

export interface AuditDigestView {
  day: string;
  seq: number;
  hash: string;
  signed_at: number;
  /** Ed25519 over the UTF-8 of `kingjam-audit:${day}:${seq}:${hash}`, base64. */
  signature: string;
  /** The SPKI (DER, base64) of the signing key, also at GET /v1/audit/key. */
  public_key: string;
}

/** The export of everything a buyer did (GET /v1/boxes/export). */
export interface BuyerExport {
  user_id: string;
  exported_at: number;
  openings: OpeningView[];
  trades: (TradeView & { side: 'buyer' | 'seller'; item_name: string; series_title: string })[];
  /** Deliveries of the buyer's physical items, every status. */
  deliveries: DeliveryView[];
}

/** Every route (cloud-sync registers these; the studio calls these). */
export const BOX_ROUTES = {
  series: '/v1/boxes/series', // GET ?scope=shop|mine, POST SeriesInput
  seriesOne: '/v1/boxes/series/:id', // GET, PUT SeriesInput (draft only)
  seriesOpen: '/v1/boxes/series/:id/open', // POST: commits the first seed, sales from starts_at
  seriesClose: '/v1/boxes/series/:id/close', // POST: ends sales, reveals the seed
  seriesRotate: '/v1/boxes/series/:id/rotate-seed', // POST: reveals the current seed, commits a new one
  openings: '/v1/boxes/series/:id/openings', // POST OpenBoxBody → OpeningView
  proofs: '/v1/boxes/series/:id/proofs', // GET (public): every opening's draw inputs and item, seeds revealed or not
  myOpenings: '/v1/boxes/openings', // GET ?series_id=
  opening: '/v1/boxes/openings/:id', // GET
  itemImage: '/v1/boxes/items/:id/image', // GET (public)
  collection: '/v1/boxes/collection', // GET → OwnedItemView[]
  export: '/v1/boxes/export', // GET ?format=json|csv
  eligibility: '/v1/boxes/eligibility', // GET
  guardian: '/v1/boxes/guardian-consent', // POST GuardianConsentBody
  listings: '/v1/market/listings', // GET ?series_id=&mine=1, POST CreateListingBody
  listingCancel: '/v1/market/listings/:id/cancel', // POST
  listingBuy: '/v1/market/listings/:id/buy', // POST BuyListingBody → TradeView
  deliveries: '/v1/boxes/deliveries', // GET (the buyer's), POST RequestDeliveryBody → DeliveryView
  deliveryShip: '/v1/boxes/deliveries/:id/ship', // POST Shipment (the series' creator)
  deliveryReceived: '/v1/boxes/deliveries/:id/received', // POST (the buyer)
  deliveryCancel: '/v1/boxes/deliveries/:id/cancel', // POST (buyer or creator, while requested)
  seriesDeliveries: '/v1/boxes/series/:id/deliveries', // GET (the series' creator)
  auditHead: '/v1/audit/head', // GET (public)
  auditDigests: '/v1/audit/digests', // GET (public) ?day=
  auditKey: '/v1/audit/key', // GET (public)
  auditCheck: '/v1/admin/audit/check', // GET (admin)
} as const;

/** One row of GET proofs: enough for anyone to recompute the draw (no buyer identity). */
export interface ProofView {
  opening_id: string;
  seed_id: string;
  client_seed: string;
  nonce: number;
  guaranteed: boolean;
  item_id: string;
  outcome: OpeningOutcome;
  /** A pseudonym of the buyer (stable within the series), so guarantee streaks can be followed. */
  buyer: string;
  created_at: number;
}
