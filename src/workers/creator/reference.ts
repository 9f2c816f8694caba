import type { z } from 'zod';
import type { characterJobKinds, ReferenceResult } from '../../shared/creator/jobs.js';
import { progressLabel } from '../../shared/progress-labels.js';
import type { JobContext } from '../context.js';
import { providerFailedBecause } from '../generation/providers/errors.js';
import { registryFor } from '../generation/registry.js';
import { saveResultPng } from '../photo/online/save.js';
import { variantNegative } from './variant-prompt.js';

/**
 * `character.reference` (issue 16): a first reference image of a character
 * drawn from its look by the studio's image providers (KingJam Cloud, the
 * user's Gemini or Replicate key, ComfyUI; offline draws a procedural design
 * with the name, labelled a draft), with the locked style's fragment, negative
 * prompt and seed when it has them. The picture is kept as a PNG with
 * AI-provenance XMP, as variants are.
 */
type ReferencePayload = z.output<(typeof characterJobKinds)['character.reference']['payload']>;

export function referencePrompt(p: Pick<ReferencePayload, 'name' | 'look' | 'style'>): string {
  return [
    `Character design reference sheet of ${p.name}: one original character, full body, standing in a neutral three-quarter pose, facing the viewer.`,
    p.look ? `Look: ${p.look}` : '',
    p.style?.promptFragment ? `Style: ${p.style.promptFragment}` : 'Clean illustration, clear silhouette, flat even lighting.',
    'Plain light background, one character only, no text, no watermark, no frame.',
  ]
    .filter(Boolean)
    .join(' ');
}

export async function drawReference(p: ReferencePayload, ctx: JobContext): Promise<ReferenceResult> {
  ctx.progress(0.05, progressLabel('generating'));
  const image = registryFor(ctx).resolve('image', { provider: p.provider });
  const result = await image.use.generateImage(
    {
      prompt: referencePrompt(p),
      negativePrompt: variantNegative(p.style),
      aspectRatio: '3:4',
      ...(p.style?.seed !== undefined && p.style.seed !== null ? { seed: p.style.seed } : {}),
      brief: { topic: p.name, headline: p.name, ...(p.look ? { subtitle: p.look.slice(0, 80) } : {}) },
    },
    { signal: ctx.signal, jobId: ctx.jobId },
  );
  const [first] = result.images;
  if (!first) throw providerFailedBecause(result.provider, 'noImage', true);
  const saved = await saveResultPng(first.bytes, p.out);
  ctx.progress(1, progressLabel('done'));
  return { path: saved.path, provider: result.provider, model: result.model, draft: result.draft };
}
