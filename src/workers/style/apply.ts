import fs from 'node:fs/promises';
import path from 'node:path';
import type { AppliedStyle } from '../../shared/style/profile.js';
import { styledNegative, styledPrompt } from '../../shared/style/profile.js';
import type { ImageInput, ImageRequest, ProviderId, StyleAdapter } from '../generation/providers/types.js';

/**
 * A locked style applied to one image request, for the backend that will
 * run it: the fragment after the prompt, the style's negative prompt added,
 * its fixed seed, and what carries the style there —
 *   Gemini (and Gemini models on KingJam Cloud): the references as input images;
 *   Seedream (on Replicate or the cloud): the references as input images;
 *   ComfyUI: the LoRA as a `<lora:NAME:STRENGTH>` prompt tag (read by
 *   prompt-LoRA loader nodes), and the first reference as `styleAdapter`,
 *   which the provider feeds to IP-Adapter nodes it adds to the graph (not
 *   as an input image: a workflow without a LoadImage node refuses any).
 * Reference images go after the request's own inputs, which keep their order.
 */
const MIME: Record<string, string> = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.webp': 'image/webp' };

export function takesReferences(provider: ProviderId, model: string | undefined): boolean {
  if (provider === 'gemini') return true;
  const m = (model ?? '').toLowerCase();
  return (provider === 'replicate' || provider === 'cloud') && (m.includes('seedream') || m.startsWith('gemini-'));
}

export async function withStyle(req: ImageRequest, style: AppliedStyle | undefined, provider: ProviderId, model?: string): Promise<ImageRequest> {
  if (!style) return req;
  let prompt = styledPrompt(req.prompt, style);
  if (provider === 'comfyui') prompt += loraTag(style);
  const negative = styledNegative(req.negativePrompt, style);
  const out: ImageRequest = { ...req, prompt, ...(negative ? { negativePrompt: negative } : {}), ...(style.seed !== null ? { seed: style.seed } : {}) };
  if (provider === 'comfyui') Object.assign(out, await comfyStyleAdapter(style));
  if (style.referencePaths.length && takesReferences(provider, model ?? req.model)) {
    const refs = await styleReferences(style);
    const own = req.images?.length ? req.images : req.image ? [req.image] : [];
    out.images = [...own, ...refs];
    delete out.image;
  }
  return out;
}

/** The style's LoRA as the ` <lora:NAME:STRENGTH>` prompt tag that prompt-LoRA loader nodes read; '' when it names none. */
export function loraTag(style: Pick<AppliedStyle, 'comfy'> | undefined): string {
  const lora = style?.comfy.lora;
  return lora ? ` <lora:${lora.name}:${lora.strength}>` : '';
}

/**
 * What a ComfyUI request carries for a locked style's IP-Adapter carrier:
 * its first reference (resolveLocked names it) and the weight, which the
 * provider wires into IP-Adapter nodes or says why it could not
 * (comfyui-ipadapter.ts); nothing when the style has no such carrier. Every
 * ComfyUI path that applies a style — blog, social, Director, the photo
 * studio, character references and variants — takes it from here.
 */
export async function comfyStyleAdapter(style: Pick<AppliedStyle, 'styleId' | 'name' | 'comfy'> | undefined): Promise<{ styleAdapter?: StyleAdapter }> {
  const ipAdapter = style?.comfy.ipAdapter;
  if (!style || !ipAdapter) return {};
  // A variant job's style may come without a name (LockedStyle defaults it to ''): the notice then names its id.
  return { styleAdapter: { image: await imageInput(ipAdapter.image), weight: ipAdapter.weight, styleName: style.name || style.styleId } };
}

async function imageInput(p: string): Promise<ImageInput> {
  return { bytes: await fs.readFile(p), mimeType: MIME[path.extname(p).toLowerCase()] ?? 'image/png' };
}

/** The style's reference images as input images. */
export function styleReferences(style: Pick<AppliedStyle, 'referencePaths'>): Promise<ImageInput[]> {
  return Promise.all(style.referencePaths.map(imageInput));
}
