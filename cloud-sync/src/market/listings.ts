import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ListingView } from '../../../src/shared/boxes/wire.js';
import { BOX_LIMITS } from '../../../src/shared/boxes/wire.js';
import { marketFee } from '../../../src/shared/pricing.js';
import { appendAudit } from '../audit/chain.js';
import type { Clock } from '../clock.js';
import type { DbHandle } from '../db/connect.js';
import { constraintKind, transact } from '../db/connect.js';
import type { Database } from '../db/schema.js';
import { ApiError, idempotencyConflict } from '../errors.js';
import { listingRows, listingView } from './views.js';

type Tx = Kysely<Database>;

const DAY_MS = 86_400_000;
/** Expired listings ended per sweep run (the rest wait for the next run or read). */
export const EXPIRY_BATCH = 500;
/** The most listings one GET answers. */
export const LISTINGS_PAGE = 200;

export interface CreateListing {
  request_id: string;
  owned_id: string;
  price: number;
  days?: number | undefined;
}

/**
 * Listing, canceling and expiring: the seller's item moves owned → listed → owned (or sold, by a
 * trade), each change in one transaction with its audit entry appended last.
 */
export class Listings {
  constructor(
    private readonly h: DbHandle,
    private readonly clock: Clock,
  ) {}

  async view(id: string, viewer: string): Promise<ListingView> {
    const row = await listingRows(this.h.db).where('l.id', '=', id).executeTakeFirst();
    if (!row) throw new ApiError(404, 'LISTING_NOT_FOUND', `no listing ${id}`);
    return listingView(row, viewer);
  }

  /** Idempotent per (seller, request_id): a retry answers the listing the first call made. */
  async create(seller: string, body: CreateListing): Promise<ListingView> {
    const prior = await this.byRequest(seller, body.request_id);
    if (prior) return this.sameRequest(prior, body, seller);
    const id = randomUUID();
    try {
      await transact(this.h, async (tx) => {
        const now = this.clock.now();
        // An item asked for delivery is not in hand either (docs/blind-boxes.md "Deliveries"); the
        // condition is on this row, which a delivery request changes too, so only one of them wins.
        const moved = await tx
          .updateTable('box_owned')
          .set({ status: 'listed', updated_at: now })
          .where('id', '=', body.owned_id)
          .where('user_id', '=', seller)
          .where('status', '=', 'owned')
          .where('delivery_id', 'is', null)
          .executeTakeFirst();
        if (Number(moved.numUpdatedRows) === 0) {
          const owned = await tx.selectFrom('box_owned').select(['status', 'delivery_id']).where('id', '=', body.owned_id).where('user_id', '=', seller).executeTakeFirst();
          if (!owned) throw new ApiError(404, 'ITEM_NOT_FOUND', `no item ${body.owned_id} in your collection`);
          throw new ApiError(409, 'ITEM_NOT_AVAILABLE', owned.delivery_id ? 'the item is requested for delivery' : `the item is ${owned.status}, not in hand`);
        }
        const item = await tx.selectFrom('box_owned').select(['item_id', 'series_id']).where('id', '=', body.owned_id).executeTakeFirstOrThrow();
        const price = body.price;
        const fee = marketFee(price);
        const expiresAt = now + Math.min(body.days ?? BOX_LIMITS.listingMaxDays, BOX_LIMITS.listingMaxDays) * DAY_MS;
        await tx.insertInto('box_listings').values({ id, seller_id: seller, owned_id: body.owned_id, request_id: body.request_id, price, fee, status: 'listed', expires_at: expiresAt, created_at: now, closed_at: null }).execute();
        await appendAudit(tx, this.h.dialect, { kind: 'listing.created', ref: `listing:${id}`, actor: seller, payload: { owned_id: body.owned_id, item_id: item.item_id, series_id: item.series_id, price, fee, expires_at: expiresAt } }, now);
      });
    } catch (err) {
      // The same request racing itself: the one that lost finds the winner's listing.
      const again = await this.byRequest(seller, body.request_id);
      if (again && (err instanceof ApiError || constraintKind(err) === 'unique')) return this.sameRequest(again, body, seller);
      throw err;
    }
    return this.view(id, seller);
  }

  /** The seller takes the item back; canceling a canceled listing answers it again. */
  async cancel(seller: string, id: string): Promise<ListingView> {
    await transact(this.h, async (tx) => {
      const l = await tx.selectFrom('box_listings').select(['seller_id', 'owned_id', 'status']).where('id', '=', id).executeTakeFirst();
      if (!l) throw new ApiError(404, 'LISTING_NOT_FOUND', `no listing ${id}`);
      if (l.seller_id !== seller) throw new ApiError(403, 'FORBIDDEN', 'only the seller can cancel a listing');
      if (l.status === 'canceled') return;
      const now = this.clock.now();
      if (!(await this.close(tx, id, l.owned_id, 'canceled', now, false))) throw new ApiError(409, 'LISTING_NOT_AVAILABLE', `the listing is ${l.status}`);
      await appendAudit(tx, this.h.dialect, { kind: 'listing.canceled', ref: `listing:${id}`, actor: seller, payload: { owned_id: l.owned_id } }, now);
    });
    return this.view(id, seller);
  }

  /** Live listings (optionally of one series), or all of the viewer's own (`mine`), newest first. Ends expired ones first. */
  async list(viewer: string, q: { series_id?: string | undefined; mine?: boolean | undefined }): Promise<ListingView[]> {
    await this.expireDue();
    const now = this.clock.now();
    const rows = await listingRows(this.h.db)
      .$if(q.mine === true, (qb) => qb.where('l.seller_id', '=', viewer))
      .$if(q.mine !== true, (qb) => qb.where('l.status', '=', 'listed').where('l.expires_at', '>', now))
      .$if(q.series_id !== undefined, (qb) => qb.where('o.series_id', '=', q.series_id ?? ''))
      .orderBy('l.created_at', 'desc')
      .orderBy('l.id')
      .limit(LISTINGS_PAGE)
      .execute();
    return rows.map((r) => listingView(r, viewer));
  }

  /** Ends listings past their expiry: each expired, its item back in the seller's hand, one audit entry each. */
  async expireDue(): Promise<number> {
    const due = await this.h.db.selectFrom('box_listings').select('id').where('status', '=', 'listed').where('expires_at', '<=', this.clock.now()).orderBy('expires_at').limit(EXPIRY_BATCH).execute();
    let n = 0;
    for (const { id } of due) if (await this.expire(id)) n++;
    return n;
  }

  /** Expires one listing if it is still listed and past its time; false when something else ended it first. */
  async expire(id: string): Promise<boolean> {
    return transact(this.h, async (tx) => {
      const now = this.clock.now();
      const l = await tx.selectFrom('box_listings').select(['owned_id', 'seller_id']).where('id', '=', id).executeTakeFirst();
      if (!l || !(await this.close(tx, id, l.owned_id, 'expired', now, true))) return false;
      await appendAudit(tx, this.h.dialect, { kind: 'listing.expired', ref: `listing:${id}`, actor: 'sweeper', payload: { owned_id: l.owned_id, seller: l.seller_id } }, now);
      return true;
    });
  }

  /** listed → canceled/expired (a conditional update, so it cannot undo a sale) and the item back to owned. */
  private async close(tx: Tx, id: string, ownedId: string, status: 'canceled' | 'expired', now: number, onlyIfDue: boolean): Promise<boolean> {
    const r = await tx
      .updateTable('box_listings')
      .set({ status, closed_at: now })
      .where('id', '=', id)
      .where('status', '=', 'listed')
      .$if(onlyIfDue, (qb) => qb.where('expires_at', '<=', now))
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) return false;
    await tx.updateTable('box_owned').set({ status: 'owned', updated_at: now }).where('id', '=', ownedId).where('status', '=', 'listed').execute();
    return true;
  }

  private byRequest(seller: string, requestId: string) {
    return this.h.db.selectFrom('box_listings').select(['id', 'owned_id', 'price']).where('seller_id', '=', seller).where('request_id', '=', requestId).executeTakeFirst();
  }

  private sameRequest(prior: { id: string; owned_id: string; price: number }, body: CreateListing, seller: string): Promise<ListingView> {
    if (prior.owned_id !== body.owned_id || Number(prior.price) !== body.price) throw idempotencyConflict(body.request_id);
    return this.view(prior.id, seller);
  }
}
