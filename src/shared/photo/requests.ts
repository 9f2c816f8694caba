import { z } from 'zod';
import { EFFECTS } from '../motion.js';
import { BACKGROUND_PRESETS } from './presets.js';
import { PHOTO_LIMITS } from './limits.js';

/**
 * What makes a photo: the offline compositor on this machine, the user's
 * ComfyUI workflow, or an image model — Gemini, or on Replicate ByteDance's
 * Seedream (the model behind 即梦) and FLUX Kontext as the second choice. The
 * image models run on KingJam Cloud (credits) or the user's own key.
 */
export const PHOTO_BACKENDS = ['offline', 'comfyui', 'gemini', 'seedream', 'flux-kontext'] as const;
export type PhotoBackend = (typeof PHOTO_BACKENDS)[number];

/** Who runs an image model: KingJam Cloud (credits) or the user's own Gemini / Replicate key (no credits). */
export const PHOTO_VIA = ['cloud', 'own-key'] as const;
export type PhotoVia = (typeof PHOTO_VIA)[number];

export function isLocalPhotoBackend(backend: PhotoBackend): boolean {
  return backend === 'offline' || backend === 'comfyui';
}

/** Free: one watermarked variant a day, no motion, no costume; paid: 4-choose-1, no watermark, motion, costume (seed §3.1.1). */
export const PHOTO_TIERS = ['free', 'paid'] as const;
export type PhotoTier = (typeof PHOTO_TIERS)[number];

/** The makeover's optional costume change (seed §3.2: 唐装 / 旗袍; issue: 汉服, 西装礼服). Image-editing models only. */
export const COSTUMES = ['tangzhuang', 'qipao', 'hanfu', 'formal'] as const;
export type Costume = (typeof COSTUMES)[number];

export const COSTUME_PROMPTS: Record<Costume, string> = {
  tangzhuang: 'a traditional Chinese Tang suit (唐装) in red and gold silk',
  qipao: 'an elegant qipao (旗袍) with a mandarin collar',
  hanfu: 'traditional Han Chinese hanfu (汉服) robes with wide sleeves',
  formal: 'formal Western evening wear: dark suits and evening gowns',
};

/** The paid image-to-video backends asked for minimal motion; `local` is the masked overlay the media worker draws. */
export const MOTION_BACKENDS = ['local', 'kling', 'veo', 'seedance'] as const;
export type MotionBackend = (typeof MOTION_BACKENDS)[number];

/** Old-photo repair: a face-restoration model on Replicate, or the user's ComfyUI workflow. */
export const REPAIR_BACKENDS = ['replicate', 'comfyui'] as const;
export type RepairBackend = (typeof REPAIR_BACKENDS)[number];

export const backgroundSchema = z.union([
  z.object({ preset: z.enum(BACKGROUND_PRESETS) }),
  /** The user's own background image (an absolute path on this machine). */
  z.object({ image: z.string().min(1) }),
]);
export type BackgroundChoice = z.infer<typeof backgroundSchema>;

export const photoEffectSchema = z.enum(EFFECTS);

/** How many variants a run makes: the free tier one, a paid run four. */
export function variantsFor(tier: PhotoTier): number {
  return tier === 'free' ? PHOTO_LIMITS.freeVariantsPerDay : PHOTO_LIMITS.paidVariants;
}
