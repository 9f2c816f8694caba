import sharp from 'sharp';
import type { Costume, PhotoVia } from '../../../shared/photo/requests.js';
import { photoModel } from '../../../shared/photo/estimate.js';
import { PHOTO_GATEWAY_GRANT, type PhotoGrant } from '../../../shared/photo/grant.js';
import type { JobContext } from '../../context.js';
import { providerFailedBecause } from '../../generation/providers/errors.js';
import { ASPECT_RATIOS, type AspectRatio, type ImageInput, type ImageResult } from '../../generation/providers/types.js';
import { forSending, referenceSheet } from './inputs.js';
import { withCallLimit } from './limits.js';
import { variantPrompt } from './prompts.js';
import { styledPrompt, type AppliedStyle } from '../../../shared/style/profile.js';
import { comfyStyleAdapter, loraTag, styleReferences } from '../../style/apply.js';
import { comfyProvider, onlineProvider } from './providers.js';

/**
 * One variant of a family photo from an image model (issue 15): the people
 * and the background go in as images, one prompt asks for the group with
 * every face kept, matched light and natural poses (and the costume, for a
 * makeover), with the variant's seed (1001–1004). Gemini and Seedream take
 * the images as a list; FLUX Kontext takes one image, so it gets a reference
 * sheet; ComfyUI gets them on its numbered LoadImage nodes. The fuse job
 * (src/workers/photo/fuse-job.ts) calls this once per seed and checks the faces.
 */

export type OnlineImageBackend = 'gemini' | 'seedream' | 'flux-kontext' | 'comfyui';

export interface OnlineVariantInput {
  task: 'fuse' | 'makeover';
  /** PNGs: one per person for a fuse; for a makeover the one family photo. */
  people: Buffer[];
  background: { bytes: Buffer; mimeType: string; description: string };
  costume?: Costume;
  seed: number;
  backend: OnlineImageBackend;
  via: PhotoVia;
  /** A ComfyUI workflow file in API format (backend `comfyui`; default: the one set in Settings). */
  workflow?: string;
  /** For a makeover: how many faces the check found in the family photo (the prompt names the number). */
  faces?: number;
  /**
   * The free tier on KingJam Cloud (photoGrantOf(payload), src/shared/photo/grant.ts): the call asks
   * the gateway for the platform-paid daily grant, so nothing is charged for it.
   */
  grant?: PhotoGrant;
  /** A locked Style-Locker style (issue 16): its fragment joins the prompt; Gemini and Seedream also get its references after the photos. */
  style?: AppliedStyle;
}

export interface OnlineVariant {
  bytes: Buffer;
  mimeType: string;
  provider: string;
  model: string;
}

/** A local ComfyUI run (mask → pose → face identity → generate) on the user's GPU takes minutes, not the 30 s an API call gets. */
export const COMFY_RUN_MS = 10 * 60_000;

const LABELS: Record<OnlineImageBackend, string> = { gemini: 'Gemini', seedream: 'Seedream', 'flux-kontext': 'FLUX Kontext', comfyui: 'ComfyUI' };

export async function makeVariantOnline(input: OnlineVariantInput, ctx: JobContext): Promise<OnlineVariant> {
  const sheet = input.backend === 'flux-kontext';
  const people = input.task === 'fuse' ? input.people.length : input.faces;
  const prompt = styledPrompt(variantPrompt({ task: input.task, people, background: input.background.description, costume: input.costume, sheet }), input.style);
  const images: ImageInput[] = sheet ? [await referenceSheet(input.people, input.background.bytes)] : await Promise.all([...input.people, input.background.bytes].map(forSending));
  // The variants keep their own seeds (4-choose-1); the style brings its references to the backends that take a list.
  if (input.style && (input.backend === 'gemini' || input.backend === 'seedream')) images.push(...(await styleReferences(input.style)));
  const aspectRatio = await nearestAspect(input.background.bytes);
  const label = LABELS[input.backend];

  let result: ImageResult;
  if (input.backend === 'comfyui') {
    const comfy = comfyProvider(ctx, input.workflow, COMFY_RUN_MS);
    // The people and background go to the workflow's numbered image nodes; a locked style's reference to IP-Adapter nodes the provider adds.
    // Its LoRA, when it names one, goes in as the prompt tag, as for every other ComfyUI generation (withStyle).
    const adapter = await comfyStyleAdapter(input.style);
    result = await withCallLimit(label, ctx.signal, (signal) => comfy.generateImage({ prompt: prompt + loraTag(input.style), images, seed: input.seed, aspectRatio, ...adapter }, { signal, jobId: ctx.jobId }), { timeoutMs: COMFY_RUN_MS });
  } else {
    const model = photoModel(input.backend);
    const provider = onlineProvider(model.upstream, input.via, ctx, undefined, input.grant ? PHOTO_GATEWAY_GRANT : undefined);
    const image = provider.image;
    if (!image) throw new Error(`${provider.id} makes no images`);
    result = await withCallLimit(label, ctx.signal, (signal) => image.generateImage({ model: model.id, prompt, images, seed: input.seed, aspectRatio }, { signal, jobId: ctx.jobId }));
  }
  const [first] = result.images;
  if (!first) throw providerFailedBecause(result.provider, 'noImage', true);
  return { bytes: first.bytes, mimeType: first.mimeType, provider: result.provider, model: result.model };
}

/** The model's aspect ratio nearest the background's, so the portrait is framed as the background is. */
async function nearestAspect(background: Buffer): Promise<AspectRatio> {
  const meta = await sharp(background).metadata();
  const ratio = (meta.width ?? 1) / (meta.height ?? 1);
  const value = (a: AspectRatio): number => {
    const [w, h] = a.split(':').map(Number) as [number, number];
    return w / h;
  };
  return [...ASPECT_RATIOS].sort((a, b) => Math.abs(Math.log(value(a) / ratio)) - Math.abs(Math.log(value(b) / ratio)))[0] ?? '1:1';
}
