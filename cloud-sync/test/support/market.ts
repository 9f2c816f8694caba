import { randomUUID } from 'node:crypto';
import type { DbHandle } from '../../src/db/connect.js';
import type { Ledger } from '../../src/ledger/service.js';

/**
 * Blind-box rows written straight to the database for the market's tests (an open series with two
 * items, and items in a user's collection as an opening would leave them), so these tests do not
 * depend on the series API.
 */
export async function seedSeries(h: DbHandle, creatorId: string, now: number): Promise<{ seriesId: string; itemIds: string[] }> {
  const seriesId = randomUUID();
  await h.db
    .insertInto('box_series')
    .values({ id: seriesId, creator_id: creatorId, title: 'Test figures', description: 'market fixture', status: 'open', price: 10, daily_limit: 10, starts_at: now, ends_at: null, guarantee_after: null, guarantee_tier: null, created_at: now, updated_at: now, opened_at: now, closed_at: null })
    .execute();
  const itemIds = [randomUUID(), randomUUID()];
  await h.db
    .insertInto('box_items')
    .values(
      itemIds.map((id, position) => ({
        id,
        series_id: seriesId,
        position,
        name: position === 0 ? 'Regular cat' : 'Secret cat',
        tier: position === 0 ? ('regular' as const) : ('secret' as const),
        odds_ppm: position === 0 ? 990_000 : 10_000,
        stock: null,
        remaining: null,
        character_id: null,
        character_name: null,
        image_type: null,
        image: null,
        pack_name: null,
        pack_bytes: null,
        pack_sha256: null,
      })),
    )
    .execute();
  return { seriesId, itemIds };
}

/** An item in `userId`'s collection (status owned), as if they had opened it. */
export async function giveItem(h: DbHandle, userId: string, seriesId: string, itemId: string, now: number): Promise<string> {
  const id = randomUUID();
  await h.db.insertInto('box_owned').values({ id, user_id: userId, series_id: seriesId, item_id: itemId, status: 'owned', source_kind: 'opening', source_id: randomUUID(), acquired_at: now, updated_at: now }).execute();
  return id;
}

/** PAID credits for a buyer (never expire, so the test clock can move days ahead). */
export async function fund(ledger: Ledger, userId: string, amount: number): Promise<void> {
  await ledger.grant({ id: randomUUID(), user_id: userId, bucket: 'PAID', amount, reason: 'test funds' }, 'test');
}

export async function ownedStatus(h: DbHandle, id: string): Promise<string | undefined> {
  return (await h.db.selectFrom('box_owned').select('status').where('id', '=', id).executeTakeFirst())?.status;
}
