/**
 * What the studio's blind-box pages send to main and get back (issue 18),
 * beside the cloud's wire shapes (wire.ts): the series editor's draft, which
 * names library items and 3D models that main turns into thumbnails and
 * production-pack facts, and the result of recomputing an opening here.
 */
import type { Guarantee, Tier } from './fair.js';

export interface StudioSeriesItemDraft {
  name: string;
  tier: Tier;
  /** Percent with up to four decimals (12.5 = 125,000 ppm); the items sum to 100. */
  oddsPercent: number;
  /** null: unlimited. */
  stock: number | null;
  /** The local character this item is made from. */
  characterId: string | null;
  /** A library image (the character's reference, variant or any image); main sends a ≤ 512 px thumbnail. */
  imageAssetId: string | null;
  /** A 3D model of the builder whose production pack goes with a figure (its name, size and SHA-256). */
  meshModelId: string | null;
}

export interface StudioSeriesDraft {
  title: string;
  description: string;
  price: number;
  dailyLimit: number;
  startsAt: number;
  endsAt: number | null;
  guarantee: Guarantee | null;
  items: StudioSeriesItemDraft[];
}

export type VerifyStatus = 'verified' | 'mismatch' | 'not_revealed';

/** An opening recomputed in main with Node's crypto from what the cloud published — not from its word. */
export interface VerifyResult {
  status: VerifyStatus;
  openingId: string;
  commitment: string;
  /** SHA-256 of the revealed seed equals the commitment published before the sale. */
  commitmentMatches: boolean | null;
  serverSeed: string | null;
  clientSeed: string;
  nonce: number;
  guaranteed: boolean;
  /** The HMAC message and digest of the round that decided, the word used, and the weights drawn with. */
  message: string | null;
  digestHex: string | null;
  word: number | null;
  weights: number[];
  recordedItemId: string;
  recomputedItemId: string | null;
}
