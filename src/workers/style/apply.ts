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
  if (provider === 'comfyui' && style.comfy.lora) prompt += ` <lora:${style.comfy.lora.name}:${style.comfy.lora.strength}>`;
  const negative = styledNegative(req.negativePrompt, style);
  const out: ImageRequest = { ...req, prompt, ...(negative ? { negativePrompt: negative } : {}), ...(style.seed !== null ? { seed: style.seed } : {}) };
  if (provider === 'comfyui' && style.comfy.ipAdapter) out.styleAdapter = await styleAdapter(style, style.comfy.ipAdapter);
  if (style.referencePaths.length && takesReferences(provider, model ?? req.model)) {
    const refs = await styleReferences(style);
    const own = req.images?.length ? req.images : req.image ? [req.image] : [];
    out.images = [...own, ...refs];
    delete out.image;
  }
  return out;
}

/** What ComfyUI's IP-Adapter gets from a style: its first reference (resolveLocked names it) and the weight. */
export async function styleAdapter(style: Pick<AppliedStyle, 'name'>, ipAdapter: NonNullable<AppliedStyle['comfy']['ipAdapter']>): Promise<StyleAdapter> {
  return { image: await imageInput(ipAdapter.image), weight: ipAdapter.weight, styleName: style.name };
}

async function imageInput(p: string): Promise<ImageInput> {
  return { bytes: await fs.readFile(p), mimeType: MIME[path.extname(p).toLowerCase()] ?? 'image/png' };
}

/** The style's reference images as input images. */
export function styleReferences(style: Pick<AppliedStyle, 'referencePaths'>): Promise<ImageInput[]> {
  return Promise.all(style.referencePaths.map(imageInput));
}
