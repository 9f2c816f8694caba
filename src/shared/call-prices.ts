import type { GenPurpose } from './gateway.js';
import { currentModel, MODEL_CATALOG, type CatalogModel, type PriceRule, type Upstream } from './models.js';

/**
 * What one upstream call costs, from the catalogue's price rules: the most it
 * can cost (what is held before it runs) and what it did cost (what is
 * captured from what came back). The cloud gateway charges by these and the
 * studio estimates by these, so the estimate and the charge never disagree.
 */

/** Text calls that name no output ceiling get this one: the hold must have an upper bound. */
export const TEXT_OUTPUT_CAP = 8_192;
/** A prompt is never more tokens than it is UTF-8 bytes, so its byte length bounds its input tokens. */
export const PROMPT_BUDGET_BYTES = 24_000;

export interface TextUsage {
  inputTokens: number;
  /** Answer plus thinking tokens: both are billed as output. */
  outputTokens: number;
}

function tokensRule(model: CatalogModel): Extract<PriceRule, { unit: 'tokens' }> {
  if (model.price.unit !== 'tokens') throw new Error(`${model.id} is not priced by tokens`);
  return model.price;
}

function tokenCredits(rule: Extract<PriceRule, { unit: 'tokens' }>, input: number, output: number): number {
  return Math.max(rule.minimum, Math.ceil((input * rule.inputPerMillion + output * rule.outputPerMillion) / 1_000_000));
}

/** The most a text call can cost: every prompt byte a token, and the whole output ceiling used. */
export function textHoldCredits(model: CatalogModel, promptBytes: number, maxOutputTokens: number = TEXT_OUTPUT_CAP): number {
  return tokenCredits(tokensRule(model), promptBytes, Math.min(maxOutputTokens, TEXT_OUTPUT_CAP));
}

/** What a text call did cost, from the usage the service reported; never more than its hold. */
export function textChargeCredits(model: CatalogModel, usage: TextUsage, held: number): number {
  return Math.min(held, tokenCredits(tokensRule(model), usage.inputTokens, usage.outputTokens));
}

/** Images made by one call; a Director scene's still has its own price where the model sets one. */
export function imageCredits(model: CatalogModel, count: number, purpose?: GenPurpose): number {
  if (model.price.unit !== 'image') throw new Error(`${model.id} is not priced per image`);
  const each = purpose === 'director-scene' && model.price.perSceneStill !== undefined ? model.price.perSceneStill : model.price.perImage;
  return each * count;
}

/** One clip of `seconds` (Kling: `pro` mode at 1080p); undefined for a length the model does not sell. */
export function clipCredits(model: CatalogModel, seconds: number, pro = false): number | undefined {
  if (model.price.unit !== 'clip') throw new Error(`${model.id} is not priced per clip`);
  const table = pro && model.price.proBySeconds ? model.price.proBySeconds : model.price.bySeconds;
  return table[seconds];
}

/** Speech made by one call: each started minute. */
export function speechCredits(model: CatalogModel, seconds: number): number {
  if (model.price.unit !== 'speech-minute') throw new Error(`${model.id} is not priced per minute of speech`);
  return model.price.perMinute * Math.max(1, Math.ceil(seconds / 60));
}

/** 3D models made by one call (image → 3D makes one). */
export function modelCredits(model: CatalogModel, count: number): number {
  if (model.price.unit !== 'model') throw new Error(`${model.id} is not priced per 3D model`);
  return model.price.perModel * count;
}

/** The price table as the cloud publishes it (`GET /v1/gen/prices`) and the studio compares it. */
export interface PriceTable {
  models: { upstream: Upstream; id: string; capability: CatalogModel['capability']; price: PriceRule; status: CatalogModel['lifecycle']['status'] }[];
}

export function priceTable(): PriceTable {
  return { models: MODEL_CATALOG.map((m) => ({ upstream: m.upstream, id: m.id, capability: m.capability, price: m.price, status: m.lifecycle.status })) };
}

/** The models whose published price differs from ours (or that one side lacks): an estimate naming one is refused. */
export function priceDisagreements(published: PriceTable): string[] {
  const ours = priceTable().models;
  const key = (m: { upstream: string; id: string }) => `${m.upstream}:${m.id}`;
  const theirs = new Map(published.models.map((m) => [key(m), JSON.stringify(m.price)]));
  const out = ours.filter((m) => theirs.get(key(m)) !== JSON.stringify(m.price)).map(key);
  const known = new Set(ours.map(key));
  return [...out, ...published.models.map(key).filter((k) => !known.has(k))];
}

/** The model a call is charged as: a retired id is charged as the successor that answers it. */
export function chargedModel(upstream: Upstream, id: string): CatalogModel | undefined {
  return currentModel(upstream, id);
}
