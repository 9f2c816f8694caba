import { imageCredits, speechCredits, textChargeCredits, textHoldCredits, TEXT_OUTPUT_CAP } from '../../../../src/shared/call-prices.js';
import type { GenPurpose } from '../../../../src/shared/gateway.js';
import type { CatalogModel } from '../../../../src/shared/models.js';
import type { Metered } from '../exchange.js';
import type { GenUnits } from '../metering.js';

/**
 * What Gemini calls hold and cost, read from the request and the GenerateContentResponse
 * (https://ai.google.dev/api/generate-content): tokens from `usageMetadata`, images and audio
 * from the returned parts. Prompts and outputs are only measured, never kept.
 */

interface Part {
  text?: string;
  inlineData?: { mimeType?: string; data?: string };
}
interface Content {
  parts?: Part[];
}
export interface GenerateRequest {
  contents?: Content[] | Content;
  systemInstruction?: Content;
  generationConfig?: { maxOutputTokens?: number; candidateCount?: number; responseSchema?: unknown; responseJsonSchema?: unknown; [k: string]: unknown };
  [k: string]: unknown;
}
export interface GenerateResponse {
  candidates?: { content?: Content; finishReason?: string }[];
  promptFeedback?: { blockReason?: string };
  usageMetadata?: { promptTokenCount?: number; candidatesTokenCount?: number; thoughtsTokenCount?: number; toolUsePromptTokenCount?: number };
}

/** An inline media part (an image to edit, a frame) counts as at most this many input tokens (Gemini 3's high media resolution). */
const INLINE_PART_TOKENS = 1_120;
/** Speech is never slower than this many UTF-8 bytes of script per second (≈ 10 Latin letters or 3 CJK characters). */
const SPEECH_BYTES_PER_SECOND = 10;
/** A TTS answer is at most ~11 minutes of audio (its output token limit at 25 tokens a second). */
const SPEECH_MAX_SECONDS = 11 * 60;
const SAMPLING = ['temperature', 'topP', 'topK'] as const;
/** finishReasons meaning the answer was withheld by a filter. */
const FILTERED = new Set(['SAFETY', 'RECITATION', 'BLOCKLIST', 'PROHIBITED_CONTENT', 'SPII', 'IMAGE_SAFETY', 'IMAGE_PROHIBITED_CONTENT', 'IMAGE_RECITATION']);

function contents(body: GenerateRequest): Content[] {
  const c = body.contents;
  const list = Array.isArray(c) ? c : c ? [c] : [];
  return body.systemInstruction ? [...list, body.systemInstruction] : list;
}

/** UTF-8 bytes of every text part and schema, plus a fixed allowance per inline part: an upper bound of the input tokens. */
export function promptBytes(body: GenerateRequest): number {
  let bytes = 0;
  for (const c of contents(body)) {
    for (const p of c.parts ?? []) {
      if (typeof p.text === 'string') bytes += Buffer.byteLength(p.text, 'utf8');
      if (p.inlineData) bytes += INLINE_PART_TOKENS;
    }
  }
  const schema = body.generationConfig?.responseSchema ?? body.generationConfig?.responseJsonSchema;
  if (schema !== undefined) bytes += Buffer.byteLength(JSON.stringify(schema), 'utf8');
  return bytes;
}

/**
 * A text call's hold, after capping its output: a request without `maxOutputTokens` (or above the
 * cap) is sent with the cap, so what is held is a real ceiling of what it can cost.
 */
export function capTextOutput(body: GenerateRequest, model: CatalogModel): { body: GenerateRequest; hold: number } {
  const asked = body.generationConfig?.maxOutputTokens;
  const max = typeof asked === 'number' && asked > 0 ? Math.min(Math.floor(asked), TEXT_OUTPUT_CAP) : TEXT_OUTPUT_CAP;
  const config: Record<string, unknown> = { ...body.generationConfig, maxOutputTokens: max };
  // Models that refuse sampling parameters (3.6 on, the moving aliases) would answer 400: not sent.
  if (model.noSampling) for (const k of SAMPLING) delete config[k];
  const capped = { ...body, generationConfig: config };
  return { body: capped, hold: textHoldCredits(model, promptBytes(body), max) };
}

/** Images a call may make: one per candidate asked for (at most 4). */
export function imagesAsked(body: GenerateRequest): number {
  const n = body.generationConfig?.candidateCount;
  return typeof n === 'number' && n > 1 ? Math.min(Math.floor(n), 4) : 1;
}

/** What an image call holds: its images at the model's price (a Director scene's still at its own price). */
export function imageHold(body: GenerateRequest, model: CatalogModel, purpose: GenPurpose): number {
  return imageCredits(model, imagesAsked(body), purpose);
}

export function speechHold(body: GenerateRequest, model: CatalogModel): number {
  let bytes = 0;
  for (const c of contents(body)) for (const p of c.parts ?? []) if (typeof p.text === 'string') bytes += Buffer.byteLength(p.text, 'utf8');
  return speechCredits(model, Math.min(SPEECH_MAX_SECONDS, Math.ceil(bytes / SPEECH_BYTES_PER_SECOND)));
}

/** Why an answer was withheld (a blocked prompt or a filtered candidate), or null. */
export function filteredBy(r: GenerateResponse): string | null {
  if (r.promptFeedback?.blockReason) return r.promptFeedback.blockReason;
  const reasons = (r.candidates ?? []).map((c) => c.finishReason ?? '');
  return reasons.length > 0 && reasons.every((f) => FILTERED.has(f)) ? reasons[0]! : null;
}

export function textUnits(r: GenerateResponse): { input_tokens: number; output_tokens: number } {
  const u = r.usageMetadata ?? {};
  return { input_tokens: (u.promptTokenCount ?? 0) + (u.toolUsePromptTokenCount ?? 0), output_tokens: (u.candidatesTokenCount ?? 0) + (u.thoughtsTokenCount ?? 0) };
}

function parts(r: GenerateResponse): Part[] {
  return (r.candidates ?? []).flatMap((c) => c.content?.parts ?? []);
}

/** Seconds of 16-bit mono PCM in the audio parts, at the rate their mimeType names (`audio/L16;codec=pcm;rate=24000`). */
export function speechSeconds(r: GenerateResponse): number {
  let seconds = 0;
  for (const p of parts(r)) {
    const mime = p.inlineData?.mimeType ?? '';
    if (!mime.startsWith('audio/') || !p.inlineData?.data) continue;
    const rate = Number(/rate=(\d+)/.exec(mime)?.[1] ?? 24_000);
    seconds += Buffer.byteLength(p.inlineData.data, 'base64') / (2 * rate);
  }
  return seconds;
}

export function imagesIn(r: GenerateResponse): number {
  return parts(r).filter((p) => p.inlineData?.mimeType?.startsWith('image/') && p.inlineData.data).length;
}

/** The charge for a whole generateContent answer of a model of this capability. */
export function meterAnswer(model: CatalogModel, held: number, r: GenerateResponse, purpose: GenPurpose): Metered {
  if (filteredBy(r)) return { release: 'GEN_FILTERED', units: model.capability === 'text' ? textUnits(r) : {} };
  if (model.capability === 'image') {
    const images = imagesIn(r);
    return images === 0 ? { release: 'GEN_NO_OUTPUT', units: { images: 0 } } : { charge: Math.min(held, imageCredits(model, images, purpose)), units: { images } };
  }
  if (model.capability === 'speech') {
    const seconds = speechSeconds(r);
    return seconds === 0 ? { release: 'GEN_NO_OUTPUT', units: { speech_seconds: 0 } } : { charge: speechCredits(model, seconds), units: { speech_seconds: Math.round(seconds * 10) / 10 } };
  }
  const units = textUnits(r);
  return { charge: textChargeCredits(model, { inputTokens: units.input_tokens, outputTokens: units.output_tokens }, held), units };
}

export type { GenUnits };
