import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import sharp from 'sharp';
import { BOX_LIMITS, type SeriesInput, type SeriesItemInput } from '../../shared/boxes/wire.js';
import type { StudioSeriesDraft, StudioSeriesItemDraft } from '../../shared/boxes/studio.js';
import { StudioError } from '../../shared/errors.js';
import { say } from '../../shared/messages.js';
import type { MeshPackView } from '../../shared/api/mesh-contract.js';
import { percentsToPpm } from './odds.js';

/** An item image buyers see: at most this many pixels on its longer side. */
export const THUMB_MAX_PX = 512;
/** Tried in order until the WebP fits BOX_LIMITS.maxImageBytes (a busy 512 px picture rarely needs the second). */
const ENCODINGS: readonly { px: number; quality: number }[] = [
  { px: THUMB_MAX_PX, quality: 82 },
  { px: THUMB_MAX_PX, quality: 60 },
  { px: 384, quality: 60 },
  { px: 256, quality: 50 },
];

/** What turning a draft into the cloud's SeriesInput reads from the studio. */
export type DraftItemSources = Pick<StudioSeriesItemDraft, 'imageAssetId' | 'meshModelId'>;

export interface SeriesSources {
  libraryRoot: string;
  /**
   * What each item of a series was made from (library image, 3D model), by
   * position: the cloud keeps the thumbnail and pack facts, not these local
   * ids, so a draft reopened later gets its pictures back from here.
   */
  remembered: {
    get(seriesId: string): DraftItemSources[];
    set(seriesId: string, items: DraftItemSources[]): void;
  };
  asset(id: string): { name: string; kind: string; file: string };
  character(id: string): { id: string; name: string };
  meshModel(id: string): { name: string; packs: MeshPackView[] };
}

/** A ≤ 512 px WebP of a library image, re-encoded smaller until it fits the cloud's limit. */
export async function thumbnail(file: string, name: string): Promise<{ content_type: 'image/webp'; data_base64: string }> {
  for (const { px, quality } of ENCODINGS) {
    let data: Buffer;
    try {
      data = await sharp(file).rotate().resize(px, px, { fit: 'inside', withoutEnlargement: true }).webp({ quality }).toBuffer();
    } catch (err) {
      throw new StudioError({ code: 'UNSUPPORTED_TYPE', field: 'items', message: `“${name}” could not be read as an image.`, ...say('boxes.notAnImage', { name }) }, { cause: err });
    }
    if (data.length <= BOX_LIMITS.maxImageBytes) return { content_type: 'image/webp', data_base64: data.toString('base64') };
  }
  throw new StudioError({ code: 'FILE_TOO_LARGE', field: 'items', message: `“${name}” stays above ${BOX_LIMITS.maxImageBytes} bytes even at 256 px.`, ...say('boxes.imageTooLarge', { name }) });
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(fs.createReadStream(file), hash);
  return hash.digest('hex');
}

/** The newest finished production pack of a 3D model: its file name, size and SHA-256 (the file itself stays here). */
export async function packFacts(model: { name: string; packs: MeshPackView[] }, libraryRoot: string): Promise<NonNullable<SeriesItemInput['production_pack']>> {
  const pack = model.packs.find((p) => p.status === 'succeeded' && p.file);
  if (!pack?.file) {
    throw new StudioError({ code: 'CONFLICT', field: 'items', message: `The 3D model “${model.name}” has no production pack yet.`, ...say('boxes.noPack', { model: model.name }) });
  }
  const file = path.join(libraryRoot, ...pack.file.split('/'));
  let bytes: number;
  try {
    bytes = (await fs.promises.stat(file)).size;
  } catch (err) {
    throw new StudioError({ code: 'NOT_FOUND', field: 'items', message: `The production pack of “${model.name}” is no longer on disk.`, ...say('boxes.packMissing', { model: model.name }) }, { cause: err });
  }
  return { name: path.basename(file), bytes, sha256: await sha256Of(file) };
}

async function itemInput(item: StudioSeriesItemDraft, oddsPpm: number, src: SeriesSources): Promise<SeriesItemInput> {
  let image: SeriesItemInput['image'] = null;
  if (item.imageAssetId) {
    const asset = src.asset(item.imageAssetId);
    if (asset.kind !== 'image') throw new StudioError({ code: 'UNSUPPORTED_TYPE', field: 'items', message: `“${asset.name}” is not an image.`, ...say('boxes.notAnImage', { name: asset.name }) });
    image = await thumbnail(path.join(src.libraryRoot, ...asset.file.split('/')), asset.name);
  }
  const character = item.characterId ? src.character(item.characterId) : null;
  const production_pack = item.meshModelId ? await packFacts(src.meshModel(item.meshModelId), src.libraryRoot) : null;
  return {
    name: item.name,
    tier: item.tier,
    odds_ppm: oddsPpm,
    stock: item.stock,
    character: character ? { id: character.id, name: character.name } : null,
    image,
    production_pack,
  };
}

/** The editor's draft as the cloud's SeriesInput: whole ppm odds, thumbnails, character names and pack facts. */
export async function seriesInput(draft: StudioSeriesDraft, src: SeriesSources): Promise<SeriesInput> {
  const ppm = percentsToPpm(draft.items.map((it) => it.oddsPercent));
  const items: SeriesItemInput[] = [];
  // One at a time: each may decode a large picture, and the editor holds at most 24 items.
  for (const [i, item] of draft.items.entries()) items.push(await itemInput(item, ppm[i]!, src));
  return {
    title: draft.title,
    description: draft.description,
    price: draft.price,
    daily_limit: draft.dailyLimit,
    starts_at: draft.startsAt,
    ends_at: draft.endsAt,
    guarantee: draft.guarantee,
    items,
  };
}
