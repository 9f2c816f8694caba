import { z } from 'zod';
import type { CallSpec } from './contract.js';
import { ODDS_SCALE, TIERS } from '../boxes/fair.js';
import { BOX_LIMITS, type AuditHeadView, type EligibilityView, type ListingView, type OpeningView, type OwnedItemView, type SeriesView, type TradeView } from '../boxes/wire.js';
import { DeliveryAddressSchema, ShipmentSchema, type DeliveryView } from '../boxes/delivery.js';
import type { StudioSeriesItemDraft, VerifyResult } from '../boxes/studio.js';

/** The blind-box, collection and market calls (issue 18); spread into the contract. Main forwards them to cloud-sync. */
function call<O>() {
  return <I extends z.ZodType>(input: I): CallSpec<I, O> => ({ input });
}

const empty = z.object({}).strict();
const uuid = z.uuid();
const localId = z.string().min(1).max(100);
/** Idempotency keys come from the page, so a retried click is the same purchase. */
const requestId = uuid;

const guaranteeSchema = z.object({ after: z.number().int().min(2).max(BOX_LIMITS.maxGuaranteeAfter), tier: z.enum(TIERS).exclude(['regular']) }).strict();

const itemDraft = z
  .object({
    name: z.string().trim().min(1).max(80),
    tier: z.enum(TIERS),
    oddsPercent: z.number().min(0).max(100),
    stock: z.number().int().min(0).max(BOX_LIMITS.maxStock).nullable(),
    characterId: localId.nullable(),
    imageAssetId: localId.nullable(),
    meshModelId: localId.nullable(),
  })
  .strict();

export const seriesDraftSchema = z
  .object({
    title: z.string().trim().min(1).max(100),
    description: z.string().trim().max(2000),
    price: z.number().int().min(1).max(BOX_LIMITS.maxPrice),
    dailyLimit: z.number().int().min(1).max(BOX_LIMITS.maxDailyLimit),
    startsAt: z.number().int().nonnegative(),
    endsAt: z.number().int().positive().nullable(),
    guarantee: guaranteeSchema.nullable(),
    items: z.array(itemDraft).min(BOX_LIMITS.minItems).max(BOX_LIMITS.maxItems),
  })
  .strict()
  .refine((d) => Math.round(d.items.reduce((s, it) => s + it.oddsPercent * (ODDS_SCALE / 100), 0)) === ODDS_SCALE, { message: 'the odds must add up to exactly 100 %', path: ['items'] })
  .refine((d) => d.endsAt === null || d.endsAt > d.startsAt, { message: 'the end must be after the start', path: ['endsAt'] });

export const boxesCalls = {
  /** Series on sale (Shop). */
  'boxes.shop': call<SeriesView[]>()(empty),
  /** The signed-in creator's own series, drafts included (Series editor). */
  'boxes.mySeries': call<SeriesView[]>()(empty),
  'boxes.series': call<SeriesView>()(z.object({ id: uuid }).strict()),
  /** Creates (no id) or edits a draft; odds and items are frozen once the series opens. */
  'boxes.saveSeries': call<SeriesView>()(z.object({ id: uuid.optional(), draft: seriesDraftSchema }).strict()),
  /** The library image and 3D model each item of a draft was saved with here, by position (so a reopened draft keeps its pictures). */
  'boxes.draftSources': call<Pick<StudioSeriesItemDraft, 'imageAssetId' | 'meshModelId'>[]>()(z.object({ id: uuid }).strict()),
  /** Commits the first server seed (its SHA-256 is published) and opens sales from startsAt. */
  'boxes.openSales': call<SeriesView>()(z.object({ id: uuid }).strict()),
  /** Ends sales and reveals the seed. */
  'boxes.close': call<SeriesView>()(z.object({ id: uuid }).strict()),
  /** Reveals the current seed (its openings can be verified) and commits a new one. */
  'boxes.rotateSeed': call<SeriesView>()(z.object({ id: uuid }).strict()),
  'boxes.eligibility': call<EligibilityView>()(empty),
  'boxes.guardianConsent': call<EligibilityView>()(
    z
      .object({
        guardianName: z.string().trim().min(1).max(100),
        relation: z.enum(['parent', 'guardian']),
        guardianPhone: z.string().trim().min(6).max(40),
        consent: z.literal(true),
      })
      .strict(),
  ),
  'boxes.open': call<OpeningView>()(
    z
      .object({ seriesId: uuid, requestId, clientSeed: z.string().trim().min(1).max(BOX_LIMITS.clientSeedMaxLength).optional(), noticeAcknowledged: z.literal(true) })
      .strict(),
  ),
  'boxes.openings': call<OpeningView[]>()(z.object({ seriesId: uuid.optional() }).strict()),
  /** Recomputes one opening in main from the published seed, client seed, nonce and odds. */
  'boxes.verify': call<VerifyResult>()(z.object({ openingId: uuid }).strict()),
  /** An item's image as a data: URL (the renderer never reaches the network). */
  'boxes.itemImage': call<{ dataUrl: string | null }>()(z.object({ itemId: uuid }).strict()),
  'boxes.collection': call<OwnedItemView[]>()(empty),
  /** Everything the buyer bought and opened, as a file to save. */
  'boxes.export': call<{ fileName: string; contentType: string; text: string }>()(z.object({ format: z.enum(['json', 'csv']) }).strict()),
  /** Deliveries of physical figures: the buyer's own (every status). */
  'boxes.deliveries': call<DeliveryView[]>()(empty),
  /** The buyer asks for an owned physical item to be shipped (it can no longer be listed). */
  'boxes.requestDelivery': call<DeliveryView>()(z.object({ ownedId: uuid, requestId, address: DeliveryAddressSchema }).strict()),
  /** The buyer confirms a shipped item arrived. */
  'boxes.deliveryReceived': call<DeliveryView>()(z.object({ deliveryId: uuid }).strict()),
  /** The buyer or the creator cancels a delivery that is only requested. */
  'boxes.cancelDelivery': call<DeliveryView>()(z.object({ deliveryId: uuid }).strict()),
  /** The deliveries of one of the creator's series. */
  'boxes.seriesDeliveries': call<DeliveryView[]>()(z.object({ seriesId: uuid }).strict()),
  /** The creator marks a delivery shipped, with the carrier and tracking number. */
  'boxes.shipDelivery': call<DeliveryView>()(z.object({ deliveryId: uuid, shipment: ShipmentSchema }).strict()),
  'market.listings': call<ListingView[]>()(z.object({ seriesId: uuid.optional(), mine: z.boolean().optional() }).strict()),
  'market.list': call<ListingView>()(
    z.object({ ownedId: uuid, price: z.number().int().min(2).max(BOX_LIMITS.maxPrice), days: z.number().int().min(1).max(BOX_LIMITS.listingMaxDays).optional(), requestId }).strict(),
  ),
  'market.cancel': call<ListingView>()(z.object({ listingId: uuid }).strict()),
  'market.buy': call<TradeView>()(z.object({ listingId: uuid, requestId }).strict()),
  /** The audit log's published head and the latest signed digest, its Ed25519 signature checked in main. */
  'audit.head': call<AuditHeadView & { digest: { day: string; seq: number; hash: string; signatureValid: boolean } | null }>()(empty),
} as const;

export type BoxesCallName = keyof typeof boxesCalls;
