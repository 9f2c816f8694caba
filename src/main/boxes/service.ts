import { createPublicKey, verify as verifySignature } from 'node:crypto';
import type { DeliveryAddress, DeliveryView, RequestDeliveryBody, Shipment } from '../../shared/boxes/delivery.js';
import type { StudioSeriesDraft, VerifyResult } from '../../shared/boxes/studio.js';
import {
  BOX_ROUTES,
  type AuditDigestView,
  type AuditHeadView,
  type EligibilityView,
  type ListingView,
  type OpeningView,
  type OwnedItemView,
  type SeriesInput,
  type SeriesView,
  type TradeView,
} from '../../shared/boxes/wire.js';
import { StudioError } from '../../shared/errors.js';
import type { CloudMethod, CloudRequestOptions } from '../sync/cloud-client.js';
import { seriesInput, type DraftItemSources, type SeriesSources } from './series-input.js';
import { recomputeOpening } from './verify.js';

/** The part of SyncService the boxes use: authenticated cloud calls (signed out → NOT_SIGNED_IN). */
export interface BoxesCloud {
  cloud<T>(method: CloudMethod, path: string, options?: Omit<CloudRequestOptions, 'token'>): Promise<T>;
  cloudRaw(method: CloudMethod, path: string, options?: Omit<CloudRequestOptions, 'token'>): Promise<{ contentType: string; data: Buffer }>;
}

/** A route of BOX_ROUTES with its `:id` filled in. */
function route(template: string, id?: string): string {
  return id === undefined ? template : template.replace(':id', encodeURIComponent(id));
}

function query(params: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}

export type AuditHeadResult = AuditHeadView & { digest: { day: string; seq: number; hash: string; signatureValid: boolean } | null };

/** What the Ed25519 digest signs (wire.ts AuditDigestView). */
export function digestMessage(d: Pick<AuditDigestView, 'day' | 'seq' | 'hash'>): string {
  return `kingjam-audit:${d.day}:${d.seq}:${d.hash}`;
}

/** Whether `d` is signed by the published key (and names that same key). */
export function digestSignatureValid(d: AuditDigestView, publishedKey: string): boolean {
  if (d.public_key !== publishedKey) return false;
  try {
    const key = createPublicKey({ key: Buffer.from(publishedKey, 'base64'), format: 'der', type: 'spki' });
    return verifySignature(null, Buffer.from(digestMessage(d), 'utf8'), key, Buffer.from(d.signature, 'base64'));
  } catch {
    return false;
  }
}

/**
 * Blind boxes, the collection, the market and the audit log for the studio
 * (issue 18): each call goes to cloud-sync with the signed-in user's token.
 * Main adds what only it can: the series draft becomes thumbnails, character
 * names and production-pack facts; an opening is recomputed here with Node's
 * crypto; the audit digest's signature is checked here.
 */
export class BoxesService {
  /** An item's image never changes once the cloud shows it (the series is on sale; a new version is a new item): kept for the process's life. */
  private readonly images = new Map<string, string>();

  constructor(
    private readonly cloud: BoxesCloud,
    private readonly sources: SeriesSources,
  ) {}

  shop(): Promise<SeriesView[]> {
    return this.cloud.cloud('GET', `${BOX_ROUTES.series}?scope=shop`);
  }

  mySeries(): Promise<SeriesView[]> {
    return this.cloud.cloud('GET', `${BOX_ROUTES.series}?scope=mine`);
  }

  series(id: string): Promise<SeriesView> {
    return this.cloud.cloud('GET', route(BOX_ROUTES.seriesOne, id));
  }

  async saveSeries(id: string | undefined, draft: StudioSeriesDraft): Promise<SeriesView> {
    const body: SeriesInput = await seriesInput(draft, this.sources);
    const saved: SeriesView = id ? await this.cloud.cloud('PUT', route(BOX_ROUTES.seriesOne, id), { body }) : await this.cloud.cloud('POST', BOX_ROUTES.series, { body });
    this.sources.remembered.set(saved.id, draft.items.map((it) => ({ imageAssetId: it.imageAssetId, meshModelId: it.meshModelId })));
    return saved;
  }

  /** The library images and 3D models a draft's items were saved with, by position (none for a series saved elsewhere). */
  draftSources(id: string): DraftItemSources[] {
    return this.sources.remembered.get(id);
  }

  openSales(id: string): Promise<SeriesView> {
    return this.cloud.cloud('POST', route(BOX_ROUTES.seriesOpen, id), { body: {} });
  }

  close(id: string): Promise<SeriesView> {
    return this.cloud.cloud('POST', route(BOX_ROUTES.seriesClose, id), { body: {} });
  }

  rotateSeed(id: string): Promise<SeriesView> {
    return this.cloud.cloud('POST', route(BOX_ROUTES.seriesRotate, id), { body: {} });
  }

  eligibility(): Promise<EligibilityView> {
    return this.cloud.cloud('GET', BOX_ROUTES.eligibility);
  }

  guardianConsent(input: { guardianName: string; relation: 'parent' | 'guardian'; guardianPhone: string; consent: true }): Promise<EligibilityView> {
    return this.cloud.cloud('POST', BOX_ROUTES.guardian, {
      body: { guardian_name: input.guardianName, relation: input.relation, guardian_phone: input.guardianPhone, consent: input.consent },
    });
  }

  open(input: { seriesId: string; requestId: string; clientSeed?: string | undefined; noticeAcknowledged: true }): Promise<OpeningView> {
    return this.cloud.cloud('POST', route(BOX_ROUTES.openings, input.seriesId), {
      body: { request_id: input.requestId, ...(input.clientSeed ? { client_seed: input.clientSeed } : {}), notice_acknowledged: input.noticeAcknowledged },
    });
  }

  openings(seriesId?: string): Promise<OpeningView[]> {
    return this.cloud.cloud('GET', `${BOX_ROUTES.myOpenings}${query({ series_id: seriesId })}`);
  }

  /** The opening, its series (odds, seeds) and the buyer's openings in it, then the draw recomputed here. */
  async verify(openingId: string): Promise<VerifyResult> {
    const opening = await this.cloud.cloud<OpeningView>('GET', route(BOX_ROUTES.opening, openingId));
    const [series, earlier] = await Promise.all([this.series(opening.series_id), this.openings(opening.series_id)]);
    return recomputeOpening(opening, series, earlier);
  }

  async itemImage(itemId: string): Promise<{ dataUrl: string | null }> {
    const cached = this.images.get(itemId);
    if (cached) return { dataUrl: cached };
    let answer: { contentType: string; data: Buffer };
    try {
      answer = await this.cloud.cloudRaw('GET', route(BOX_ROUTES.itemImage, itemId));
    } catch (err) {
      // No image, or a draft's (the cloud shows them once sales open): nothing to show, and nothing cached.
      if (err instanceof StudioError && err.cloud?.code === 'ITEM_NOT_FOUND') return { dataUrl: null };
      throw err;
    }
    const type = answer.contentType.split(';')[0]!.trim();
    if (!type.startsWith('image/') || answer.data.length === 0) return { dataUrl: null };
    const dataUrl = `data:${type};base64,${answer.data.toString('base64')}`;
    this.images.set(itemId, dataUrl);
    return { dataUrl };
  }

  collection(): Promise<OwnedItemView[]> {
    return this.cloud.cloud('GET', BOX_ROUTES.collection);
  }

  async export(format: 'json' | 'csv'): Promise<{ fileName: string; contentType: string; text: string }> {
    const { contentType, data } = await this.cloud.cloudRaw('GET', `${BOX_ROUTES.export}${query({ format })}`);
    const day = new Date().toISOString().slice(0, 10);
    return { fileName: `kingjam-boxes-${day}.${format}`, contentType: contentType.split(';')[0] ?? contentType, text: data.toString('utf8') };
  }

  deliveries(): Promise<DeliveryView[]> {
    return this.cloud.cloud('GET', BOX_ROUTES.deliveries);
  }

  requestDelivery(input: { ownedId: string; requestId: string; address: DeliveryAddress }): Promise<DeliveryView> {
    const body: RequestDeliveryBody = { request_id: input.requestId, owned_id: input.ownedId, address: input.address };
    return this.cloud.cloud('POST', BOX_ROUTES.deliveries, { body });
  }

  deliveryReceived(deliveryId: string): Promise<DeliveryView> {
    return this.cloud.cloud('POST', route(BOX_ROUTES.deliveryReceived, deliveryId), { body: {} });
  }

  cancelDelivery(deliveryId: string): Promise<DeliveryView> {
    return this.cloud.cloud('POST', route(BOX_ROUTES.deliveryCancel, deliveryId), { body: {} });
  }

  seriesDeliveries(seriesId: string): Promise<DeliveryView[]> {
    return this.cloud.cloud('GET', route(BOX_ROUTES.seriesDeliveries, seriesId));
  }

  shipDelivery(deliveryId: string, shipment: Shipment): Promise<DeliveryView> {
    return this.cloud.cloud('POST', route(BOX_ROUTES.deliveryShip, deliveryId), { body: shipment });
  }

  listings(input: { seriesId?: string | undefined; mine?: boolean | undefined }): Promise<ListingView[]> {
    return this.cloud.cloud('GET', `${BOX_ROUTES.listings}${query({ series_id: input.seriesId, mine: input.mine ? '1' : undefined })}`);
  }

  list(input: { ownedId: string; price: number; days?: number | undefined; requestId: string }): Promise<ListingView> {
    return this.cloud.cloud('POST', BOX_ROUTES.listings, {
      body: { request_id: input.requestId, owned_id: input.ownedId, price: input.price, ...(input.days !== undefined ? { days: input.days } : {}) },
    });
  }

  cancel(listingId: string): Promise<ListingView> {
    return this.cloud.cloud('POST', route(BOX_ROUTES.listingCancel, listingId), { body: {} });
  }

  buy(input: { listingId: string; requestId: string }): Promise<TradeView> {
    return this.cloud.cloud('POST', route(BOX_ROUTES.listingBuy, input.listingId), { body: { request_id: input.requestId } });
  }

  /** The published head, and the latest signed digest with its Ed25519 signature checked against the published key. */
  async auditHead(): Promise<AuditHeadResult> {
    const [head, digests, key] = await Promise.all([
      this.cloud.cloud<AuditHeadView>('GET', BOX_ROUTES.auditHead),
      this.cloud.cloud<AuditDigestView[] | { digests: AuditDigestView[] }>('GET', BOX_ROUTES.auditDigests),
      this.cloud.cloud<{ public_key: string }>('GET', BOX_ROUTES.auditKey),
    ]);
    const list = Array.isArray(digests) ? digests : digests.digests;
    const latest = [...list].sort((a, b) => b.seq - a.seq || b.day.localeCompare(a.day))[0];
    return {
      seq: head.seq,
      hash: head.hash,
      at: head.at,
      digest: latest ? { day: latest.day, seq: latest.seq, hash: latest.hash, signatureValid: digestSignatureValid(latest, key.public_key) } : null,
    };
  }
}
