import type { Kysely } from 'kysely';
import type { ListingView, TradeView } from '../../../src/shared/boxes/wire.js';
import { BOX_ROUTES } from '../../../src/shared/boxes/wire.js';
import type { Database } from '../db/schema.js';
import type { BoxTradesTable } from '../boxes/tables.js';
import { refereeName } from '../referrals/mask.js';

/** Listings with what a buyer sees of them: the item, its series and tier, its image's address. */
export function listingRows(db: Kysely<Database>) {
  return db
    .selectFrom('box_listings as l')
    .innerJoin('box_owned as o', 'o.id', 'l.owned_id')
    .innerJoin('box_items as i', 'i.id', 'o.item_id')
    .innerJoin('box_series as s', 's.id', 'o.series_id')
    .innerJoin('users as u', 'u.id', 'l.seller_id')
    .select([
      'u.nickname as seller_nickname',
      'u.email as seller_email',
      'u.phone as seller_phone',
      'l.id',
      'l.owned_id',
      'l.seller_id',
      'l.price',
      'l.fee',
      'l.status',
      'l.expires_at',
      'l.created_at',
      'o.series_id',
      's.title as series_title',
      'o.item_id',
      'i.name as item_name',
      'i.tier',
      'i.image_type',
    ]);
}

type ListingRow = Awaited<ReturnType<ReturnType<typeof listingRows>['executeTakeFirstOrThrow']>>;

export function listingView(r: ListingRow, viewer: string): ListingView {
  return {
    id: r.id,
    owned_id: r.owned_id,
    series_id: r.series_id,
    series_title: r.series_title,
    item_id: r.item_id,
    item_name: r.item_name,
    tier: r.tier,
    image_url: r.image_type ? BOX_ROUTES.itemImage.replace(':id', r.item_id) : null,
    price: Number(r.price),
    fee: Number(r.fee),
    // Buyers see who sells as the referral pages show people: a nickname, or a masked address — never an account id.
    seller: refereeName({ nickname: r.seller_nickname, email: r.seller_email, phone: r.seller_phone }),
    mine: r.seller_id === viewer,
    status: r.status,
    expires_at: Number(r.expires_at),
    created_at: Number(r.created_at),
  };
}

export function tradeView(t: Pick<BoxTradesTable, 'id' | 'listing_id' | 'price' | 'fee' | 'owned_id' | 'created_at'>): TradeView {
  return { id: t.id, listing_id: t.listing_id, price: Number(t.price), fee: Number(t.fee), owned_id: t.owned_id, created_at: Number(t.created_at) };
}
