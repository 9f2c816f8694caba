import { createHash, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { ODDS_SCALE, tierAtLeast } from '../../../src/shared/boxes/fair.js';
import type { SeriesView } from '../../../src/shared/boxes/wire.js';
import { appendAudit } from '../audit/chain.js';
import type { Clock } from '../clock.js';
import type { DbHandle } from '../db/connect.js';
import { transact } from '../db/connect.js';
import type { Database } from '../db/schema.js';
import { ApiError } from '../errors.js';
import { decodeItemImage } from './images.js';
import type { SeriesBody } from './schemas.js';
import type { SeedKeeper } from './seeds.js';
import type { BoxSeriesTable } from './tables.js';
import { seriesView } from './views.js';

type Tx = Kysely<Database>;

/**
 * Blind-box series (issue 18): a creator drafts and edits a series; opening it commits the first
 * server seed and freezes its items and odds for good (a new version is a new series); closing
 * reveals the seed; rotating reveals the active seed and commits a new one. Every change appends
 * to the audit log in the transaction that makes it, as its last statement.
 */
export class SeriesService {
  constructor(
    private readonly h: DbHandle,
    private readonly clock: Clock,
    private readonly seeds: SeedKeeper,
  ) {}

  async create(creatorId: string, body: SeriesBody): Promise<SeriesView> {
    const items = prepareItems(body);
    const id = randomUUID();
    const now = this.clock.now();
    await transact(this.h, async (tx) => {
      await tx
        .insertInto('box_series')
        .values({ id, creator_id: creatorId, status: 'draft', ...seriesColumns(body), created_at: now, updated_at: now, opened_at: null, closed_at: null })
        .execute();
      await insertItems(tx, id, items);
      await appendAudit(tx, this.h.dialect, { kind: 'series.created', ref: `series:${id}`, actor: creatorId, payload: seriesFacts(body, items) }, now);
    });
    return this.view(id, creatorId);
  }

  async update(creatorId: string, id: string, body: SeriesBody): Promise<SeriesView> {
    const items = prepareItems(body);
    const now = this.clock.now();
    await transact(this.h, async (tx) => {
      const s = await this.lockSeries(tx, id, creatorId);
      if (s.status !== 'draft') throw new ApiError(409, 'SERIES_NOT_EDITABLE', `series ${id} is ${s.status}: its items and odds are frozen (a new version is a new series)`);
      await tx.deleteFrom('box_items').where('series_id', '=', id).execute();
      await insertItems(tx, id, items);
      await tx.updateTable('box_series').set({ ...seriesColumns(body), updated_at: now }).where('id', '=', id).execute();
      await appendAudit(tx, this.h.dialect, { kind: 'series.updated', ref: `series:${id}`, actor: creatorId, payload: seriesFacts(body, items) }, now);
    });
    return this.view(id, creatorId);
  }

  /** Commits the first seed (its SHA-256 is published from now on) and puts the series on sale from starts_at. */
  async open(creatorId: string, id: string): Promise<SeriesView> {
    const now = this.clock.now();
    await transact(this.h, async (tx) => {
      const s = await this.lockSeries(tx, id, creatorId);
      if (s.status !== 'draft') throw new ApiError(409, 'SERIES_NOT_EDITABLE', `series ${id} is already ${s.status}`);
      const seed = await this.commitSeed(tx, id, now);
      await tx.updateTable('box_series').set({ status: 'open', opened_at: now, updated_at: now }).where('id', '=', id).execute();
      const items = await tx.selectFrom('box_items').select(['id', 'position', 'name', 'tier', 'odds_ppm', 'stock']).where('series_id', '=', id).orderBy('position').execute();
      await appendAudit(tx, this.h.dialect, { kind: 'series.opened', ref: `series:${id}`, actor: creatorId, payload: { seed_id: seed.id, commitment: seed.commitment, items: items.map((i) => ({ ...i, stock: i.stock === null ? null : Number(i.stock) })) } }, now);
    });
    return this.view(id, creatorId);
  }

  /** Ends sales for good and reveals the active seed: every opening of the series can then be recomputed. */
  async close(creatorId: string, id: string): Promise<SeriesView> {
    const now = this.clock.now();
    await transact(this.h, async (tx) => {
      const s = await this.lockSeries(tx, id, creatorId);
      if (s.status !== 'open') throw new ApiError(409, 'SERIES_NOT_ON_SALE', `series ${id} is ${s.status}`);
      const revealed = await this.revealActive(tx, id, now);
      await tx.updateTable('box_series').set({ status: 'closed', closed_at: now, updated_at: now }).where('id', '=', id).execute();
      await appendAudit(tx, this.h.dialect, { kind: 'series.closed', ref: `series:${id}`, actor: creatorId, payload: { revealed } }, now);
    });
    return this.view(id, creatorId);
  }

  /** Reveals the active seed (its openings can be verified now) and commits a new one for the next openings. */
  async rotate(creatorId: string, id: string): Promise<SeriesView> {
    const now = this.clock.now();
    await transact(this.h, async (tx) => {
      const s = await this.lockSeries(tx, id, creatorId);
      if (s.status !== 'open') throw new ApiError(409, 'SERIES_NOT_ON_SALE', `series ${id} is ${s.status}`);
      const revealed = await this.revealActive(tx, id, now);
      const committed = await this.commitSeed(tx, id, now);
      await tx.updateTable('box_series').set({ updated_at: now }).where('id', '=', id).execute();
      await appendAudit(tx, this.h.dialect, { kind: 'seed.rotated', ref: `series:${id}`, actor: creatorId, payload: { revealed, committed: { seed_id: committed.id, commitment: committed.commitment } } }, now);
    });
    return this.view(id, creatorId);
  }

  /** One series; a draft only to its creator. */
  async get(id: string, viewer: string | null): Promise<SeriesView> {
    const s = await this.h.db.selectFrom('box_series').selectAll().where('id', '=', id).executeTakeFirst();
    if (!s || (s.status === 'draft' && s.creator_id !== viewer)) throw new ApiError(404, 'SERIES_NOT_FOUND', `no series ${id}`);
    return seriesView(this.h.db, s, viewer, this.clock.now());
  }

  /** `shop`: series on sale now (open, within their window); `mine`: the creator's own, drafts included. */
  async list(scope: 'shop' | 'mine', viewer: string | null): Promise<SeriesView[]> {
    const now = this.clock.now();
    let q = this.h.db.selectFrom('box_series').selectAll();
    if (scope === 'mine') {
      if (!viewer) throw new ApiError(401, 'UNAUTHENTICATED', 'sign in to list your own series');
      q = q.where('creator_id', '=', viewer).orderBy('created_at', 'desc');
    } else {
      q = q
        .where('status', '=', 'open')
        .where('starts_at', '<=', now)
        .where((eb) => eb.or([eb('ends_at', 'is', null), eb('ends_at', '>', now)]))
        .orderBy('opened_at', 'desc');
    }
    const rows = await q.orderBy('id').limit(200).execute();
    return Promise.all(rows.map((s) => seriesView(this.h.db, s, viewer, now)));
  }

  async image(itemId: string): Promise<{ content_type: string; data: Buffer }> {
    const r = await this.h.db
      .selectFrom('box_items as i')
      .innerJoin('box_series as s', 's.id', 'i.series_id')
      .select(['i.image_type', 'i.image', 's.status'])
      .where('i.id', '=', itemId)
      .executeTakeFirst();
    // A draft's images are the creator's until the series opens.
    if (!r || !r.image || !r.image_type || r.status === 'draft') throw new ApiError(404, 'ITEM_NOT_FOUND', `no image for item ${itemId}`);
    return { content_type: r.image_type, data: Buffer.from(r.image) };
  }

  private async view(id: string, viewer: string): Promise<SeriesView> {
    return this.get(id, viewer);
  }

  /** The series row, locked against concurrent edits, opening and closing; only its creator changes it. */
  private async lockSeries(tx: Tx, id: string, creatorId: string): Promise<BoxSeriesTable> {
    const s = await tx
      .selectFrom('box_series')
      .selectAll()
      .where('id', '=', id)
      .$if(this.h.dialect === 'postgres', (qb) => qb.forUpdate())
      .executeTakeFirst();
    if (!s || (s.status === 'draft' && s.creator_id !== creatorId)) throw new ApiError(404, 'SERIES_NOT_FOUND', `no series ${id}`);
    if (s.creator_id !== creatorId) throw new ApiError(403, 'FORBIDDEN', 'only the series’ creator may change it');
    return s;
  }

  private async commitSeed(tx: Tx, seriesId: string, now: number): Promise<{ id: string; commitment: string }> {
    const id = randomUUID();
    const seed = this.seeds.create(id);
    await tx.insertInto('box_seeds').values({ id, series_id: seriesId, seed_sealed: seed.sealed, commitment: seed.commitment, revealed_seed: null, active: 1, committed_at: now, revealed_at: null }).execute();
    return { id, commitment: seed.commitment };
  }

  /**
   * Reveals the active seed. Its row is updated, which waits for openings in flight that read it
   * (they hold it FOR SHARE on PostgreSQL; SQLite runs one writer at a time): no opening draws
   * with a seed after it is public.
   */
  private async revealActive(tx: Tx, seriesId: string, now: number): Promise<{ seed_id: string; commitment: string; server_seed: string }> {
    const active = await tx.selectFrom('box_seeds').selectAll().where('series_id', '=', seriesId).where('active', '=', 1).executeTakeFirstOrThrow();
    const serverSeed = this.seeds.unseal(active.id, active.seed_sealed).toString('hex');
    await tx.updateTable('box_seeds').set({ active: 0, revealed_seed: serverSeed, revealed_at: now }).where('id', '=', active.id).execute();
    return { seed_id: active.id, commitment: active.commitment, server_seed: serverSeed };
  }
}

interface PreparedItem {
  input: SeriesBody['items'][number];
  image: Buffer | null;
}

/** The odds must add up to exactly 100 % (1,000,000 ppm), and every image be what it says it is. */
function prepareItems(body: SeriesBody): PreparedItem[] {
  const sum = body.items.reduce((s, it) => s + it.odds_ppm, 0);
  if (sum !== ODDS_SCALE) throw new ApiError(422, 'INVALID_ODDS', `the items' odds add up to ${sum} ppm, not ${ODDS_SCALE}`, { sum });
  if (body.guarantee && !body.items.some((it) => it.odds_ppm > 0 && tierAtLeast(it.tier, body.guarantee!.tier)))
    throw new ApiError(422, 'INVALID_ODDS', `the guarantee names ${body.guarantee.tier}, but no item of that tier or better can be drawn`);
  return body.items.map((input, i) => ({ input, image: input.image ? decodeItemImage(i, input.image) : null }));
}

function seriesColumns(body: SeriesBody): Pick<BoxSeriesTable, 'title' | 'description' | 'price' | 'daily_limit' | 'starts_at' | 'ends_at' | 'guarantee_after' | 'guarantee_tier'> {
  return {
    title: body.title,
    description: body.description,
    price: body.price,
    daily_limit: body.daily_limit,
    starts_at: body.starts_at,
    ends_at: body.ends_at,
    guarantee_after: body.guarantee?.after ?? null,
    guarantee_tier: body.guarantee?.tier ?? null,
  };
}

async function insertItems(tx: Tx, seriesId: string, items: PreparedItem[]): Promise<void> {
  await tx
    .insertInto('box_items')
    .values(
      items.map(({ input: it, image }, position) => ({
        id: randomUUID(),
        series_id: seriesId,
        position,
        name: it.name,
        tier: it.tier,
        odds_ppm: it.odds_ppm,
        stock: it.stock,
        remaining: it.stock,
        character_id: it.character?.id ?? null,
        character_name: it.character?.name ?? null,
        image_type: image ? it.image!.content_type : null,
        image,
        pack_name: it.production_pack?.name ?? null,
        pack_bytes: it.production_pack?.bytes ?? null,
        pack_sha256: it.production_pack?.sha256 ?? null,
      })),
    )
    .execute();
}

/** What the audit log keeps of a series: everything a buyer is shown, images by their SHA-256. */
function seriesFacts(body: SeriesBody, items: PreparedItem[]): Record<string, unknown> {
  return {
    ...seriesColumns(body),
    items: items.map(({ input: it, image }, position) => ({
      position,
      name: it.name,
      tier: it.tier,
      odds_ppm: it.odds_ppm,
      stock: it.stock,
      character: it.character,
      image_sha256: image ? createHash('sha256').update(image).digest('hex') : null,
      production_pack: it.production_pack,
    })),
  };
}
