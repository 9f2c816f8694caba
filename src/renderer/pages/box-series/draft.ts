import { ODDS_SCALE, TIERS, type Tier } from '../../../shared/boxes/fair.js';
import type { z } from 'zod';
import type { seriesDraftSchema } from '../../../shared/api/boxes-contract.js';
import { BOX_LIMITS, type SeriesView } from '../../../shared/boxes/wire.js';

/** What boxes.saveSeries takes (a guarantee names rare or secret). */
export type SeriesDraft = z.input<typeof seriesDraftSchema>;

/** One item as the form holds it: numbers as typed, so a half-typed value is not lost. */
export interface ItemForm {
  key: string;
  name: string;
  tier: Tier;
  odds: string;
  unlimited: boolean;
  stock: string;
  characterId: string | null;
  imageAssetId: string | null;
  meshModelId: string | null;
}

export interface SeriesForm {
  title: string;
  description: string;
  price: string;
  dailyLimit: string;
  /** datetime-local values (the user's own clock). */
  startsAt: string;
  endsAt: string;
  guaranteeOn: boolean;
  guaranteeAfter: string;
  guaranteeTier: Exclude<Tier, 'regular'>;
  items: ItemForm[];
}

export type FormErrors = Partial<Record<'title' | 'price' | 'dailyLimit' | 'endsAt' | 'guarantee' | 'items' | 'odds', string>> & { item?: Record<string, 'name' | 'stock'> };

let keys = 0;
export const newKey = (): string => `item-${++keys}`;

/** A datetime-local value for `ms` in the browser's time zone. */
export function localInput(ms: number): string {
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
}

export function emptyItem(): ItemForm {
  return { key: newKey(), name: '', tier: 'regular', odds: '', unlimited: true, stock: '', characterId: null, imageAssetId: null, meshModelId: null };
}

export function emptyForm(now: number): SeriesForm {
  return { title: '', description: '', price: '100', dailyLimit: '10', startsAt: localInput(now), endsAt: '', guaranteeOn: false, guaranteeAfter: '10', guaranteeTier: 'rare', items: [] };
}

/**
 * A saved draft back in the form. The image and 3D model are not in the
 * cloud's view (it keeps a thumbnail and the pack's facts), so editing asks
 * for them again only where the user wants to change them: an item without a
 * new image keeps none — the editor says so next to it.
 */
export function formOf(s: SeriesView, sources: readonly Pick<ItemForm, 'imageAssetId' | 'meshModelId'>[] = []): SeriesForm {
  return {
    title: s.title,
    description: s.description,
    price: String(s.price),
    dailyLimit: String(s.daily_limit),
    startsAt: localInput(s.starts_at),
    endsAt: s.ends_at === null ? '' : localInput(s.ends_at),
    guaranteeOn: s.guarantee !== null,
    guaranteeAfter: String(s.guarantee?.after ?? 10),
    guaranteeTier: s.guarantee && s.guarantee.tier !== 'regular' ? s.guarantee.tier : 'rare',
    items: [...s.items]
      .sort((a, b) => a.position - b.position)
      .map((it, i) => ({
        key: newKey(),
        name: it.name,
        tier: it.tier,
        odds: String(it.odds_ppm / (ODDS_SCALE / 100)),
        unlimited: it.stock === null,
        stock: it.stock === null ? '' : String(it.stock),
        characterId: it.character?.id ?? null,
        imageAssetId: sources[i]?.imageAssetId ?? null,
        meshModelId: sources[i]?.meshModelId ?? null,
      })),
  };
}

/** The odds typed so far, in percent (four decimals, like the cloud's ppm). */
export function oddsTotal(items: readonly ItemForm[]): number {
  const ppm = items.reduce((s, it) => s + Math.round((Number(it.odds) || 0) * (ODDS_SCALE / 100)), 0);
  return ppm / (ODDS_SCALE / 100);
}

const wholeIn = (v: string, min: number, max: number): number | null => {
  const n = Number(v);
  return v.trim() !== '' && Number.isInteger(n) && n >= min && n <= max ? n : null;
};

/** The form checked as the contract will check it; the draft, or which fields to fix (as message keys). */
export function toDraft(f: SeriesForm): { draft: SeriesDraft | null; errors: FormErrors } {
  const errors: FormErrors = {};
  const price = wholeIn(f.price, 1, BOX_LIMITS.maxPrice);
  const dailyLimit = wholeIn(f.dailyLimit, 1, BOX_LIMITS.maxDailyLimit);
  const startsAt = f.startsAt ? new Date(f.startsAt).getTime() : NaN;
  const endsAt = f.endsAt ? new Date(f.endsAt).getTime() : null;
  const after = wholeIn(f.guaranteeAfter, 2, BOX_LIMITS.maxGuaranteeAfter);
  if (!f.title.trim()) errors.title = 'boxstudio.err.title';
  if (price === null) errors.price = 'boxstudio.err.price';
  if (dailyLimit === null) errors.dailyLimit = 'boxstudio.err.dailyLimit';
  if (!Number.isFinite(startsAt) || (endsAt !== null && !(endsAt > startsAt))) errors.endsAt = 'boxstudio.err.ends';
  if (f.guaranteeOn && after === null) errors.guarantee = 'boxstudio.err.guarantee';
  if (f.items.length < BOX_LIMITS.minItems || f.items.length > BOX_LIMITS.maxItems) errors.items = 'boxstudio.err.items';
  if (Math.abs(oddsTotal(f.items) - 100) > 0.0001 || f.items.some((it) => !(Number(it.odds) >= 0))) errors.odds = 'boxstudio.oddsTotal.bad';
  const item: Record<string, 'name' | 'stock'> = {};
  for (const it of f.items) {
    if (!it.name.trim()) item[it.key] = 'name';
    else if (!it.unlimited && wholeIn(it.stock, 0, BOX_LIMITS.maxStock) === null) item[it.key] = 'stock';
  }
  if (Object.keys(item).length > 0) errors.item = item;
  if (Object.keys(errors).length > 0) return { draft: null, errors };
  return {
    errors,
    draft: {
      title: f.title.trim(),
      description: f.description.trim(),
      price: price!,
      dailyLimit: dailyLimit!,
      startsAt,
      endsAt,
      guarantee: f.guaranteeOn ? { after: after!, tier: f.guaranteeTier } : null,
      items: f.items.map((it) => ({
        name: it.name.trim(),
        tier: it.tier,
        oddsPercent: Number(it.odds),
        stock: it.unlimited ? null : Number(it.stock),
        characterId: it.characterId,
        imageAssetId: it.imageAssetId,
        meshModelId: it.meshModelId,
      })),
    },
  };
}

export const GUARANTEE_TIERS = TIERS.filter((t): t is Exclude<Tier, 'regular'> => t !== 'regular');
