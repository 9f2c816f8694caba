import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DeliveryAddress, DeliveryView, Shipment } from '../../../src/shared/boxes/delivery.js';
import { appendAudit } from '../audit/chain.js';
import type { Clock } from '../clock.js';
import type { DbHandle } from '../db/connect.js';
import { constraintKind, transact } from '../db/connect.js';
import type { Database } from '../db/schema.js';
import { ApiError, idempotencyConflict } from '../errors.js';
import { refereeName } from '../referrals/mask.js';
import type { AddressSeal, SealedAddress } from './address-seal.js';

type Tx = Kysely<Database>;

/** The most deliveries one list answers (newest first). */
export const DELIVERIES_PAGE = 500;

const notFound = (id: string): ApiError => new ApiError(404, 'DELIVERY_NOT_FOUND', `no delivery ${id}`);

function deliveryRows(db: Tx) {
  return db
    .selectFrom('box_deliveries as d')
    .innerJoin('box_items as i', 'i.id', 'd.item_id')
    .innerJoin('box_series as s', 's.id', 'd.series_id')
    .innerJoin('users as u', 'u.id', 'd.user_id')
    .selectAll('d')
    .select(['i.name as item_name', 's.title as series_title', 'u.nickname', 'u.email', 'u.phone as user_phone']);
}

type Row = Awaited<ReturnType<ReturnType<typeof deliveryRows>['executeTakeFirstOrThrow']>>;

function deliveryView(r: Row, viewer: string, address: DeliveryAddress): DeliveryView {
  const time = (v: number | null): number | null => (v === null ? null : Number(v));
  return {
    id: r.id,
    owned_id: r.owned_id,
    series_id: r.series_id,
    series_title: r.series_title,
    item_id: r.item_id,
    item_name: r.item_name,
    buyer: refereeName({ nickname: r.nickname, email: r.email, phone: r.user_phone }),
    status: r.status,
    address,
    carrier: r.carrier,
    tracking_number: r.tracking_number,
    requested_at: Number(r.requested_at),
    shipped_at: time(r.shipped_at),
    delivered_at: time(r.delivered_at),
    cancelled_at: time(r.cancelled_at),
    mine: r.user_id === viewer,
  };
}

/**
 * Delivery records of physical figures (docs/blind-boxes.md "Deliveries"): the buyer asks for an
 * owned physical item to be shipped; the series' creator marks it shipped; the buyer confirms it
 * arrived; either may cancel while it is only requested. The request and a market listing both
 * change the item's own row with a condition on it (`status = 'owned' and delivery_id is null`),
 * so of the two racing exactly one wins. Each change appends its audit entry last in its
 * transaction; the address stays out of the (permanent, published) log, and in the table it is
 * sealed (AddressSeal): opened only in the answers to the buyer and the series' creator.
 */
export class DeliveryService {
  constructor(
    private readonly h: DbHandle,
    private readonly clock: Clock,
    private readonly seal: AddressSeal,
  ) {}

  /** Idempotent per (buyer, request_id). */
  async request(userId: string, body: { request_id: string; owned_id: string; address: DeliveryAddress }): Promise<DeliveryView> {
    const prior = await this.byRequest(userId, body.request_id);
    if (prior) return this.sameRequest(prior, body.owned_id, body.request_id, userId);
    const id = randomUUID();
    try {
      await transact(this.h, async (tx) => {
        const now = this.clock.now();
        const item = await tx
          .selectFrom('box_owned as o')
          .innerJoin('box_items as i', 'i.id', 'o.item_id')
          .innerJoin('box_series as s', 's.id', 'o.series_id')
          .select(['o.status', 'o.delivery_id', 'o.series_id', 'o.item_id', 'i.stock', 's.creator_id'])
          .where('o.id', '=', body.owned_id)
          .where('o.user_id', '=', userId)
          .executeTakeFirst();
        if (!item) throw new ApiError(404, 'ITEM_NOT_FOUND', `no item ${body.owned_id} in your collection`);
        if (item.stock === null) throw new ApiError(409, 'ITEM_NOT_PHYSICAL', 'a digital item has nothing to ship');
        // The condition on the row itself: a listing (or another request) that changed it first wins.
        const taken = await tx
          .updateTable('box_owned')
          .set({ delivery_id: id, updated_at: now })
          .where('id', '=', body.owned_id)
          .where('user_id', '=', userId)
          .where('status', '=', 'owned')
          .where('delivery_id', 'is', null)
          .executeTakeFirst();
        if (Number(taken.numUpdatedRows) === 0) throw new ApiError(409, 'ITEM_NOT_AVAILABLE', item.delivery_id ? 'the item already has a delivery' : `the item is ${item.status}, not in hand`);
        const sealed = this.seal.seal(id, body.address);
        await tx
          .insertInto('box_deliveries')
          .values({ id, owned_id: body.owned_id, user_id: userId, creator_id: item.creator_id, series_id: item.series_id, item_id: item.item_id, request_id: body.request_id, status: 'requested', ...sealed, requested_at: now })
          .execute();
        await appendAudit(tx, this.h.dialect, { kind: 'delivery.requested', ref: `delivery:${id}`, actor: userId, payload: { owned_id: body.owned_id, item_id: item.item_id, series_id: item.series_id, country: sealed.country } }, now);
      });
    } catch (err) {
      // The same request racing itself: the one that lost finds the winner's delivery.
      const again = await this.byRequest(userId, body.request_id);
      if (again && (err instanceof ApiError || constraintKind(err) === 'unique')) return this.sameRequest(again, body.owned_id, body.request_id, userId);
      throw err;
    }
    return this.view(id, userId);
  }

  /** requested → shipped, by the series' creator, with the carrier and tracking number. */
  async ship(creatorId: string, id: string, s: Shipment): Promise<DeliveryView> {
    await transact(this.h, async (tx) => {
      const d = await this.involved(tx, id, creatorId);
      if (d.creator_id !== creatorId) throw new ApiError(403, 'FORBIDDEN', 'only the series’ creator marks a delivery shipped');
      const now = this.clock.now();
      await this.move(tx, id, d, 'requested', { status: 'shipped', carrier: s.carrier, tracking_number: s.tracking_number, shipped_at: now });
      await appendAudit(tx, this.h.dialect, { kind: 'delivery.shipped', ref: `delivery:${id}`, actor: creatorId, payload: { owned_id: d.owned_id, carrier: s.carrier, tracking_number: s.tracking_number } }, now);
    });
    return this.view(id, creatorId);
  }

  /** shipped → delivered, confirmed by the buyer. */
  async received(userId: string, id: string): Promise<DeliveryView> {
    await transact(this.h, async (tx) => {
      const d = await this.involved(tx, id, userId);
      if (d.user_id !== userId) throw new ApiError(403, 'FORBIDDEN', 'only the buyer confirms a delivery arrived');
      const now = this.clock.now();
      await this.move(tx, id, d, 'shipped', { status: 'delivered', delivered_at: now });
      await appendAudit(tx, this.h.dialect, { kind: 'delivery.delivered', ref: `delivery:${id}`, actor: userId, payload: { owned_id: d.owned_id } }, now);
    });
    return this.view(id, userId);
  }

  /** requested → cancelled, by the buyer or the creator: the item is back in the buyer's hand (it may be listed again). */
  async cancel(actor: string, id: string): Promise<DeliveryView> {
    await transact(this.h, async (tx) => {
      const d = await this.involved(tx, id, actor);
      const now = this.clock.now();
      await this.move(tx, id, d, 'requested', { status: 'cancelled', cancelled_at: now, cancelled_by: actor });
      await tx.updateTable('box_owned').set({ delivery_id: null, updated_at: now }).where('id', '=', d.owned_id).where('delivery_id', '=', id).execute();
      await appendAudit(tx, this.h.dialect, { kind: 'delivery.cancelled', ref: `delivery:${id}`, actor, payload: { owned_id: d.owned_id, by: actor === d.user_id ? 'buyer' : 'creator' } }, now);
    });
    return this.view(id, actor);
  }

  /** The buyer's deliveries, newest first, every status. */
  async mine(userId: string): Promise<DeliveryView[]> {
    const rows = await deliveryRows(this.h.db).where('d.user_id', '=', userId).orderBy('d.requested_at', 'desc').orderBy('d.id').limit(DELIVERIES_PAGE).execute();
    return rows.map((r) => deliveryView(r, userId, this.seal.open(r.id, r)));
  }

  /** The deliveries of one series, for its creator only. */
  async forSeries(creatorId: string, seriesId: string): Promise<DeliveryView[]> {
    const s = await this.h.db.selectFrom('box_series').select('creator_id').where('id', '=', seriesId).executeTakeFirst();
    if (!s) throw new ApiError(404, 'SERIES_NOT_FOUND', `no series ${seriesId}`);
    if (s.creator_id !== creatorId) throw new ApiError(403, 'FORBIDDEN', 'only the series’ creator sees its deliveries');
    const rows = await deliveryRows(this.h.db).where('d.series_id', '=', seriesId).orderBy('d.requested_at', 'desc').orderBy('d.id').limit(DELIVERIES_PAGE).execute();
    return rows.map((r) => deliveryView(r, creatorId, this.seal.open(r.id, r)));
  }

  async view(id: string, viewer: string): Promise<DeliveryView> {
    const row = await deliveryRows(this.h.db).where('d.id', '=', id).executeTakeFirst();
    if (!row || (row.user_id !== viewer && row.creator_id !== viewer)) throw notFound(id);
    return deliveryView(row, viewer, this.seal.open(id, row));
  }

  /** The delivery, to its buyer or its series' creator; to anyone else it does not exist. */
  private async involved(tx: Tx, id: string, who: string) {
    const d = await tx.selectFrom('box_deliveries').select(['user_id', 'creator_id', 'owned_id', 'status', 'country', 'key_id', 'address_ct']).where('id', '=', id).executeTakeFirst();
    if (!d || (d.user_id !== who && d.creator_id !== who)) throw notFound(id);
    return d;
  }

  /**
   * A conditional status change: only from `from`, so two racing changes cannot both apply. An
   * address sealed with a key that is no longer the current one is sealed again with it on the way
   * (as the vault re-encrypts a token on refresh), so an old key can be retired.
   */
  private async move(tx: Tx, id: string, d: SealedAddress, from: 'requested' | 'shipped', set: Partial<Pick<Row, 'status' | 'carrier' | 'tracking_number' | 'shipped_at' | 'delivered_at' | 'cancelled_at' | 'cancelled_by'>>): Promise<void> {
    const r = await tx
      .updateTable('box_deliveries')
      .set({ ...set, ...this.seal.reseal(id, d) })
      .where('id', '=', id)
      .where('status', '=', from)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) throw new ApiError(409, 'DELIVERY_NOT_AVAILABLE', `the delivery is not ${from}`);
  }

  private byRequest(userId: string, requestId: string) {
    return this.h.db.selectFrom('box_deliveries').select(['id', 'owned_id']).where('user_id', '=', userId).where('request_id', '=', requestId).executeTakeFirst();
  }

  private sameRequest(prior: { id: string; owned_id: string }, ownedId: string, requestId: string, userId: string): Promise<DeliveryView> {
    if (prior.owned_id !== ownedId) throw idempotencyConflict(requestId);
    return this.view(prior.id, userId);
  }
}
