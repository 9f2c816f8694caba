import path from 'node:path';
import fs from 'node:fs/promises';
import { z } from 'zod';
import { charCount, platformById, postText } from '../../shared/generate/platforms.js';
import { socialVariantSchema, type SocialRequest, type SocialResult } from '../../shared/generate/requests.js';
import { toneById } from '../../shared/generate/tones.js';
import type { JobPayload } from '../../shared/jobs/kinds.js';
import { creditsOn, PRICES, TEXT_CALLS, textCredits } from '../../shared/pricing.js';
import type { JobContext } from '../context.js';
import { cropToAspect } from '../media/image/index.js';
import type { AspectRatio } from './providers/index.js';
import { registryFor } from './registry.js';
import { progressLabel } from '../../shared/progress-labels.js';
import { withStyle } from '../style/apply.js';

/**
 * Three caption variants that fit the platform: its hashtag habit and its
 * hard limit are part of the schema, and the limit counts the caption and
 * its hashtags together, as the platform does (a model whose answer is over
 * gets the repair round, then an error; nothing over the limit is kept).
 */
export function variantsSchemaFor(platformId: SocialRequest['platform']) {
  const platform = platformById(platformId);
  // The caption's own bound leaves room for the tags (a hint to the model and the offline drafter).
  const tagRoom = platform.hashtags.max * 24;
  return z.object({
    variants: z
      .array(
        socialVariantSchema
          .extend({
            caption: z.string().trim().min(1).max(Math.max(40, platform.maxChars - tagRoom)),
            hashtags: socialVariantSchema.shape.hashtags.min(platform.hashtags.min).max(platform.hashtags.max),
          })
          .refine((v) => charCount(postText(v.caption, v.hashtags)) <= platform.maxChars, {
            message: `the caption and its hashtags together must be at most ${platform.maxChars} characters`,
            path: ['caption'],
          }),
      )
      .length(3),
  });
}

/** A social post: three caption variants for the platform and an image at the asked aspect. */
export async function generateSocial(p: JobPayload<'generate.social'>, ctx: JobContext): Promise<SocialResult> {
  const r = p.request;
  const platform = platformById(r.platform);
  const tone = toneById(r.tone);
  const registry = registryFor(ctx);
  const aspect = r.aspect ?? platform.defaultAspect;
  const brief = { topic: r.topic, tone: r.tone, language: r.language, keywords: r.keywords, form: 'caption' as const, length: platform.idealChars, ...(r.persona ? { persona: r.persona } : {}) };

  ctx.progress(0.1, progressLabel('writingCaptions'));
  const structured = registry.resolve('structured', r.text);
  const out = await structured.use.generateObject(
    {
      system: `You write social media posts. Tone: ${tone.label.en}. ${tone.guide}`,
      prompt: [
        `Write 3 different ${platform.label.en} posts about: ${r.topic}, in ${r.language}.`,
        `Each caption about ${platform.idealChars} characters (hard limit ${platform.maxChars} including hashtags).`,
        `Hashtags: ${platform.hashtags.habit} (${platform.hashtags.min}–${platform.hashtags.max}).`,
        r.keywords.length ? `Keywords: ${r.keywords.join(', ')}.` : '',
      ].filter(Boolean).join('\n'),
      schema: variantsSchemaFor(r.platform),
      schemaName: 'SocialVariants',
      brief,
    },
    { signal: ctx.signal, jobId: ctx.jobId },
  );
  const variants = out.value.variants.map((v) => {
    const hashtags = v.hashtags.map((h) => (h.startsWith('#') ? h : `#${h}`));
    return { caption: v.caption, hashtags, chars: charCount(postText(v.caption, hashtags)) };
  });

  let imagePath: string | null = null;
  let imageCost = 0;
  if (r.imageQuality !== 'none' && p.imageFile) {
    // The image the user picked from the library: cut to the platform's aspect, not marked as AI-made, nothing spent.
    ctx.progress(0.5, progressLabel('designingImage'));
    await fs.mkdir(p.outDir, { recursive: true });
    imagePath = path.join(p.outDir, `${r.platform}-${aspect.replace(':', 'x')}.png`);
    await cropToAspect(p.imageFile, { aspect, outPath: imagePath, aiGenerated: false });
  } else if (r.imageQuality !== 'none') {
    ctx.progress(0.5, progressLabel('designingImage'));
    const image = registry.resolve('image', r.image);
    const result = await image.use.generateImage(
      // A locked style named by the request (resolved by main into the payload) goes into the image's prompt.
      await withStyle({ prompt: `${r.topic}. Social media photo, ${aspect}. No text.`, aspectRatio: aspect as AspectRatio, quality: r.imageQuality, brief: { ...brief, headline: r.topic } }, p.style, image.provider.id, image.model),
      { signal: ctx.signal, jobId: ctx.jobId },
    );
    const first = result.images[0];
    if (first) {
      await fs.mkdir(p.outDir, { recursive: true });
      imagePath = path.join(p.outDir, `${r.platform}-${aspect.replace(':', 'x')}.png`);
      // Providers may round the aspect (Imagen has no 4:5): crop to exactly what the platform takes.
      await cropToAspect(first.bytes, { aspect, outPath: imagePath });
      imageCost = creditsOn(r.image.provider, PRICES.image[r.imageQuality]);
    }
  }
  ctx.progress(1, progressLabel('done'));
  return {
    platform: r.platform,
    variants,
    imagePath,
    aspect,
    draft: out.draft,
    // Credits only for what KingJam Cloud ran (own keys and local models cost none); main records what its gateway really captured.
    creditsUsed: creditsOn(r.text.provider, textCredits(r.text, TEXT_CALLS.captions)) + imageCost,
  };
}
