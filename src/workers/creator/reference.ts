import type { z } from 'zod';
import type { characterJobKinds, ReferenceResult } from '../../shared/creator/jobs.js';
import { progressLabel } from '../../shared/progress-labels.js';
import type { JobContext } from '../context.js';
import { providerFailedBecause } from '../generation/providers/errors.js';
import { registryFor } from '../generation/registry.js';
import { saveResultPng } from '../photo/online/save.js';
import { withStyle } from '../style/apply.js';
import { variantNegative } from './variant-prompt.js';

/**
 * `character.reference` (issue 16): a first reference image of a character
 * drawn from its look by the studio's image providers (KingJam Cloud, the
 * user's Gemini or Replicate key, ComfyUI; offline draws a procedural design
 * with the name, labelled a draft). A locked style is applied as for a blog
 * cover (withStyle): its fragment, negative prompt and seed, and what carries
 * it on the backend that draws — its references for Gemini and Seedream, its
 * LoRA tag and IP-Adapter on ComfyUI. The picture is kept as a PNG with
 * AI-provenance XMP, as variants are.
 */
type ReferencePayload = z.output<(typeof characterJobKinds)['character.reference']['payload']>;

/** The drawing asked for; a locked style's fragment is added after it by withStyle, which also replaces the default look. */
export function referencePrompt(p: Pick<ReferencePayload, 'name' | 'look' | 'style'>): string {
  return [
    `Character design reference sheet of ${p.name}: one original character, full body, standing in a neutral three-quarter pose, facing the viewer.`,
    p.look ? `Look: ${p.look}` : '',
    p.style?.promptFragment ? '' : 'Clean illustration, clear silhouette, flat even lighting.',
    'Plain light background, one character only, no text, no watermark, no frame.',
  ]
    .filter(Boolean)
    .join(' ');
}

export async function drawReference(p: ReferencePayload, ctx: JobContext): Promise<ReferenceResult> {
  ctx.progress(0.05, progressLabel('generating'));
  const image = registryFor(ctx).resolve('image', { provider: p.provider });
  const request = await withStyle(
    {
      prompt: referencePrompt(p),
      negativePrompt: variantNegative(),
      aspectRatio: '3:4',
      brief: { topic: p.name, headline: p.name, ...(p.look ? { subtitle: p.look.slice(0, 80) } : {}) },
    },
    p.style,
    image.provider.id,
    image.model,
  );
  const result = await image.use.generateImage(request, { signal: ctx.signal, jobId: ctx.jobId });
  const [first] = result.images;
  if (!first) throw providerFailedBecause(result.provider, 'noImage', true);
  const saved = await saveResultPng(first.bytes, p.out);
  ctx.progress(1, progressLabel('done'));
  return { path: saved.path, provider: result.provider, model: result.model, draft: result.draft };
}
