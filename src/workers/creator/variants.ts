import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { MAX_STYLE_REFERENCES, type characterJobKinds, type MadeVariant, type VariantBackend, type VariantsResult } from '../../shared/creator/jobs.js';
import { photoModel } from '../../shared/photo/estimate.js';
import { progressLabel } from '../../shared/progress-labels.js';
import type { JobContext } from '../context.js';
import { providerFailedBecause } from '../generation/providers/errors.js';
import { inputImageCount } from '../generation/providers/comfyui-workflow.js';
import type { ComfyUIProvider } from '../generation/providers/comfyui.js';
import type { ImageInput, ImageRequest, ImageResult } from '../generation/providers/types.js';
import { forSending, referenceSheet } from '../photo/online/inputs.js';
import { withCallLimit } from '../photo/online/limits.js';
import { comfyProvider, onlineProvider } from '../photo/online/providers.js';
import { saveResultPng } from '../photo/online/save.js';
import { comfyStyleAdapter, loraTag } from '../style/apply.js';
import { COMFY_RUN_MS } from '../photo/online/variant.js';
import { variantNegative, variantPrompt } from './variant-prompt.js';

/**
 * `character.variants` (issue 16, Pose & Variant Generator): the character in
 * a new pose, outfit or expression, N times, through an image-editing model —
 * Gemini's image model, Seedream or FLUX Kontext (KingJam Cloud credits or the
 * user's own key) or the user's ComfyUI workflow — on the photo studio's
 * online paths (its providers, call limit and retry, sending size and PNG
 * results with provenance). The character's reference images go in first,
 * then the locked style's reference images (on ComfyUI, through IP-Adapter
 * nodes: comfyInputs); the style's seed, when it fixes
 * one, makes the run reproducible (seed, seed+1, …).
 */
type VariantsPayload = z.output<(typeof characterJobKinds)['character.variants']['payload']>;

/** Seeds of a run when the style does not fix one (the photo studio's 1001… series, so runs are reproducible too). */
const FIRST_SEED = 1001;

const LABELS: Record<VariantBackend, string> = { gemini: 'Gemini', seedream: 'Seedream', 'flux-kontext': 'FLUX Kontext', comfyui: 'ComfyUI' };

export async function makeCharacterVariants(p: VariantsPayload, ctx: JobContext): Promise<VariantsResult> {
  ctx.progress(0.02, progressLabel('generating'));
  const references = await Promise.all(p.references.map((f) => fs.promises.readFile(f)));
  const styleRefs = await Promise.all((p.style?.referencePaths ?? []).slice(0, MAX_STYLE_REFERENCES).map((f) => fs.promises.readFile(f)));
  const sheet = p.backend === 'flux-kontext' && (references.length > 1 || styleRefs.length > 0);
  const images: ImageInput[] = sheet
    ? [await referenceSheet(references, styleRefs[0] ?? references[0]!)]
    : await Promise.all((p.backend === 'flux-kontext' ? references.slice(0, 1) : [...references, ...styleRefs]).map(forSending));
  const prompt = variantPrompt({
    name: p.name, look: p.look, kind: p.kind, instruction: p.instruction, sheet,
    references: p.backend === 'flux-kontext' ? 1 : references.length,
    style: p.backend === 'flux-kontext' && !sheet ? undefined : p.style,
  });
  const negativePrompt = variantNegative(p.style);
  const label = LABELS[p.backend];
  const made: MadeVariant[] = [];
  let provider = p.backend === 'comfyui' ? 'comfyui' : '';
  let model = '';
  let comfyExtras: Pick<ImageRequest, 'images' | 'characterAdapter' | 'styleAdapter'> | undefined;
  await fs.promises.mkdir(p.outDir, { recursive: true });
  for (let i = 0; i < p.count; i++) {
    const seed = (p.style?.seed ?? FIRST_SEED) + i;
    const request = { prompt, negativePrompt, images, seed, aspectRatio: '3:4' as const };
    let result: ImageResult;
    if (p.backend === 'comfyui') {
      const comfy = comfyProvider(ctx, p.workflow, COMFY_RUN_MS);
      comfyExtras ??= await comfyInputs(p, references, images, comfy);
      const withRefs = { ...request, prompt: prompt + loraTag(p.style), ...comfyExtras };
      result = await withCallLimit(label, ctx.signal, (signal) => comfy.generateImage(withRefs, { signal, jobId: ctx.jobId }), { timeoutMs: COMFY_RUN_MS });
    } else {
      const catalog = photoModel(p.backend);
      const image = onlineProvider(catalog.upstream as 'gemini' | 'replicate', p.via, ctx).image;
      if (!image) throw new Error(`${catalog.upstream} makes no images`);
      result = await withCallLimit(label, ctx.signal, (signal) => image.generateImage({ ...request, model: catalog.id }, { signal, jobId: `${ctx.jobId}-${i}` }));
    }
    const [first] = result.images;
    if (!first) throw providerFailedBecause(result.provider, 'noImage', true);
    provider = result.provider;
    model = result.model;
    const saved = await saveResultPng(first.bytes, path.join(p.outDir, `variant-${i + 1}-${seed}.png`));
    made.push({ path: saved.path, width: saved.width, height: saved.height, seed, prompt });
    ctx.progress(0.05 + (0.95 * (i + 1)) / p.count, progressLabel('generating'));
  }
  return { variants: made, provider, model };
}

/**
 * IP-Adapter weight of a character's references: strong enough to keep its
 * face, hair and outfit, under 1 so the new pose or expression the prompt
 * asks for can still move it (ComfyUI_IPAdapter_plus's own examples use 0.6–1).
 */
export const CHARACTER_ADAPTER_WEIGHT = 0.8;

/**
 * On ComfyUI the character's references travel through IP-Adapter nodes the
 * provider adds (any workflow with a sampler takes them), and so does the
 * locked style's reference when its carrier is an IP-Adapter (its LoRA goes
 * in as the prompt tag, as withStyle adds it); a workflow
 * with its own image nodes still gets the references there, as many as it
 * has nodes for.
 */
async function comfyInputs(p: VariantsPayload, references: Buffer[], images: ImageInput[], comfy: ComfyUIProvider): Promise<Pick<ImageRequest, 'images' | 'characterAdapter' | 'styleAdapter'>> {
  const workflow = comfy.config.workflows.image;
  const slots = workflow ? inputImageCount(workflow) : 0;
  return {
    images: images.slice(0, slots),
    characterAdapter: { images: await Promise.all(references.map(forSending)), weight: CHARACTER_ADAPTER_WEIGHT, characterName: p.name },
    ...(await comfyStyleAdapter(p.style)),
  };
}
