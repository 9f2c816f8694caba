import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { MAX_STYLE_REFERENCES, type characterJobKinds, type MadeVariant, type VariantBackend, type VariantsResult } from '../../shared/creator/jobs.js';
import { photoModel } from '../../shared/photo/estimate.js';
import { progressLabel } from '../../shared/progress-labels.js';
import type { JobContext } from '../context.js';
import { providerFailedBecause } from '../generation/providers/errors.js';
import type { ImageInput, ImageResult } from '../generation/providers/types.js';
import { forSending, referenceSheet } from '../photo/online/inputs.js';
import { withCallLimit } from '../photo/online/limits.js';
import { comfyProvider, onlineProvider } from '../photo/online/providers.js';
import { saveResultPng } from '../photo/online/save.js';
import { COMFY_RUN_MS } from '../photo/online/variant.js';
import { variantNegative, variantPrompt } from './variant-prompt.js';

/**
 * `character.variants` (issue 16, Pose & Variant Generator): the character in
 * a new pose, outfit or expression, N times, through an image-editing model —
 * Gemini's image model, Seedream or FLUX Kontext (KingJam Cloud credits or the
 * user's own key) or the user's ComfyUI workflow — on the photo studio's
 * online paths (its providers, call limit and retry, sending size and PNG
 * results with provenance). The character's reference images go in first,
 * then the locked style's reference images; the style's seed, when it fixes
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
  await fs.promises.mkdir(p.outDir, { recursive: true });
  for (let i = 0; i < p.count; i++) {
    const seed = (p.style?.seed ?? FIRST_SEED) + i;
    const request = { prompt, negativePrompt, images, seed, aspectRatio: '3:4' as const };
    let result: ImageResult;
    if (p.backend === 'comfyui') {
      const comfy = comfyProvider(ctx, p.workflow, COMFY_RUN_MS);
      result = await withCallLimit(label, ctx.signal, (signal) => comfy.generateImage(request, { signal, jobId: ctx.jobId }), { timeoutMs: COMFY_RUN_MS });
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
