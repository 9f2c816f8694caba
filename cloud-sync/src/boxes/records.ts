import { createHmac } from 'node:crypto';
import type { BuyerExport, OpeningView, OwnedItemView, ProofView } from '../../../src/shared/boxes/wire.js';
import type { Clock } from '../clock.js';
import type { DbHandle } from '../db/connect.js';
import { ApiError } from '../errors.js';
import type { Hasher } from '../fraud/hash.js';
import type { DeliveryService } from './deliveries.js';
import { imageUrl, readOpenings } from './views.js';

/**
 * What buyers and the public read back (issue 18): a buyer's openings, collection and export of
 * everything bought, and the public proofs of a series — every opening's draw inputs and item,
 * with the buyer as a pseudonym that is stable within the series only.
 */
export class BoxRecords {
  constructor(
    private readonly h: DbHandle,
    private readonly clock: Clock,
    private readonly hasher: Hasher,
    private readonly deliveries: DeliveryService,
  ) {}

  openings(userId: string, seriesId: string | null): Promise<OpeningView[]> {
    return readOpenings(this.h.db, { userId, ...(seriesId ? { seriesId } : {}) });
  }

  async opening(userId: string, id: string): Promise<OpeningView> {
    const [o] = await readOpenings(this.h.db, { userId, openingId: id });
    if (!o) throw new ApiError(404, 'OPENING_NOT_FOUND', `no opening ${id}`);
    return o;
  }

  /** Every opening of a series, oldest first, for anyone to recompute once its seed is revealed. */
  async proofs(seriesId: string): Promise<ProofView[]> {
    const s = await this.h.db.selectFrom('box_series').select('status').where('id', '=', seriesId).executeTakeFirst();
    if (!s || s.status === 'draft') throw new ApiError(404, 'SERIES_NOT_FOUND', `no series ${seriesId}`);
    const rows = await this.h.db
      .selectFrom('box_openings')
      .select(['id', 'user_id', 'seed_id', 'client_seed', 'nonce', 'guaranteed', 'item_id', 'outcome', 'created_at'])
      .where('series_id', '=', seriesId)
      .orderBy('created_at')
      .orderBy('nonce')
      .orderBy('id')
      .execute();
    // A key per series: a buyer's pseudonyms in two series cannot be linked to each other.
    const key = this.hasher.hash('box-buyer-pseudonym', seriesId);
    const names = new Map<string, string>();
    const pseudonym = (userId: string): string => {
      let n = names.get(userId);
      if (!n) names.set(userId, (n = createHmac('sha256', key).update(userId).digest('hex').slice(0, 16)));
      return n;
    };
    return rows.map((r) => ({
      opening_id: r.id,
      seed_id: r.seed_id,
      client_seed: r.client_seed,
      nonce: Number(r.nonce),
      guaranteed: Number(r.guaranteed) === 1,
      item_id: r.item_id,
      outcome: r.outcome,
      buyer: pseudonym(r.user_id),
      created_at: Number(r.created_at),
    }));
  }

  /** The items the buyer holds (owned, or on the market). */
  async collection(userId: string): Promise<OwnedItemView[]> {
    const rows = await this.h.db
      .selectFrom('box_owned as o')
      .innerJoin('box_items as i', 'i.id', 'o.item_id')
      .innerJoin('box_series as s', 's.id', 'o.series_id')
      .leftJoin('box_deliveries as d', 'd.id', 'o.delivery_id')
      .select(['o.id', 'o.series_id', 's.title', 'o.item_id', 'i.name', 'i.tier', 'i.stock', 'o.status', 'o.source_kind', 'o.source_id', 'o.acquired_at', 'd.id as delivery_id', 'd.status as delivery_status'])
      .select((eb) => eb.case().when('i.image', 'is not', null).then(1).else(0).end().as('has_image'))
      .where('o.user_id', '=', userId)
      .where('o.status', 'in', ['owned', 'listed'])
      .orderBy('o.acquired_at', 'desc')
      .orderBy('o.id')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      series_id: r.series_id,
      series_title: r.title,
      item_id: r.item_id,
      item_name: r.name,
      tier: r.tier,
      image_url: Number(r.has_image) ? imageUrl(r.item_id) : null,
      status: r.status,
      source: { kind: r.source_kind, id: r.source_id },
      acquired_at: Number(r.acquired_at),
      physical: r.stock !== null,
      delivery: r.delivery_id && r.delivery_status ? { id: r.delivery_id, status: r.delivery_status } : null,
    }));
  }

  /** Everything the buyer opened, traded and had delivered, as JSON. */
  async export(userId: string): Promise<BuyerExport> {
    const trades = await this.h.db
      .selectFrom('box_trades as t')
      .innerJoin('box_listings as l', 'l.id', 't.listing_id')
      .innerJoin('box_owned as o', 'o.id', 'l.owned_id')
      .innerJoin('box_items as i', 'i.id', 'o.item_id')
      .innerJoin('box_series as s', 's.id', 'o.series_id')
      .select(['t.id', 't.listing_id', 't.price', 't.fee', 't.owned_id', 't.created_at', 't.buyer_id', 'i.name', 's.title'])
      .where((eb) => eb.or([eb('t.buyer_id', '=', userId), eb('t.seller_id', '=', userId)]))
      .orderBy('t.created_at')
      .orderBy('t.id')
      .execute();
    return {
      user_id: userId,
      exported_at: this.clock.now(),
      openings: await this.openings(userId, null),
      trades: trades.map((t) => ({
        id: t.id,
        listing_id: t.listing_id,
        price: Number(t.price),
        fee: Number(t.fee),
        owned_id: t.owned_id,
        created_at: Number(t.created_at),
        side: t.buyer_id === userId ? ('buyer' as const) : ('seller' as const),
        item_name: t.name,
        series_title: t.title,
      })),
      deliveries: await this.deliveries.mine(userId),
    };
  }
}

const CSV_HEADER = ['record', 'id', 'time_utc', 'series', 'item', 'tier_or_side', 'outcome', 'credits', 'fee', 'seed_commitment', 'server_seed', 'client_seed', 'nonce', 'guaranteed'];

/** The export as one CSV table: a row per opening, a row per trade, then a row per delivery (RFC 4180 quoting). */
export function exportCsv(e: BuyerExport): string {
  const rows: (string | number | boolean | null)[][] = [CSV_HEADER];
  for (const o of e.openings)
    rows.push(['opening', o.id, new Date(o.created_at).toISOString(), o.series_id, o.item_name, o.tier, o.outcome, o.credits, 0, o.commitment, o.server_seed, o.client_seed, o.nonce, o.guaranteed]);
  for (const t of e.trades) rows.push(['trade', t.id, new Date(t.created_at).toISOString(), t.series_title, t.item_name, t.side, 'traded', t.price, t.fee, null, null, null, null, null]);
  for (const d of e.deliveries) rows.push(['delivery', d.id, new Date(d.requested_at).toISOString(), d.series_title, d.item_name, null, d.status, null, null, null, null, null, null, null]);
  return `${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

function csvCell(v: string | number | boolean | null): string {
  if (v === null) return '';
  const s = String(v);
  // A leading = + - @ would run as a formula in a spreadsheet.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
